// What one load of the explorer costs, call by call, against the sandbox over HTTP: a page of
// virtual nodes is one List, a Describe per node and a DiscoverInstances per Cloud Map node; a
// refresh of one node is one Describe and one DiscoverInstances; and each node sees only the Cloud
// Map instances its discovery attributes select, with their own health.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { CloudMapAccess } from "../../src/aws/cloudMapAccess";
import { LiveMeshLoader } from "../../src/live/liveMeshLoader";
import { discoverySummary } from "../../src/model/summaries";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox, type Connected } from "./support";

let sandbox: Sandbox;
let connected: Connected;
let loader: LiveMeshLoader;

before(async () => {
  sandbox = await startSandbox();
  connected = connect(sandbox.url);
  loader = new LiveMeshLoader(new AppMeshAccess(connected.connection), new CloudMapAccess(connected.connection));
});
after(async () => {
  connected?.connection.dispose();
  await sandbox?.close();
});

const countCalls = (since: number) => {
  const counts: Record<string, number> = {};
  for (const entry of connected.log.slice(since)) counts[entry.operation] = (counts[entry.operation] ?? 0) + 1;
  return counts;
};

test("a page of virtual nodes costs one List, a Describe per node and a DiscoverInstances per Cloud Map node", async () => {
  const start = connected.log.length;
  const page = await loader.category("demo", "VirtualNode");
  const loaded = await page.loaded;
  const cloudMapNodes = loaded.filter((r) => r.detail && discoverySummary(r.detail.spec).cloudMap).length;
  assert.ok(cloudMapNodes >= 2, "the demo mesh has Cloud Map nodes");
  assert.deepEqual(countCalls(start), { ListVirtualNodes: 1, DescribeVirtualNode: page.refs.length, DiscoverInstances: cloudMapNodes });
  // Asking again for what is loaded (a redraw) costs nothing: the describes are cached by version.
  const again = connected.log.length;
  await loader.resources(page.refs);
  assert.deepEqual(countCalls(again), { DiscoverInstances: cloudMapNodes }, "only the instances, which have no version, are asked again");
});

test("a refresh of one Cloud Map node is exactly one Describe and one DiscoverInstances", async () => {
  const page = await loader.category("demo", "VirtualNode");
  await page.loaded;
  const ref = page.refs.find((r) => r.name === "color-v1")!;
  const start = connected.log.length;
  const [fresh] = await loader.resources([ref], true);
  assert.ok(fresh.instances, "instances loaded");
  assert.deepEqual(countCalls(start), { DescribeVirtualNode: 1, DiscoverInstances: 1 });
});

test("each version's node sees only its own instances, with their own health", async () => {
  const page = await loader.category("demo", "VirtualNode");
  const byName = new Map((await page.loaded).map((r) => [r.detail?.name, r]));
  for (const name of ["color-v1", "color-v2"]) {
    const resource = byName.get(name)!;
    const wanted = discoverySummary(resource.detail!.spec).cloudMap!.attributes ?? {};
    assert.ok(Object.keys(wanted).length, `${name} discovers by attributes`);
    assert.ok(resource.instances!.instances.length > 0, `${name} has instances`);
    for (const instance of resource.instances!.instances) {
      for (const [key, value] of Object.entries(wanted)) assert.equal(instance.attributes[key], value, `${name} sees ${instance.id} only if ${key}=${value}`);
    }
  }
  const v1 = byName.get("color-v1")!.instances!;
  const v2 = byName.get("color-v2")!.instances!;
  assert.equal(v1.healthy, v1.instances.length, "color-v1 is all healthy: color-v2's unhealthy instance is not its own");
  assert.ok(v2.healthy < v2.instances.length, "color-v2 shows its unhealthy instance");
});

test("a whole live mesh for drift is one describe of the mesh, lists and describes; a mesh that is not live is undefined", async () => {
  assert.equal(await loader.liveMesh("not-a-live-mesh"), undefined);
  const notFound = connected.log.filter((e) => e.outcome === "not-found").at(-1)!;
  assert.match(notFound.subject ?? "", /mesh not-a-live-mesh/, "the log line names the mesh that was not found");
  const mesh = (await loader.liveMesh("demo"))!;
  assert.ok(mesh.get("Mesh//demo"));
  assert.ok(mesh.get("Route/color-router/color-canary"));
});
