// Plan Migration in the workbench: on the live demo mesh → VPC Lattice, the template and the
// report open beside it (untitled), the report summarises and names what does not carry over;
// Save to Folder… writes both; a second run on a Definitions mesh → Gateway API says what changed
// since its last run (nothing), and Show Side by Side draws the mesh's map next to the target's
// routing; the views idle afterwards.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";

const CALL_LINE = /\] (appmesh|servicediscovery|xray)\.(\w+)(?: \((.*)\))? (\S+) in [\d.]+ ms/;

describe("Plan Migration in the workbench", { timeout: 600_000 }, () => {
  let demo: DemoWorkbench;
  before(async () => {
    demo = await startDemoWorkbench("migration");
  });
  after(() => demo?.close());
  afterEach((t) => demo.afterEach(t));

  const calls = () => demo.server.outputLog("App Mesh").split("\n").filter((line) => CALL_LINE.test(line)).length;
  test("the live demo mesh → VPC Lattice: the template and the report open beside it; Save to Folder… writes them", async () => {
    const { workbench } = demo;
    await workbench.contextMenu(workbench.treeItem(workbench.viewPane("Meshes"), "demo"), "Plan Migration…");
    const lattice = workbench.quickPickRows().filter({ hasText: "Amazon VPC Lattice" }).first();
    await lattice.waitFor({ state: "visible", timeout: 30_000 });
    await lattice.click();
    const toast = workbench.page.locator(".notifications-toasts .notification-toast", { hasText: "Mesh demo → Amazon VPC Lattice" });
    await toast.waitFor({ state: "visible", timeout: 60_000 });
    assert.match(await toast.innerText(), /\d+ mapped, \d+ mapped with a change, \d+ not carried over/);
    const report = await workbench.page.locator(".editor-group-container.active .monaco-editor .view-lines").first().innerText();
    assert.match(report.replace(/\s+/g, " "), /# Migrating mesh demo to Amazon VPC Lattice/, "the report in front");
    await workbench.screenshot("migration-lattice-opened");
    await toast.locator(".monaco-button", { hasText: "Save to Folder…" }).click();
    const accept = workbench.page.locator(".quick-input-widget .monaco-button", { hasText: "Save Here" });
    await accept.waitFor({ state: "visible", timeout: 30_000 });
    await accept.click();
    const template = join(demo.workspace, "demo-vpc-lattice.yaml");
    const saved = join(demo.workspace, "demo-migration-report.md");
    for (let i = 0; i < 60 && !(existsSync(template) && existsSync(saved)); i++) await new Promise((r) => setTimeout(r, 250));
    assert.ok(existsSync(template) && existsSync(saved), "both files written");
    assert.match(readFileSync(template, "utf8"), /Type: AWS::VpcLattice::Rule/);
    const text = readFileSync(saved, "utf8");
    assert.match(text, /^# Migrating mesh demo to Amazon VPC Lattice/);
    assert.match(text, /## Not carried over \(\d+\)[\s\S]*VirtualGateway ingress-gw/);
    assert.match(text, /## Cut-over order/);
    await workbench.screenshot("migration-lattice-saved");
  });

  test("a Definitions mesh → Gateway API twice: the second report says nothing changed since the first; side by side with the mesh's map; then idle", async () => {
    const { workbench } = demo;
    const definitions = workbench.viewPane("Definitions");
    for (let run = 0; run < 2; run++) {
      await workbench.contextMenu(workbench.treeItem(definitions, "color-app"), "Plan Migration…");
      const gateway = workbench.quickPickRows().filter({ hasText: "Gateway API" }).first();
      await gateway.waitFor({ state: "visible", timeout: 30_000 });
      await gateway.click();
      const toast = workbench.page.locator(".notifications-toasts .notification-toast", { hasText: "Mesh color-app → Gateway API" });
      await toast.first().waitFor({ state: "visible", timeout: 60_000 });
      if (run === 1) break;
      // Dismissed, so that the next run's toast is the next run's.
      await toast.first().hover();
      await toast.first().locator(".codicon-notifications-clear, .codicon-close").first().click();
      await toast.first().waitFor({ state: "hidden", timeout: 10_000 });
    }
    // The report in front, in the same group as every run's files (one group beside the views' editor).
    assert.equal(await workbench.page.locator(".editor-group-container").count(), 2, "one group for the generated files");
    const front = await workbench.page.locator(".editor-group-container.active .monaco-editor .view-lines").first().innerText();
    assert.match(front.replace(/\s+/g, " "), /# Migrating mesh color-app to Gateway API/);
    assert.match(front.replace(/\s+/g, " "), /Since the last run: no change\./);
    await workbench.screenshot("migration-gateway-api-rerun");
    // Side by side: the mesh's own map on the left, the Gateway API routing on the right, weights as set.
    await workbench.page.locator(".notifications-toasts .notification-toast", { hasText: "Mesh color-app → Gateway API" }).locator(".monaco-button", { hasText: "Show Side by Side" }).click();
    await workbench.page.locator(".tabs-container .tab", { hasText: "Migration Map: color-app → Gateway API" }).waitFor({ state: "visible", timeout: 60_000 });
    await workbench.page.locator(".tabs-container .tab", { hasText: "Service Map: color-app" }).waitFor({ state: "visible", timeout: 60_000 });
    const frames = workbench.page.locator("iframe.webview.ready:visible");
    await new Promise((r) => setTimeout(r, 1_000));
    const maps: string[] = [];
    for (let i = 0; i < (await frames.count()); i++) {
      const app = frames.nth(i).contentFrame().locator("#active-frame").contentFrame();
      await app.locator(".map-content g.node").first().waitFor({ state: "visible", timeout: 90_000 });
      maps.push((await app.locator(".map-content").innerText()).replace(/\s+/g, " "));
    }
    assert.equal(maps.length, 2, "two maps on screen");
    assert.ok(maps.some((m) => /HTTPRoute color/.test(m) && /Service color-blue/.test(m) && /% set/.test(m)), `the target's routing with weights: ${maps.join(" | ").slice(0, 400)}`);
    assert.ok(maps.some((m) => /color-router/.test(m)), "the mesh's own routing");
    await workbench.screenshot("migration-side-by-side");

    const settled = calls();
    await new Promise((r) => setTimeout(r, 10_000));
    assert.equal(calls(), settled, "no AWS calls while left alone");
  });
});
