// The service map's data, vscode-free: a live mesh's resources and X-Ray's graph for a window,
// joined by the model; trace lists and timelines for what the user clicked. X-Ray failing never
// hides the declared topology: the map says why there is no traffic instead.
import { AccessError, isAccessError } from "../aws/errors";
import type { RawTrace, XRayAccess } from "../aws/xrayAccess";
import { buildServiceMap, type DeclaredResource } from "../model/serviceMap/buildMap";
import type { HealthThresholds, MapEdge, MapNode, ServiceMapModel, TrafficState } from "../model/serviceMap/mapModel";
import type { XrayGraph } from "../model/serviceMap/xrayGraph";
import type { TimelineSegment, TraceFilter, TraceTimeline } from "../protocol/serviceMapMessages";
import type { LiveMesh } from "./liveMeshLoader";

/** A live mesh's resources as the map reads them (the mesh itself left out). */
export function declaredFromLive(mesh: LiveMesh): DeclaredResource[] {
  return [...mesh.values()]
    .filter((r) => r.kind !== "Mesh")
    .map((r) => ({ kind: r.kind, name: r.name, ...(r.parentName ? { parentName: r.parentName } : {}), spec: r.spec }));
}

export interface GraphResult {
  graph?: XrayGraph;
  traffic?: TrafficState;
}

/** X-Ray's graph, or the reason there is none (as a traffic state the map shows). */
export async function readGraph(xray: XRayAccess, window: { start: number; end: number }, group?: string): Promise<GraphResult> {
  try {
    return { graph: await xray.serviceGraph(new Date(window.start), new Date(window.end), group) };
  } catch (error) {
    return { traffic: trafficFailure(error) };
  }
}

export function trafficFailure(error: unknown): TrafficState {
  if (!isAccessError(error)) return { kind: "unavailable", code: "error", reason: `X-Ray could not be read: ${error instanceof Error ? error.message : String(error)}` };
  const e = error as AccessError;
  switch (e.kind) {
    case "access-denied":
      return { kind: "unavailable", code: "access-denied", reason: `No access to X-Ray (${e.operation}): ${e.fix ?? e.message}. The map shows the declared routes only.` };
    case "throttled":
      return { kind: "unavailable", code: "throttled", reason: "X-Ray is throttling requests. Retry in a moment." };
    case "endpoint-unreachable":
      return { kind: "unavailable", code: "not-enabled", reason: `X-Ray is not reachable at this endpoint: ${e.message}` };
    case "not-found":
    case "invalid-request":
      return { kind: "unavailable", code: "not-enabled", reason: `X-Ray refused the request: ${e.message}` };
    default:
      return { kind: "unavailable", code: "error", reason: `X-Ray could not be read: ${e.message}` };
  }
}

export interface MapRequest {
  mesh: string;
  source: "live" | "definitions";
  resources: DeclaredResource[];
  window: { start: number; end: number };
  graph: GraphResult;
  thresholds: HealthThresholds;
}

export function serviceMapModel(request: MapRequest): ServiceMapModel {
  return buildServiceMap({
    mesh: request.mesh,
    source: request.source,
    resources: request.resources,
    window: request.window,
    ...(request.graph.graph ? { graph: request.graph.graph } : {}),
    ...(request.graph.traffic ? { traffic: request.graph.traffic } : {}),
    thresholds: request.thresholds,
  });
}

// ---- traces ----

const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const FILTER_CONDITION: Readonly<Record<TraceFilter, string>> = { all: "", ok: " { ok = true }", error: " { error = true }", fault: " { fault = true }", throttle: " { throttle = true }" };

/** The X-Ray filter expression for traces through a node or an edge of the map, or undefined when X-Ray never saw it. */
export function traceFilterFor(target: { node?: MapNode; edge?: MapEdge; incoming?: MapEdge[] }, filter: TraceFilter): string | undefined {
  const condition = FILTER_CONDITION[filter];
  if (target.node?.xray && target.node.kind !== "client") {
    const { name, type } = target.node.xray;
    return type ? `service(id(name: ${quote(name)}, type: ${quote(type)}))${condition}` : `service(${quote(name)})${condition}`;
  }
  const pairs = target.edge?.observed?.pairs ?? (target.incoming ?? []).flatMap((e) => e.observed?.pairs ?? []);
  const unique = pairs.filter((p, i) => pairs.findIndex((q) => q.from === p.from && q.to === p.to) === i);
  if (!unique.length) return undefined;
  return unique.map((p) => `edge(${quote(p.from)}, ${quote(p.to)})${condition}`).join(" OR ");
}

type Obj = Record<string, unknown>;
const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** A trace's segments and subsegments as rows of a timeline, parents before children, by start. */
export function traceTimeline(trace: RawTrace): TraceTimeline {
  type Row = Omit<TimelineSegment, "startMs" | "endMs" | "depth"> & { start: number; end: number };
  const all: Row[] = [];
  const byParent = new Map<string | undefined, Row[]>();
  const add = (doc: Obj, parentId: string | undefined) => {
    const id = typeof doc.id === "string" ? doc.id : undefined;
    const start = num(doc.start_time);
    if (!id || start === undefined) return;
    const end = num(doc.end_time);
    const http = (doc.http ?? {}) as Obj;
    const response = (http.response ?? {}) as Obj;
    const row = {
      id,
      ...(parentId ? { parentId } : {}),
      name: typeof doc.name === "string" ? doc.name : "(unnamed)",
      ...(typeof doc.origin === "string" ? { origin: doc.origin } : {}),
      start,
      end: end ?? start,
      fault: doc.fault === true,
      error: doc.error === true,
      throttle: doc.throttle === true,
      ...(num(response.status) !== undefined ? { status: num(response.status) } : {}),
      inProgress: doc.in_progress === true || end === undefined,
    };
    all.push(row);
    byParent.set(parentId, [...(byParent.get(parentId) ?? []), row]);
    for (const sub of Array.isArray(doc.subsegments) ? doc.subsegments : []) if (sub && typeof sub === "object") add(sub as Obj, id);
  };
  for (const doc of trace.documents) add(doc, typeof doc.parent_id === "string" ? doc.parent_id : undefined);
  const known = new Set(all.map((r) => r.id));
  const t0 = Math.min(...all.map((r) => r.start));
  const ordered: TimelineSegment[] = [];
  const visit = (parent: string | undefined, depth: number, guard: Set<string>) => {
    const children = [...(byParent.get(parent) ?? [])].sort((a, b) => a.start - b.start);
    for (const row of children) {
      if (guard.has(row.id)) continue;
      guard.add(row.id);
      const { start, end, ...rest } = row;
      ordered.push({ ...rest, depth, startMs: (start - t0) * 1000, endMs: (end - t0) * 1000 });
      visit(row.id, depth + 1, guard);
    }
  };
  const guard = new Set<string>();
  // Roots: no parent, or a parent that is not in this trace (a partial trace).
  for (const [parent] of byParent) if (parent === undefined || !known.has(parent)) visit(parent, 0, guard);
  return { id: trace.id, ...(trace.durationMs !== undefined ? { durationMs: trace.durationMs } : {}), segments: ordered };
}
