// AppMeshAccess against the in-process sandbox over HTTP, through the real SDK clients: listing
// every kind, pagination, describe caching, bounded describeMany, and writes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppMeshClient, UpdateVirtualNodeCommand } from "@aws-sdk/client-app-mesh";
import { AppMeshAccess, type ResourceRef } from "../../src/aws/appMeshAccess";
import { AccessError } from "../../src/aws/errors";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, listEverything, sortRows, startSandbox, storeRows, TEST_CREDENTIALS } from "./support";

describe("AppMeshAccess on the demo sandbox", { timeout: 30_000 }, () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  test("lists every kind of every mesh exactly as the store holds it", async () => {
    const { connection } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const refs = await listEverything(access);
    assert.deepEqual(sortRows(refs), storeRows(sandbox));
    const kinds = new Set(refs.map((r) => r.kind));
    assert.deepEqual([...kinds].sort(), ["GatewayRoute", "Mesh", "Route", "VirtualGateway", "VirtualNode", "VirtualRouter", "VirtualService"]);
    for (const ref of refs) {
      const stored = sandbox.store.get(ref.kind, ref.meshName, ref.parentName, ref.name)!;
      assert.ok(ref.createdAt instanceof Date && ref.lastUpdatedAt instanceof Date, `${ref.arn} has dates`);
      assert.equal(ref.createdAt.getTime(), Math.round(stored.metadata.createdAt * 1000));
      assert.equal(ref.meshOwner, stored.metadata.meshOwner);
      assert.equal(ref.resourceOwner, stored.metadata.resourceOwner);
      assert.equal("parentName" in ref, ref.kind === "Route" || ref.kind === "GatewayRoute", `${ref.arn}: parentName only on routes`);
    }
    connection.dispose();
  });

  test("describeMany returns specs and status as plain JSON equal to the store", async () => {
    const { connection } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const refs = await listEverything(access);
    const results = await access.describeMany(refs);
    assert.equal(results.length, refs.length);
    results.forEach((result, i) => {
      assert.equal(result.status, "fulfilled", `describe ${refs[i].arn}`);
      const detail = (result as PromiseFulfilledResult<Awaited<ReturnType<AppMeshAccess["describe"]>>>).value;
      const stored = sandbox.store.get(refs[i].kind, refs[i].meshName, refs[i].parentName, refs[i].name)!;
      assert.equal(detail.arn, refs[i].arn, "results keep the order of the refs");
      assert.deepEqual(detail.spec, JSON.parse(JSON.stringify(stored.spec)), `spec of ${detail.arn}`);
      assert.equal(detail.status, stored.status);
      assert.equal(detail.uid, stored.metadata.uid);
      assert.equal(detail.version, stored.metadata.version);
      assert.ok(!JSON.stringify(detail.spec).includes("undefined") && isPlainJson(detail.spec), `${detail.arn}: spec is plain JSON`);
    });
    connection.dispose();
  });

  test("pages of two: list follows nextToken and listAll returns every item once", async () => {
    const { connection, calls } = connect(sandbox.url);
    const access = new AppMeshAccess(connection, { pageSize: 2 });
    const expected = sandbox.store.list("VirtualNode", "demo").map((r) => r.name);
    assert.ok(expected.length > 4, "the demo mesh has more than two pages of virtual nodes");

    const pages: ResourceRef[][] = [];
    let token: string | undefined;
    do {
      const page = await access.list("VirtualNode", "demo", undefined, token);
      assert.ok(page.items.length <= 2, `page ${pages.length + 1} holds at most 2 items`);
      pages.push(page.items);
      token = page.nextToken;
    } while (token);
    assert.equal(pages.length, Math.ceil(expected.length / 2));
    assert.deepEqual(pages.flat().map((r) => r.name), expected);

    const before = calls("ListVirtualNodes");
    const all = await access.listAll("VirtualNode", "demo");
    assert.equal(calls("ListVirtualNodes") - before, Math.ceil(expected.length / 2), "one call per page");
    assert.deepEqual(all.map((r) => r.name), expected);
    assert.equal(new Set(all.map((r) => r.arn)).size, all.length, "no item twice");

    // Everything else pages too, and the sum equals the store.
    assert.deepEqual(sortRows(await listEverything(access)), storeRows(sandbox));
    connection.dispose();
  });

  test("describe is cached by ARN and version; a new version is fetched", async () => {
    const { connection, calls } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const [ref] = (await access.listAll("VirtualNode", "demo")).filter((r) => r.name === "catalog");
    assert.ok(ref, "the demo mesh has a catalog node");

    const first = await access.describe(ref);
    assert.equal(calls("DescribeVirtualNode"), 1);
    const second = await access.describe(ref);
    assert.equal(calls("DescribeVirtualNode"), 1, "same ARN and version: no call");
    assert.deepEqual(second, first);
    await access.describe({ kind: "VirtualNode", meshName: "demo", name: "catalog", version: ref.version });
    assert.equal(calls("DescribeVirtualNode"), 1, "identity and version without the ARN: still cached");
    second.spec.changed = true;
    assert.equal((await access.describe(ref)).spec.changed, undefined, "callers get copies, not the cached object");

    // Someone else updates the node: the listing shows the new version, which describe fetches.
    const other = new AppMeshClient({ region: "us-east-1", endpoint: sandbox.url, credentials: TEST_CREDENTIALS });
    const spec = { ...first.spec, listeners: [{ portMapping: { port: 9090, protocol: "http" } }] };
    await other.send(new UpdateVirtualNodeCommand({ meshName: "demo", virtualNodeName: "catalog", spec: spec as never }));
    other.destroy();
    const [updated] = (await access.listAll("VirtualNode", "demo")).filter((r) => r.name === "catalog");
    assert.equal(updated.version, ref.version + 1);
    const fresh = await access.describe(updated);
    assert.equal(calls("DescribeVirtualNode"), 2, "a new version is fetched");
    assert.equal(fresh.version, updated.version);
    assert.deepEqual(fresh.spec.listeners, [{ portMapping: { port: 9090, protocol: "http" } }]);
    await access.describe(updated);
    assert.equal(calls("DescribeVirtualNode"), 2, "and then cached");

    await access.describe({ kind: "VirtualNode", meshName: "demo", name: "catalog" });
    assert.equal(calls("DescribeVirtualNode"), 3, "without a version, describe asks for the current state");
    access.clearCache();
    await access.describe(updated);
    assert.equal(calls("DescribeVirtualNode"), 4, "clearCache forgets everything");
    connection.dispose();
  });

  test("describeMany keeps at most `concurrency` calls in flight", async () => {
    sandbox.faults = { ...sandbox.faults, latencyMs: [50, 50] };
    try {
      const { connection } = connect(sandbox.url);
      const refs = await listEverything(new AppMeshAccess(connection));
      let inFlight = 0;
      let peak = 0;
      const send = connection.send.bind(connection);
      connection.send = async (service, operation, call) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          return await send(service, operation, call);
        } finally {
          inFlight--;
        }
      };
      const access = new AppMeshAccess(connection, { concurrency: 3 });
      const started = Date.now();
      const results = await access.describeMany(refs);
      const elapsed = Date.now() - started;
      assert.ok(results.every((r) => r.status === "fulfilled"), "every describe succeeded");
      assert.equal(peak, 3, "three in flight at the peak, never more");
      // Each wave of three takes at least 50 ms at the sandbox.
      assert.ok(elapsed >= Math.ceil(refs.length / 3) * 50 - 10, `took ${elapsed} ms for ${refs.length} describes: at most 3 at a time`);
      connection.dispose();
    } finally {
      sandbox.faults = { ...sandbox.faults, latencyMs: [0, 0] };
    }
  });

  test("create, update and delete round-trip, and keep the cache current", async () => {
    const { connection, calls } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const spec = { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: { hostname: "probe.demo.local" } } };
    const created = await access.create("VirtualNode", "demo", undefined, "probe", spec, [{ key: "team", value: "mesh" }]);
    assert.equal(created.version, 1);
    assert.equal(created.status, "ACTIVE");
    assert.deepEqual(created.spec, spec);
    assert.deepEqual(sandbox.store.tagsOf(created.arn), [{ key: "team", value: "mesh" }]);

    const changed = { ...spec, serviceDiscovery: { dns: { hostname: "probe2.demo.local" } } };
    const updated = await access.update("VirtualNode", "demo", undefined, "probe", changed);
    assert.equal(updated.version, 2);
    assert.deepEqual(sandbox.store.get("VirtualNode", "demo", undefined, "probe")?.spec, changed);
    const described = await access.describe({ kind: "VirtualNode", meshName: "demo", name: "probe", version: 2 });
    assert.equal(calls("DescribeVirtualNode"), 0, "the update's answer is cached for its version");
    assert.deepEqual(described.spec, changed);

    await assert.rejects(access.create("VirtualNode", "demo", undefined, "probe", spec), (e: unknown) => e instanceof AccessError && e.kind === "conflict");
    await assert.rejects(access.delete("VirtualRouter", "demo", undefined, "color-router"), (e: unknown) => e instanceof AccessError && e.kind === "in-use" && e.status === 409);

    const deleted = await access.delete("VirtualNode", "demo", undefined, "probe");
    assert.equal(deleted.status, "DELETED");
    assert.equal(sandbox.store.get("VirtualNode", "demo", undefined, "probe"), undefined);
    await assert.rejects(access.describe({ kind: "VirtualNode", meshName: "demo", name: "probe", version: 2 }), (e: unknown) => e instanceof AccessError && e.kind === "not-found");

    // Routes take their router as parent.
    const route = await access.create("Route", "demo", "color-router", "probe-route", { priority: 900, tcpRoute: { action: { weightedTargets: [{ virtualNode: "color-v1", weight: 1 }] } } });
    assert.equal(route.parentName, "color-router");
    assert.equal((await access.delete("Route", "demo", "color-router", "probe-route")).status, "DELETED");
    connection.dispose();
  });

  test("routes and gateway routes without their parent are refused before any call", async () => {
    const { connection, log } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    await assert.rejects(access.list("Route", "demo"), (e: unknown) => e instanceof AccessError && e.kind === "invalid-request" && /virtual router/.test(e.message));
    await assert.rejects(access.listAll("GatewayRoute", "demo"), (e: unknown) => e instanceof AccessError && e.kind === "invalid-request" && /virtual gateway/.test(e.message));
    await assert.rejects(access.describe({ kind: "Route", meshName: "demo", name: "color-canary" }), (e: unknown) => e instanceof AccessError && e.kind === "invalid-request");
    assert.equal(log.length, 0, "nothing was sent");
    connection.dispose();
  });
});

function isPlainJson(value: unknown): boolean {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as object).every((v) => v !== undefined && isPlainJson(v));
}
