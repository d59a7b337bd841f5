// Several regions at once (appmesh.regions): one heading per region, each listing its own meshes.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Sandbox } from "../../src/sandbox/sandbox";
import { CodeServer } from "../workbench/codeServer";
import { fixturesDir } from "../workbench/paths";
import { Workbench } from "../workbench/workbench";

let sandbox: Sandbox;
let server: CodeServer;
let workbench: Workbench;

before(async () => {
  sandbox = await Sandbox.start({ seed: "demo", tickMs: 0 });
  server = await CodeServer.start({
    workspace: join(fixturesDir, "workspace"),
    settings: { "appmesh.endpoint": sandbox.url, "appmesh.regions": ["us-east-1", "eu-west-1"] },
    env: { AWS_ACCESS_KEY_ID: "AKIDSANDBOX", AWS_SECRET_ACCESS_KEY: "sandbox" },
  });
  workbench = await Workbench.open(server);
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  await sandbox?.close();
});

test("appmesh.regions shows a heading per region, each with its meshes", { timeout: 300_000 }, async () => {
  await workbench.openViewContainer("App Mesh");
  const meshes = workbench.viewPane("Meshes");
  for (const region of ["us-east-1", "eu-west-1"]) await workbench.treeItem(meshes, region).waitFor({ state: "visible", timeout: 60_000 });
  // The sandbox serves every region from one state, so both headings list the demo mesh.
  await meshes.locator(".monaco-list-row", { has: workbench.page.locator(".label-name", { hasText: /^demo$/ }) }).nth(1).waitFor({ state: "visible", timeout: 60_000 });
  assert.equal(await meshes.locator(".monaco-list-row", { has: workbench.page.locator(".label-name", { hasText: /^payments$/ }) }).count(), 2);
  const status = workbench.page.locator(".statusbar-item", { hasText: "App Mesh:" });
  assert.match(await status.innerText(), /\+1 region/);
  assert.match(await status.innerText(), /us-east-1/, "the status bar names the first region");
  // The Definitions view fills once the language server has read the workspace.
  await workbench.treeItem(workbench.viewPane("Definitions"), "color-app").waitFor({ state: "visible", timeout: 60_000 });
  await workbench.screenshot("explorer-two-regions");
});
