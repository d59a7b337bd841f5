// The explorer in the real workbench against the sandbox: live meshes with route weights, a
// context-menu action, a route as a Kubernetes manifest, the filter, an error that stays under the
// forbidden mesh, drift in the Definitions view (the sample workspace defines the demo mesh with
// the canary at 50/50 where the live mesh has 90/10), Compare, and Apply creating a mesh from a file.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";
import type { Workbench } from "../workbench/workbench";

const NEW_MESH = `meshName: e2e-applied
spec:
  egressFilter: { type: ALLOW_ALL }
---
meshName: e2e-applied
virtualNodeName: hello
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
  serviceDiscovery:
    dns: { hostname: hello.local }
`;

describe("App Mesh explorer in the real workbench, against the sandbox", { timeout: 420_000 }, () => {
  let demo: DemoWorkbench;
  let sandbox: Sandbox;
  let workbench: Workbench;

  before(async () => {
    demo = await startDemoWorkbench("explorer", { "cli/new-mesh.appmesh.yaml": NEW_MESH });
    ({ sandbox, workbench } = demo);
  });
  afterEach((t) => demo?.afterEach(t));
  after(() => demo?.close());

  test("the Meshes view shows the demo mesh, its categories and the route weights", async () => {
    const meshes = workbench.viewPane("Meshes");
    await workbench.treeItem(meshes, "demo").waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await workbench.treeItem(meshes, "payments").count(), 1, "the second mesh is listed");
    await workbench.expand(meshes, "demo");
    for (const category of ["Virtual services", "Virtual routers", "Virtual nodes", "Virtual gateways"]) {
      await workbench.treeItem(meshes, category).first().waitFor({ state: "visible", timeout: 30_000 });
    }
    await workbench.expand(meshes, "Virtual routers");
    await workbench.expand(meshes, "color-router");
    const route = workbench.treeItem(meshes, "color-canary");
    await route.waitFor({ state: "visible", timeout: 30_000 });
    await route.locator(".label-description", { hasText: "color-v1 90% · color-v2 10%" }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench.expand(meshes, "Virtual nodes");
    await workbench.treeItem(meshes, "color-v2").locator(".label-description", { hasText: "Cloud Map" }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("explorer-meshes");
  });

  test("Show Details from the context menu opens the route as read-only YAML", async () => {
    const meshes = workbench.viewPane("Meshes");
    await workbench.treeItem(meshes, "color-canary").click({ button: "right" });
    const menu = workbench.page.locator(".context-view .monaco-menu");
    await menu.waitFor({ state: "visible" });
    assert.match(await menu.innerText(), /Show Details[\s\S]*Copy ARN[\s\S]*Delete/);
    await workbench.clickMenuItem("Show Details");
    const editor = workbench.page.locator(".monaco-editor .view-lines").first();
    await editor.locator("text=weightedTargets").first().waitFor({ state: "visible", timeout: 30_000 });
    const text = (await editor.innerText()).replace(/\u00a0/g, " "); // the editor renders spaces as no-break spaces
    assert.match(text, /routeName: color-canary/);
    assert.match(text, /virtualNode: color-v2/);
    await workbench.screenshot("explorer-show-details");
  });

  test("Show Details as Kubernetes shows the route inside its VirtualRouter", async () => {
    // The details editor from the previous test is active; its title bar offers the other dialects.
    await workbench.page.locator('.editor-actions .action-label[aria-label="View as Kubernetes Manifest"]').first().click();
    const editor = workbench.page.locator(".monaco-editor .view-lines").first();
    await editor.locator("text=kind: VirtualRouter").first().waitFor({ state: "visible", timeout: 30_000 });
    const text = (await editor.innerText()).replace(/\u00a0/g, " ");
    assert.match(text, /routes:/, "the router holds its routes inline");
    assert.match(text, /name: color-canary/);
    assert.match(text, /virtualNodeRef:/, "targets are Kubernetes references");
    assert.match(text, /weight: 90/);
    await workbench.screenshot("explorer-details-kubernetes-route");
  });

  test("the filter shows only matching names, says so, and clears", async () => {
    const meshes = workbench.viewPane("Meshes");
    await workbench.runCommand("App Mesh: Filter Meshes View");
    await workbench.page.locator(".quick-input-widget input").fill("color-v");
    await workbench.page.keyboard.press("Enter");
    await meshes.locator(".pane-header", { hasText: "filter: color-v" }).waitFor({ state: "visible", timeout: 15_000 });
    await workbench.treeItem(meshes, "color-v2").waitFor({ state: "visible", timeout: 30_000 });
    // The redraw follows the filter: the router (no match) goes, and its routes with it.
    await workbench.treeItem(meshes, "color-canary").waitFor({ state: "detached", timeout: 15_000 });
    await meshes.locator(".label-description", { hasText: "2 of 5" }).first().waitFor({ state: "visible", timeout: 15_000 });
    assert.equal(await workbench.treeItem(meshes, "No match for the filter").count(), 0, "no empty-category rows");
    assert.equal(await workbench.treeItem(meshes, "Virtual services").count(), 0, "categories without a match are hidden");
    await workbench.screenshot("explorer-filtered");
    await workbench.runCommand("App Mesh: Clear Meshes Filter");
    await workbench.treeItem(meshes, "Virtual services").waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await meshes.locator(".pane-header", { hasText: "filter:" }).count(), 0, "the view no longer says a filter is on");
    // What the filter hid comes back collapsed (the workbench forgets hidden rows' state); open it again for the next tests.
    await workbench.expand(meshes, "Virtual routers");
    await workbench.expand(meshes, "color-router");
    await workbench.treeItem(meshes, "color-canary").waitFor({ state: "visible", timeout: 30_000 });
  });

  test("Reveal Referenced Resource on a route selects the target node in the tree", async () => {
    const meshes = workbench.viewPane("Meshes");
    await workbench.treeItem(meshes, "color-canary").click({ button: "right" });
    await workbench.clickMenuItem("Reveal Referenced Resource");
    const pick = workbench.quickPickRows().filter({ hasText: "color-v2" }).first();
    await pick.waitFor({ state: "visible", timeout: 15_000 });
    await pick.click();
    const target = workbench.treeItem(meshes, "color-v2");
    await workbench.page.waitForFunction((el) => el?.getAttribute("aria-selected") === "true", await target.elementHandle(), { timeout: 15_000 });
    await workbench.screenshot("explorer-reveal-target");
  });

  test("a forbidden mesh shows its error item while the other mesh loads", async () => {
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ forbiddenMeshes: ["payments"] }) });
    const meshes = workbench.viewPane("Meshes");
    await workbench.collapseAll(meshes);
    await workbench.expand(meshes, "payments");
    // The mesh's categories list lazily: the first one opened meets the denial, under itself.
    await workbench.expand(meshes, "Virtual nodes");
    await workbench.treeItem(meshes, "Access denied").waitFor({ state: "visible", timeout: 30_000 });
    await workbench.expand(meshes, "demo");
    await workbench.expand(meshes, "Virtual routers");
    await workbench.expand(meshes, "color-router");
    await workbench.treeItem(meshes, "color-canary").waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("explorer-forbidden-mesh");
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ forbiddenMeshes: [] }) });
  });

  test("the Definitions view marks drift against the live mesh", async () => {
    const definitions = workbench.viewPane("Definitions");
    await workbench.treeItem(definitions, "demo").waitFor({ state: "visible", timeout: 60_000 });
    await workbench.expand(definitions, "demo");
    const canary = workbench.treeItem(definitions, "color-canary");
    await canary.locator(".label-description", { hasText: "differs from live" }).waitFor({ state: "visible", timeout: 60_000 });
    // Key order differs from AWS's answer in some files; only the canary's weights are a real difference.
    await workbench.treeItem(definitions, "color-router").locator(".label-description", { hasText: "same as live" }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("definitions-drift");

    await canary.click({ button: "right" });
    await workbench.clickMenuItem("Compare with Live Resource");
    const diff = workbench.page.locator(".monaco-diff-editor").first();
    await diff.waitFor({ state: "visible", timeout: 30_000 });
    await diff.locator(".editor.original .view-lines", { hasText: "90" }).waitFor({ state: "visible", timeout: 15_000 });
    const modified = (await diff.locator(".editor.modified .view-lines").innerText()).replace(/\u00a0/g, " ");
    assert.match(modified, /weight: 50/, "the workspace side holds the definition's weights");
    await workbench.screenshot("definitions-drift-diff");
  });

  test("Apply creates a mesh from a file, and the Meshes view shows it", async () => {
    await workbench.openFile("new-mesh.appmesh.yaml");
    await workbench.runCommand("App Mesh: Apply to Mesh…");
    const dialog = workbench.page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    assert.match(await dialog.innerText(), /Apply to mesh "e2e-applied".*2 to create, 0 to update, 0 unchanged/s);
    await workbench.screenshot("apply-confirmation");
    await dialog.getByRole("button", { name: "Apply" }).click();
    const meshes = workbench.viewPane("Meshes");
    await workbench.collapseAll(meshes);
    await workbench.treeItem(meshes, "e2e-applied").waitFor({ state: "visible", timeout: 60_000 });
    assert.ok(sandbox.store.get("VirtualNode", "e2e-applied", undefined, "hello"), "the node exists in the sandbox");
    // Both views redraw after Apply; neither registers a row twice.
    await new Promise((r) => setTimeout(r, 3_000));
    assert.doesNotMatch(await workbench.page.locator(".notifications-toasts").innerText().catch(() => ""), /already registered/);
    await workbench.screenshot("apply-created-mesh");
  });
});
