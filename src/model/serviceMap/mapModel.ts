// The service map's model: the mesh as declared (services, routers, routes, nodes, gateways) joined
// with what X-Ray observed between them. Built by buildServiceMap (pure), sent to the webview as
// JSON, and turned into mermaid text there after the user's view options (mapView, mermaidText).
import type { ResourceKind } from "../resources";
import type { HistogramEntry, XrayStatistics } from "./xrayGraph";

export type MapNodeKind =
  | "VirtualGateway"
  | "VirtualService"
  | "VirtualRouter"
  | "Route"
  | "VirtualNode"
  /** X-Ray's `client`: whoever calls an entry point. */
  | "client"
  /** X-Ray's inferred `remote` node: a callee that sends no segments. */
  | "remote"
  /** An AWS service (AWS::DynamoDB::Table, …) or another X-Ray service outside the mesh. */
  | "external";

/** Worst first: the colour a node or edge gets. */
export type Health = "fault" | "throttle" | "error" | "ok" | "idle";

export interface HealthThresholds {
  /** 5xx share (0–1) at or above which a node is "fault". */
  fault: number;
  /** 4xx (other than 429) share at or above which a node is "error". */
  error: number;
  /** 429 share at or above which a node is "throttle". */
  throttle: number;
  /** Fewer sampled requests than this: health is shown, but as low confidence. */
  minSamples: number;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = { fault: 0.05, error: 0.1, throttle: 0.05, minSamples: 20 };

/** Observed traffic of a node or edge over the map's window. */
export interface Traffic {
  statistics: XrayStatistics;
  /** Requests per minute (sampled), over the window. */
  rpm: number;
  avgMs?: number;
  p95Ms?: number;
  /** Response-time histogram, seconds, sorted by value. */
  histogram: HistogramEntry[];
}

export interface MapNode {
  /** Stable across refreshes: kind and name ("VirtualNode:color-v1", "Route:color-router/color-route", "remote:pricing.example.com"). */
  id: string;
  kind: MapNodeKind;
  /** Display name: untrusted text (from AWS or X-Ray). */
  label: string;
  /** The mesh resource this node stands for (reveal, open definition). */
  resource?: { kind: ResourceKind; name: string; parentName?: string };
  /** X-Ray's name and type for this node, when X-Ray saw it (trace filters). */
  xray?: { name: string; type: string };
  traffic?: Traffic;
  health: Health;
  lowConfidence: boolean;
  /** Id of the VirtualService node this node folds into when the map is collapsed by virtual service. */
  group?: string;
}

/** Why the mesh declares an edge. */
export type DeclaredRole =
  /** service → its provider (router or node). */
  | "provider"
  /** router → route. */
  | "route"
  /** route → weighted target node. */
  | "target"
  /** node → backend service. */
  | "backend"
  /** gateway → service, through a gateway route. */
  | "gatewayRoute";

export interface DeclaredEdge {
  role: DeclaredRole;
  /** The gateway route's name for gatewayRoute edges. */
  name?: string;
  /** A weighted target's weight as written. */
  weight?: number;
  /** weight ÷ the route's total weight (0–1). */
  setShare?: number;
}

export interface ObservedEdge extends Traffic {
  /** Of the traffic the route sent to all its targets, the part this target received (0–1). */
  seenShare?: number;
  /** X-Ray's names of the caller→callee pairs behind this edge (for an edge() trace filter). */
  pairs: { from: string; to: string }[];
}

export type EdgeStatus =
  /** Declared and traffic seen. */
  | "seen"
  /** Declared, no traffic in the window: drawn dashed. */
  | "idle"
  /** Traffic that nothing in the mesh declares: highlighted. */
  | "undeclared"
  /** To or from a client, remote or AWS node: neither declared nor a surprise. */
  | "external";

export interface MapEdge {
  /** Stable: "<from>-><to>" (edges are unique per pair). */
  id: string;
  from: string;
  to: string;
  declared?: DeclaredEdge;
  observed?: ObservedEdge;
  status: EdgeStatus;
  health: Health;
  lowConfidence: boolean;
}

/** Whether traffic is shown, and if not, why (the map then draws the declared topology only). */
export type TrafficState =
  | { kind: "shown" }
  | { kind: "none"; reason: string }
  | { kind: "unavailable"; reason: string; code: "access-denied" | "throttled" | "not-enabled" | "error" | "definitions" };

export interface ServiceMapModel {
  mesh: string;
  source: "live" | "definitions";
  /** Epoch milliseconds. */
  window: { start: number; end: number };
  /** In a stable order (kind, then name): the same topology gives the same order. */
  nodes: MapNode[];
  edges: MapEdge[];
  traffic: TrafficState;
  /** Sampled requests seen in the window (sum over the mesh's nodes). */
  samples: number;
  thresholds: HealthThresholds;
  /** Things to tell the user (e.g. the group's filter changed in the window). */
  notes: string[];
}
