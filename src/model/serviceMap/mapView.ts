// What of the map is drawn, after the user's view options: idle nodes hidden, collapse by virtual
// service, focus on a node and its neighbours, find. Pure: the webview runs it on every change.
import type { EdgeStatus, Health, MapEdge, MapNode } from "./mapModel";
import { healthOf, isLowConfidence, sumTraffic } from "./traffic";
import { DEFAULT_THRESHOLDS, type HealthThresholds } from "./mapModel";

export interface ViewOptions {
  hideIdle: boolean;
  /** Fold each virtual service's router, routes and target nodes into one node. */
  collapsed: boolean;
  /** Group ids (VirtualService node ids) shown expanded while collapsed is on. */
  expandedGroups: string[];
  /** Only this node and its neighbours within `hops` edges (either direction). */
  focus?: { nodeId: string; hops: number };
  /** Case-insensitive name search: matching nodes are marked (not filtered). */
  find?: string;
}

export const DEFAULT_VIEW: ViewOptions = { hideIdle: false, collapsed: false, expandedGroups: [] };

/** A node as drawn: a map node, or a collapsed group standing for its members. */
export interface VisibleNode extends MapNode {
  /** Map node ids folded into this node (collapsed groups only). */
  members?: string[];
  /** Matches the find text. */
  found?: boolean;
}

export interface VisibleMap {
  nodes: VisibleNode[];
  edges: MapEdge[];
  /** Nodes of the model not drawn on their own (hidden idle, outside the focus, folded into groups). */
  hiddenCount: number;
}

const STATUS_RANK: readonly EdgeStatus[] = ["undeclared", "seen", "external", "idle"];

export function visibleMap(nodes: MapNode[], edges: MapEdge[], options: ViewOptions, thresholds: HealthThresholds = DEFAULT_THRESHOLDS): VisibleMap {
  let shownNodes: VisibleNode[] = nodes;
  let shownEdges = edges;

  if (options.hideIdle) {
    shownEdges = shownEdges.filter((e) => e.status !== "idle");
    const busy = new Set(shownEdges.flatMap((e) => [e.from, e.to]));
    shownNodes = shownNodes.filter((n) => n.health !== "idle" || busy.has(n.id));
    const kept = new Set(shownNodes.map((n) => n.id));
    shownEdges = shownEdges.filter((e) => kept.has(e.from) && kept.has(e.to));
  }

  if (options.collapsed) ({ nodes: shownNodes, edges: shownEdges } = collapse(shownNodes, shownEdges, new Set(options.expandedGroups), thresholds));

  if (options.focus) {
    const start = shownNodes.find((n) => n.id === options.focus!.nodeId || n.members?.includes(options.focus!.nodeId));
    if (start) {
      const keep = new Set([start.id]);
      let frontier = [start.id];
      for (let hop = 0; hop < options.focus.hops && frontier.length; hop++) {
        const next: string[] = [];
        for (const e of shownEdges) {
          for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
            if (frontier.includes(a) && !keep.has(b)) {
              keep.add(b);
              next.push(b);
            }
          }
        }
        frontier = next;
      }
      shownNodes = shownNodes.filter((n) => keep.has(n.id));
      shownEdges = shownEdges.filter((e) => keep.has(e.from) && keep.has(e.to));
    }
  }

  const find = options.find?.trim().toLowerCase();
  if (find) shownNodes = shownNodes.map((n) => (n.label.toLowerCase().includes(find) ? { ...n, found: true } : n));

  const drawn = shownNodes.reduce((count, n) => count + (n.members ? 0 : 1), 0);
  return { nodes: shownNodes, edges: shownEdges, hiddenCount: nodes.length - drawn };
}

function collapse(nodes: VisibleNode[], edges: MapEdge[], expanded: Set<string>, thresholds: HealthThresholds): { nodes: VisibleNode[]; edges: MapEdge[] } {
  const present = new Set(nodes.map((n) => n.id));
  const folded = (n: MapNode) => n.group !== undefined && !expanded.has(n.group) && present.has(n.group);
  const target = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const n of nodes) {
    if (!folded(n)) continue;
    target.set(n.id, n.group!);
    members.set(n.group!, [...(members.get(n.group!) ?? []), n.id]);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const outNodes: VisibleNode[] = [];
  for (const n of nodes) {
    if (target.has(n.id)) continue;
    const inside = members.get(n.id);
    if (!inside) {
      outNodes.push(n);
      continue;
    }
    // The group is the service node itself, standing for everything behind it; its health is the worst inside.
    const healths = [n.health, ...inside.map((id) => byId.get(id)!.health)];
    outNodes.push({ ...n, members: inside, health: worstHealth(healths) });
  }
  const merged = new Map<string, MapEdge[]>();
  for (const e of edges) {
    const from = target.get(e.from) ?? e.from;
    const to = target.get(e.to) ?? e.to;
    if (from === to) continue;
    const id = `${from}->${to}`;
    merged.set(id, [...(merged.get(id) ?? []), { ...e, from, to }]);
  }
  const outEdges: MapEdge[] = [];
  for (const [id, parts] of merged) {
    if (parts.length === 1) {
      outEdges.push({ ...parts[0], id });
      continue;
    }
    const observedParts = parts.flatMap((p) => (p.observed ? [p.observed] : []));
    const sum = sumTraffic(observedParts);
    const status = STATUS_RANK.find((s) => parts.some((p) => p.status === s)) ?? "idle";
    const declared = parts.find((p) => p.declared)?.declared;
    outEdges.push({
      id,
      from: parts[0].from,
      to: parts[0].to,
      ...(declared ? { declared: { role: declared.role, ...(declared.name ? { name: declared.name } : {}) } } : {}),
      ...(sum ? { observed: { ...sum, pairs: observedParts.flatMap((o) => o.pairs) } } : {}),
      status,
      health: healthOf(sum, thresholds),
      lowConfidence: isLowConfidence(sum, thresholds),
    });
  }
  return { nodes: outNodes, edges: outEdges };
}

const HEALTH_RANK: readonly Health[] = ["fault", "throttle", "error", "ok", "idle"];
function worstHealth(healths: Health[]): Health {
  return HEALTH_RANK.find((h) => healths.includes(h)) ?? "idle";
}
