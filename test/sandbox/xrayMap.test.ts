// The demo seed's X-Ray map as a service-map client reads it through the real SDK: a client node in
// front of the roots, inferred remote nodes for the un-instrumented and external callees, the
// canary's fault ratio and traffic split, histograms, trace filters and BatchGetTraces' limit.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  BatchGetTracesCommand,
  GetServiceGraphCommand,
  InvalidRequestException,
  XRayClient,
  paginateGetTraceSummaries,
  type Edge,
  type Service,
  type TraceSummary,
} from "@aws-sdk/client-xray";
import { Sandbox } from "../../src/sandbox/sandbox";

const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };
const PROXY = "AWS::AppMesh::Proxy";
const GW = "demo/ingress-gw";
const FRONT = "demo/front";
const V1 = "demo/color-v1";
const V2 = "demo/color-v2";
const CATALOG = "demo/catalog";
const INVENTORY = "inventory.demo.local";
const PRICING = "pricing.example.com";

const byName = (services: Service[], name: string): Service => {
  const service = services.find((s) => s.Name === name);
  assert.ok(service, `${name} is on the map (${services.map((s) => s.Name).join(", ")})`);
  return service;
};
const edgeTo = (from: Service, to: Service): Edge => {
  const edge = from.Edges?.find((e) => e.ReferenceId === to.ReferenceId);
  assert.ok(edge, `an edge ${from.Name} → ${to.Name}`);
  return edge;
};
type Admin = (path: string, body?: unknown) => Promise<Response>;
const histogramCount = (histogram: { Count?: number }[] | undefined) => (histogram ?? []).reduce((sum, h) => sum + (h.Count ?? 0), 0);

/** A demo sandbox, every request sampled, with `rps` entering at the gateway; `prepare` runs before any traffic. */
async function startDemo(rps: number, seconds: number, prepare?: (admin: Admin) => Promise<void>) {
  const sandbox = await Sandbox.start({ seed: "demo", tickMs: 0, sampling: 1 });
  const started = sandbox.clock.now();
  const admin: Admin = (path, body) =>
    fetch(`${sandbox.url}/_sandbox/${path}`, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
  assert.equal((await admin("profiles/demo/ingress-gw", { rps })).status, 200);
  await prepare?.(admin);
  assert.equal((await admin(`tick?seconds=${seconds}`)).status, 200);
  const xray = new XRayClient({ endpoint: sandbox.url, region: "us-east-1", credentials });
  const window = () => ({ StartTime: new Date(started - 60_000), EndTime: new Date(sandbox.clock.now() + 1000) });
  const graph = async () => (await xray.send(new GetServiceGraphCommand(window()))).Services ?? [];
  return { sandbox, xray, admin, window, graph };
}

describe("the demo seed's X-Ray map", { timeout: 120_000 }, () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let services: Service[];

  before(async () => {
    // 2,000 requests a second for 9 s, all sampled: 18,000 traces, within the 20,000 kept.
    demo = await startDemo(2000, 9);
    services = await demo.graph();
  });

  after(async () => {
    demo.xray.destroy();
    await demo.sandbox.close();
  });

  const summaries = async (FilterExpression: string): Promise<TraceSummary[]> => {
    const all: TraceSummary[] = [];
    for await (const page of paginateGetTraceSummaries({ client: demo.xray }, { ...demo.window(), FilterExpression })) all.push(...(page.TraceSummaries ?? []));
    return all;
  };

  test("every node X-Ray draws for the demo, by name and type", () => {
    const drawn = services.map((s) => `${s.Name} ${s.Type}`).sort();
    assert.deepEqual(
      drawn,
      [
        "client client",
        `${GW} ${PROXY}`,
        `${FRONT} ${PROXY}`,
        `${V1} ${PROXY}`,
        `${V2} ${PROXY}`,
        `${CATALOG} ${PROXY}`,
        `${INVENTORY} remote`,
        `${PRICING} remote`,
        `payments/ledger ${PROXY}`,
      ].sort(),
    );
  });

  test("a client node sits in front of the roots, and only roots have one", () => {
    const client = byName(services, "client");
    assert.equal(client.SummaryStatistics, undefined, "client nodes carry no statistics of their own");
    const rootIds = services.filter((s) => s.Root).map((s) => s.ReferenceId).sort();
    assert.deepEqual(client.Edges?.map((e) => e.ReferenceId).sort(), rootIds);
    assert.deepEqual(services.filter((s) => s.Root).map((s) => s.Name).sort(), [GW, "payments/ledger"]);
    const entry = edgeTo(client, byName(services, GW)).SummaryStatistics!;
    assert.equal(entry.TotalCount, byName(services, GW).SummaryStatistics?.TotalCount);
    assert.ok(entry.TotalCount! > 15_000, `${entry.TotalCount} requests entered at the gateway`);
  });

  test("un-instrumented inventory and the external pricing API are remote nodes with catalog's statistics", () => {
    const catalog = byName(services, CATALOG);
    assert.equal(services.find((s) => s.Name === "demo/inventory"), undefined, "inventory's Envoy sends no segments");
    for (const name of [INVENTORY, PRICING]) {
      const remote = byName(services, name);
      assert.equal(remote.Root, false);
      assert.deepEqual(remote.Edges, [], `${name} calls nothing X-Ray can see`);
      const callers = services.filter((s) => s.Edges?.some((e) => e.ReferenceId === remote.ReferenceId)).map((s) => s.Name);
      assert.deepEqual(callers, [CATALOG], `only catalog calls ${name}`);
      const edge = edgeTo(catalog, remote).SummaryStatistics!;
      assert.deepEqual(remote.SummaryStatistics, edge, "the node's statistics are its caller's subsegments'");
      assert.equal(edge.TotalCount, catalog.SummaryStatistics?.TotalCount, "catalog calls it on every request");
    }
    // inventory throttles 1 % and errs 1 %: the caller's subsegments record both.
    const inventory = byName(services, INVENTORY).SummaryStatistics!;
    assert.ok(inventory.ErrorStatistics!.ThrottleCount! > 0 && inventory.ErrorStatistics!.OtherCount! > 0, JSON.stringify(inventory));
    assert.ok(inventory.TotalResponseTime! > 0);
    assert.equal(byName(services, PRICING).SummaryStatistics?.OkCount, byName(services, PRICING).SummaryStatistics?.TotalCount);
  });

  test("the canary color-v2 faults about 8 % of its requests", () => {
    const stats = byName(services, V2).SummaryStatistics!;
    const ratio = stats.FaultStatistics!.TotalCount! / stats.TotalCount!;
    assert.ok(stats.TotalCount! > 1000, `${stats.TotalCount} requests reached color-v2`);
    assert.ok(Math.abs(ratio - 0.08) < 0.025, `fault ratio ${(ratio * 100).toFixed(1)} %`);
    const v1 = byName(services, V1).SummaryStatistics!;
    assert.ok(v1.FaultStatistics!.TotalCount! / v1.TotalCount! < 0.01, "color-v1 stays healthy");
  });

  test("color-v1 and color-v2 split traffic 90:10", () => {
    const v1 = byName(services, V1).SummaryStatistics!.TotalCount!;
    const v2 = byName(services, V2).SummaryStatistics!.TotalCount!;
    const share = v2 / (v1 + v2);
    assert.ok(Math.abs(share - 0.1) < 0.02, `${(share * 100).toFixed(1)} % to color-v2`);
  });

  test("services and edges carry histograms that add up to their counts", () => {
    for (const service of services) {
      if (service.Type === "client") {
        assert.equal(service.ResponseTimeHistogram, undefined);
      } else {
        const total = service.SummaryStatistics!.TotalCount!;
        assert.equal(histogramCount(service.ResponseTimeHistogram), total, `${service.Name} response times`);
        assert.equal(histogramCount(service.DurationHistogram), total, `${service.Name} durations`);
        assert.ok(service.ResponseTimeHistogram!.every((h) => h.Value! > 0 && h.Count! > 0));
        assert.ok(service.StartTime && service.EndTime && service.StartTime <= service.EndTime);
      }
      for (const edge of service.Edges ?? []) {
        assert.equal(histogramCount(edge.ResponseTimeHistogram), edge.SummaryStatistics!.TotalCount, `${service.Name} → ${edge.ReferenceId}`);
      }
    }
  });

  test("service(...) { fault = true } finds exactly the traces where color-v2 faulted", async () => {
    const expected = byName(services, V2).SummaryStatistics!.FaultStatistics!.TotalCount;
    const found = await summaries(`service("${V2}") { fault = true }`);
    assert.equal(found.length, expected);
    assert.ok(found.every((t) => t.HasFault && t.ServiceIds?.some((s) => s.Name === V2)));
    const byId = await summaries(`service(id(name: "${V2}", type: "${PROXY}")) { fault }`);
    assert.deepEqual(byId.map((t) => t.Id), found.map((t) => t.Id));
    assert.deepEqual(await summaries(`service(id(name: "${V2}", type: "remote"))`), []);

    // Newest first, and the documents show the fault on color-v2's segment.
    const starts = found.map((t) => t.StartTime!.getTime());
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a));
    const traces = await demo.xray.send(new BatchGetTracesCommand({ TraceIds: found.slice(0, 5).map((t) => t.Id!) }));
    assert.equal(traces.Traces?.length, 5);
    for (const trace of traces.Traces ?? []) {
      const documents = trace.Segments!.map((s) => {
        assert.equal(typeof s.Document, "string");
        return JSON.parse(s.Document!) as { name: string; fault?: boolean; id: string };
      });
      assert.ok(documents.some((d) => d.name === V2 && d.fault === true), `${trace.Id} holds color-v2's faulted segment`);
      assert.deepEqual(documents.map((d) => d.id).sort(), trace.Segments!.map((s) => s.Id).sort());
    }
  });

  test("edge(...) { error | fault | throttle | ok } count the caller → callee requests of each outcome", async () => {
    const front = byName(services, FRONT);
    const stats = edgeTo(front, byName(services, V2)).SummaryStatistics!;
    const edge = `edge("${FRONT}", "${V2}")`;
    assert.equal((await summaries(`${edge} { fault }`)).length, stats.FaultStatistics!.TotalCount);
    assert.equal((await summaries(`${edge} { error }`)).length, stats.ErrorStatistics!.TotalCount);
    assert.equal((await summaries(`${edge} { throttle }`)).length, stats.ErrorStatistics!.ThrottleCount);
    assert.equal((await summaries(`${edge} { ok }`)).length, stats.OkCount);
    assert.equal((await summaries(edge)).length, stats.TotalCount);

    const toInventory = edgeTo(byName(services, CATALOG), byName(services, INVENTORY)).SummaryStatistics!;
    const throttled = await summaries(`edge("${CATALOG}", "${INVENTORY}") { throttle }`);
    assert.equal(throttled.length, toInventory.ErrorStatistics!.ThrottleCount);
    assert.ok(throttled.every((t) => t.ServiceIds?.some((s) => s.Name === INVENTORY && s.Type === "remote")));
    const inventoryFaults = byName(services, INVENTORY).SummaryStatistics!.FaultStatistics!.TotalCount;
    assert.equal((await summaries(`service("${INVENTORY}") { inferred AND fault }`)).length, inventoryFaults);
    assert.deepEqual(await summaries(`service("${CATALOG}") { inferred }`), [], "catalog sends its own segments");
  });

  test("plain fault and ok test the trace as a whole", async () => {
    const faulted = await summaries("fault");
    const rootFaults = services.filter((s) => s.Root).reduce((sum, s) => sum + s.SummaryStatistics!.FaultStatistics!.TotalCount!, 0);
    assert.equal(faulted.length, rootFaults, "every fault reaches the root's response");
    assert.ok(faulted.every((t) => t.HasFault));
    const page = await demo.xray.send(new BatchGetTracesCommand({ TraceIds: faulted.slice(0, 1).map((t) => t.Id!) }));
    assert.equal(page.Traces?.length, 1);
    for await (const ok of paginateGetTraceSummaries({ client: demo.xray }, { ...demo.window(), FilterExpression: "ok" })) {
      assert.ok(ok.TraceSummaries!.length > 0);
      assert.ok(ok.TraceSummaries!.every((t) => !t.HasFault && !t.HasError && !t.HasThrottle));
      break; // the first page is enough: thousands of traces are ok
    }
  });

  test("BatchGetTraces refuses more than 5 trace IDs", async () => {
    const ids = (await summaries(`service("${V2}") { fault }`)).slice(0, 6).map((t) => t.Id!);
    assert.equal(ids.length, 6);
    await assert.rejects(demo.xray.send(new BatchGetTracesCommand({ TraceIds: ids })), (error: unknown) => {
      assert.ok(error instanceof InvalidRequestException, String(error));
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.match(error.message, /at most 5/);
      return true;
    });
    await assert.rejects(demo.xray.send(new BatchGetTracesCommand({ TraceIds: ids.slice(0, 5), NextToken: "x" })), InvalidRequestException);
  });
});

describe("tracing and externalCalls through the admin profiles route", { timeout: 60_000 }, () => {
  test("bad values answer 400 with the reason; good ones change the map", async () => {
    const demo = await startDemo(200, 2, async (admin) => {
      for (const [body, reason] of [
        [{ tracing: "no" }, /tracing must be true or false/],
        [{ tracing: 1 }, /tracing must be true or false/],
        [{ externalCalls: "api.example.com" }, /externalCalls must be a list/],
        [{ externalCalls: ["bad host!"] }, /not a host name/],
        [{ externalCalls: [42] }, /not a host name/],
        [{ rps: true }, /rps must be a number/],
        [{ sampling: 1 }, /unknown profile field "sampling".*tracing, externalCalls/],
      ] as const) {
        const response = await admin("profiles/demo/front", body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.match(((await response.json()) as { message: string }).message, reason);
      }
      const set = await admin("profiles/demo/color-v1", { externalCalls: ["api.example.com:8443"] });
      assert.equal(set.status, 200);
      const profile = (await set.json()) as { externalCalls: string[]; tracing: boolean; latencyMs: number };
      assert.deepEqual([profile.externalCalls, profile.tracing, profile.latencyMs], [["api.example.com:8443"], true, 9], "other fields stay as seeded");
      const off = await admin("profiles/demo/front", { tracing: false });
      assert.equal(((await off.json()) as { tracing: boolean }).tracing, false);
    });
    try {
      const services = await demo.graph();
      const names = services.map((s) => s.Name);
      assert.ok(!names.includes(FRONT) && !names.includes(CATALOG), `front and what it calls send nothing (${names.join(", ")})`);
      const front = byName(services, "front.demo.local");
      assert.equal(front.Type, "remote");
      assert.ok(edgeTo(byName(services, GW), front).SummaryStatistics!.TotalCount! > 0);
      const external = byName(services, "api.example.com:8443");
      assert.equal(external.Type, "remote");
      assert.ok(edgeTo(byName(services, V1), external).SummaryStatistics!.TotalCount! > 0);
    } finally {
      demo.xray.destroy();
      await demo.sandbox.close();
    }
  });
});
