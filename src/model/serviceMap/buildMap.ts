// Declared topology + X-Ray's service graph → the service map model. Observed node→node traffic
// is laid onto the declared path that explains it (caller → service → router → route → target),
// so a route's targets show "set" and "seen" shares; traffic no path explains is "undeclared".
import type { ResourceKind } from "../resources";
import { gatewayRouteService, weightedTargets } from "../routeSemantics";
import {
  DEFAULT_THRESHOLDS,
  type DeclaredEdge,
  type EdgeStatus,
  type HealthThresholds,
  type MapEdge,
  type MapNode,
  type MapNodeKind,
  type ServiceMapModel,
  type Traffic,
  type TrafficState,
} from "./mapModel";
import { matchXrayService } from "./xrayNames";
import { healthOf, isLowConfidence, scaleTraffic, sumTraffic, trafficOf } from "./traffic";
import type { XrayGraph, XrayService } from "./xrayGraph";

/** A mesh resource as the map needs it: kind, names and the spec in the API shape. */
export interface DeclaredResource {
  kind: ResourceKind;
  name: string;
  parentName?: string;
  spec: Record<string, unknown>;
}

export interface ServiceMapInput {
  mesh: string;
  source: "live" | "definitions";
  resources: DeclaredResource[];
  /** Epoch milliseconds. */
  window: { start: number; end: number };
  /** X-Ray's graph for the window; absent when X-Ray could not be read (then `traffic` says why). */
  graph?: XrayGraph;
  traffic?: TrafficState;
  thresholds?: HealthThresholds;
}

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

const KIND_ORDER: readonly MapNodeKind[] = ["client", "VirtualGateway", "VirtualService", "VirtualRouter", "Route", "VirtualNode", "remote", "external"];

export const nodeId = (kind: MapNodeKind, name: string, parent?: string): string => (parent !== undefined ? `${kind}:${parent}/${name}` : `${kind}:${name}`);
export const edgeId = (from: string, to: string): string => `${from}->${to}`;

interface Path {
  /** Edge ids from the caller to the callee. */
  edges: string[];
}

export function buildServiceMap(input: ServiceMapInput): ServiceMapModel {
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const nodes = new Map<string, MapNode>();
  const edges = new Map<string, MapEdge>();
  const addNode = (node: Omit<MapNode, "health" | "lowConfidence">): MapNode => {
    const existing = nodes.get(node.id);
    if (existing) return existing;
    const full: MapNode = { ...node, health: "idle", lowConfidence: false };
    nodes.set(node.id, full);
    return full;
  };
  const addDeclared = (from: string, to: string, declared: DeclaredEdge): void => {
    if (!nodes.has(from) || !nodes.has(to)) return;
    const id = edgeId(from, to);
    const existing = edges.get(id);
    if (existing?.declared) {
      // Two gateway routes to one service: one edge naming both.
      if (declared.name && existing.declared.name && !existing.declared.name.split(", ").includes(declared.name)) existing.declared.name += `, ${declared.name}`;
      return;
    }
    edges.set(id, { id, from, to, declared, status: "idle", health: "idle", lowConfidence: false });
  };

  // ---- declared ----
  const byKind = (kind: ResourceKind) => input.resources.filter((r) => r.kind === kind);
  for (const r of byKind("VirtualGateway")) addNode({ id: nodeId("VirtualGateway", r.name), kind: "VirtualGateway", label: r.name, resource: { kind: r.kind, name: r.name } });
  for (const r of byKind("VirtualService")) addNode({ id: nodeId("VirtualService", r.name), kind: "VirtualService", label: r.name, resource: { kind: r.kind, name: r.name } });
  for (const r of byKind("VirtualRouter")) addNode({ id: nodeId("VirtualRouter", r.name), kind: "VirtualRouter", label: r.name, resource: { kind: r.kind, name: r.name } });
  for (const r of byKind("Route")) {
    if (!r.parentName) continue;
    addNode({ id: nodeId("Route", r.name, r.parentName), kind: "Route", label: r.name, resource: { kind: r.kind, name: r.name, parentName: r.parentName } });
  }
  for (const r of byKind("VirtualNode")) addNode({ id: nodeId("VirtualNode", r.name), kind: "VirtualNode", label: r.name, resource: { kind: r.kind, name: r.name } });

  // A reference to something the mesh does not define still gets its node, so the picture shows it.
  const ensure = (kind: "VirtualService" | "VirtualRouter" | "VirtualNode", name: string): string => {
    const id = nodeId(kind, name);
    addNode({ id, kind, label: name, resource: { kind, name } });
    return id;
  };
  for (const r of byKind("VirtualService")) {
    const provider = asObject(r.spec.provider);
    const node = str(asObject(provider.virtualNode).virtualNodeName);
    const router = str(asObject(provider.virtualRouter).virtualRouterName);
    const from = nodeId("VirtualService", r.name);
    if (node) addDeclared(from, ensure("VirtualNode", node), { role: "provider" });
    else if (router) addDeclared(from, ensure("VirtualRouter", router), { role: "provider" });
  }
  for (const r of byKind("Route")) {
    if (!r.parentName) continue;
    const routeNode = nodeId("Route", r.name, r.parentName);
    addDeclared(ensure("VirtualRouter", r.parentName), routeNode, { role: "route" });
    const targets = weightedTargets(r.spec);
    const total = targets.reduce((sum, t) => sum + (typeof t.weight === "number" && t.weight > 0 ? t.weight : 0), 0);
    for (const target of targets) {
      const name = str(target.virtualNode);
      if (!name) continue;
      const weight = typeof target.weight === "number" ? target.weight : undefined;
      addDeclared(routeNode, ensure("VirtualNode", name), {
        role: "target",
        ...(weight !== undefined ? { weight } : {}),
        ...(weight !== undefined && total > 0 ? { setShare: weight / total } : {}),
      });
    }
  }
  for (const r of byKind("VirtualNode")) {
    for (const backend of asList(r.spec.backends)) {
      const name = str(asObject(asObject(backend).virtualService).virtualServiceName);
      if (name) addDeclared(nodeId("VirtualNode", r.name), ensure("VirtualService", name), { role: "backend" });
    }
  }
  for (const r of byKind("GatewayRoute")) {
    const service = str(gatewayRouteService(r.spec));
    if (service && r.parentName) addDeclared(nodeId("VirtualGateway", r.parentName), ensure("VirtualService", service), { role: "gatewayRoute", name: r.name });
  }

  // ---- observed ----
  let samples = 0;
  let traffic: TrafficState = input.traffic ?? { kind: "none", reason: "No X-Ray data was read for this map." };
  if (input.graph) {
    const graph = input.graph;
    const minutesOf = (start?: number, end?: number) => Math.max((end ?? graph.end) - (start ?? graph.start), 1000) / 60_000;
    const windowMinutes = minutesOf(graph.start, graph.end);
    const mapped = new Map<number, string>();
    const serviceByRef = new Map<number, XrayService>();
    for (const service of graph.services) {
      serviceByRef.set(service.referenceId, service);
      const match = matchXrayService(service, input.mesh, (kind, name) => nodes.has(nodeId(kind, name)));
      const id = match.kind === "client" || match.kind === "remote" || match.kind === "external" ? nodeId(match.kind, match.name) : nodeId(match.kind, match.name);
      const node = addNode({ id, kind: match.kind, label: match.name, ...(match.kind === "VirtualNode" || match.kind === "VirtualGateway" || match.kind === "VirtualService" ? { resource: { kind: match.kind, name: match.name } } : {}) });
      node.xray = { name: service.name, type: service.type };
      if (service.statistics && match.kind !== "VirtualService") {
        node.traffic = trafficOf(service.statistics, service.histogram, minutesOf(service.start, service.end));
        if (match.kind === "VirtualNode" || match.kind === "VirtualGateway") samples += service.statistics.total;
      }
      mapped.set(service.referenceId, id);
    }
    const observedOn = new Map<string, { parts: Traffic[]; pairs: { from: string; to: string }[] }>();
    const observe = (id: string, part: Traffic, pair: { from: string; to: string }) => {
      let entry = observedOn.get(id);
      if (!entry) observedOn.set(id, (entry = { parts: [], pairs: [] }));
      entry.parts.push(part);
      if (!entry.pairs.some((p) => p.from === pair.from && p.to === pair.to)) entry.pairs.push(pair);
    };
    for (const service of graph.services) {
      const from = mapped.get(service.referenceId);
      if (!from) continue;
      for (const edge of service.edges) {
        const to = mapped.get(edge.referenceId);
        const callee = serviceByRef.get(edge.referenceId);
        if (!to || !callee || !edge.statistics) continue;
        const part = trafficOf(edge.statistics, edge.histogram, minutesOf(edge.start, edge.end));
        const pair = { from: service.name, to: callee.name };
        const paths = declaredPaths(from, to, edges);
        if (paths.length) {
          for (const path of paths) for (const id of path.edges) observe(id, scaleTraffic(part, 1 / paths.length), pair);
          continue;
        }
        const id = edgeId(from, to);
        const external = !isMeshNode(nodes.get(from)!) || !isMeshNode(nodes.get(to)!);
        if (!edges.has(id)) edges.set(id, { id, from, to, status: external ? "external" : "undeclared", health: "idle", lowConfidence: false });
        observe(id, part, pair);
      }
    }
    for (const [id, { parts, pairs }] of observedOn) {
      const edge = edges.get(id)!;
      const sum = sumTraffic(parts)!;
      edge.observed = { ...sum, pairs };
    }
    // X-Ray's graph holds the whole account: keep only what touches this mesh (its callers and
    // callees), not other meshes' proxies and their clients.
    for (const [id, edge] of edges) if (!isMeshNode(nodes.get(edge.from)!) && !isMeshNode(nodes.get(edge.to)!)) edges.delete(id);
    const touching = new Set([...edges.values()].flatMap((e) => [e.from, e.to]));
    for (const [id, node] of nodes) if (!isMeshNode(node) && !touching.has(id)) nodes.delete(id);
    // client nodes have no statistics of their own: they are what their edges carry.
    for (const node of nodes.values()) {
      if (node.kind === "client" && !node.traffic) node.traffic = sumTraffic(outgoing(node.id, edges).flatMap((e) => (e.observed ? [e.observed] : [])));
    }
    if (graph.services.length === 0) traffic = { kind: "none", reason: "X-Ray saw no requests in this window." };
    else if (samples === 0 && !graph.services.some((s) => mapped.get(s.referenceId)?.startsWith("VirtualNode:"))) traffic = { kind: "none", reason: `X-Ray saw requests, but none from this mesh's Envoy proxies (segment names "${input.mesh}/<node>").` };
    else traffic = { kind: "shown" };
    void windowMinutes;
  }

  // Services, routers and routes carry what flows through them.
  const incomingTraffic = (id: string) => sumTraffic(incoming(id, edges).flatMap((e) => (e.observed ? [e.observed] : [])));
  for (const kind of ["VirtualService", "VirtualRouter", "Route"] as const) {
    for (const node of nodes.values()) if (node.kind === kind && !node.traffic) node.traffic = incomingTraffic(node.id);
  }
  // A route's targets: the share each one received of what the route sent.
  for (const node of nodes.values()) {
    if (node.kind !== "Route") continue;
    const targets = outgoing(node.id, edges).filter((e) => e.declared?.role === "target");
    const total = targets.reduce((sum, e) => sum + (e.observed?.statistics.total ?? 0), 0);
    if (total > 0) for (const e of targets) if (e.observed) e.observed.seenShare = e.observed.statistics.total / total;
  }
  for (const node of nodes.values()) {
    node.health = healthOf(node.traffic, thresholds);
    node.lowConfidence = isLowConfidence(node.traffic, thresholds);
    if (!node.traffic) delete node.traffic;
  }
  for (const edge of edges.values()) {
    edge.health = healthOf(edge.observed, thresholds);
    edge.lowConfidence = isLowConfidence(edge.observed, thresholds);
    edge.status = statusOf(edge);
  }
  assignGroups(nodes, edges);

  const ordered = [...nodes.values()].sort(compareNodes);
  const rank = new Map(ordered.map((n, i) => [n.id, i]));
  const orderedEdges = [...edges.values()].sort((a, b) => rank.get(a.from)! - rank.get(b.from)! || rank.get(a.to)! - rank.get(b.to)!);
  return {
    mesh: input.mesh,
    source: input.source,
    window: input.window,
    nodes: ordered,
    edges: orderedEdges,
    traffic,
    samples,
    thresholds,
    notes: input.graph?.containsOldGroupVersions ? ["The X-Ray group's filter changed inside this window: part of the map used the old filter."] : [],
  };
}

const isMeshNode = (node: MapNode) => node.kind !== "client" && node.kind !== "remote" && node.kind !== "external";

function statusOf(edge: MapEdge): EdgeStatus {
  if (edge.declared) return edge.observed && edge.observed.statistics.total > 0 ? "seen" : "idle";
  return edge.status === "external" ? "external" : "undeclared";
}

function outgoing(id: string, edges: Map<string, MapEdge>): MapEdge[] {
  return [...edges.values()].filter((e) => e.from === id);
}
function incoming(id: string, edges: Map<string, MapEdge>): MapEdge[] {
  return [...edges.values()].filter((e) => e.to === id);
}

/**
 * Declared paths from a caller (node or gateway) to a callee: caller → service, then the service's
 * provider chain down to the callee (service → node, or service → router → route → node). A callee
 * that is itself a service (a remote node named after it) ends at caller → service.
 */
function declaredPaths(from: string, to: string, edges: Map<string, MapEdge>): Path[] {
  const out: Path[] = [];
  const declaredFrom = (id: string) => [...edges.values()].filter((e) => e.from === id && e.declared);
  for (const first of declaredFrom(from)) {
    if (first.declared!.role !== "backend" && first.declared!.role !== "gatewayRoute") continue;
    if (first.to === to) {
      out.push({ edges: [first.id] });
      continue;
    }
    for (const provider of declaredFrom(first.to)) {
      if (provider.to === to) out.push({ edges: [first.id, provider.id] });
      if (!provider.to.startsWith("VirtualRouter:")) continue;
      for (const route of declaredFrom(provider.to)) {
        const target = edges.get(edgeId(route.to, to));
        if (target?.declared) out.push({ edges: [first.id, provider.id, route.id, target.id] });
      }
    }
  }
  return out;
}

/** Each service's router, routes and provider nodes fold into the service (first service wins). */
function assignGroups(nodes: Map<string, MapNode>, edges: Map<string, MapEdge>): void {
  const services = [...nodes.values()].filter((n) => n.kind === "VirtualService").sort(compareNodes);
  for (const service of services) {
    const stack = [service.id];
    while (stack.length) {
      const id = stack.pop()!;
      for (const edge of edges.values()) {
        if (edge.from !== id || !edge.declared || !["provider", "route", "target"].includes(edge.declared.role)) continue;
        const member = nodes.get(edge.to)!;
        if (member.group) continue;
        member.group = service.id;
        stack.push(member.id);
      }
    }
  }
}

function compareNodes(a: MapNode, b: MapNode): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
