// mermaid: initialize, render, and the stable refresh that patches labels, classes and edge styles
// in the SVG already on screen when the structure (node ids, edge ids, their order) is unchanged.
import mermaid from "mermaid";
import type { MapLayout } from "../../protocol/serviceMapMessages";
import type { MapEdge } from "../../model/serviceMap/mapModel";
import type { VisibleMap, VisibleNode } from "../../model/serviceMap/mapView";
import { drawOptions, edgeLines, nodeLines, toMermaid, withoutStyles, type MermaidDiagram, type Palette } from "../../model/serviceMap/mermaidText";
import { XHTML_NS } from "./dom";
import { mermaidConfig } from "./mermaidConfig";
import type { MapTheme } from "./theme";

export function configureMermaid(layout: MapLayout, theme: MapTheme): void {
  mermaid.initialize(mermaidConfig(layout, theme));
}

/** What is drawn per mermaid id, to compare with the next model. */
interface DrawnNode {
  label: string;
  classes: string;
}
interface DrawnEdge {
  label: string;
  arrow: string;
  style: string;
}

export interface DrawOutcome {
  nodes: number;
  edges: number;
  mermaidMs: number;
  patched: boolean;
}

export type Hit = { node: string } | { edge: string };

let renderCount = 0;

export class MapRenderer {
  svg: SVGSVGElement | undefined;
  diagram: MermaidDiagram | undefined;
  private svgId = "";
  private structure = "";
  private drawnNodes: DrawnNode[] = [];
  private drawnEdges: DrawnEdge[] = [];
  private nodeIndex = new Map<string, number>();
  private edgeIndex = new Map<string, number>();
  private nodeGroups: (SVGGElement | undefined)[] = [];
  private map: VisibleMap | undefined;

  constructor(private readonly host: HTMLElement) {}

  /** Draws `map`: patched in place when only numbers, labels and colours changed, else laid out anew. */
  async draw(map: VisibleMap, theme: MapTheme, context: string, beforeLayout: () => Promise<void>): Promise<DrawOutcome> {
    const diagram = toMermaid(map, { palette: theme.palette, ...drawOptions(map) });
    const structure = `${context}\n${diagram.nodeIds.join("\n")}\n--\n${diagram.edgeIds.join("\n")}`;
    const counts = { nodes: diagram.nodeIds.length, edges: diagram.edgeIds.length };
    if (this.svg && this.diagram && structure === this.structure) {
      if (diagram.text !== this.diagram.text) this.patch(map, diagram);
      this.diagram = diagram;
      this.map = map;
      return { ...counts, mermaidMs: 0, patched: true };
    }
    await beforeLayout();
    const id = `map-svg-${++renderCount}`;
    const started = performance.now();
    const { svg } = await mermaid.render(id, withoutStyles(diagram.text));
    const mermaidMs = performance.now() - started;
    performance.measure("map:mermaid", { start: started });
    const imported = performance.now();
    const element = importSvg(svg);
    performance.measure("map:import", { start: imported });
    const attached = performance.now();
    this.host.replaceChildren(element);
    this.svg = element;
    this.svgId = id;
    this.diagram = diagram;
    this.map = map;
    this.structure = structure;
    this.index(map, diagram);
    this.style(theme.palette);
    this.addEdgeHitAreas();
    this.decorate(map, theme);
    performance.measure("map:attach", { start: attached });
    return { ...counts, mermaidMs, patched: false };
  }

  /** The drawn map as mermaid text to copy: every label in full, every shape exact. */
  copyText(palette: MapTheme["palette"]): string | undefined {
    return this.map ? toMermaid(this.map, { palette }).text : undefined;
  }

  /** Forgets the drawn structure so the next draw lays out again (theme or layout changed). */
  invalidate(): void {
    this.structure = "";
  }

  private index(map: VisibleMap, diagram: MermaidDiagram): void {
    this.nodeIndex = new Map(diagram.nodeIds.map((id, i) => [id, i]));
    this.edgeIndex = new Map(diagram.edgeIds.map((id, i) => [id, i]));
    this.nodeGroups = diagram.nodeIds.map(() => undefined);
    const pattern = new RegExp(`^${this.svgId}-flowchart-n(\\d+)-\\d+$`);
    for (const g of this.svg!.querySelectorAll<SVGGElement>("g.node")) {
      const m = pattern.exec(g.id);
      if (m) this.nodeGroups[Number(m[1])] = g;
    }
    const { nodes, edges } = drawnState(map, diagram);
    this.drawnNodes = nodes;
    this.drawnEdges = edges;
  }

  /**
   * Node classes and edge styles, which mermaid was not given (see withoutStyles): one style sheet
   * for the health classes, classes on the node groups, each edge's stroke and arrowhead colour.
   */
  private style(palette: Palette): void {
    const svg = this.svg!;
    const sheet = document.createElementNS("http://www.w3.org/2000/svg", "style");
    sheet.textContent = classRules(`#${this.svgId}`, palette);
    const own = svg.querySelector(":scope > style");
    if (own) own.after(sheet);
    else svg.prepend(sheet);
    this.drawnNodes.forEach((node, i) => {
      const g = this.nodeGroups[i];
      if (g && node.classes) g.classList.add(...node.classes.split(" "));
    });
    const paths = new Map<string, SVGPathElement>();
    for (const path of svg.querySelectorAll<SVGPathElement>("g.edgePaths > path")) paths.set(path.getAttribute("data-id") ?? "", path);
    this.drawnEdges.forEach((edge, i) => {
      const path = paths.get(`e${i}`);
      if (!path || !edge.style) return;
      path.setAttribute("style", `${edge.style};fill:none`);
      this.colourMarker(path, edge.style);
    });
  }

  /** Keyboard access and names for assistive technology. */
  private decorate(map: VisibleMap, theme: MapTheme): void {
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    this.diagram!.nodeIds.forEach((id, i) => {
      const g = this.nodeGroups[i];
      const node = byId.get(id);
      if (!g || !node) return;
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", `${node.kind} ${node.label}`);
      if (node.members) g.classList.add("group");
      // Drawn as a rounded box (see drawOptions): round its ends into the service's pill.
      if (node.kind === "VirtualService") {
        const box = g.querySelector<SVGRectElement>(":scope > rect.label-container");
        const height = Number(box?.getAttribute("height"));
        if (box && height > 0) {
          box.setAttribute("rx", String(height / 2));
          box.setAttribute("ry", String(height / 2));
        }
      }
    });
    if (theme.kind.startsWith("high-contrast")) {
      for (const shape of this.svg!.querySelectorAll<SVGElement>("g.node .label-container, g.node .label-container path")) shape.style.setProperty("stroke-width", "2.5px", "important");
    }
  }

  /** Wide invisible strokes over each edge so a thin edge is easy to click. */
  private addEdgeHitAreas(): void {
    const paths = this.svg!.querySelectorAll<SVGPathElement>("g.edgePaths > path.flowchart-link");
    const layer = document.createElementNS("http://www.w3.org/2000/svg", "g");
    layer.setAttribute("class", "edge-hits");
    for (const path of paths) {
      const hit = document.createElementNS("http://www.w3.org/2000/svg", "path");
      hit.setAttribute("d", path.getAttribute("d") ?? "");
      hit.setAttribute("class", "edge-hit");
      hit.setAttribute("data-id", path.getAttribute("data-id") ?? "");
      layer.append(hit);
    }
    // Above the edges, below their labels and the nodes.
    const edgePaths = this.svg!.querySelector("g.edgePaths");
    edgePaths?.after(layer);
  }

  /** Same structure, new numbers: rewrite what changed in place (no layout, nothing moves). */
  private patch(map: VisibleMap, diagram: MermaidDiagram): void {
    const { nodes, edges } = drawnState(map, diagram);
    nodes.forEach((next, i) => {
      const before = this.drawnNodes[i];
      const g = this.nodeGroups[i];
      if (!g || (before && before.label === next.label && before.classes === next.classes)) return;
      if (!before || before.classes !== next.classes) {
        const keep = [...g.classList].filter((c) => c === "node" || c === "default" || c === "group" || c === "selected" || c === "focused" || c === "flowchart-label" || c.startsWith("kind-"));
        g.setAttribute("class", [...keep, ...next.classes.split(" ").filter(Boolean)].join(" "));
        // mermaid writes a node's class styles inline too; without them its class rules (in the
        // SVG's own <style>, with the same values for every class) apply.
        for (const shape of g.querySelectorAll<SVGElement>(".label-container, .label-container path, .outer-path path")) shape.removeAttribute("style");
      }
      if (!before || before.label !== next.label) writeLabel(g.querySelector("g.label"), next.label.split("\n"), undefined);
    });
    edges.forEach((next, i) => {
      const before = this.drawnEdges[i];
      if (before && before.label === next.label && before.arrow === next.arrow && before.style === next.style) return;
      const path = this.edgePath(i);
      if (path && (!before || before.arrow !== next.arrow || before.style !== next.style)) {
        setArrowClasses(path, next.arrow);
        path.setAttribute("style", `${next.style};fill:none`);
        this.colourMarker(path, next.style);
      }
      if (!before || before.label !== next.label) {
        const label = this.svg!.querySelector<SVGGElement>(`g.edgeLabel > g.label[data-id="e${i}"]`);
        writeLabel(label, next.label ? next.label.split("\n") : [], path);
      }
    });
    this.drawnNodes = nodes;
    this.drawnEdges = edges;
  }

  /** The arrowhead follows the edge's colour: reuse or make the marker for the new colour. */
  private colourMarker(path: SVGPathElement, style: string): void {
    const colour = /(?:^|;)\s*stroke\s*:\s*(#[0-9a-fA-F]{3,8})/.exec(style)?.[1];
    const current = path.getAttribute("marker-end");
    if (!colour || !current) return;
    const base = `${this.svgId}_flowchart-v2-pointEnd`;
    const id = `${base}__${colour.slice(1)}`;
    if (!this.svg!.getElementById(id)) {
      const template = this.svg!.getElementById(base);
      if (!template) return;
      const marker = template.cloneNode(true) as SVGMarkerElement;
      marker.id = id;
      for (const shape of marker.querySelectorAll("path")) {
        shape.setAttribute("stroke", colour);
        shape.setAttribute("fill", colour);
      }
      template.parentNode!.append(marker);
    }
    path.setAttribute("marker-end", `url(#${id})`);
  }

  edgePath(index: number): SVGPathElement | null {
    return this.svg?.querySelector<SVGPathElement>(`g.edgePaths > path[data-id="e${index}"]`) ?? null;
  }

  nodeElement(mapId: string): SVGGElement | undefined {
    const i = this.nodeIndex.get(mapId);
    return i === undefined ? undefined : this.nodeGroups[i];
  }

  edgeElement(mapId: string): SVGPathElement | undefined {
    const i = this.edgeIndex.get(mapId);
    return i === undefined ? undefined : (this.edgePath(i) ?? undefined);
  }

  /** The map node or edge under a DOM event target (mermaid's ids mapped back to ours). */
  hit(target: EventTarget | null): Hit | undefined {
    if (!(target instanceof Element) || !this.diagram) return undefined;
    const node = target.closest("g.node");
    if (node) {
      const m = /-flowchart-n(\d+)-\d+$/.exec(node.id);
      const id = m ? this.diagram.nodeIds[Number(m[1])] : undefined;
      return id ? { node: id } : undefined;
    }
    const edge = target.closest("[data-id]");
    if (edge && edge.closest("g.edgePaths, g.edgeLabels, g.edge-hits")) {
      const m = /^e(\d+)$/.exec(edge.getAttribute("data-id") ?? "");
      const id = m ? this.diagram.edgeIds[Number(m[1])] : undefined;
      return id ? { edge: id } : undefined;
    }
    return undefined;
  }

  /** Marks the selected node or edge (and clears the previous mark). */
  select(hit: Hit | undefined): void {
    for (const old of this.svg?.querySelectorAll(".selected") ?? []) old.classList.remove("selected");
    if (!hit) return;
    if ("node" in hit) this.nodeElement(hit.node)?.classList.add("selected");
    else {
      const path = this.edgeElement(hit.edge);
      path?.classList.add("selected");
      const i = this.edgeIndex.get(hit.edge);
      if (i !== undefined) this.svg?.querySelector(`g.edgeLabel > g.label[data-id="e${i}"]`)?.closest("g.edgeLabel")?.classList.add("selected");
    }
  }

  /** The SVG as a standalone file (Export SVG). */
  serialize(): string | undefined {
    if (!this.svg) return undefined;
    const copy = this.svg.cloneNode(true) as SVGSVGElement;
    copy.querySelector("g.edge-hits")?.remove();
    for (const el of copy.querySelectorAll("[tabindex]")) el.removeAttribute("tabindex");
    for (const el of copy.querySelectorAll(".selected")) el.classList.remove("selected");
    copy.style.removeProperty("transform");
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  }
}

function drawnState(map: VisibleMap, diagram: MermaidDiagram): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  const classes = new Map<number, string[]>();
  const arrows = new Map<number, string>();
  const styles = new Map<number, string>();
  for (const line of diagram.text.split("\n")) {
    let m = /^\s*class (n[\d,n]+) (\S+)\s*$/.exec(line);
    if (m) {
      for (const id of m[1].split(",")) {
        const i = Number(id.slice(1));
        classes.set(i, [...(classes.get(i) ?? []), m[2]]);
      }
      continue;
    }
    m = /^\s*n\d+ e(\d+)@(\S+?)(?:\||\s)/.exec(line);
    if (m) {
      arrows.set(Number(m[1]), m[2]);
      continue;
    }
    m = /^\s*linkStyle (\d+) (.*)$/.exec(line);
    if (m) styles.set(Number(m[1]), m[2].replace(/,(?=[a-z-]+:)/g, ";"));
  }
  const byNode = new Map<string, VisibleNode>(map.nodes.map((n) => [n.id, n]));
  const byEdge = new Map<string, MapEdge>(map.edges.map((e) => [e.id, e]));
  return {
    nodes: diagram.nodeIds.map((id, i) => ({ label: nodeLines(byNode.get(id)!).join("\n"), classes: (classes.get(i) ?? []).join(" ") })),
    edges: diagram.edgeIds.map((id, i) => ({ label: edgeLines(byEdge.get(id)!, diagram.compact).join("\n"), arrow: arrows.get(i) ?? "-->", style: styles.get(i) ?? "" })),
  };
}

/** What mermaid's classDef statements (toMermaid's) would have drawn, as rules scoped to the SVG. */
function classRules(scope: string, palette: Palette): string {
  const shape = (name: string) => `${scope} .node.${name} > .label-container, ${scope} .node.${name} > .label-container path`;
  const text = (name: string) => `${scope} .node.${name} .label, ${scope} .node.${name} .nodeLabel`;
  const rules: string[] = [];
  for (const health of ["ok", "error", "throttle", "fault", "idle"] as const) {
    const c = palette[health];
    rules.push(`${shape(health)} { fill: ${c.fill} !important; stroke: ${c.stroke} !important; stroke-width: 1.5px !important; }`, `${text(health)} { color: ${c.text} !important; }`);
  }
  rules.push(`${shape("lowconf")} { stroke-dasharray: 4 3 !important; opacity: 0.7 !important; }`);
  rules.push(`${shape("found")} { fill: ${palette.found.fill} !important; stroke: ${palette.found.stroke} !important; stroke-width: 3px !important; }`);
  return rules.join("\n");
}

function setArrowClasses(path: SVGPathElement, arrow: string): void {
  const keep = [...path.classList].filter((c) => !c.startsWith("edge-thickness-") && !c.startsWith("edge-pattern-"));
  const thickness = arrow === "==>" ? "edge-thickness-thick" : "edge-thickness-normal";
  const pattern = arrow === "-.->" ? "edge-pattern-dotted" : "edge-pattern-solid";
  path.setAttribute("class", [thickness, pattern, ...keep].join(" "));
}

/** Writes a label's lines as text (with <br> between) and resizes its box to the new text. */
function writeLabel(label: Element | null, lines: string[], edgePath: SVGPathElement | null | undefined): void {
  if (!label) return;
  const box = label.querySelector("foreignObject");
  const holder = label.querySelector("p") ?? label.querySelector("span") ?? box?.querySelector("div");
  if (!box || !holder) return;
  holder.replaceChildren();
  lines.forEach((line, i) => {
    if (i > 0) holder.append(document.createElementNS(XHTML_NS, "br"));
    holder.append(document.createTextNode(line));
  });
  const div = box.firstElementChild as HTMLElement | null;
  if (!div) return;
  // Measure at natural size (one row per line): the old box must not constrain the new text.
  box.setAttribute("width", "100000");
  div.style.whiteSpace = "nowrap";
  div.style.width = "";
  div.style.maxWidth = "none";
  const rect = div.getBoundingClientRect();
  const scale = scaleOf(box);
  const width = lines.length ? Math.ceil(rect.width / scale) : 0;
  const height = lines.length ? Math.ceil(rect.height / scale) : 0;
  box.setAttribute("width", String(width));
  box.setAttribute("height", String(height));
  label.setAttribute("transform", `translate(${-width / 2}, ${-height / 2})`);
  const edgeLabel = label.parentElement;
  if (edgePath && edgeLabel && !edgeLabel.getAttribute("transform") && lines.length) {
    const length = edgePath.getTotalLength();
    const mid = edgePath.getPointAtLength(length / 2);
    edgeLabel.setAttribute("transform", `translate(${mid.x}, ${mid.y})`);
  }
}

/** The on-screen scale of an element (pan/zoom), so measurements come out in SVG units. */
function scaleOf(element: Element): number {
  const svg = element.closest("svg");
  if (!svg) return 1;
  const ctm = svg.getScreenCTM();
  return ctm ? Math.hypot(ctm.a, ctm.b) || 1 : 1;
}

/** mermaid's SVG string as a node of this document: parsed inert, then stripped of anything active. */
function importSvg(markup: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(markup, "text/html");
  const svg = parsed.querySelector("svg");
  if (!svg) throw new Error("mermaid returned no SVG");
  for (const el of svg.querySelectorAll("script, iframe, object, embed")) el.remove();
  for (const el of [svg, ...svg.querySelectorAll("*")]) {
    for (const attr of [...el.attributes]) {
      if (/^on/i.test(attr.name) || (/href$/i.test(attr.name) && /^\s*javascript:/i.test(attr.value))) el.removeAttribute(attr.name);
    }
  }
  return document.importNode(svg, true) as SVGSVGElement;
}
