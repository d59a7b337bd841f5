// The drawn map as mermaid flowchart text. Every name is untrusted: ids are generated (n0…, e0…)
// and every label is quoted with each character outside [A-Za-z0-9 ] written as an entity code
// (#35; for "#"), so no name can end a label, open a link, or add a statement.
import type { Health, MapEdge, MapNodeKind } from "./mapModel";
import type { VisibleMap, VisibleNode } from "./mapView";

export interface MermaidDiagram {
  text: string;
  /** nodeIds[i] is the map node id drawn as mermaid node `n<i>`. */
  nodeIds: string[];
  /** edgeIds[i] is the map edge id drawn as mermaid edge `e<i>` (and linkStyle index i). */
  edgeIds: string[];
  /** Edge labels are compact (see MermaidOptions.compact). */
  compact: boolean;
}

/** Colours per health; the webview passes its theme's, Copy as Mermaid keeps them. */
export type Palette = Record<Health | "undeclared" | "found", { fill: string; stroke: string; text: string }>;

export const DEFAULT_PALETTE: Palette = {
  ok: { fill: "#e6f4ea", stroke: "#2e7d32", text: "#1b1b1b" },
  error: { fill: "#fff4d6", stroke: "#b8860b", text: "#1b1b1b" },
  throttle: { fill: "#efe6fb", stroke: "#7b3fbf", text: "#1b1b1b" },
  fault: { fill: "#fde7e7", stroke: "#c62828", text: "#1b1b1b" },
  idle: { fill: "#f3f3f3", stroke: "#9e9e9e", text: "#555555" },
  undeclared: { fill: "#fde7e7", stroke: "#d81b60", text: "#1b1b1b" },
  found: { fill: "#fff59d", stroke: "#f57f17", text: "#1b1b1b" },
};

export interface MermaidOptions {
  direction?: "LR" | "TB";
  palette?: Palette;
  /**
   * A large map: edge labels only where they carry what the map is for (a route target's set and
   * seen shares, a gateway route's name, undeclared traffic); every number stays in the details.
   */
  compact?: boolean;
  /**
   * "fast" draws virtual services as rounded boxes (the webview rounds them into pills after
   * mermaid): mermaid's stadium shape costs about twice a box per node. "exact" for text to copy.
   */
  shapes?: "exact" | "fast";
}

/** Drawn maps with more nodes or edges than this get compact edge labels. */
export const COMPACT_ABOVE = 60;

/** The options the webview draws `map` with (the benchmark uses them for mermaid's own time). */
export function drawOptions(map: VisibleMap): Pick<MermaidOptions, "compact" | "shapes"> {
  return { compact: map.nodes.length > COMPACT_ABOVE || map.edges.length > COMPACT_ABOVE, shapes: "fast" };
}

/**
 * The text without its classDef, class and linkStyle statements, for the webview: it styles nodes
 * and edges itself after mermaid has drawn them (mermaid's own styling is about a fifth of its
 * time on a large map). Statements are lines of their own; labels never start a line.
 */
export function withoutStyles(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^ {2}(?:classDef|class|linkStyle) /.test(line))
    .join("\n");
}

/** A label that mermaid reads as plain text whatever the name holds. */
export function mermaidLabel(lines: string[]): string {
  return `"${lines.map(escapeText).join("<br>")}"`;
}

function escapeText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    // Control characters (newlines included) become spaces: a name is one line of text.
    out += code < 32 || code === 127 ? " " : /[A-Za-z0-9 ]/.test(ch) ? ch : `#${code};`;
  }
  return out;
}

const SHAPES: Readonly<Record<MapNodeKind, [string, string]>> = {
  client: ["((", "))"],
  VirtualGateway: ["{{", "}}"],
  VirtualService: ["([", "])"],
  VirtualRouter: ["[[", "]]"],
  Route: ["(", ")"],
  VirtualNode: ["[", "]"],
  remote: ["[/", "/]"],
  external: ["[(", ")]"],
};

const ROUNDED: [string, string] = ["(", ")"];

export function formatRate(rpm: number): string {
  return rpm >= 100 ? `${Math.round(rpm)} rpm` : rpm >= 10 ? `${rpm.toFixed(0)} rpm` : `${rpm.toFixed(1)} rpm`;
}
export function formatMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}
export function formatPercent(share: number): string {
  const percent = share * 100;
  return percent === 0 || percent >= 10 ? `${Math.round(percent)} %` : `${percent.toFixed(1)} %`;
}

export function nodeLines(node: VisibleNode): string[] {
  const title = node.members ? `${node.label} (+${node.members.length})` : node.label;
  const lines = [title];
  const t = node.traffic;
  if (t && t.statistics.total > 0) lines.push(`${formatRate(t.rpm)}${t.avgMs !== undefined ? ` · ${formatMs(t.avgMs)}` : ""}`);
  if (node.lowConfidence) lines.push(`low confidence · n=${Math.round(t?.statistics.total ?? 0)}`);
  return lines;
}

/** An edge's label; `compact`: only route shares, gateway route names and "undeclared". */
export function edgeLines(edge: MapEdge, compact = false): string[] {
  const lines: string[] = [];
  const d = edge.declared;
  const o = edge.observed;
  if (d?.role === "target" && d.setShare !== undefined) lines.push(o?.seenShare !== undefined ? `${formatPercent(d.setShare)} set · ${formatPercent(o.seenShare)} seen` : `${formatPercent(d.setShare)} set`);
  else if (d?.role === "gatewayRoute" && d.name) lines.push(d.name);
  if (o && o.statistics.total > 0 && !compact) {
    const bad = (o.statistics.error + o.statistics.throttle + o.statistics.fault) / o.statistics.total;
    const parts = [formatRate(o.rpm)];
    if (bad > 0) parts.push(`${formatPercent(bad)} err`);
    if (o.p95Ms !== undefined) parts.push(`p95 ${formatMs(o.p95Ms)}`);
    lines.push(parts.join(" · "));
  }
  if (edge.status === "undeclared") lines.push("undeclared");
  return lines;
}

export function toMermaid(map: VisibleMap, options: MermaidOptions = {}): MermaidDiagram {
  const palette = options.palette ?? DEFAULT_PALETTE;
  const compact = options.compact ?? false;
  const index = new Map<string, number>();
  const nodeIds: string[] = [];
  const edgeIds: string[] = [];
  const out: string[] = [`flowchart ${options.direction ?? "LR"}`];
  for (const node of map.nodes) {
    const i = nodeIds.length;
    index.set(node.id, i);
    nodeIds.push(node.id);
    const [open, close] = options.shapes === "fast" && node.kind === "VirtualService" ? ROUNDED : SHAPES[node.kind];
    out.push(`  n${i}${open}${mermaidLabel(nodeLines(node))}${close}`);
  }
  const maxRpm = Math.max(1, ...map.edges.map((e) => e.observed?.rpm ?? 0));
  const linkStyles: string[] = [];
  for (const edge of map.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined) continue;
    const i = edgeIds.length;
    edgeIds.push(edge.id);
    const arrow = edge.status === "idle" ? "-.->" : edge.status === "undeclared" ? "==>" : "-->";
    const lines = edgeLines(edge, compact);
    out.push(`  n${from} e${i}@${arrow}${lines.length ? `|${mermaidLabel(lines)}|` : ""} n${to}`);
    const width = edge.observed ? 1.5 + 4.5 * Math.sqrt(edge.observed.rpm / maxRpm) : 1.5;
    const colour = edge.status === "undeclared" ? palette.undeclared.stroke : edge.status === "idle" ? palette.idle.stroke : palette[edge.health].stroke;
    linkStyles.push(`  linkStyle ${i} stroke:${colour},stroke-width:${width.toFixed(1)}px${edge.lowConfidence ? ",stroke-opacity:0.55" : ""}`);
  }
  for (const health of ["ok", "error", "throttle", "fault", "idle"] as const) {
    const c = palette[health];
    out.push(`  classDef ${health} fill:${c.fill},stroke:${c.stroke},color:${c.text},stroke-width:1.5px`);
  }
  out.push(`  classDef lowconf stroke-dasharray:4 3,opacity:0.7`);
  out.push(`  classDef found fill:${palette.found.fill},stroke:${palette.found.stroke},stroke-width:3px`);
  const byClass = new Map<string, number[]>();
  map.nodes.forEach((node, i) => {
    const classes = [node.found ? "found" : node.health];
    if (node.lowConfidence) classes.push("lowconf");
    for (const c of classes) byClass.set(c, [...(byClass.get(c) ?? []), i]);
  });
  for (const [name, ids] of byClass) out.push(`  class ${ids.map((i) => `n${i}`).join(",")} ${name}`);
  out.push(...linkStyles);
  return { text: out.join("\n") + "\n", nodeIds, edgeIds, compact };
}
