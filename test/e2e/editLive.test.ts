// Edit Live Resource in the workbench: the demo's front node opened as a live document, its
// request timeout changed from 15 s to 30 s and saved; a confirmation names the change, the
// sandbox holds exactly that change at the next version, and the document and the Meshes view show the new version.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";

describe("Edit Live Resource in the workbench", { timeout: 600_000 }, () => {
  let demo: DemoWorkbench;
  before(async () => {
    demo = await startDemoWorkbench("editlive");
  });
  after(() => demo?.close());
  afterEach((t) => demo.afterEach(t));

  test("a timeout edited and saved is written, confirmed by name, and the document moves to the new version", async () => {
    const { workbench, sandbox } = demo;
    const front = () => sandbox.store.get("VirtualNode", "demo", undefined, "front")!;
    const versionBefore = front().metadata.version;
    const specBefore = structuredClone(front().spec) as { listeners: { timeout: { http: { perRequest: { value: number } } } }[] };
    const meshes = workbench.viewPane("Meshes");
    await workbench.expand(meshes, "demo");
    await workbench.expand(meshes, "Virtual nodes");
    await workbench.contextMenu(workbench.treeItem(meshes, "front"), "Edit Live Resource");
    const editor = workbench.page.locator(".monaco-editor .view-lines").first();
    await editor.locator(`text=version ${versionBefore}`).first().waitFor({ state: "visible", timeout: 30_000 });
    // Find the timeout's value (Ctrl+F selects the match), close Find, type over the selection.
    await workbench.page.locator(".monaco-editor textarea").first().focus();
    await workbench.page.keyboard.press("Control+F");
    const find = workbench.page.locator(".find-widget textarea").first();
    await find.fill("value: 15");
    await workbench.page.keyboard.press("Enter");
    await workbench.page.keyboard.press("Escape");
    await workbench.page.keyboard.type("value: 30");
    await editor.locator("text=value: 30").first().waitFor({ state: "visible", timeout: 10_000 });
    await workbench.page.keyboard.press("Control+S");
    const dialog = workbench.page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    assert.match(await dialog.innerText(), /front/);
    assert.match(await dialog.innerText(), /perRequest\.value: 15 → 30/);
    await workbench.screenshot("editlive-confirm");
    assert.equal(front().metadata.version, versionBefore, "nothing written before the confirmation");
    await dialog.getByRole("button", { name: "Update" }).click();
    await editor.locator(`text=version ${versionBefore + 1}`).first().waitFor({ state: "visible", timeout: 30_000 });
    const after = front().spec as typeof specBefore;
    assert.equal(after.listeners[0].timeout.http.perRequest.value, 30);
    specBefore.listeners[0].timeout.http.perRequest.value = 30;
    assert.deepEqual(after, specBefore, "only the timeout changed");
    await workbench.screenshot("editlive-saved");
    // The Meshes view has the new version too: its row's tooltip says so.
    const row = workbench.treeItem(meshes, "front");
    const hover = workbench.page.locator(".monaco-hover, .workbench-hover", { hasText: `Version: ${versionBefore + 1}` }).first();
    for (let attempt = 0; attempt < 10 && !(await hover.isVisible()); attempt++) {
      await workbench.page.mouse.move(0, 0);
      await row.hover();
      await hover.waitFor({ state: "visible", timeout: 3_000 }).catch(() => undefined);
    }
    assert.ok(await hover.isVisible(), `the Meshes view's front shows version ${versionBefore + 1}`);
    await workbench.screenshot("editlive-meshes-view-version");
  });
});
