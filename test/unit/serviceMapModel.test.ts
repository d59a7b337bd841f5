// The service map's model: declared topology joined with X-Ray's graph, the view options and the
// mermaid text, on a mesh shaped like the demo (gateway → front → 90/10 color canary, catalog → an
// external callee) and on crafted names.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildServiceMap, type DeclaredResource } from "../../src/model/serviceMap/buildMap";
import { visibleMap, DEFAULT_VIEW } from "../../src/model/serviceMap/mapView";
import { toMermaid } from "../../src/model/serviceMap/mermaidText";
import { syntheticMesh } from "../bench/serviceMapFixture";
import { histogramQuantile, type XrayGraph, type XrayStatistics } from "../../src/model/serviceMap/xrayGraph";

const resources: DeclaredResource[] = [
  { kind: "VirtualGateway", name: "ingress-gw", spec: {} },
  { kind: "GatewayRoute", name: "to-front", parentName: "ingress-gw", spec: { httpRoute: { action: { target: { virtualService: { virtualServiceName: "front.demo.local" } } } } } },
  { kind: "VirtualService", name: "front.demo.local", spec: { provider: { virtualNode: { virtualNodeName: "front" } } } },
  { kind: "VirtualService", name: "color.demo.local", spec: { provider: { virtualRouter: { virtualRouterName: "color-router" } } } },
  { kind: "VirtualService", name: "catalog.demo.local", spec: { provider: { virtualNode: { virtualNodeName: "catalog" } } } },
  { kind: "VirtualRouter", name: "color-router", spec: {} },
  { kind: "Route", name: "color-route", parentName: "color-router", spec: { httpRoute: { action: { weightedTargets: [{ virtualNode: "color-v1", weight: 90 }, { virtualNode: "color-v2", weight: 10 }] } } } },
  { kind: "VirtualNode", name: "front", spec: { backends: [{ virtualService: { virtualServiceName: "color.demo.local" } }, { virtualService: { virtualServiceName: "catalog.demo.local" } }] } },
  { kind: "VirtualNode", name: "color-v1", spec: {} },
  { kind: "VirtualNode", name: "color-v2", spec: {} },
  { kind: "VirtualNode", name: "catalog", spec: {} },
];

const stats = (total: number, fault = 0, error = 0, throttle = 0, avgS = 0.01): XrayStatistics => ({ ok: total - fault - error - throttle, fault, error, throttle, total, totalResponseTime: total * avgS });
const start = Date.UTC(2026, 11, 1, 12, 0, 0);
const end = start + 10 * 60_000;

function demoGraph(): XrayGraph {
  const edge = (referenceId: number, s: XrayStatistics) => ({ referenceId, statistics: s, histogram: [{ value: 0.01, count: s.total - 5 }, { value: 0.2, count: 5 }] });
  const proxy = (referenceId: number, name: string, s: XrayStatistics, edges: ReturnType<typeof edge>[] = []) => ({ referenceId, name, names: [name], type: "AWS::AppMesh::Proxy", root: false, statistics: s, histogram: [{ value: 0.01, count: s.total }], edges });
  return {
    start,
    end,
    containsOldGroupVersions: false,
    services: [
      { referenceId: 0, name: "client", names: ["client"], type: "client", root: false, histogram: [], edges: [edge(1, stats(400))] },
      { ...proxy(1, "demo/ingress-gw", stats(400), [edge(2, stats(400))]), root: true },
      proxy(2, "demo/front", stats(400), [edge(3, stats(360)), edge(4, stats(40, 4)), edge(5, stats(200)), edge(7, stats(30))]),
      proxy(3, "demo/color-v1", stats(360)),
      proxy(4, "demo/color-v2", stats(40, 4)),
      proxy(5, "demo/catalog", stats(200), [edge(6, stats(100))]),
      { referenceId: 6, name: "pricing.example.com", names: ["pricing.example.com"], type: "remote", root: false, histogram: [], edges: [] },
      proxy(7, "demo/color-v1", stats(0)),
    ].slice(0, 7),
  };
}

describe("service map model", () => {
  test("a route's targets show the share set and the share seen", () => {
    const model = buildServiceMap({ mesh: "demo", source: "live", resources, window: { start, end }, graph: demoGraph() });
    const v1 = model.edges.find((e) => e.id === "Route:color-router/color-route->VirtualNode:color-v1")!;
    const v2 = model.edges.find((e) => e.id === "Route:color-router/color-route->VirtualNode:color-v2")!;
    assert.equal(v1.declared?.setShare, 0.9);
    assert.equal(v2.declared?.setShare, 0.1);
    assert.equal(v1.observed?.seenShare, 0.9);
    assert.equal(v2.observed?.seenShare, 0.1);
    assert.equal(v2.status, "seen");
    assert.equal(v2.health, "fault", "10 % faults is over the 5 % threshold");
    assert.equal(model.nodes.find((n) => n.id === "VirtualNode:color-v2")?.health, "fault");
    assert.equal(model.nodes.find((n) => n.id === "VirtualNode:color-v1")?.health, "ok");
    // The path front → color service → router → route carries both targets' traffic.
    assert.equal(model.edges.find((e) => e.id === "VirtualNode:front->VirtualService:color.demo.local")?.observed?.statistics.total, 400);
    assert.equal(model.nodes.find((n) => n.id === "Route:color-router/color-route")?.traffic?.statistics.total, 400);
    assert.equal(model.traffic.kind, "shown");
    assert.equal(model.samples, 400 + 400 + 360 + 40 + 200);
  });

  test("client, remote and undeclared traffic keep their own nodes and edges", () => {
    const graph = demoGraph();
    // front also calls catalog directly (declared: through catalog.demo.local) and color-v1 calls catalog (undeclared).
    graph.services[3].edges.push({ referenceId: 5, statistics: stats(12), histogram: [] });
    const model = buildServiceMap({ mesh: "demo", source: "live", resources, window: { start, end }, graph });
    assert.equal(model.edges.find((e) => e.id === "client:client->VirtualGateway:ingress-gw")?.status, "external");
    assert.equal(model.nodes.find((n) => n.id === "client:client")?.traffic?.statistics.total, 400, "a client node shows what its edges carry");
    assert.equal(model.edges.find((e) => e.id === "VirtualNode:catalog->remote:pricing.example.com")?.status, "external");
    assert.equal(model.edges.find((e) => e.id === "VirtualNode:color-v1->VirtualNode:catalog")?.status, "undeclared");
    assert.equal(model.edges.find((e) => e.id === "VirtualGateway:ingress-gw->VirtualService:front.demo.local")?.declared?.name, "to-front");
  });

  test("without X-Ray the declared topology is drawn, idle, with the reason", () => {
    const model = buildServiceMap({ mesh: "demo", source: "definitions", resources, window: { start, end }, traffic: { kind: "unavailable", code: "access-denied", reason: "No access" } });
    assert.equal(model.traffic.kind, "unavailable");
    assert.ok(model.edges.length >= 9);
    assert.ok(model.edges.every((e) => e.status === "idle"), "every declared edge is idle (dashed)");
    assert.ok(model.nodes.every((n) => n.health === "idle"));
  });

  test("the same topology gives the same ids in the same order", () => {
    const a = buildServiceMap({ mesh: "demo", source: "live", resources, window: { start, end }, graph: demoGraph() });
    const b = buildServiceMap({ mesh: "demo", source: "live", resources: [...resources].reverse(), window: { start, end }, graph: demoGraph() });
    assert.deepEqual(b.nodes.map((n) => n.id), a.nodes.map((n) => n.id));
    assert.deepEqual(b.edges.map((e) => e.id), a.edges.map((e) => e.id));
    assert.equal(toMermaid(visibleMap(b.nodes, b.edges, DEFAULT_VIEW)).text, toMermaid(visibleMap(a.nodes, a.edges, DEFAULT_VIEW)).text);
  });

  test("p95 comes from the histogram", () => {
    assert.equal(histogramQuantile([{ value: 0.2, count: 5 }, { value: 0.01, count: 95 }], 0.95), 0.01);
    assert.equal(histogramQuantile([{ value: 0.2, count: 6 }, { value: 0.01, count: 94 }], 0.95), 0.2);
    assert.equal(histogramQuantile([], 0.95), undefined);
  });
});

describe("service map view options", () => {
  const model = buildServiceMap({ mesh: "demo", source: "live", resources, window: { start, end }, graph: demoGraph() });

  test("collapse folds a service's router, routes and nodes into it, with the worst health", () => {
    const view = visibleMap(model.nodes, model.edges, { ...DEFAULT_VIEW, collapsed: true });
    const color = view.nodes.find((n) => n.id === "VirtualService:color.demo.local")!;
    assert.deepEqual(new Set(color.members), new Set(["VirtualRouter:color-router", "Route:color-router/color-route", "VirtualNode:color-v1", "VirtualNode:color-v2"]));
    assert.equal(color.health, "fault");
    assert.ok(!view.nodes.some((n) => n.id === "VirtualNode:color-v1"));
    assert.ok(view.edges.every((e) => view.nodes.some((n) => n.id === e.from) && view.nodes.some((n) => n.id === e.to)), "edges join drawn nodes");
    const expanded = visibleMap(model.nodes, model.edges, { ...DEFAULT_VIEW, collapsed: true, expandedGroups: ["VirtualService:color.demo.local"] });
    assert.ok(expanded.nodes.some((n) => n.id === "VirtualNode:color-v1"));
  });

  test("focus keeps a node and its neighbours within N hops", () => {
    const one = visibleMap(model.nodes, model.edges, { ...DEFAULT_VIEW, focus: { nodeId: "VirtualNode:catalog", hops: 1 } });
    assert.deepEqual(one.nodes.map((n) => n.id).sort(), ["VirtualNode:catalog", "VirtualService:catalog.demo.local", "remote:pricing.example.com"].sort());
  });

  test("hide idle drops nodes and edges without traffic", () => {
    const idle = buildServiceMap({ mesh: "demo", source: "live", resources: [...resources, { kind: "VirtualNode", name: "unused", spec: {} }], window: { start, end }, graph: demoGraph() });
    const view = visibleMap(idle.nodes, idle.edges, { ...DEFAULT_VIEW, hideIdle: true });
    assert.ok(!view.nodes.some((n) => n.id === "VirtualNode:unused"));
    assert.equal(view.hiddenCount, 1);
  });
});

describe("mermaid text", () => {
  test("names cannot end a label or add statements", () => {
    const evil = ['"]) --> x; click n0 call alert(1)', "<img src=x onerror=alert(1)>", '%%{init: {"securityLevel":"loose"}}%%', "a#b&c;d", "line\nbreak"];
    const evilResources: DeclaredResource[] = evil.map((name) => ({ kind: "VirtualNode", name, spec: {} }));
    const model = buildServiceMap({ mesh: "m", source: "definitions", resources: evilResources, window: { start, end } });
    const { text, nodeIds } = toMermaid(visibleMap(model.nodes, model.edges, DEFAULT_VIEW));
    assert.equal(nodeIds.length, evil.length);
    for (const line of text.split("\n").filter((l) => /^\s+n\d+\[/.test(l))) {
      const label = line.replace(/^\s+n\d+\["/, "").replace(/"\]$/, "");
      assert.match(label, /^[A-Za-z0-9 #;<>br]*$/, `only letters, digits, spaces and entity codes: ${line}`);
    }
    const outsideLabels = text.replace(/"[^"]*"/g, '""');
    assert.ok(!/click|alert|%%|-->|init/.test(outsideLabels), `nothing of a name stands outside its quoted label: ${outsideLabels}`);
  });

  test("edges are numbered in order with a width by traffic and dashed when idle", () => {
    const model = buildServiceMap({ mesh: "demo", source: "live", resources: [...resources, { kind: "VirtualNode", name: "front", spec: { backends: [{ virtualService: { virtualServiceName: "ghost.demo.local" } }] } }], window: { start, end }, graph: demoGraph() });
    const diagram = toMermaid(visibleMap(model.nodes, model.edges, DEFAULT_VIEW));
    assert.equal(diagram.edgeIds.length, model.edges.length);
    const v1 = diagram.edgeIds.indexOf("Route:color-router/color-route->VirtualNode:color-v1");
    assert.match(diagram.text, new RegExp(`e${v1}@-->\\|"90 #37; set #183; 90 #37; seen`));
    assert.match(diagram.text, new RegExp(`linkStyle ${v1} stroke:[^,]+,stroke-width:`));
  });
});

describe("service map at scale", () => {
  test("a 500-node mesh builds in well under a second and collapses to one node per service", () => {
    const { mesh, resources, graph } = syntheticMesh(500);
    const started = performance.now();
    const model = buildServiceMap({ mesh, source: "live", resources, window: { start: graph.start, end: graph.end }, graph });
    const collapsed = visibleMap(model.nodes, model.edges, { ...DEFAULT_VIEW, collapsed: true });
    const diagram = toMermaid(collapsed);
    const ms = performance.now() - started;
    assert.ok(ms < 1500, `model, view and text in ${ms.toFixed(0)} ms`);
    assert.equal(model.edges.filter((e) => e.status === "undeclared").length, 0, "every observed edge follows a declared path");
    assert.ok(collapsed.nodes.length <= 500 + 3, `${collapsed.nodes.length} nodes drawn collapsed`);
    assert.equal(diagram.nodeIds.length, collapsed.nodes.length);
    const canary = model.edges.find((e) => e.id === "Route:svc-010-router/svc-010-route->VirtualNode:svc-011")!;
    assert.ok(Math.abs((canary.observed?.seenShare ?? 0) - 0.1) < 0.02, `seen ${canary.observed?.seenShare}`);
  });
});

describe("service map of one mesh in an account's graph", () => {
  test("other meshes' proxies and their clients stay off the map", () => {
    const graph = demoGraph();
    graph.services[0].edges.push({ referenceId: 8, statistics: stats(50), histogram: [] });
    graph.services.push({ referenceId: 8, name: "payments/ledger", names: ["payments/ledger"], type: "AWS::AppMesh::Proxy", root: true, statistics: stats(50), histogram: [], edges: [] });
    const model = buildServiceMap({ mesh: "demo", source: "live", resources, window: { start, end }, graph });
    assert.ok(!model.nodes.some((n) => n.label === "payments/ledger"));
    assert.ok(model.nodes.some((n) => n.id === "client:client"), "the client in front of this mesh's gateway stays");
    const other = buildServiceMap({ mesh: "color-app", source: "definitions", resources: [{ kind: "VirtualNode", name: "blue", spec: {} }], window: { start, end }, graph });
    assert.deepEqual(other.nodes.map((n) => n.id), ["VirtualNode:blue"], "a mesh X-Ray never saw shows only what it declares");
    assert.equal(other.traffic.kind, "none");
  });
});
