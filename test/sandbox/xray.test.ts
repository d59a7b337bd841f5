// The X-Ray sandbox driven by the real AWS SDK v3 client over HTTP: segments in, then the service
// graph, trace summaries and filters, traces, time series and groups a user of the extension would see.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  BatchGetTracesCommand,
  CreateGroupCommand,
  GetGroupsCommand,
  GetServiceGraphCommand,
  GetTimeSeriesServiceStatisticsCommand,
  GetTraceGraphCommand,
  GetTraceSummariesCommand,
  InvalidRequestException,
  PutTraceSegmentsCommand,
  XRayClient,
  paginateGetTraceSummaries,
  type Service,
  type TraceSummary,
} from "@aws-sdk/client-xray";
import type { Clock } from "../../src/sandbox/protocol";
import { XRayService, type SegmentDocument } from "../../src/sandbox/xray";
import { serveService } from "./serveService";

const START = Date.UTC(2025, 0, 15, 12, 0, 0) / 1000; // on a minute boundary
const PROXY = "AWS::AppMesh::Proxy";
const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };

class TestClock implements Clock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const traceId = (epoch: number) => `1-${Math.floor(epoch).toString(16).padStart(8, "0")}-${hex(12)}`;
const at = (seconds: number) => new Date(seconds * 1000);

interface Call {
  name: string;
  seconds: number;
  status: number;
  calls?: Call[];
}

/** One request through the mesh, shaped like Envoy's segments in App Mesh (children listed first). */
function trace(start: number, root: Call): { id: string; documents: SegmentDocument[] } {
  const id = traceId(start);
  const documents: SegmentDocument[] = [];
  const visit = (call: Call, parentId: string | undefined, begin: number) => {
    const segmentId = hex(8);
    const subsegments = [];
    let offset = 0.001;
    for (const child of call.calls ?? []) {
      const subId = hex(8);
      visit(child, subId, begin + offset);
      subsegments.push({ id: subId, name: child.name, namespace: "remote", start_time: begin + offset, end_time: begin + offset + child.seconds });
      offset += child.seconds;
    }
    const flags =
      call.status === 429 ? { error: true, throttle: true } : call.status >= 500 ? { fault: true } : call.status >= 400 ? { error: true } : {};
    documents.push({
      trace_id: id,
      id: segmentId,
      ...(parentId ? { parent_id: parentId } : {}),
      name: call.name,
      origin: PROXY,
      start_time: begin,
      end_time: begin + call.seconds,
      ...flags,
      http: { request: { method: "GET", url: `http://${call.name}/` }, response: { status: call.status } },
      aws: { app_mesh: { mesh_name: "demo", virtual_node_name: call.name.split("/")[1] } },
      ...(subsegments.length ? { subsegments } : {}),
    });
  };
  visit(root, undefined, start);
  return { id, documents };
}

const GW = "demo/gateway";
const V1 = "demo/color-v1";
const V2 = "demo/color-v2";

const byName = (services: Service[] | undefined, name: string): Service => {
  const service = services?.find((s) => s.Name === name);
  assert.ok(service, `service ${name} in the graph`);
  return service;
};

const isInvalidRequest = (error: unknown) => {
  assert.ok(error instanceof InvalidRequestException, `InvalidRequestException, got ${String(error)}`);
  assert.equal(error.$metadata.httpStatusCode, 400);
  return true;
};

describe("X-Ray sandbox over HTTP", () => {
  const clock = new TestClock((START + 120) * 1000);
  const service = new XRayService(clock);
  let served: Awaited<ReturnType<typeof serveService>>;
  let xray: XRayClient;

  // T1: gateway → color-v1, all fine. T2: gateway → color-v2, which faults. T3: gateway → color-v1, throttled.
  const t1 = trace(START + 1, { name: GW, seconds: 0.05, status: 200, calls: [{ name: V1, seconds: 0.02, status: 200 }] });
  const t2 = trace(START + 2, { name: GW, seconds: 0.08, status: 500, calls: [{ name: V2, seconds: 0.06, status: 500 }] });
  const t3 = trace(START + 3, { name: GW, seconds: 0.01, status: 429, calls: [{ name: V1, seconds: 0.004, status: 429 }] });

  before(async () => {
    served = await serveService(service);
    xray = new XRayClient({ endpoint: served.url, region: "us-east-1", credentials });
    // T2's gateway segment arrives in a later call than its color-v2 child.
    const [t2Child, t2Gateway] = t2.documents;
    const first = await xray.send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [...t1.documents, t2Child, ...t3.documents].map((d) => JSON.stringify(d)),
      }),
    );
    assert.deepEqual(first.UnprocessedTraceSegments, []);
    const second = await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(t2Gateway)] }));
    assert.deepEqual(second.UnprocessedTraceSegments, []);
  });

  after(async () => {
    xray.destroy();
    await served.close();
  });

  test("the service graph holds exactly the services that sent segments, plus the client", async () => {
    const graph = await xray.send(new GetServiceGraphCommand({ StartTime: at(START), EndTime: at(START + 60) }));
    assert.deepEqual(graph.Services?.map((s) => s.Name).sort(), ["client", V1, V2, GW].sort());
    assert.equal(graph.ContainsOldGroupVersions, false);
    assert.deepEqual(graph.StartTime, at(START));

    const client = byName(graph.Services, "client");
    const gateway = byName(graph.Services, GW);
    const v1 = byName(graph.Services, V1);
    const v2 = byName(graph.Services, V2);
    assert.equal(client.Type, "client");
    assert.equal(gateway.Type, PROXY);
    assert.equal(gateway.State, "active");
    assert.deepEqual(gateway.Names, [GW]);
    assert.deepEqual(
      [gateway, v1, v2].map((s) => s.Root),
      [true, false, false],
      "only the gateway takes requests from outside",
    );

    // client → gateway carries the three requests: one ok, one throttled, one fault.
    assert.deepEqual(client.Edges?.map((e) => e.ReferenceId), [gateway.ReferenceId]);
    const entry = client.Edges![0].SummaryStatistics!;
    assert.equal(entry.TotalCount, 3);
    assert.equal(entry.OkCount, 1);
    assert.deepEqual(entry.ErrorStatistics, { ThrottleCount: 1, OtherCount: 0, TotalCount: 1 });
    assert.deepEqual(entry.FaultStatistics, { OtherCount: 1, TotalCount: 1 });
    assert.ok(Math.abs(entry.TotalResponseTime! - 0.14) < 1e-6);

    // gateway → color-v1 (one ok, one throttled) and gateway → color-v2 (one fault).
    const edges = new Map(gateway.Edges?.map((e) => [e.ReferenceId, e]));
    assert.equal(edges.size, 2);
    const toV1 = edges.get(v1.ReferenceId)!.SummaryStatistics!;
    const toV2 = edges.get(v2.ReferenceId)!.SummaryStatistics!;
    assert.deepEqual(
      [toV1.TotalCount, toV1.OkCount, toV1.ErrorStatistics?.ThrottleCount, toV1.FaultStatistics?.TotalCount],
      [2, 1, 1, 0],
    );
    assert.deepEqual([toV2.TotalCount, toV2.OkCount, toV2.ErrorStatistics?.TotalCount, toV2.FaultStatistics?.TotalCount], [1, 0, 0, 1]);
    assert.deepEqual(edges.get(v1.ReferenceId)!.Aliases, []);
    assert.deepEqual(v1.Edges, []);
    assert.deepEqual(v2.Edges, []);

    // Node statistics and histograms.
    assert.equal(gateway.SummaryStatistics?.TotalCount, 3);
    assert.equal(v1.SummaryStatistics?.TotalCount, 2);
    assert.equal(v2.SummaryStatistics?.FaultStatistics?.TotalCount, 1);
    const histogramTotal = (s: Service) => (s.ResponseTimeHistogram ?? []).reduce((sum, h) => sum + (h.Count ?? 0), 0);
    assert.equal(histogramTotal(gateway), 3);
    assert.equal(histogramTotal(v1), 2);
    assert.ok(v2.ResponseTimeHistogram![0].Value! >= 0.06, "the bucket bound covers the response time");
    assert.ok(v1.StartTime instanceof Date && v1.EndTime instanceof Date);
  });

  test("a window without traffic gives an empty graph", async () => {
    const graph = await xray.send(new GetServiceGraphCommand({ StartTime: at(START + 600), EndTime: at(START + 660) }));
    assert.deepEqual(graph.Services, []);
  });

  test("EndTime before StartTime is an InvalidRequestException", async () => {
    await assert.rejects(xray.send(new GetServiceGraphCommand({ StartTime: at(START + 60), EndTime: at(START) })), isInvalidRequest);
    await assert.rejects(xray.send(new GetTraceSummariesCommand({ StartTime: at(START + 60), EndTime: at(START) })), isInvalidRequest);
  });

  const summaries = async (FilterExpression?: string): Promise<TraceSummary[]> => {
    const result = await xray.send(new GetTraceSummariesCommand({ StartTime: at(START - 60), EndTime: at(START + 60), FilterExpression }));
    return result.TraceSummaries ?? [];
  };
  const ids = async (filter?: string) => (await summaries(filter)).map((s) => s.Id);

  test("trace summaries describe each request, newest first", async () => {
    const all = await summaries();
    assert.deepEqual(
      all.map((s) => s.Id),
      [t3.id, t2.id, t1.id],
    );
    const faulty = all[1];
    assert.equal(faulty.HasFault, true);
    assert.equal(faulty.HasError, false);
    assert.equal(faulty.HasThrottle, false);
    assert.equal(faulty.IsPartial, false);
    assert.equal(faulty.ResponseTime, 0.08);
    assert.ok(Math.abs(faulty.Duration! - 0.08) < 1e-6);
    assert.deepEqual(faulty.Http, { HttpURL: `http://${GW}/`, HttpStatus: 500, HttpMethod: "GET" });
    assert.deepEqual(faulty.ServiceIds?.map((s) => s.Name).sort(), [GW, V2].sort());
    assert.equal(faulty.EntryPoint?.Name, GW);
    assert.deepEqual(faulty.FaultRootCauses?.map((c) => c.Services?.[0].Name), [V2], "the fault started at color-v2");
    assert.equal(all[0].HasThrottle, true);
    assert.equal(all[0].HasError, true);
  });

  test("filter expressions select traces", async () => {
    assert.deepEqual(await ids(`service("${V2}")`), [t2.id]);
    assert.deepEqual(await ids("fault"), [t2.id]);
    assert.deepEqual(await ids("error"), [t3.id]);
    assert.deepEqual(await ids("ok"), [t1.id]);
    assert.deepEqual(await ids("responsetime > 0.06"), [t2.id]);
    assert.deepEqual(await ids("responsetime < 0.05"), [t3.id]);
    assert.deepEqual(await ids("responsetime >= 0.05"), [t2.id, t1.id]);
    assert.deepEqual(await ids("duration > 0.05"), [t2.id]);
    assert.deepEqual(await ids("http.status = 500"), [t2.id]);
    assert.deepEqual(await ids(`service("${V1}") AND !throttle`), [t1.id]);
    assert.deepEqual(await ids(`service("${V1}") { throttle }`), [t3.id]);
    assert.deepEqual(await ids(`service("${V1}") { responsetime > 0.01 }`), [t1.id]);
    assert.deepEqual(await ids("(fault OR throttle) AND responsetime >= 0.01"), [t3.id, t2.id]);
    assert.deepEqual(await ids(`!(service("${V2}") OR error)`), [t1.id]);
    assert.deepEqual(await ids(`edge("${GW}", "${V2}")`), [t2.id]);
    assert.deepEqual(await ids(`service(id(name: "${GW}", type: "${PROXY}")) AND http.url CONTAINS "gateway"`), [t3.id, t2.id, t1.id]);
    assert.deepEqual(await ids(`service("demo/unknown")`), []);
  });

  test("a malformed filter expression is an InvalidRequestException", async () => {
    for (const bad of ["responsetime >", `service("${V1}"`, "fault AND", "colour = 1", "responsetime > \"slow\"", "(fault"]) {
      await assert.rejects(summaries(bad), isInvalidRequest, bad);
    }
  });

  test("BatchGetTraces returns the stored documents", async () => {
    const unknown = traceId(START);
    const result = await xray.send(new BatchGetTracesCommand({ TraceIds: [t1.id, unknown] }));
    assert.deepEqual(result.UnprocessedTraceIds, [unknown]);
    assert.equal(result.Traces?.length, 1);
    const [found] = result.Traces!;
    assert.equal(found.Id, t1.id);
    assert.ok(Math.abs(found.Duration! - 0.05) < 1e-6);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const documents = found.Segments!.map((s) => {
      assert.equal(typeof s.Document, "string");
      const document = JSON.parse(s.Document!) as SegmentDocument;
      assert.equal(s.Id, document.id);
      return document;
    });
    assert.deepEqual(documents.sort(byId), [...t1.documents].sort(byId));
  });

  test("GetTraceGraph draws the services of the given traces", async () => {
    const graph = await xray.send(new GetTraceGraphCommand({ TraceIds: [t2.id] }));
    assert.deepEqual(graph.Services?.map((s) => s.Name).sort(), ["client", V2, GW].sort());
    assert.equal(byName(graph.Services, V2).SummaryStatistics?.FaultStatistics?.TotalCount, 1);
  });

  test("malformed and invalid segment documents come back unprocessed", async () => {
    const valid = trace(START + 5, { name: "demo/other", seconds: 0.01, status: 200 }).documents[0];
    const noEnd = { ...valid, id: hex(8) } as Partial<SegmentDocument>;
    delete noEnd.end_time;
    const result = await xray.send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [
          "{not json",
          JSON.stringify({ ...valid, id: "not-hex" }),
          JSON.stringify({ ...valid, id: hex(8), trace_id: "2-abc" }),
          JSON.stringify(noEnd),
          JSON.stringify({ ...valid, id: hex(8), name: "" }),
          JSON.stringify(valid),
        ],
      }),
    );
    const unprocessed = result.UnprocessedTraceSegments ?? [];
    assert.equal(unprocessed.length, 5);
    assert.ok(unprocessed.every((u) => u.ErrorCode && u.Message));
    assert.ok(unprocessed.some((u) => u.Id === noEnd.id && /end_time/.test(u.Message!)));
    assert.equal(service.putSegments([{ ...valid, id: "xyz" }]).unprocessed[0].id, "xyz");
    const stored = await xray.send(new BatchGetTracesCommand({ TraceIds: [valid.trace_id] }));
    assert.equal(stored.Traces?.[0].Segments?.length, 1, "the valid document was kept");
  });

  test("groups: Default, and a created group's graph holds only its traces", async () => {
    const created = await xray.send(new CreateGroupCommand({ GroupName: "v2-only", FilterExpression: `service("${V2}")` }));
    assert.equal(created.Group?.GroupName, "v2-only");
    assert.match(created.Group?.GroupARN ?? "", /^arn:aws:xray:us-east-1:111122223333:group\/v2-only\//);
    const groups = await xray.send(new GetGroupsCommand({}));
    assert.deepEqual(groups.Groups?.map((g) => g.GroupName), ["Default", "v2-only"]);

    const graph = await xray.send(new GetServiceGraphCommand({ StartTime: at(START), EndTime: at(START + 60), GroupName: "v2-only" }));
    assert.deepEqual(graph.Services?.map((s) => s.Name).sort(), ["client", V2, GW].sort());
    const gateway = byName(graph.Services, GW);
    assert.deepEqual(gateway.Edges?.map((e) => e.ReferenceId), [byName(graph.Services, V2).ReferenceId]);
    const byArn = await xray.send(new GetServiceGraphCommand({ StartTime: at(START), EndTime: at(START + 60), GroupARN: created.Group?.GroupARN }));
    assert.equal(byArn.Services?.length, 3);

    await assert.rejects(xray.send(new CreateGroupCommand({ GroupName: "broken", FilterExpression: "service(" })), isInvalidRequest);
    await assert.rejects(
      xray.send(new GetServiceGraphCommand({ StartTime: at(START), EndTime: at(START + 60), GroupName: "missing" })),
      isInvalidRequest,
    );
  });
});

describe("X-Ray sandbox time series, retention and limits", () => {
  test("time series per period add up to the service graph's totals", async () => {
    const clock = new TestClock((START + 300) * 1000);
    const service = new XRayService(clock);
    const served = await serveService(service);
    const xray = new XRayClient({ endpoint: served.url, region: "us-east-1", credentials });
    try {
      const perMinute = [5, 3, 7];
      perMinute.forEach((count, minute) => {
        for (let i = 0; i < count; i++) {
          const status = minute === 1 && i === 0 ? 503 : 200;
          const t = trace(START + minute * 60 + i, { name: GW, seconds: 0.03, status, calls: [{ name: V1, seconds: 0.01, status }] });
          assert.deepEqual(service.putSegments(t.documents).unprocessed, []);
        }
      });
      const window = { StartTime: at(START), EndTime: at(START + 180) };

      const services = await xray.send(new GetTimeSeriesServiceStatisticsCommand({ ...window, EntitySelectorExpression: `service("${V1}")`, Period: 60 }));
      const series = services.TimeSeriesServiceStatistics ?? [];
      assert.deepEqual(series.map((p) => p.Timestamp), [at(START), at(START + 60), at(START + 120)]);
      assert.deepEqual(series.map((p) => p.ServiceSummaryStatistics?.TotalCount), perMinute);
      assert.deepEqual(series.map((p) => p.ServiceSummaryStatistics?.FaultStatistics?.TotalCount), [0, 1, 0]);
      assert.deepEqual(series.map((p) => p.ResponseTimeHistogram?.reduce((n, h) => n + (h.Count ?? 0), 0)), perMinute);

      const graph = await xray.send(new GetServiceGraphCommand(window));
      const sum = series.reduce((n, p) => n + (p.ServiceSummaryStatistics?.TotalCount ?? 0), 0);
      assert.equal(byName(graph.Services, V1).SummaryStatistics?.TotalCount, sum);

      const edges = await xray.send(new GetTimeSeriesServiceStatisticsCommand({ ...window, EntitySelectorExpression: `edge("${GW}", "${V1}")`, Period: 120 }));
      assert.deepEqual(edges.TimeSeriesServiceStatistics?.map((p) => p.EdgeSummaryStatistics?.TotalCount), [8, 7]);

      const entry = await xray.send(new GetTimeSeriesServiceStatisticsCommand({ ...window, Period: 60 }));
      assert.deepEqual(entry.TimeSeriesServiceStatistics?.map((p) => p.EdgeSummaryStatistics?.TotalCount), perMinute, "client edges");

      await assert.rejects(xray.send(new GetTimeSeriesServiceStatisticsCommand({ ...window, Period: 90 })), isInvalidRequest);
      await assert.rejects(xray.send(new GetTimeSeriesServiceStatisticsCommand({ ...window, EntitySelectorExpression: "service(" })), isInvalidRequest);
    } finally {
      xray.destroy();
      await served.close();
    }
  });

  test("retention drops old traces by the clock but keeps their statistics", async () => {
    const clock = new TestClock(START * 1000);
    const service = new XRayService(clock, { retentionSeconds: 600 });
    const served = await serveService(service);
    const xray = new XRayClient({ endpoint: served.url, region: "us-east-1", credentials });
    try {
      const old = trace(START, { name: GW, seconds: 0.02, status: 200, calls: [{ name: V1, seconds: 0.01, status: 200 }] });
      service.putSegments(old.documents);
      clock.ms += 601_000; // the simulator runs the clock ahead of the wall clock
      const recent = trace(START + 601, { name: GW, seconds: 0.02, status: 200 });
      service.putSegments(recent.documents);
      assert.deepEqual(service.stats().traces, 1);
      assert.equal(service.stats().segments, 1);

      const traces = await xray.send(new BatchGetTracesCommand({ TraceIds: [old.id, recent.id] }));
      assert.deepEqual(traces.UnprocessedTraceIds, [old.id]);
      assert.deepEqual(traces.Traces?.map((t) => t.Id), [recent.id]);
      const found = await xray.send(new GetTraceSummariesCommand({ StartTime: at(START - 60), EndTime: at(START + 700) }));
      assert.deepEqual(found.TraceSummaries?.map((s) => s.Id), [recent.id]);

      const graph = await xray.send(new GetServiceGraphCommand({ StartTime: at(START), EndTime: at(START + 700) }));
      assert.equal(byName(graph.Services, GW).SummaryStatistics?.TotalCount, 2, "both requests still count");
      assert.equal(byName(graph.Services, V1).SummaryStatistics?.TotalCount, 1);

      // Time passing without new segments also expires traces.
      clock.ms += 601_000;
      const none = await xray.send(new BatchGetTracesCommand({ TraceIds: [recent.id] }));
      assert.deepEqual(none.UnprocessedTraceIds, [recent.id]);
    } finally {
      xray.destroy();
      await served.close();
    }
  });

  test("maxTraces keeps the newest traces", () => {
    const clock = new TestClock(START * 1000);
    const service = new XRayService(clock, { maxTraces: 5 });
    const all = Array.from({ length: 10 }, (_, i) => trace(START + i, { name: GW, seconds: 0.01, status: 200 }));
    for (const t of all) service.putSegments(t.documents);
    assert.deepEqual(service.stats(), { traces: 5, segments: 5, buckets: 1 });
    const batch = (ids: string[]) =>
      service.handle({ method: "POST", path: "/Traces", query: new URLSearchParams(), headers: {}, body: { TraceIds: ids }, region: "us-east-1" })
        .body as { Traces: { Id: string }[]; UnprocessedTraceIds: string[] };
    const older = batch(all.slice(0, 5).map((t) => t.id));
    const newer = batch(all.slice(5).map((t) => t.id));
    assert.deepEqual(newer.Traces.map((t) => t.Id), all.slice(5).map((t) => t.id));
    assert.deepEqual(older.Traces, []);
    assert.deepEqual(older.UnprocessedTraceIds, all.slice(0, 5).map((t) => t.id));
  });

  test("summaries paginate with NextToken", async () => {
    const clock = new TestClock((START + 600) * 1000);
    const service = new XRayService(clock);
    const served = await serveService(service);
    const xray = new XRayClient({ endpoint: served.url, region: "us-east-1", credentials });
    try {
      const made = Array.from({ length: 250 }, (_, i) => trace(START + i, { name: GW, seconds: 0.01, status: 200 }));
      service.putSegments(made.flatMap((t) => t.documents));
      const pages: number[] = [];
      const seen = new Set<string>();
      for await (const page of paginateGetTraceSummaries({ client: xray }, { StartTime: at(START), EndTime: at(START + 300) })) {
        pages.push(page.TraceSummaries?.length ?? 0);
        for (const s of page.TraceSummaries ?? []) seen.add(s.Id!);
      }
      assert.deepEqual(pages, [100, 100, 50]);
      assert.equal(seen.size, 250);
    } finally {
      xray.destroy();
      await served.close();
    }
  });

  test("an in-progress segment counts once, when it completes", () => {
    const clock = new TestClock((START + 60) * 1000);
    const service = new XRayService(clock);
    const t = trace(START, { name: GW, seconds: 0.02, status: 200 });
    const complete = t.documents[0];
    const open: SegmentDocument = { ...complete, in_progress: true };
    delete open.end_time;
    service.putSegments([open]);
    service.putSegments([complete]);
    service.putSegments([complete]); // a repeat
    assert.equal(service.stats().segments, 1);
    const graph = service.handle({
      method: "POST",
      path: "/ServiceGraph",
      query: new URLSearchParams(),
      headers: {},
      body: { StartTime: START, EndTime: START + 60 },
      region: "us-east-1",
    });
    const services = (graph.body as { Services: Service[] }).Services;
    assert.equal(byName(services, GW).SummaryStatistics?.TotalCount, 1);
  });

  test("owns only X-Ray's POST routes", () => {
    const service = new XRayService(new TestClock(0));
    const request = (method: string, path: string) => ({ method, path, query: new URLSearchParams(), headers: {}, body: undefined, region: "us-east-1" });
    assert.equal(service.owns(request("POST", "/ServiceGraph")), true);
    assert.equal(service.owns(request("POST", "/TraceSegments")), true);
    assert.equal(service.owns(request("GET", "/ServiceGraph")), false);
    assert.equal(service.owns(request("POST", "/v20190125/meshes")), false);
    assert.equal(service.owns(request("POST", "/")), false);
  });
});
