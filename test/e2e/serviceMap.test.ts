// The service map in the real workbench, as a user meets it: Show Service Map on the live demo mesh
// (ten minutes of simulated traffic), the 90/10 canary with "set" and "seen" shares and color-v2
// coloured by its faults, details with a histogram, traces and a timeline, idle means no calls,
// one panel per mesh, a light theme, a Definitions mesh without traffic, and a reload.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import type { FrameLocator } from "playwright-core";
import { startDemoWorkbench, type DemoWorkbench } from "../workbench/demoWorkbench";

const CALL_LINE = /\] (appmesh|servicediscovery|xray)\.(\w+)(?: \((.*)\))? (\S+) in [\d.]+ ms/;

describe("the service map in the workbench", { timeout: 900_000 }, () => {
  let demo: DemoWorkbench;
  const calls = () => demo.server.outputLog("App Mesh").split("\n").filter((line) => CALL_LINE.test(line));

  before(async () => {
    demo = await startDemoWorkbench("servicemap");
    // Ten minutes of traffic ending now: move the sandbox's clock back and let the simulator catch up.
    demo.sandbox.clock.advance(-600_000);
    const response = await fetch(`${demo.sandbox.url}/_sandbox/tick?seconds=600`, { method: "POST" });
    assert.equal(response.status, 200);
  });
  after(() => demo?.close());
  afterEach((t) => demo.afterEach(t));

  /** The app inside the visible webview (code-server nests the app's frame in the webview's frame). */
  function mapFrame(): FrameLocator {
    return demo.workbench.page.locator("iframe.webview.ready:visible").contentFrame().locator("#active-frame").contentFrame();
  }

  async function tabCount(title: string): Promise<number> {
    return demo.workbench.page.locator(".tabs-container .tab", { hasText: title }).count();
  }

  test("Show Service Map on the live demo mesh shows the canary split set and seen, and color-v2 faulting", async () => {
    const { workbench } = demo;
    const meshes = workbench.viewPane("Meshes");
    const mesh = workbench.treeItem(meshes, "demo");
    await workbench.contextMenu(mesh, "Show Service Map");
    const map = mapFrame();
    await map.locator(".map-content g.node", { hasText: "color-v2" }).first().waitFor({ state: "visible", timeout: 90_000 });
    const edgeLabels = (await map.locator(".map-content g.edgeLabel").allTextContents()).join("\n");
    assert.match(edgeLabels, /90 % set · (8\d|9\d) % seen/, `the baseline's share: ${edgeLabels}`);
    assert.match(edgeLabels, /10 % set · (\d|1\d)(\.\d)? % seen/, "the canary's share");
    const colorV2 = map.locator(".map-content g.node", { hasText: "color-v2" }).first();
    assert.match((await colorV2.getAttribute("class")) ?? "", /\bfault\b/, "color-v2 is coloured by its 5xx rate");
    assert.match((await map.locator(".map-content g.node", { hasText: "color-v1" }).first().getAttribute("class")) ?? "", /\bok\b/);
    // What X-Ray infers: the caller's view of pricing.example.com (external) and of inventory (tracing off).
    await map.locator(".map-content g.node", { hasText: "pricing.example.com" }).first().waitFor({ state: "visible" });
    assert.match(await map.locator(".banners").innerText(), /sampled requests/);
    assert.equal(await tabCount("Service Map: demo"), 1);
    await workbench.screenshot("servicemap-demo-default-theme");
    // Find pans to the canary: the split is on screen, readable.
    await map.locator("input.find").fill("color-v");
    await map.locator("input.find").press("Enter");
    await new Promise((r) => setTimeout(r, 500));
    await workbench.screenshot("servicemap-demo-canary");
    await map.locator("input.find").fill("");
  });

  test("left open, the map makes no calls and does not redraw", async () => {
    const map = mapFrame();
    const before = calls().length;
    // Runs in the webview; typed loosely, since the tests compile without the DOM's types.
    type Page = { __mutations: number; MutationObserver: new (cb: (records: unknown[]) => void) => { observe(target: unknown, options: object): void }; document: { querySelector(s: string): unknown } };
    await map.locator("body").evaluate((body: unknown) => {
      const w = (body as { ownerDocument: { defaultView: Page } }).ownerDocument.defaultView;
      w.__mutations = 0;
      new w.MutationObserver((records) => (w.__mutations += records.length)).observe(w.document.querySelector(".map-content"), { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await new Promise((r) => setTimeout(r, 15_000));
    assert.equal(calls().length, before, `no AWS call while the map sits open: ${calls().slice(before).join("\n")}`);
    const mutations = await map.locator("body").evaluate((body: unknown) => (body as { ownerDocument: { defaultView: Page } }).ownerDocument.defaultView.__mutations);
    assert.equal(mutations, 0, "no redraw while idle");
  });

  test("clicking color-v2 opens its details with a histogram; Show Traces lists faults and one opens as a timeline", async () => {
    const map = mapFrame();
    await map.locator(".map-content g.node", { hasText: "color-v2" }).first().click();
    await map.locator(".details:not([hidden]) h2", { hasText: "color-v2" }).waitFor({ state: "visible", timeout: 15_000 });
    assert.ok((await map.locator(".details svg.histogram rect.bar").count()) > 0, "a response-time histogram");
    assert.match(await map.locator(".details").innerText(), /p95/);
    await map.locator(".details .trace-filter").selectOption("fault");
    const before = calls().filter((l) => l.includes("GetTraceSummaries")).length;
    await map.locator(".details button.show-traces").click();
    await map.locator(".details .trace-row").first().waitFor({ state: "visible", timeout: 30_000 });
    assert.ok((await map.locator(".details .trace-row").count()) > 0);
    await new Promise((r) => setTimeout(r, 3_000));
    const made = calls().filter((l) => l.includes("GetTraceSummaries")).length - before;
    // One list: the pages of one GetTraceSummaries query, up to 200 traces, and nothing after.
    assert.ok(made >= 1 && made <= 3, `${made} GetTraceSummaries pages for one Show Traces`);
    await demo.workbench.screenshot("servicemap-details-traces");
    await map.locator(".details .trace-row").first().click();
    await map.locator(".details svg.timeline rect.segment").first().waitFor({ state: "visible", timeout: 30_000 });
    assert.ok((await map.locator(".details svg.timeline rect.segment").count()) >= 3, "gateway, front and color-v2 at least");
    assert.ok((await map.locator(".details svg.timeline rect.segment.fault").count()) >= 1, "the faulting segment is marked");
    await demo.workbench.screenshot("servicemap-trace-timeline");
  });

  test("from the details, Reveal selects color-v2 in the Meshes view and Open Definition opens its file at it", async () => {
    const { workbench } = demo;
    const map = mapFrame();
    await map.locator(".map-content g.node", { hasText: "color-v2" }).first().click();
    await map.locator(".details:not([hidden]) h2", { hasText: "color-v2" }).waitFor({ state: "visible", timeout: 15_000 });
    await map.locator(".details button", { hasText: "Reveal in Meshes View" }).click();
    const row = workbench.treeItem(workbench.viewPane("Meshes"), "color-v2");
    // Reveal loads the mesh's nodes on the way; a busy machine takes a while.
    await row.waitFor({ state: "visible", timeout: 90_000 });
    await workbench.page.waitForFunction((el) => el?.getAttribute("aria-selected") === "true", await row.elementHandle(), { timeout: 15_000 });
    await workbench.page.locator(".tabs-container .tab", { hasText: "Service Map: demo" }).click();
    // The map's webview comes back from the host's model (no new calls); select the node again.
    await mapFrame().locator(".map-content g.node", { hasText: "color-v2" }).first().click();
    await mapFrame().locator(".details button", { hasText: "Open Definition" }).click();
    await workbench.page.locator(".tabs-container .tab", { hasText: "color.yaml" }).waitFor({ state: "visible", timeout: 30_000 });
    const editor = workbench.page.locator(".monaco-editor .view-lines").first();
    await editor.locator("text=color-v2").first().waitFor({ state: "visible", timeout: 15_000 });
    await workbench.screenshot("servicemap-open-definition");
    await workbench.page.locator(".tabs-container .tab", { hasText: "Service Map: demo" }).click();
  });

  test("running the command again reveals the same panel", async () => {
    const { workbench } = demo;
    await workbench.runCommand("App Mesh: Show Service Map");
    const row = workbench.quickPickRows().filter({ hasText: "demo" }).first();
    await row.waitFor({ state: "visible", timeout: 30_000 });
    await row.click();
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(await tabCount("Service Map: demo"), 1);
  });

  test("the map follows a light theme", async () => {
    const { workbench } = demo;
    await workbench.runCommand("Preferences: Color Theme");
    const light = workbench.quickPickRows().filter({ hasText: "Light Modern" }).first();
    await light.waitFor({ state: "visible", timeout: 15_000 });
    await light.click();
    const map = mapFrame();
    await map.locator("body.vscode-light").waitFor({ state: "attached", timeout: 15_000 });
    await map.locator(".map-content g.node", { hasText: "color-v2" }).first().waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("servicemap-demo-light");
    await workbench.runCommand("Preferences: Color Theme");
    const dark = workbench.quickPickRows().filter({ hasText: "Dark Modern" }).first();
    await dark.waitFor({ state: "visible", timeout: 15_000 });
    await dark.click();
  });

  test("a Definitions mesh without traffic shows its declared topology and says why there is no traffic", async () => {
    const { workbench } = demo;
    const definitions = workbench.viewPane("Definitions");
    const mesh = workbench.treeItem(definitions, "color-app");
    await workbench.contextMenu(mesh, "Show Service Map");
    await workbench.page.locator(".tabs-container .tab.active", { hasText: "Service Map: color-app" }).waitFor({ state: "visible", timeout: 30_000 });
    const map = mapFrame();
    await map.locator(".map-content g.node", { hasText: "color-router" }).first().waitFor({ state: "visible", timeout: 60_000 });
    assert.ok((await map.locator(".map-content g.node").count()) >= 3, "the declared services, routers and nodes");
    assert.ok((await map.locator(".map-content g.node.idle").count()) >= 3, "all idle");
    assert.match(await map.locator(".banners").innerText(), /no requests|none from this mesh|no traffic/i);
    assert.equal(await tabCount("Service Map: color-app"), 1);
    await workbench.screenshot("servicemap-definitions-no-traffic");
  });

  test("after a window reload the open maps come back, and after a browser refresh too", async () => {
    const { workbench } = demo;
    const bothBack = async (shot: string) => {
      await workbench.page.locator(".tabs-container .tab", { hasText: "Service Map: color-app" }).waitFor({ state: "visible", timeout: 90_000 });
      await workbench.page.locator(".tabs-container .tab", { hasText: "Service Map: color-app" }).click();
      await mapFrame().locator(".map-content g.node", { hasText: "color-router" }).first().waitFor({ state: "visible", timeout: 90_000 });
      await workbench.page.locator(".tabs-container .tab", { hasText: "Service Map: demo" }).click();
      await mapFrame().locator(".map-content g.node", { hasText: "color-v2" }).first().waitFor({ state: "visible", timeout: 90_000 });
      await workbench.screenshot(shot);
    };
    // Developer: Reload Window saves each map's state (mesh, source, zoom) on the way out.
    await workbench.runCommand("Developer: Reload Window");
    await bothBack("servicemap-after-reload");
    // A browser refresh may leave before the workbench saved a map's state; its title still names the mesh.
    await workbench.page.reload();
    await bothBack("servicemap-after-browser-refresh");
    const restored = demo.server.outputLog("App Mesh").split("\n").filter((line) => / restored/.test(line));
    assert.ok(restored.some((line) => /color-app \(definitions\) restored/.test(line)), restored.join("\n"));
    assert.ok(!restored.some((line) => /color-app \(live\)/.test(line)), "the Definitions map never comes back as a live one");
  });
});
