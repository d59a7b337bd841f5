// The explorer left open, as a user leaves it: the Meshes view with a router (routes) and a Cloud Map
// node (instances) expanded, the Definitions view with the demo mesh expanded. After each action
// (refresh a node, refresh the view, refresh Definitions, save a definitions file) the AWS calls
// made are exactly what one load needs, and then idle means idle: over 30 s no call and no redraw.
// Calls are counted from the "App Mesh" log (one line per call, naming the resource); redraws are
// counted in the page, as changes to the rows of both views.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import type { Sandbox } from "../../src/sandbox/sandbox";
import type { CodeServer } from "../workbench/codeServer";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";
import type { Workbench } from "../workbench/workbench";

const IDLE_MS = 30_000;

/** One logged AWS call: "appmesh.DescribeVirtualNode (mesh demo · VirtualNode color-v1) ok in 3 ms". */
const CALL_LINE = /\] (appmesh|servicediscovery|xray)\.(\w+)(?: \((.*)\))? (\S+) in [\d.]+ ms/;

function calls(log: string): { operation: string; subject: string; outcome: string }[] {
  return log.split("\n").flatMap((line) => {
    const match = CALL_LINE.exec(line);
    return match ? [{ operation: match[2], subject: match[3] ?? "", outcome: match[4] }] : [];
  });
}

function countByOperation(list: { operation: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of list) out[c.operation] = (out[c.operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

describe("the explorer left open over time makes only the calls one load needs, and idles quietly", { timeout: 600_000 }, () => {
  let demo: DemoWorkbench;
  let sandbox: Sandbox;
  let server: CodeServer;
  let workbench: Workbench;
  let workspace: string;

  const allCalls = () => calls(server.outputLog("App Mesh"));

  /** Waits until no call has been logged for `quietMs`, then returns the number of calls so far. */
  async function settled(quietMs = 3_000): Promise<number> {
    let count = allCalls().length;
    let since = Date.now();
    while (Date.now() - since < quietMs) {
      await new Promise((r) => setTimeout(r, 250));
      const now = allCalls().length;
      if (now !== count) {
        count = now;
        since = Date.now();
      }
    }
    return count;
  }

  /** Starts counting DOM changes in the rows of both views (a redraw re-renders rows). */
  async function watchRedraws(): Promise<void> {
    // Runs in the page (a string, since the tests compile without the DOM's types).
    await workbench.page.evaluate(`(() => {
      window.__appmeshObserver?.disconnect();
      window.__appmeshMutations = 0;
      const observer = new MutationObserver((records) => (window.__appmeshMutations += records.length));
      for (const rows of document.querySelectorAll(".sidebar .pane .monaco-list-rows")) {
        observer.observe(rows, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["aria-label", "aria-expanded", "class"] });
      }
      window.__appmeshObserver = observer;
    })()`);
  }

  const redraws = async () => Number(await workbench.page.evaluate("window.__appmeshMutations"));

  /** Calls made after an action, once they settle. */
  async function callsAfter(action: () => Promise<void>): Promise<Record<string, number>> {
    const before = await settled();
    await action();
    await new Promise((r) => setTimeout(r, 1_000));
    await settled();
    return countByOperation(allCalls().slice(before));
  }

  /** Idle for IDLE_MS with the mouse away: no call, no redraw. */
  async function assertIdle(after: string): Promise<void> {
    await workbench.page.mouse.move(900, 600);
    const before = await settled();
    await watchRedraws();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const extra = allCalls().slice(before);
    assert.deepEqual(countByOperation(extra), {}, `no AWS call in ${IDLE_MS / 1000} s of idle after ${after}`);
    assert.equal(await redraws(), 0, `no redraw in ${IDLE_MS / 1000} s of idle after ${after}`);
  }

  before(async () => {
    demo = await startDemoWorkbench("idle");
    ({ sandbox, server, workbench, workspace } = demo);
  });
  afterEach((t) => demo?.afterEach(t));
  after(() => demo?.close());

  test("expanded views load once and then stay quiet", async () => {
    const meshes = workbench.viewPane("Meshes");
    await workbench.expand(meshes, "demo");
    await workbench.expand(meshes, "Virtual routers");
    await workbench.expand(meshes, "color-router");
    await workbench.treeItem(meshes, "color-canary").locator(".label-description", { hasText: "color-v1 90% · color-v2 10%" }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench.expand(meshes, "Virtual nodes");
    await workbench.expand(meshes, "color-v1");
    await workbench.treeItem(meshes, "color-v1-a").waitFor({ state: "visible", timeout: 30_000 });
    const definitions = workbench.viewPane("Definitions");
    await workbench.treeItem(definitions, "demo").waitFor({ state: "visible", timeout: 60_000 });
    await workbench.expand(definitions, "demo");
    await workbench.treeItem(definitions, "color-canary").locator(".label-description", { hasText: "differs from live" }).waitFor({ state: "visible", timeout: 60_000 });
    await workbench.screenshot("idle-expanded");
    await assertIdle("expanding");
  });

  test("each version's node lists only its own instances, with true health", async () => {
    const meshes = workbench.viewPane("Meshes");
    const v1 = workbench.treeItem(meshes, "color-v1");
    await v1.locator(".label-description", { hasText: "3/3 healthy" }).waitFor({ state: "visible", timeout: 30_000 });
    for (const other of ["color-v2-a", "color-v2-b"]) assert.equal(await workbench.treeItem(meshes, other).count(), 0, `${other} is not under color-v1`);
    const v2 = workbench.treeItem(meshes, "color-v2");
    await v2.locator(".label-description", { hasText: "1/2 healthy" }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("idle-per-version-instances");
  });

  test("refreshing the expanded Cloud Map node costs one describe and one discovery, then idles", async () => {
    const meshes = workbench.viewPane("Meshes");
    const row = workbench.treeItem(meshes, "color-v1");
    await watchRedraws();
    const made = await callsAfter(async () => {
      await row.hover();
      await row.locator('.action-label[aria-label="Refresh"]').click();
    });
    assert.deepEqual(made, { DescribeVirtualNode: 1, DiscoverInstances: 1 });
    // The redraw counter sees the refresh's own redraw, so a quiet idle below means something.
    assert.ok((await redraws()) > 0, "the refresh redrew the node");
    await workbench.treeItem(meshes, "color-v1-a").waitFor({ state: "visible", timeout: 30_000 });
    await assertIdle("refreshing the node");
  });

  test("refreshing the expanded router costs its describe and one route list, then idles", async () => {
    const meshes = workbench.viewPane("Meshes");
    const row = workbench.treeItem(meshes, "color-router");
    const made = await callsAfter(async () => {
      await row.hover();
      await row.locator('.action-label[aria-label="Refresh"]').click();
    });
    // The routes' specs are cached by version: an unchanged route is not described again.
    assert.deepEqual(made, { DescribeVirtualRouter: 1, ListRoutes: 1 });
    await workbench.treeItem(meshes, "color-canary").waitFor({ state: "visible", timeout: 30_000 });
    await assertIdle("refreshing the router");
  });

  test("refreshing the whole Meshes view reloads exactly what is expanded, once", async () => {
    const meshes = workbench.viewPane("Meshes");
    const store = sandbox.store.all().filter((r) => r.meshName === "demo");
    const count = (kind: string) => store.filter((r) => r.kind === kind).length;
    const cloudMapNodes = store.filter((r) => r.kind === "VirtualNode" && (r.spec.serviceDiscovery as { awsCloudMap?: unknown } | undefined)?.awsCloudMap).length;
    const routesOfRouter = store.filter((r) => r.kind === "Route" && r.parentName === "color-router").length;
    const meshCount = new Set(sandbox.store.all().map((r) => r.meshName)).size;
    const made = await callsAfter(async () => {
      await meshes.locator(".pane-header").hover();
      await meshes.locator('.pane-header .action-label[aria-label^="Refresh"]').click();
    });
    assert.deepEqual(made, countByOperation([
      { operation: "ListMeshes" },
      ...Array.from({ length: meshCount }, () => ({ operation: "DescribeMesh" })),
      { operation: "ListVirtualRouters" },
      ...Array.from({ length: count("VirtualRouter") }, () => ({ operation: "DescribeVirtualRouter" })),
      { operation: "ListRoutes" },
      ...Array.from({ length: routesOfRouter }, () => ({ operation: "DescribeRoute" })),
      { operation: "ListVirtualNodes" },
      ...Array.from({ length: count("VirtualNode") }, () => ({ operation: "DescribeVirtualNode" })),
      ...Array.from({ length: cloudMapNodes }, () => ({ operation: "DiscoverInstances" })),
    ]));
    await workbench.treeItem(meshes, "color-v1-a").waitFor({ state: "visible", timeout: 30_000 });
    await assertIdle("refreshing the view");
  });

  test("refreshing Definitions reloads the live mesh once; saving a file reloads nothing live; both then idle", async () => {
    const definitions = workbench.viewPane("Definitions");
    const made = await callsAfter(async () => {
      await definitions.locator(".pane-header").hover();
      await definitions.locator('.pane-header .action-label[aria-label^="Refresh"]').click();
    });
    assert.equal(made.DescribeMesh, 1, "the live mesh is described once");
    for (const list of ["ListVirtualServices", "ListVirtualRouters", "ListVirtualNodes", "ListVirtualGateways"]) assert.equal(made[list], 1, `${list} once`);
    await workbench.treeItem(definitions, "color-canary").locator(".label-description", { hasText: "differs from live" }).waitFor({ state: "visible", timeout: 60_000 });
    await assertIdle("refreshing Definitions");

    // A workspace mesh that is not live is an expected answer: said in the view, not warned about.
    await workbench.expand(definitions, "color-app");
    await workbench.treeItem(definitions, "color-app").locator(".label-description", { hasText: "not live" }).waitFor({ state: "visible", timeout: 30_000 });
    const warnings = server.outputLog("App Mesh").split("\n").filter((line) => /\[(warning|error)\]/.test(line));
    assert.deepEqual(warnings, [], "no warning or error in the App Mesh log");
    await workbench.treeItem(definitions, "color-app").click(); // collapse it again (a mesh row only toggles)
    await workbench.treeItem(definitions, "color-canary").waitFor({ state: "visible", timeout: 30_000 });

    // A save changes the definitions (the language server tells the view); the live state stays.
    const file = join(workspace, "demo", "color.yaml");
    const saved = await callsAfter(async () => {
      writeFileSync(file, `${readFileSync(file, "utf8")}\n# saved while the views were open\n`);
      await new Promise((r) => setTimeout(r, 3_000));
    });
    assert.deepEqual(saved, {}, "a save calls AWS for nothing");
    await workbench.treeItem(definitions, "color-canary").waitFor({ state: "visible", timeout: 30_000 });
    await assertIdle("saving a definitions file");
    await workbench.screenshot("idle-after-save");
  });

  test("after a window reload the views come back, load once, raise no errors, and idle", async () => {
    const before = allCalls().length;
    await workbench.page.reload();
    await workbench.page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
    await workbench.openViewContainer("App Mesh");
    const meshes = workbench.viewPane("Meshes");
    const definitions = workbench.viewPane("Definitions");
    // The workbench starts the views collapsed after a reload: open the same nodes again.
    await workbench.expand(meshes, "demo");
    await workbench.expand(meshes, "Virtual nodes");
    await workbench.expand(meshes, "color-v1");
    await workbench.treeItem(meshes, "color-v1-a").waitFor({ state: "visible", timeout: 60_000 });
    await workbench.expand(definitions, "demo");
    await workbench.treeItem(definitions, "color-canary").locator(".label-description", { hasText: "differs from live" }).waitFor({ state: "visible", timeout: 60_000 });
    await settled();
    const reloaded = countByOperation(allCalls().slice(before));
    assert.equal(reloaded.ListMeshes, 1, `one mesh list after the reload: ${JSON.stringify(reloaded)}`);
    assert.ok((reloaded.DiscoverInstances ?? 0) <= 2, `Cloud Map asked once per Cloud Map node: ${JSON.stringify(reloaded)}`);
    await workbench.openFile("color.yaml");
    await workbench.page.locator(".monaco-editor .view-lines", { hasText: "color-canary" }).first().waitFor({ state: "visible", timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 5_000));
    const toasts = await workbench.page.locator(".notifications-toasts").innerText().catch(() => "");
    const hostLog = server.outputLog("exthost");
    for (const problem of [/already registered/, /Starting server failed/, /Cannot destructure/]) {
      assert.doesNotMatch(toasts, problem, "no error toast");
      assert.doesNotMatch(hostLog, problem, "no error in the extension host log");
    }
    await workbench.screenshot("idle-after-reload");
    await assertIdle("a window reload");
  });
});
