// Messages between the service map's host (extension) and its webview app, shared by both ends.
// Each direction is a discriminated union on `type`; every message is checked on arrival by the
// parse functions below, and anything unknown or malformed is dropped (the caller logs it).
import type { ServiceMapModel } from "../model/serviceMap/mapModel";
import type { MigrationTarget } from "../model/migration/migrationReport";

export const WINDOW_PRESETS = ["5m", "15m", "1h", "3h", "6h"] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];
export const WINDOW_MINUTES: Readonly<Record<WindowPreset, number>> = { "5m": 5, "15m": 15, "1h": 60, "3h": 180, "6h": 360 };
/** A preset ending now, or a fixed range in epoch milliseconds. */
export type MapWindow = { preset: WindowPreset } | { start: number; end: number };

export const AUTO_REFRESH_SECONDS = [0, 10, 30, 60, 300] as const;
export type AutoRefreshSeconds = (typeof AUTO_REFRESH_SECONDS)[number];

export const LAYOUTS = ["dagre", "elk"] as const;
export type MapLayout = (typeof LAYOUTS)[number];

export const TRACE_FILTERS = ["all", "ok", "error", "fault", "throttle"] as const;
export type TraceFilter = (typeof TRACE_FILTERS)[number];

/** What the map shows: kept by the webview (getState/setState) and restored after a reload. */
export interface MapIdentity {
  mesh: string;
  source: "live" | "definitions";
  /** Region of a live mesh. */
  region?: string;
  /** Set: the map shows the routing this migration target would get from the mesh (no traffic). */
  migration?: MigrationTarget;
}

/** The host's settings for the panel, echoed to the webview for its toolbar. */
export interface MapSettings {
  window: MapWindow;
  autoRefresh: AutoRefreshSeconds;
  /** X-Ray group name, or undefined for the default group. */
  group?: string;
  /** Groups the account has (GetGroups), for the picker; empty when they could not be listed. */
  groups: string[];
  layout: MapLayout;
  /** Above this many nodes the map opens collapsed by virtual service with idle nodes hidden. */
  collapseAbove: number;
  /** Whether a live write (Promote Canary, …) is possible; the webview greys out such actions otherwise. */
  writable: boolean;
}

export interface TraceSummary {
  id: string;
  /** Epoch ms of the trace's start, when known. */
  start?: number;
  durationMs?: number;
  responseTimeMs?: number;
  hasFault: boolean;
  hasError: boolean;
  hasThrottle: boolean;
  method?: string;
  url?: string;
  status?: number;
  /** The entry point's name (untrusted). */
  entry?: string;
}

export interface TimelineSegment {
  id: string;
  parentId?: string;
  name: string;
  origin?: string;
  /** Milliseconds from the trace's start. */
  startMs: number;
  endMs: number;
  /** Nesting depth (segment 0, subsegments below). */
  depth: number;
  fault: boolean;
  error: boolean;
  throttle: boolean;
  status?: number;
  inProgress: boolean;
}

export interface TraceTimeline {
  id: string;
  durationMs?: number;
  segments: TimelineSegment[];
}

/** What traces are asked for: a node (by map id) or an edge (by map id). */
export type TraceTarget = { nodeId: string } | { edgeId: string };

export type HostToWebview =
  | { type: "init"; identity: MapIdentity; settings: MapSettings }
  | { type: "loading" }
  | { type: "model"; model: ServiceMapModel; updatedAt: number }
  /** Loading the mesh itself failed (no map to draw). */
  | { type: "failed"; message: string; retry: boolean }
  | { type: "traces"; requestId: number; traces: TraceSummary[]; error?: string; filterExpression?: string }
  | { type: "trace"; requestId: number; trace?: TraceTimeline; error?: string }
  /** The host asks for the current SVG (Export SVG from the command palette). */
  | { type: "requestSvg" };

export type WebviewToHost =
  | { type: "ready" }
  | { type: "refresh" }
  | { type: "setWindow"; window: MapWindow }
  | { type: "setAutoRefresh"; seconds: AutoRefreshSeconds }
  | { type: "setGroup"; group?: string }
  | { type: "setLayout"; layout: MapLayout }
  | { type: "reveal"; nodeId: string }
  | { type: "openDefinition"; nodeId: string }
  /** Promote Canary… on a route (or a router: pick its route), by the map node's id. */
  | { type: "promoteCanary"; nodeId: string }
  | { type: "showTraces"; requestId: number; target: TraceTarget; filter: TraceFilter }
  | { type: "openTrace"; requestId: number; traceId: string }
  | { type: "copyMermaid"; text: string }
  | { type: "exportSvg"; svg: string }
  /** An error inside the webview, for the "App Mesh" log. */
  | { type: "log"; level: "info" | "warn" | "error"; message: string }
  /** The map is on screen: timings for the log, tests and the benchmark. patched = labels updated in place, no layout. */
  | { type: "rendered"; nodes: number; edges: number; totalMs: number; mermaidMs: number; patched: boolean };

// ---- checks on arrival ----

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => !!value && typeof value === "object" && !Array.isArray(value);
const isString = (value: unknown, max = 100_000): value is string => typeof value === "string" && value.length <= max;
const isId = (value: unknown): value is string => isString(value, 1000) && value.length > 0;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0;
const oneOf = <T extends readonly unknown[]>(list: T, value: unknown): value is T[number] => list.includes(value);

export function isMapWindow(value: unknown): value is MapWindow {
  if (!isObject(value)) return false;
  if ("preset" in value) return oneOf(WINDOW_PRESETS, value.preset);
  return isTime(value.start) && isTime(value.end) && value.start < value.end;
}

function isTraceTarget(value: unknown): value is TraceTarget {
  return isObject(value) && (isId(value.nodeId) || isId(value.edgeId));
}

/** The webview's message if it is one we know and well formed, else undefined. */
export function parseWebviewMessage(data: unknown): WebviewToHost | undefined {
  if (!isObject(data) || typeof data.type !== "string") return undefined;
  const m = data;
  switch (m.type) {
    case "ready":
    case "refresh":
      return { type: m.type };
    case "setWindow":
      return isMapWindow(m.window) ? { type: m.type, window: m.window } : undefined;
    case "setAutoRefresh":
      return oneOf(AUTO_REFRESH_SECONDS, m.seconds) ? { type: m.type, seconds: m.seconds } : undefined;
    case "setGroup":
      if (m.group === undefined) return { type: m.type };
      return isString(m.group, 32) && m.group.length > 0 ? { type: m.type, group: m.group } : undefined;
    case "setLayout":
      return oneOf(LAYOUTS, m.layout) ? { type: m.type, layout: m.layout } : undefined;
    case "reveal":
    case "openDefinition":
    case "promoteCanary":
      return isId(m.nodeId) ? { type: m.type, nodeId: m.nodeId } : undefined;
    case "showTraces":
      return isCount(m.requestId) && isTraceTarget(m.target) && oneOf(TRACE_FILTERS, m.filter)
        ? { type: m.type, requestId: m.requestId, target: isId((m.target as Obj).nodeId) ? { nodeId: (m.target as Obj).nodeId as string } : { edgeId: (m.target as Obj).edgeId as string }, filter: m.filter }
        : undefined;
    case "openTrace":
      return isCount(m.requestId) && isString(m.traceId, 64) && /^[0-9a-f-]+$/i.test(m.traceId) ? { type: m.type, requestId: m.requestId, traceId: m.traceId } : undefined;
    case "copyMermaid":
      return isString(m.text, 5_000_000) ? { type: m.type, text: m.text } : undefined;
    case "exportSvg":
      return isString(m.svg, 50_000_000) ? { type: m.type, svg: m.svg } : undefined;
    case "log":
      return oneOf(["info", "warn", "error"] as const, m.level) && isString(m.message, 10_000) ? { type: m.type, level: m.level, message: m.message } : undefined;
    case "rendered":
      return isCount(m.nodes) && isCount(m.edges) && isTime(m.totalMs) && isTime(m.mermaidMs) && typeof m.patched === "boolean"
        ? { type: m.type, nodes: m.nodes, edges: m.edges, totalMs: m.totalMs, mermaidMs: m.mermaidMs, patched: m.patched }
        : undefined;
    default:
      return undefined;
  }
}

/** The host's message if it is one we know (the webview trusts the host's payloads beyond their type). */
export function parseHostMessage(data: unknown): HostToWebview | undefined {
  if (!isObject(data) || typeof data.type !== "string") return undefined;
  switch (data.type) {
    case "init":
      return isObject(data.identity) && isObject(data.settings) ? (data as HostToWebview) : undefined;
    case "loading":
    case "requestSvg":
      return { type: data.type };
    case "model":
      return isObject(data.model) && Array.isArray(data.model.nodes) && Array.isArray(data.model.edges) && isTime(data.updatedAt) ? (data as HostToWebview) : undefined;
    case "failed":
      return isString(data.message) ? (data as HostToWebview) : undefined;
    case "traces":
      return isCount(data.requestId) && Array.isArray(data.traces) ? (data as HostToWebview) : undefined;
    case "trace":
      return isCount(data.requestId) ? (data as HostToWebview) : undefined;
    default:
      return undefined;
  }
}
