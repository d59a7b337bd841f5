// Several regions at once (appmesh.regions): one heading per region, each listing its own meshes.
// The sandbox keeps regions apart and seeds each differently (us-east-1: demo and payments;
// eu-west-1: scale-3), so a heading that lists another region's meshes fails the test.
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
  sandbox = await Sandbox.start({ seed: "demo", seeds: { "eu-west-1": "scale:3" }, tickMs: 0 });
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

/** The view's rows in display order (the list renders rows out of order; data-index is the position). */
async function rowsInOrder(pane: ReturnType<Workbench["viewPane"]>): Promise<{ level: number; label: string }[]> {
  const rows = await pane.locator(".monaco-list-row").evaluateAll((elements) =>
    elements.map((row) => ({
      index: Number(row.getAttribute("data-index")),
      level: Number(row.getAttribute("aria-level")),
      label: row.querySelector(".label-name")?.textContent?.trim() ?? "",
    })),
  );
  return rows.sort((a, b) => a.index - b.index).map(({ level, label }) => ({ level, label }));
}

/** Heading label → labels of the rows right under it. */
function underHeadings(rows: { level: number; label: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let heading: string | undefined;
  for (const row of rows) {
    if (row.level === 1) out[(heading = row.label)] = [];
    else if (heading !== undefined && row.level === 2) out[heading].push(row.label);
  }
  return out;
}

test("appmesh.regions shows a heading per region, each with its own meshes only", { timeout: 300_000 }, async () => {
  await workbench.openViewContainer("App Mesh");
  const meshes = workbench.viewPane("Meshes");
  for (const region of ["us-east-1", "eu-west-1"]) await workbench.treeItem(meshes, region).waitFor({ state: "visible", timeout: 60_000 });
  for (const mesh of ["demo", "payments", "scale-3"]) await workbench.treeItem(meshes, mesh).waitFor({ state: "visible", timeout: 60_000 });
  const byHeading = underHeadings(await rowsInOrder(meshes));
  assert.deepEqual(Object.keys(byHeading), ["us-east-1", "eu-west-1"], "one heading per region, in the order of the setting");
  assert.deepEqual([...byHeading["us-east-1"]].sort(), ["demo", "payments"], "us-east-1 lists its own meshes");
  assert.deepEqual(byHeading["eu-west-1"], ["scale-3"], "eu-west-1 lists its own mesh");
  assert.ok(!byHeading["us-east-1"].includes("scale-3"), "us-east-1 does not list eu-west-1's mesh");
  assert.ok(!byHeading["eu-west-1"].includes("demo") && !byHeading["eu-west-1"].includes("payments"), "eu-west-1 does not list us-east-1's meshes");
  for (const mesh of ["demo", "payments", "scale-3"]) {
    assert.equal(await meshes.locator(".monaco-list-row", { has: workbench.page.locator(".label-name", { hasText: new RegExp(`^${mesh}$`) }) }).count(), 1, `${mesh} shows once`);
  }
  const status = workbench.page.locator(".statusbar-item", { hasText: "App Mesh:" });
  assert.match(await status.innerText(), /\+1 region/);
  assert.match(await status.innerText(), /us-east-1/, "the status bar names the first region");
  // The Definitions view fills once the language server has read the workspace.
  await workbench.treeItem(workbench.viewPane("Definitions"), "color-app").waitFor({ state: "visible", timeout: 60_000 });
  await workbench.screenshot("explorer-two-regions");
});
