// A synthetic mesh of n virtual nodes shaped like a real one (a gateway, services provided by nodes,
// every tenth service behind a router splitting 90/10, backends fanning out as a tree with a few
// cross links) and the X-Ray graph its traffic would make. Deterministic for a given n and `round`
// (round changes the numbers, never the topology: a refresh with unchanged topology).
import type { DeclaredResource } from "../../src/model/serviceMap/buildMap";
import type { XrayEdge, XrayGraph, XrayService, XrayStatistics } from "../../src/model/serviceMap/xrayGraph";

export interface SyntheticMesh {
  mesh: string;
  resources: DeclaredResource[];
  graph: XrayGraph;
}

export function syntheticMesh(n: number, round = 0, end = Date.UTC(2026, 11, 1, 12, 0, 0)): SyntheticMesh {
  const mesh = "bench";
  const node = (i: number) => `svc-${String(i).padStart(3, "0")}`;
  const service = (i: number) => `${node(i)}.bench.local`;
  const resources: DeclaredResource[] = [
    { kind: "VirtualGateway", name: "gateway", spec: {} },
    { kind: "GatewayRoute", name: "to-root", parentName: "gateway", spec: { httpRoute: { action: { target: { virtualService: { virtualServiceName: service(0) } } } } } },
  ];
  /** Which nodes serve a service: itself, or itself 90 % and the next node 10 %. */
  const providers = new Map<number, [number, number][]>();
  for (let i = 0; i < n; i++) {
    const split = i % 10 === 0 && i + 1 < n;
    providers.set(i, split ? [[i, 90], [i + 1, 10]] : [[i, 100]]);
    if (split) {
      resources.push({ kind: "VirtualService", name: service(i), spec: { provider: { virtualRouter: { virtualRouterName: `${node(i)}-router` } } } });
      resources.push({ kind: "VirtualRouter", name: `${node(i)}-router`, spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] } });
      resources.push({ kind: "Route", name: `${node(i)}-route`, parentName: `${node(i)}-router`, spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: node(i), weight: 90 }, { virtualNode: node(i + 1), weight: 10 }] } } } });
    } else {
      resources.push({ kind: "VirtualService", name: service(i), spec: { provider: { virtualNode: { virtualNodeName: node(i) } } } });
    }
  }
  const backendsOf = (i: number) => [2 * i + 1, 2 * i + 2, ...(i % 13 === 5 ? [i + 7] : [])].filter((b) => b < n);
  for (let i = 0; i < n; i++) {
    resources.push({ kind: "VirtualNode", name: node(i), spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], backends: backendsOf(i).map((b) => ({ virtualService: { virtualServiceName: service(b) } })) } });
  }

  // Traffic: 6,000 sampled requests at the gateway over 15 minutes, halving down the tree.
  const start = end - 15 * 60_000;
  const noise = (i: number) => ((i * 2654435761 + round * 40503) % 1000) / 1000;
  const stats = (total: number, i: number): XrayStatistics => {
    const faultRate = i % 17 === 3 ? 0.08 : 0.002 + noise(i) * 0.004;
    const fault = Math.round(total * faultRate);
    const error = Math.round(total * (i % 11 === 4 ? 0.12 : 0.01));
    const throttle = i % 23 === 9 ? Math.round(total * 0.06) : 0;
    return { ok: Math.max(0, total - fault - error - throttle), error, throttle, fault, total, totalResponseTime: total * (0.008 + noise(i + 1) * 0.02) };
  };
  const histogram = (total: number, i: number) => [
    { value: 0.005, count: Math.round(total * 0.5) },
    { value: 0.012 + noise(i) * 0.01, count: Math.round(total * 0.45) },
    { value: 0.09 + noise(i + 3) * 0.1, count: total - Math.round(total * 0.5) - Math.round(total * 0.45) },
  ];
  const inbound = new Array<number>(n).fill(0);
  inbound[0] = 6000 + round * 37;
  const edges = new Map<number, XrayEdge[]>();
  for (let i = 0; i < n; i++) {
    const out: XrayEdge[] = [];
    for (const b of backendsOf(i)) {
      const sent = Math.max(4, Math.round(inbound[i] / 2));
      for (const [target, weight] of providers.get(b)!) {
        const part = Math.max(1, Math.round((sent * weight) / 100));
        inbound[target] += part;
        out.push({ referenceId: target + 2, start, end, statistics: stats(part, target), histogram: histogram(part, target) });
      }
    }
    edges.set(i, out);
  }
  const services: XrayService[] = [
    { referenceId: 0, name: "client", names: ["client"], type: "client", root: false, histogram: [], edges: [{ referenceId: 1, start, end, statistics: stats(inbound[0], 0), histogram: histogram(inbound[0], 0) }] },
    { referenceId: 1, name: `${mesh}/gateway`, names: [`${mesh}/gateway`], type: "AWS::AppMesh::Proxy", root: true, start, end, statistics: stats(inbound[0], 0), histogram: histogram(inbound[0], 0), edges: [{ referenceId: 2, start, end, statistics: stats(inbound[0], 0), histogram: histogram(inbound[0], 0) }] },
  ];
  for (let i = 0; i < n; i++) {
    const total = Math.max(1, inbound[i]);
    services.push({ referenceId: i + 2, name: `${mesh}/${node(i)}`, names: [`${mesh}/${node(i)}`], type: "AWS::AppMesh::Proxy", root: false, start, end, statistics: stats(total, i), histogram: histogram(total, i), edges: edges.get(i)! });
  }
  return { mesh, resources, graph: { start, end, services, containsOldGroupVersions: false } };
}
