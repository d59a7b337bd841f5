// Live ↔ files in the workbench, in a workspace without the demo mesh's own files: Save as
// Definitions writes the live demo mesh as Kubernetes manifests into the workspace folder; the Definitions view
// then shows every one of its 17 resources the same as live (the round trip loses nothing). A
// colleague then moves the canary's weights live (another client, over HTTP): after a refresh the
// route differs from live, and Update File from Live rewrites just the two weight lines of the
// manifest (the file's comments stay), after which it is the same as live again; the view idles.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { AppMeshClient, DescribeRouteCommand, UpdateRouteCommand } from "@aws-sdk/client-app-mesh";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";

const CALL_LINE = /\] (appmesh|servicediscovery|xray)\.(\w+)(?: \((.*)\))? (\S+) in [\d.]+ ms/;

describe("live ↔ files in the workbench", { timeout: 600_000 }, () => {
  let demo: DemoWorkbench;
  before(async () => {
    demo = await startDemoWorkbench("saveas", {}, { omit: ["demo"] });
  });
  after(() => demo?.close());
  afterEach((t) => demo.afterEach(t));

  const target = () => demo.workspace;
  const calls = () => demo.server.outputLog("App Mesh").split("\n").filter((line) => CALL_LINE.test(line)).length;

  test("the demo mesh saved as Kubernetes manifests shows all 17 resources same as live", async () => {
    const { workbench } = demo;
    const meshes = workbench.viewPane("Meshes");
    await workbench.contextMenu(workbench.treeItem(meshes, "demo"), "Save as Definitions…");
    const dialect = workbench.quickPickRows().filter({ hasText: "Kubernetes manifests" }).first();
    await dialect.waitFor({ state: "visible", timeout: 30_000 });
    await dialect.click();
    // code-server's folder dialog is a quick input; it opens at the workspace folder: save there.
    // (Typing another path races the dialog's own resolution of it.)
    const dialog = workbench.page.locator(".quick-input-widget");
    const accept = dialog.locator(".monaco-button", { hasText: "Save Here" });
    await accept.waitFor({ state: "visible", timeout: 30_000 });
    await accept.click();
    await workbench.page.locator(".notifications-toasts", { hasText: "Saved demo as Kubernetes manifest files" }).waitFor({ state: "visible", timeout: 60_000 });
    const files = readdirSync(target()).sort();
    assert.ok(files.includes("mesh.yaml") && files.includes("virtual-routers.yaml"), files.join(", "));

    // Room for all 17 rows (the tree draws only the rows it shows): fold the Meshes view away.
    const meshesHeader = meshes.locator(".pane-header").first();
    for (let attempt = 0; attempt < 5 && (await meshesHeader.getAttribute("aria-expanded")) !== "false"; attempt++) {
      await meshesHeader.locator("h3.title").click();
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(await meshesHeader.getAttribute("aria-expanded"), "false", "the Meshes view folded");
    const definitions = workbench.viewPane("Definitions");
    await workbench.treeItem(definitions, "demo").waitFor({ state: "visible", timeout: 60_000 });
    assert.match((await workbench.treeItem(definitions, "demo").innerText()).replace(/\s+/g, " "), /17 resources/);
    await workbench.expand(definitions, "demo");
    for (const category of ["Virtual nodes", "Virtual routers", "Virtual services", "Virtual gateways"]) await workbench.expand(definitions, category);
    await workbench.expand(definitions, "color-router");
    await workbench.expand(definitions, "ingress-gw");
    await workbench.treeItem(definitions, "color-canary").locator(".label-description", { hasText: "same as live" }).waitFor({ state: "visible", timeout: 60_000 });
    const descriptions = await definitions.locator(".monaco-list-row .label-description").allInnerTexts();
    const same = descriptions.filter((d) => /same as live/.test(d)).length;
    assert.equal(same, 17, `every resource same as live:\n${descriptions.join("\n")}`);
    assert.equal(descriptions.filter((d) => /differs from live|not in the live mesh|only in the live mesh/.test(d)).length, 0);
    await workbench.screenshot("saveas-demo-same-as-live");
  });

  test("after a live change, Update File from Live rewrites just the two weights and the route is the same as live again", async () => {
    const { workbench } = demo;
    const routers = join(target(), "virtual-routers.yaml");
    const before = readFileSync(routers, "utf8");
    // A colleague moves the canary to 70/30 with the AWS SDK (not through this window).
    const colleague = new AppMeshClient({ region: "us-east-1", endpoint: demo.sandbox.url, credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: "other" } });
    try {
      const { route } = await colleague.send(new DescribeRouteCommand({ meshName: "demo", virtualRouterName: "color-router", routeName: "color-canary" }));
      const spec = route!.spec!;
      spec.httpRoute!.action!.weightedTargets = spec.httpRoute!.action!.weightedTargets!.map((t) => ({ ...t, weight: t.virtualNode === "color-v1" ? 70 : 30 }));
      await colleague.send(new UpdateRouteCommand({ meshName: "demo", virtualRouterName: "color-router", routeName: "color-canary", spec }));
    } finally {
      colleague.destroy();
    }
    const definitions = workbench.viewPane("Definitions");
    await definitions.hover();
    await definitions.locator(".actions .action-label[aria-label^='Refresh']").first().click();
    const canary = workbench.treeItem(definitions, "color-canary");
    await canary.locator(".label-description", { hasText: "differs from live" }).waitFor({ state: "visible", timeout: 60_000 });
    await workbench.contextMenu(canary, "Update File from Live");
    const dialog = workbench.page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    const question = await dialog.innerText();
    assert.match(question, /Update virtual-routers\.yaml from live\? Route color-canary: 2 members/);
    assert.match(question, /weightedTargets\[0\]\.weight: 90 → 70/);
    assert.match(question, /weightedTargets\[1\]\.weight: 10 → 30/);
    await workbench.screenshot("update-from-live-preview");
    await dialog.getByRole("button", { name: "Update File" }).click();
    const save = workbench.page.locator(".notifications-toasts .notification-toast", { hasText: "Updated Route color-canary in virtual-routers.yaml" }).locator(".monaco-button", { hasText: "Save" });
    await save.waitFor({ state: "visible", timeout: 30_000 });
    await save.click();
    for (let i = 0; i < 40 && readFileSync(routers, "utf8") === before; i++) await new Promise((r) => setTimeout(r, 250));
    const afterLines = readFileSync(routers, "utf8").split("\n");
    const changed = before.split("\n").flatMap((line, i) => (line !== afterLines[i] ? [`${line.trim()} → ${afterLines[i]?.trim()}`] : []));
    assert.deepEqual(changed, ["weight: 90 → weight: 70", "weight: 10 → weight: 30"]);
    assert.ok(afterLines[0].startsWith("# "), "the file's header comment stays");
    await canary.locator(".label-description", { hasText: "same as live" }).waitFor({ state: "visible", timeout: 60_000 });
    await workbench.screenshot("update-from-live-same-again");
    // Left alone, nothing more is asked of AWS.
    const settled = calls();
    await new Promise((r) => setTimeout(r, 10_000));
    assert.equal(calls(), settled, "idle after the update");
  });
});
