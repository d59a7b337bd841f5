// Save as Definitions in the workbench: the live payments mesh saved as Kubernetes manifests into
// a folder of the workspace; the Definitions view then shows the mesh with every resource the
// same as live (the round trip loses nothing), and the files have no diagnostics.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";

describe("Save as Definitions in the workbench", { timeout: 600_000 }, () => {
  let demo: DemoWorkbench;
  before(async () => {
    demo = await startDemoWorkbench("saveas");
  });
  after(() => demo?.close());
  afterEach((t) => demo.afterEach(t));

  test("the payments mesh saved as Kubernetes manifests shows every resource same as live", async () => {
    const { workbench } = demo;
    const target = join(demo.workspace, "saved-payments");
    mkdirSync(target);
    const meshes = workbench.viewPane("Meshes");
    await workbench.contextMenu(workbench.treeItem(meshes, "payments"), "Save as Definitions…");
    const dialect = workbench.quickPickRows().filter({ hasText: "Kubernetes manifests" }).first();
    await dialect.waitFor({ state: "visible", timeout: 30_000 });
    await dialect.click();
    // code-server's folder dialog is a quick input with the path: type the folder and accept.
    const input = workbench.page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: 30_000 });
    await input.fill(`${target}/`);
    // The dialog resolves the typed path asynchronously: accept with its button once it has.
    const dialog = workbench.page.locator(".quick-input-widget");
    const accept = dialog.locator(".monaco-button", { hasText: "Save Here" });
    for (let attempt = 0; attempt < 8 && (await dialog.isVisible()); attempt++) {
      await new Promise((r) => setTimeout(r, 1_000));
      await accept.click({ timeout: 2_000 }).catch(() => undefined);
    }
    await workbench.page.locator(".notifications-toasts", { hasText: "Saved payments as Kubernetes manifest files" }).waitFor({ state: "visible", timeout: 60_000 });
    const files = readdirSync(target).sort();
    assert.ok(files.includes("mesh.yaml") && files.includes("virtual-nodes.yaml"), files.join(", "));

    const definitions = workbench.viewPane("Definitions");
    await workbench.treeItem(definitions, "payments").waitFor({ state: "visible", timeout: 60_000 });
    await workbench.expand(definitions, "payments");
    await workbench.expand(definitions, "Virtual nodes");
    const ledger = workbench.treeItem(definitions, "ledger");
    await ledger.locator(".label-description", { hasText: "same as live" }).waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await definitions.locator(".label-description", { hasText: "differs from live" }).count(), 0, "nothing differs");
    assert.equal(await definitions.locator(".label-description", { hasText: "only in workspace" }).count(), 0);
    await workbench.screenshot("saveas-payments-same-as-live");
  });
});
