// The service map's data against the sandbox, through the real SDK: the demo mesh read live, X-Ray's
// graph of ten minutes of simulated traffic joined with it, and traces for what a user clicks.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { CloudMapAccess } from "../../src/aws/cloudMapAccess";
import { XRayAccess } from "../../src/aws/xrayAccess";
import { LiveMeshLoader } from "../../src/live/liveMeshLoader";
import { declaredFromLive, readGraph, serviceMapModel, traceFilterFor, traceTimeline } from "../../src/live/serviceMapData";
import { DEFAULT_THRESHOLDS } from "../../src/model/serviceMap/mapModel";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox } from "./support";

describe("service map data from the sandbox", () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
    // Ten minutes of traffic ending now: move the clock back, then let the simulator catch up.
    sandbox.clock.advance(-600_000);
    const response = await fetch(`${sandbox.url}/_sandbox/tick?seconds=600`, { method: "POST" });
    assert.equal(response.status, 200);
  });
  after(() => sandbox.close());

  async function demoMap() {
    const { connection, log, calls } = connect(sandbox.url);
    const loader = new LiveMeshLoader(new AppMeshAccess(connection, { pageSize: 100 }), new CloudMapAccess(connection));
    const xray = new XRayAccess(connection);
    const mesh = await loader.liveMesh("demo");
    assert.ok(mesh);
    const end = Date.now() + 1000;
    const window = { start: end - 15 * 60_000, end };
    const graph = await readGraph(xray, window);
    const model = serviceMapModel({ mesh: "demo", source: "live", resources: declaredFromLive(mesh), window, graph, thresholds: DEFAULT_THRESHOLDS });
    return { model, xray, window, log, calls, connection };
  }

  test("the canary split shows as set and seen, and color-v2 by its fault rate", async () => {
    const { model, calls, connection } = await demoMap();
    assert.equal(model.traffic.kind, "shown");
    assert.equal(calls("GetServiceGraph"), 1);
    const targets = model.edges.filter((e) => e.declared?.role === "target" && e.from.startsWith("Route:color-router/"));
    const v1 = targets.find((e) => e.to === "VirtualNode:color-v1")!;
    const v2 = targets.find((e) => e.to === "VirtualNode:color-v2")!;
    assert.equal(v1.declared?.setShare, 0.9);
    assert.equal(v2.declared?.setShare, 0.1);
    assert.ok(Math.abs(v2.observed!.seenShare! - 0.1) < 0.03, `color-v2 received ${(v2.observed!.seenShare! * 100).toFixed(1)} %`);
    const colorV2 = model.nodes.find((n) => n.id === "VirtualNode:color-v2")!;
    assert.equal(colorV2.health, "fault", `color-v2 faults ${(colorV2.traffic!.statistics.fault / colorV2.traffic!.statistics.total * 100).toFixed(1)} %`);
    assert.equal(model.nodes.find((n) => n.id === "VirtualNode:color-v1")!.health, "ok");
    assert.ok(colorV2.traffic!.p95Ms! > 0 && colorV2.traffic!.histogram.length > 0, "a histogram and a p95");
    assert.ok(model.edges.some((e) => e.from === "client:client" && e.to === "VirtualGateway:ingress-gw"), "client → gateway");
    assert.equal(model.edges.filter((e) => e.status === "undeclared").length, 0, `no undeclared traffic: ${model.edges.filter((e) => e.status === "undeclared").map((e) => e.id)}`);
    connection.dispose();
  });

  test("Show Traces lists only the clicked node's faults, and a trace opens as a timeline", async () => {
    const { model, xray, window, calls, connection } = await demoMap();
    const node = model.nodes.find((n) => n.id === "VirtualNode:color-v2")!;
    const filter = traceFilterFor({ node }, "fault");
    assert.equal(filter, 'service(id(name: "demo/color-v2", type: "AWS::AppMesh::Proxy")) { fault = true }');
    const summaries = await xray.traceSummaries(new Date(window.start), new Date(window.end), filter, 7);
    assert.equal(summaries.length, 7);
    assert.ok(summaries.every((s) => s.hasFault), "every listed trace has a fault");
    const traces = await xray.traces(summaries.map((s) => s.id));
    assert.equal(traces.length, 7);
    assert.equal(calls("BatchGetTraces"), 2, "five ids per call");
    const timeline = traceTimeline(traces[0]);
    assert.ok(timeline.segments.length >= 3, "gateway, front and color-v2 at least");
    assert.equal(timeline.segments[0].depth, 0);
    assert.ok(timeline.segments.some((s) => s.name === "demo/color-v2" && s.fault));
    assert.ok(timeline.segments.every((s) => s.endMs >= s.startMs && s.startMs >= 0));
    const edge = model.edges.find((e) => e.id === "Route:color-router/color-canary->VirtualNode:color-v2")!;
    // Both callers of the color service reach color-v2 through this route: front and the gateway.
    assert.equal(traceFilterFor({ edge }, "all"), 'edge("demo/front", "demo/color-v2") OR edge("demo/ingress-gw", "demo/color-v2")');
    connection.dispose();
  });
});

describe("service map without access to X-Ray", () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());

  test("the declared topology is drawn and the map says X-Ray is denied", async () => {
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ deniedServices: ["xray"] }) });
    const { connection } = connect(sandbox.url);
    const loader = new LiveMeshLoader(new AppMeshAccess(connection, { pageSize: 100 }), new CloudMapAccess(connection));
    const mesh = await loader.liveMesh("demo");
    assert.ok(mesh, "App Mesh still answers");
    const window = { start: Date.now() - 900_000, end: Date.now() };
    const graph = await readGraph(new XRayAccess(connection), window);
    assert.equal(graph.traffic?.kind, "unavailable");
    assert.equal(graph.traffic?.kind === "unavailable" && graph.traffic.code, "access-denied");
    assert.match(graph.traffic?.kind === "unavailable" ? graph.traffic.reason : "", /No access to X-Ray \(GetServiceGraph\)/);
    const model = serviceMapModel({ mesh: "demo", source: "live", resources: declaredFromLive(mesh), window, graph, thresholds: DEFAULT_THRESHOLDS });
    assert.ok(model.nodes.some((n) => n.id === "VirtualNode:color-v2") && model.edges.some((e) => e.declared?.role === "target"), "routes and targets drawn");
    assert.ok(model.edges.every((e) => e.status === "idle"));
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ deniedServices: [] }) });
    connection.dispose();
  });
});
