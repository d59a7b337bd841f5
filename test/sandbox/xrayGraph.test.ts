// Service-graph rules of the X-Ray sandbox, from segments sent with PutTraceSegments through the real
// SDK: inferred nodes for calls no segment answers (and their removal when a late segment does),
// AWS SDK calls as AWS::* nodes, the names X-Ray accepts, and graphs paged 100 services at a time.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  GetServiceGraphCommand,
  GetTraceGraphCommand,
  GetTraceSummariesCommand,
  InvalidRequestException,
  PutTraceSegmentsCommand,
  XRayClient,
  paginateGetServiceGraph,
  type Service,
} from "@aws-sdk/client-xray";
import type { Clock } from "../../src/sandbox/protocol";
import { XRayService } from "../../src/sandbox/xray";
import { serveService } from "./serveService";

const START = Date.UTC(2025, 0, 15, 12, 0, 0) / 1000;
const PROXY = "AWS::AppMesh::Proxy";
const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };
const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const newTraceId = () => `1-${START.toString(16)}-${hex(12)}`;
const at = (seconds: number) => new Date(seconds * 1000);

const fixedClock = (seconds: number): Clock => ({ now: () => seconds * 1000 });

type Doc = Record<string, unknown>;
const segment = (traceId: string, name: string, fields: Doc = {}): Doc => ({
  trace_id: traceId,
  id: hex(8),
  name,
  origin: PROXY,
  start_time: START + 1,
  end_time: START + 1.1,
  http: { request: { method: "GET", url: `http://${name}/` }, response: { status: 200 } },
  ...fields,
});
const remote = (name: string, fields: Doc = {}): Doc => ({ id: hex(8), name, namespace: "remote", start_time: START + 1.01, end_time: START + 1.05, ...fields });

const byName = (services: Service[] | undefined, name: string): Service => {
  const service = services?.find((s) => s.Name === name);
  assert.ok(service, `${name} on the graph (${services?.map((s) => s.Name).join(", ")})`);
  return service;
};

describe("inferred nodes", () => {
  const service = new XRayService(fixedClock(START + 120));
  let served: Awaited<ReturnType<typeof serveService>>;
  let xray: XRayClient;
  const put = async (...documents: Doc[]) => {
    const result = await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: documents.map((d) => JSON.stringify(d)) }));
    assert.deepEqual(result.UnprocessedTraceSegments, []);
  };
  const graph = async () => (await xray.send(new GetServiceGraphCommand({ StartTime: at(START), EndTime: at(START + 60) }))).Services ?? [];

  before(async () => {
    served = await serveService(service);
    xray = new XRayClient({ endpoint: served.url, region: "us-east-1", credentials });
  });
  after(async () => {
    xray.destroy();
    await served.close();
  });

  test("a remote call nobody answers is a remote node with the caller's statistics; a late answer replaces it", async () => {
    const traceId = newTraceId();
    const failing = remote("ledger.internal", { http: { response: { status: 503 } } });
    const throttled = remote("ledger.internal", { throttle: true, error: true });
    const ok = remote("ledger.internal", { http: { response: { status: 200 } } });
    const caller = segment(traceId, "demo/api", { subsegments: [failing, throttled, ok] });
    await put(caller);

    let services = await graph();
    const api = byName(services, "demo/api");
    const ledger = byName(services, "ledger.internal");
    assert.equal(ledger.Type, "remote");
    assert.equal(ledger.Root, false);
    assert.equal(api.Root, true);
    const edge = api.Edges?.find((e) => e.ReferenceId === ledger.ReferenceId);
    assert.ok(edge, "an edge from the caller");
    for (const stats of [edge.SummaryStatistics!, ledger.SummaryStatistics!]) {
      assert.equal(stats.TotalCount, 3);
      assert.equal(stats.OkCount, 1);
      assert.equal(stats.FaultStatistics?.TotalCount, 1, "503 from http.response.status");
      assert.equal(stats.ErrorStatistics?.ThrottleCount, 1, "throttle from the flags");
      assert.ok(Math.abs(stats.TotalResponseTime! - 0.12) < 1e-6);
    }
    assert.equal(ledger.ResponseTimeHistogram?.reduce((n, h) => n + h.Count!, 0), 3);
    const summaries = await xray.send(new GetTraceSummariesCommand({ StartTime: at(START - 60), EndTime: at(START + 60), FilterExpression: `service("ledger.internal") { fault }` }));
    assert.deepEqual(summaries.TraceSummaries?.map((t) => t.Id), [traceId]);
    assert.ok(summaries.TraceSummaries?.[0].ServiceIds?.some((s) => s.Name === "ledger.internal" && s.Type === "remote"));

    // The segments answering two of the calls arrive in a later batch: those calls now link to the
    // callee's own node, the third stays inferred.
    await put(segment(traceId, "demo/ledger", { parent_id: failing.id, fault: true }), segment(traceId, "demo/ledger", { parent_id: throttled.id }));
    services = await graph();
    const stillInferred = byName(services, "ledger.internal").SummaryStatistics!;
    assert.deepEqual([stillInferred.TotalCount, stillInferred.OkCount, stillInferred.FaultStatistics?.TotalCount], [1, 1, 0]);
    const linked = byName(services, "demo/ledger");
    const apiEdges = byName(services, "demo/api").Edges!;
    assert.equal(apiEdges.find((e) => e.ReferenceId === linked.ReferenceId)?.SummaryStatistics?.TotalCount, 2);

    const trace = await xray.send(new GetTraceGraphCommand({ TraceIds: [traceId] }));
    assert.deepEqual(trace.Services?.map((s) => `${s.Name} ${s.Type}`).sort(), ["client client", `demo/api ${PROXY}`, `demo/ledger ${PROXY}`, "ledger.internal remote"].sort());
  });

  test("once every call is answered, the inferred node leaves the graph", async () => {
    const traceId = newTraceId();
    const call = remote("orders.internal");
    await put(segment(traceId, "demo/shop", { subsegments: [call] }));
    assert.ok((await graph()).some((s) => s.Name === "orders.internal"));
    await put(segment(traceId, "demo/orders", { parent_id: call.id }));
    const services = await graph();
    assert.equal(services.find((s) => s.Name === "orders.internal"), undefined);
    const shop = byName(services, "demo/shop");
    assert.deepEqual(shop.Edges?.map((e) => e.ReferenceId), [byName(services, "demo/orders").ReferenceId]);
  });

  test("a call answered in the same batch never shows as inferred, whatever the order", async () => {
    const traceId = newTraceId();
    const call = remote("stock.internal");
    await put(segment(traceId, "demo/cart", { subsegments: [call] }), segment(traceId, "demo/stock", { parent_id: call.id }));
    assert.equal((await graph()).find((s) => s.Name === "stock.internal"), undefined);
  });

  test("AWS SDK calls become AWS::* nodes; nested and in-progress calls are not nodes of their own", async () => {
    const traceId = newTraceId();
    await put(
      segment(traceId, "demo/billing", {
        subsegments: [
          { id: hex(8), name: "DynamoDB", namespace: "aws", start_time: START + 1.01, end_time: START + 1.02, aws: { operation: "GetItem", table_name: "bills" } },
          { id: hex(8), name: "SQS", namespace: "aws", start_time: START + 1.02, end_time: START + 1.03, aws: { operation: "SendMessage" } },
          { id: hex(8), name: "Kinesis", namespace: "aws", start_time: START + 1.03, end_time: START + 1.04, aws: { operation: "PutRecord" } },
          { id: hex(8), name: "local work", start_time: START + 1.04, end_time: START + 1.06, subsegments: [remote("tax.example.com", { subsegments: [remote("inner.example.com")] })] },
          { id: hex(8), name: "slow.example.com", namespace: "remote", start_time: START + 1.06, in_progress: true },
        ],
      }),
    );
    const services = await graph();
    const types = Object.fromEntries(services.map((s) => [s.Name, s.Type]));
    assert.equal(types.DynamoDB, "AWS::DynamoDB::Table");
    assert.equal(types.SQS, "AWS::SQS::Queue");
    assert.equal(types.Kinesis, "AWS::Kinesis");
    assert.equal(types["tax.example.com"], "remote", "a remote call inside a local subsegment");
    assert.equal(types["inner.example.com"], undefined, "a call's own subsegments are its details");
    assert.equal(types["slow.example.com"], undefined, "counted once complete");
    const billing = byName(services, "demo/billing");
    assert.equal(billing.Edges?.length, 4);
  });
});

describe("names X-Ray accepts", () => {
  test("segment names outside X-Ray's characters or over 200 come back unprocessed", async () => {
    const service = new XRayService(fixedClock(START + 120));
    const served = await serveService(service);
    const xray = new XRayClient({ endpoint: served.url, region: "us-east-1", credentials });
    try {
      const traceId = newTraceId();
      const good = ["demo/color-v2_ns", "a.b:c/d%e&f#g=h+i\\j-k@l m", "Café 2"].map((name) => segment(traceId, name));
      const bad = ["demo/<script>", "what?", "semi;colon", "tab\there", "x".repeat(201), ""].map((name) => segment(traceId, name));
      const result = await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [...good, ...bad].map((d) => JSON.stringify(d)) }));
      const unprocessed = result.UnprocessedTraceSegments ?? [];
      assert.deepEqual(unprocessed.map((u) => u.Id).sort(), bad.map((d) => d.id as string).sort());
      assert.ok(unprocessed.every((u) => u.ErrorCode === "InvalidSegment" && /name/.test(u.Message ?? "")));
      const graph = await xray.send(new GetServiceGraphCommand({ StartTime: at(START), EndTime: at(START + 60) }));
      assert.deepEqual(graph.Services?.map((s) => s.Name).filter((n) => n !== "client").sort(), good.map((d) => d.name as string).sort());
    } finally {
      xray.destroy();
      await served.close();
    }
  });
});

describe("graph pages", () => {
  test("GetServiceGraph and GetTraceGraph page services 100 at a time; the pages merge into the whole graph", async () => {
    const service = new XRayService(fixedClock(START + 120));
    const served = await serveService(service);
    const xray = new XRayClient({ endpoint: served.url, region: "us-east-1", credentials });
    try {
      // One trace: a gateway calling 250 nodes, so 252 services with the client.
      const traceId = newTraceId();
      const calls = Array.from({ length: 250 }, (_, i) => remote(`node-${i}.local`));
      const documents = [segment(traceId, "big/gateway", { subsegments: calls }), ...calls.map((c, i) => segment(traceId, `big/node-${i}`, { parent_id: c.id }))];
      for (let i = 0; i < documents.length; i += 50) {
        await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: documents.slice(i, i + 50).map((d) => JSON.stringify(d)) }));
      }

      const window = { StartTime: at(START), EndTime: at(START + 60) };
      const first = await xray.send(new GetServiceGraphCommand(window));
      assert.equal(first.Services?.length, 100);
      assert.ok(first.NextToken, "a token for the next page");
      const pages: Service[][] = [];
      for await (const page of paginateGetServiceGraph({ client: xray }, window)) pages.push(page.Services ?? []);
      assert.deepEqual(pages.map((p) => p.length), [100, 100, 52]);
      const all = pages.flat();
      assert.equal(new Set(all.map((s) => s.ReferenceId)).size, 252);
      const gateway = byName(all, "big/gateway");
      assert.equal(gateway.Edges?.length, 250);
      const ids = new Set(all.map((s) => s.ReferenceId));
      assert.ok(gateway.Edges!.every((e) => ids.has(e.ReferenceId)), "every edge's target is on some page");
      assert.equal(all.filter((s) => s.Type === "remote").length, 0, "every call was answered");

      let traceServices = 0;
      let token: string | undefined;
      do {
        const page = await xray.send(new GetTraceGraphCommand({ TraceIds: [traceId], NextToken: token }));
        traceServices += page.Services?.length ?? 0;
        token = page.NextToken;
      } while (token);
      assert.equal(traceServices, 252);

      await assert.rejects(xray.send(new GetServiceGraphCommand({ ...window, NextToken: "bm90LWEtdG9rZW4=" })), InvalidRequestException);
    } finally {
      xray.destroy();
      await served.close();
    }
  });
});
