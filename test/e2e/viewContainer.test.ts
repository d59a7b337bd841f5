import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CodeServer } from "../workbench/codeServer";
import { fixturesDir } from "../workbench/paths";
import { Workbench } from "../workbench/workbench";

describe("App Mesh view container in the real workbench", { timeout: 300_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;

  before(async () => {
    server = await CodeServer.start({ workspace: join(fixturesDir, "workspace") });
    workbench = await Workbench.open(server);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  test("shows Meshes and Definitions, each with its welcome content", async () => {
    await workbench.openViewContainer("App Mesh");
    const meshes = workbench.viewPane("Meshes");
    const definitions = workbench.viewPane("Definitions");
    await meshes.locator(".welcome-view-content").waitFor({ state: "visible", timeout: 30_000 });
    await definitions.locator(".welcome-view-content").waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("view-container-welcome");

    const meshesText = await meshes.locator(".welcome-view-content").innerText();
    assert.match(meshesText, /No live meshes/);
    for (const button of ["Select Profile", "Select Region", "Use Local Sandbox Endpoint"]) {
      assert.equal(await meshes.locator(".welcome-view-content").getByRole("button", { name: button, exact: true }).count(), 1, `Meshes welcome has "${button}"`);
    }
    assert.match(await definitions.locator(".welcome-view-content").innerText(), /App Mesh definitions/);
  });

  test("Select Region lists App Mesh regions and remembers the choice", async () => {
    await workbench.runCommand("App Mesh: Select Region");
    const rows = workbench.quickPickRows();
    await rows.filter({ hasText: "us-east-1" }).first().waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("select-region-picker");
    await workbench.page.locator(".quick-input-widget input").fill("eu-west-1");
    await rows.filter({ hasText: "Europe (Ireland)" }).first().waitFor({ state: "visible" });
    await workbench.page.keyboard.press("Enter");
    await workbench.page.locator(".quick-input-widget").waitFor({ state: "hidden" });
    // The status bar follows the new region once the setting is written.
    await workbench.page.locator(".statusbar-item", { hasText: "App Mesh:" }).filter({ hasText: "eu-west-1" }).waitFor({ state: "visible", timeout: 15_000 });

    // Open the picker again: the region written to the settings is marked as current.
    await workbench.runCommand("App Mesh: Select Region");
    const current = rows.filter({ hasText: "current" }).first();
    await current.waitFor({ state: "visible", timeout: 15_000 });
    assert.match(await current.innerText(), /eu-west-1/, "the picker opens on the region chosen before");
    assert.equal(await rows.filter({ hasText: "current" }).count(), 1, "exactly one region is marked current");
    await workbench.screenshot("select-region-current");
    await workbench.page.keyboard.press("Escape");
  });
});
