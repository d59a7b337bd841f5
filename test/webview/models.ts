// Models for the webview tests: hand-made small ones (crafted names) and the benchmark's synthetic mesh.
import { buildServiceMap } from "../../src/model/serviceMap/buildMap";
import { DEFAULT_THRESHOLDS, type Health, type MapEdge, type MapNode, type MapNodeKind, type ServiceMapModel, type Traffic } from "../../src/model/serviceMap/mapModel";
import { syntheticMesh } from "../bench/serviceMapFixture";

const END = Date.UTC(2026, 11, 1, 12, 0, 0);
const WINDOW = { start: END - 15 * 60_000, end: END };

export function traffic(total: number, fault = 0, error = 0, throttle = 0, avgMs = 40): Traffic {
  const ok = total - fault - error - throttle;
  return {
    statistics: { ok, error, throttle, fault, total, totalResponseTime: (total * avgMs) / 1000 },
    rpm: total / 15,
    avgMs,
    p95Ms: avgMs * 2.5,
    histogram: [
      { value: (avgMs * 0.5) / 1000, count: Math.round(total * 0.3) },
      { value: avgMs / 1000, count: Math.round(total * 0.5) },
      { value: (avgMs * 2.5) / 1000, count: Math.round(total * 0.15) },
      { value: (avgMs * 6) / 1000, count: Math.round(total * 0.05) },
    ],
  };
}

function health(t: Traffic | undefined): Health {
  const s = t?.statistics;
  if (!s || !s.total) return "idle";
  if (s.fault / s.total >= 0.05) return "fault";
  if (s.throttle / s.total >= 0.05) return "throttle";
  if (s.error / s.total >= 0.1) return "error";
  return "ok";
}

export function node(kind: MapNodeKind, label: string, t?: Traffic, extra: Partial<MapNode> = {}): MapNode {
  return { id: `${kind}:${label}`, kind, label, traffic: t, health: health(t), lowConfidence: !!t && t.statistics.total < 20, resource: kind === "client" || kind === "remote" || kind === "external" ? undefined : { kind: kind as never, name: label }, xray: t ? { name: `demo/${label}`, type: "AWS::AppMesh::Proxy" } : undefined, ...extra };
}

export function edge(from: MapNode, to: MapNode, t?: Traffic, extra: Partial<MapEdge> = {}): MapEdge {
  return { id: `${from.id}->${to.id}`, from: from.id, to: to.id, observed: t ? { ...t, pairs: [{ from: from.label, to: to.label }] } : undefined, status: t ? "seen" : "idle", health: health(t), lowConfidence: !!t && t.statistics.total < 20, ...extra };
}

export function model(nodes: MapNode[], edges: MapEdge[], extra: Partial<ServiceMapModel> = {}): ServiceMapModel {
  const samples = nodes.reduce((sum, n) => sum + (n.traffic?.statistics.total ?? 0), 0);
  return { mesh: "demo", source: "live", window: WINDOW, nodes, edges, traffic: { kind: "shown" }, samples, thresholds: DEFAULT_THRESHOLDS, notes: [], ...extra };
}

/** The demo's shape: gateway → color service → router → route → color-v1 90 % / color-v2 10 %. */
export function demoModel(round = 0): ServiceMapModel {
  const r = 1 + round * 0.37;
  const client = node("client", "client", traffic(Math.round(1200 * r)));
  const gateway = node("VirtualGateway", "ingress-gw", traffic(Math.round(1200 * r), 0, 3, 0, 12));
  const service = node("VirtualService", "color.demo.local", undefined, { group: undefined });
  const router = node("VirtualRouter", "color-router", undefined, { group: "VirtualService:color.demo.local" });
  const route = node("Route", "color-route", undefined, { group: "VirtualService:color.demo.local" });
  const v1 = node("VirtualNode", "color-v1", traffic(Math.round(1090 * r), 2, 5, 0, 35), { group: "VirtualService:color.demo.local" });
  const v2 = node("VirtualNode", "color-v2", traffic(Math.round(110 * r), Math.round(22 * r), 0, 0, 80), { group: "VirtualService:color.demo.local" });
  const pricing = node("remote", "pricing.example.com", traffic(Math.round(300 * r), 0, 0, Math.round(30 * r), 120));
  const idle = node("VirtualNode", "legacy-batch");
  const nodes = [client, gateway, service, router, route, v1, v2, pricing, idle];
  const edges = [
    edge(client, gateway, traffic(Math.round(1200 * r), 0, 3, 0, 14), { status: "external" }),
    edge(gateway, service, traffic(Math.round(1200 * r), 24, 5, 0, 40), { declared: { role: "gatewayRoute", name: "color-gr" } }),
    edge(service, router, traffic(Math.round(1200 * r), 24, 5, 0, 40), { declared: { role: "provider" } }),
    edge(router, route, traffic(Math.round(1200 * r), 24, 5, 0, 40), { declared: { role: "route" } }),
    edge(route, v1, traffic(Math.round(1090 * r), 2, 5, 0, 35), { declared: { role: "target", weight: 90, setShare: 0.9 } }),
    edge(route, v2, traffic(Math.round(110 * r), Math.round(22 * r), 0, 0, 80), { declared: { role: "target", weight: 10, setShare: 0.1 } }),
    edge(v1, pricing, traffic(Math.round(300 * r), 0, 0, Math.round(30 * r), 120), { status: "undeclared" }),
    edge(idle, service, undefined, { declared: { role: "backend" } }),
  ];
  edges[4].observed!.seenShare = 0.908;
  edges[5].observed!.seenShare = 0.092;
  return model(nodes, edges);
}

/** The benchmark's synthetic mesh of n nodes, numbers changed by `round`, topology not. */
export function syntheticModel(n: number, round = 0): ServiceMapModel {
  const mesh = syntheticMesh(n, round);
  return buildServiceMap({ mesh: mesh.mesh, source: "live", resources: mesh.resources, window: { start: mesh.graph.start, end: mesh.graph.end }, graph: mesh.graph });
}
