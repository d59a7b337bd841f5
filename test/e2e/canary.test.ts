// Canary promotion in the real workbench: right-click the demo's color-canary route → Promote
// Canary… → the next step, confirmed in a modal naming what changes; the Meshes view shows the new
// weights and an open service map's split follows. Then the code lens above a Kubernetes router's
// weightedTargets promotes in the file: a diff preview, and the saved file differs only in weights.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import type { FrameLocator } from "playwright-core";
import { weightedTargets } from "../../src/model/routeSemantics";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";

describe("canary promotion in the workbench", { timeout: 600_000 }, () => {
  let demo: DemoWorkbench;
  before(async () => {
    demo = await startDemoWorkbench("canary");
    demo.sandbox.clock.advance(-300_000);
    await fetch(`${demo.sandbox.url}/_sandbox/tick?seconds=300`, { method: "POST" });
  });
  after(() => demo?.close());
  afterEach((t) => demo.afterEach(t));

  const mapFrame = (): FrameLocator => demo.workbench.page.locator("iframe.webview.ready:visible").contentFrame().locator("#active-frame").contentFrame();
  const liveWeights = () => weightedTargets(demo.sandbox.store.get("Route", "demo", "color-router", "color-canary")!.spec).map((t) => t.weight);

  test("Promote Canary… on a route takes the next step; the tree and the open map show it", async () => {
    const { workbench } = demo;
    const meshes = workbench.viewPane("Meshes");
    await workbench.contextMenu(workbench.treeItem(meshes, "demo"), "Show Service Map");
    await mapFrame().locator(".map-content g.edgeLabel", { hasText: "10 % set" }).first().waitFor({ state: "visible", timeout: 90_000 });

    await workbench.expand(meshes, "demo");
    await workbench.expand(meshes, "Virtual routers");
    await workbench.expand(meshes, "color-router");
    const route = workbench.treeItem(meshes, "color-canary");
    await workbench.contextMenu(route, "Promote Canary…");
    const step = workbench.quickPickRows().filter({ hasText: "Next Step" }).first();
    await step.waitFor({ state: "visible", timeout: 30_000 });
    assert.match(await step.innerText(), /color-v2 to 25 %/);
    assert.match(await step.innerText(), /color-v1 90 → 75 · color-v2 10 → 25/);
    await workbench.screenshot("canary-plan");
    await step.click();
    const dialog = workbench.page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    const text = await dialog.innerText();
    assert.match(text, /Mesh demo · router color-router · route color-canary/);
    assert.match(text, /color-v1 90 → 75 · color-v2 10 → 25/);
    await workbench.screenshot("canary-confirm");
    assert.deepEqual(liveWeights(), [90, 10], "nothing written before the confirmation");
    await dialog.getByRole("button", { name: "Set Weights" }).click();
    await route.locator(".label-description", { hasText: "color-v1 75% · color-v2 25%" }).waitFor({ state: "visible", timeout: 30_000 });
    assert.deepEqual(liveWeights(), [75, 25]);
    await workbench.page.locator(".tabs-container .tab", { hasText: "Service Map: demo" }).click();
    await mapFrame().locator(".map-content g.edgeLabel", { hasText: "25 % set" }).first().waitFor({ state: "visible", timeout: 60_000 });
    await workbench.screenshot("canary-after-step");
  });

  test("from the service map, Promote Canary… on the canary's edge rolls it back", async () => {
    const { workbench } = demo;
    const map = mapFrame();
    await map.locator(".map-content g.edgeLabel", { hasText: "25 % set" }).first().click();
    await map.locator(".details button.promote-canary").click();
    const back = workbench.quickPickRows().filter({ hasText: "Roll Back" }).first();
    await back.waitFor({ state: "visible", timeout: 30_000 });
    await back.click();
    const dialog = workbench.page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    assert.match(await dialog.innerText(), /color-v1 75 → 100 · color-v2 25 → 0/);
    await dialog.getByRole("button", { name: "Set Weights" }).click();
    for (let i = 0; i < 60 && liveWeights().join() !== "100,0"; i++) await new Promise((r) => setTimeout(r, 250));
    assert.deepEqual(liveWeights(), [100, 0]);
    await mapFrame().locator(".map-content g.edgeLabel", { hasText: "0 % set" }).first().waitFor({ state: "visible", timeout: 60_000 });
    await workbench.screenshot("canary-rolled-back-from-map");
  });

  test("the code lens promotes a Kubernetes router in its file: only the weight lines change", async () => {
    const { workbench } = demo;
    const file = join(demo.workspace, "kubernetes", "color-app.yaml");
    const before = readFileSync(file, "utf8");
    await workbench.openFile("color-app.yaml");
    await workbench.goToLine(237, 1);
    const lens = workbench.page.locator(".codelens-decoration a", { hasText: "white 20 %" }).first();
    await lens.waitFor({ state: "visible", timeout: 60_000 });
    await lens.click();
    const step = workbench.quickPickRows().filter({ hasText: "Next Step" }).first();
    await step.waitFor({ state: "visible", timeout: 30_000 });
    await step.click();
    const dialog = workbench.page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("canary-file-preview");
    await dialog.getByRole("button", { name: "Edit File" }).click();
    const save = workbench.page.locator(".notifications-toasts .monaco-button", { hasText: "Save" }).first();
    await save.waitFor({ state: "visible", timeout: 30_000 });
    await save.click();
    for (let i = 0; i < 40 && readFileSync(file, "utf8") === before; i++) await new Promise((r) => setTimeout(r, 250));
    const after = readFileSync(file, "utf8").split("\n");
    const changed = before.split("\n").flatMap((line, i) => (line !== after[i] ? [`${line.trim()} → ${after[i]?.trim()}`] : []));
    assert.deepEqual(changed, ["weight: 80 → weight: 75", "weight: 20 → weight: 25"]);
    await workbench.screenshot("canary-file-saved");
  });
});
