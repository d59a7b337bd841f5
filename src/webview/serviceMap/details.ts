// The details panel of the selected node or edge: statistics, histogram and actions.
import type { MapEdge, ServiceMapModel, Traffic } from "../../model/serviceMap/mapModel";
import type { VisibleNode } from "../../model/serviceMap/mapView";
import { formatMs, formatPercent, formatRate } from "../../model/serviceMap/mermaidText";
import { TRACE_FILTERS, type TraceFilter } from "../../protocol/serviceMapMessages";
import { button, h, select } from "./dom";
import { histogramChart } from "./histogramChart";

export interface DetailsActions {
  reveal(nodeId: string): void;
  openDefinition(nodeId: string): void;
  /** Offered on live routes with two or more targets (and their routers, and a route's target edges) when writing is allowed. */
  promoteCanary?(nodeId: string): void;
  showTraces(filter: TraceFilter): void;
  focus(): void;
  toggleGroup(groupId: string, expand: boolean): void;
  close(): void;
}

const KIND_NAMES: Record<string, string> = {
  VirtualGateway: "Virtual gateway",
  VirtualService: "Virtual service",
  VirtualRouter: "Virtual router",
  Route: "Route",
  VirtualNode: "Virtual node",
  client: "Client (X-Ray)",
  remote: "Remote (inferred by X-Ray)",
  external: "Outside the mesh",
};

const ROLE_NAMES: Record<string, string> = {
  provider: "Service provider",
  route: "Router → route",
  target: "Route → weighted target",
  backend: "Node backend",
  gatewayRoute: "Gateway route",
};

const STATUS_NAMES: Record<string, string> = {
  seen: "Declared, traffic seen",
  idle: "Declared, no traffic in this window",
  undeclared: "Traffic that nothing in the mesh declares",
  external: "Traffic to or from outside the mesh",
};

function row(name: string, value: string, title?: string): HTMLElement {
  return h("div", { class: "kv" }, h("span", { class: "k" }, name), h("span", { class: "v", title }, value));
}

function statistics(traffic: Traffic | undefined, lowConfidence: boolean, minSamples: number): HTMLElement[] {
  const s = traffic?.statistics;
  if (!traffic || !s || s.total <= 0) return [h("p", { class: "muted" }, "No requests seen in this window.")];
  const share = (n: number) => formatPercent(n / s.total);
  const out = [
    row("Requests", `${Math.round(s.total).toLocaleString("en-US")} sampled`),
    row("Rate", formatRate(traffic.rpm)),
    row("OK (2xx)", share(s.ok)),
    row("Error (4xx)", share(s.error)),
    row("Throttle (429)", share(s.throttle)),
    row("Fault (5xx)", share(s.fault)),
    row("Average", traffic.avgMs !== undefined ? formatMs(traffic.avgMs) : "–"),
    row("p95", traffic.p95Ms !== undefined ? formatMs(traffic.p95Ms) : "–"),
  ];
  if (lowConfidence) out.push(h("p", { class: "note lowconf-note" }, `Low confidence: fewer than ${minSamples} sampled requests. X-Ray counts sampled requests only (App Mesh's Envoy samples 5 % by default).`));
  return out;
}

function traceControls(actions: DetailsActions, enabled: boolean): HTMLElement {
  let filter: TraceFilter = "all";
  const picker = select(
    TRACE_FILTERS.map((f) => [f, f === "all" ? "All" : f === "ok" ? "OK" : f[0].toUpperCase() + f.slice(1)]),
    filter,
    "Which traces",
    (value) => (filter = value as TraceFilter),
    { class: "trace-filter" },
  );
  const show = button("Show Traces", "List this one's traces (X-Ray GetTraceSummaries)", () => actions.showTraces(filter), { class: "show-traces" });
  if (!enabled) {
    picker.disabled = true;
    show.disabled = true;
    show.title = "X-Ray has seen no traffic here in this window";
  }
  return h("div", { class: "actions traces-actions" }, picker, show);
}

export interface NodeDetailsInput {
  node: VisibleNode;
  model: ServiceMapModel;
  collapsed: boolean;
  expanded: boolean;
  isGroup: boolean;
}

export function nodeDetails(input: NodeDetailsInput, actions: DetailsActions): HTMLElement[] {
  const { node, model } = input;
  const out: HTMLElement[] = [
    h("h2", { class: `title ${node.health}` }, node.label),
    h("p", { class: "kind" }, KIND_NAMES[node.kind] ?? node.kind, node.members ? ` · ${node.members.length} folded inside` : ""),
  ];
  if (node.xray) out.push(row("X-Ray", `${node.xray.name} (${node.xray.type})`));
  if (node.resource?.parentName) out.push(row("In", node.resource.parentName));
  out.push(h("h3", {}, "Traffic"), ...statistics(node.traffic, node.lowConfidence, model.thresholds.minSamples));
  if (node.traffic?.histogram.length) out.push(h("h3", {}, "Response time"), h("div", { class: "chart" }, histogramChart(node.traffic.histogram, node.traffic.p95Ms)));
  const buttons = h("div", { class: "actions" });
  if (node.resource) {
    buttons.append(
      button("Reveal in Meshes View", "Reveal this resource in the Meshes view", () => actions.reveal(node.id), { class: "reveal" }),
      button("Open Definition", "Open the file that defines this resource", () => actions.openDefinition(node.id), { class: "open-definition" }),
    );
  }
  const promote = actions.promoteCanary;
  if (promote && isCanaryNode(node, model)) buttons.append(button("Promote Canary…", "Shift this route's weights (a confirmation names the change)", () => promote(node.id), { class: "promote-canary" }));
  buttons.append(button("Focus", "Show only this node and its neighbours", () => actions.focus(), { class: "focus" }));
  if (input.isGroup && input.collapsed) {
    buttons.append(
      input.expanded
        ? button("Collapse Group", "Fold this service's router, routes and nodes back into it", () => actions.toggleGroup(node.id, false), { class: "collapse-group" })
        : button("Expand Group", "Show this service's router, routes and nodes", () => actions.toggleGroup(node.id, true), { class: "expand-group" }),
    );
  }
  out.push(buttons, traceControls(actions, !!node.xray || !!node.traffic?.statistics.total || !!node.members));
  return out;
}

export function edgeDetails(edge: MapEdge, nodeLabel: (id: string) => string, model: ServiceMapModel, actions: DetailsActions): HTMLElement[] {
  const out: HTMLElement[] = [
    h("h2", { class: `title ${edge.status === "undeclared" ? "undeclared" : edge.health}` }, `${nodeLabel(edge.from)} → ${nodeLabel(edge.to)}`),
    h("p", { class: "kind" }, STATUS_NAMES[edge.status] ?? edge.status),
  ];
  const d = edge.declared;
  if (d) {
    out.push(row("Declared", ROLE_NAMES[d.role] ?? d.role));
    if (d.name) out.push(row("Name", d.name));
    if (d.weight !== undefined) out.push(row("Weight", String(d.weight)));
    if (d.setShare !== undefined) {
      const seen = edge.observed?.seenShare;
      out.push(row("Share", seen !== undefined ? `${formatPercent(d.setShare)} set · ${formatPercent(seen)} seen` : `${formatPercent(d.setShare)} set · nothing seen`, "Weight ÷ the route's total weight, beside the share of the route's observed traffic this target received"));
    }
  }
  out.push(h("h3", {}, "Traffic (as the caller sees it)"), ...statistics(edge.observed, edge.lowConfidence, model.thresholds.minSamples));
  if (edge.observed?.histogram.length) out.push(h("h3", {}, "Response time"), h("div", { class: "chart" }, histogramChart(edge.observed.histogram, edge.observed.p95Ms)));
  if (edge.observed?.pairs.length) out.push(row("X-Ray", edge.observed.pairs.map((p) => `${p.from} → ${p.to}`).join(", ")));
  const promote = actions.promoteCanary;
  const route = d?.role === "target" ? model.nodes.find((n) => n.id === edge.from) : undefined;
  if (promote && route && isCanaryNode(route, model)) out.push(h("div", { class: "actions" }, button("Promote Canary…", "Shift this route's weights (a confirmation names the change)", () => promote(route.id), { class: "promote-canary" })));
  out.push(traceControls(actions, !!edge.observed?.pairs.length));
  return out;
}

/** A route with two or more weighted targets, or a router with such a route. */
function isCanaryNode(node: { id: string; kind: string }, model: ServiceMapModel): boolean {
  const targetsOf = (routeId: string) => model.edges.filter((e) => e.from === routeId && e.declared?.role === "target").length;
  if (node.kind === "Route") return targetsOf(node.id) >= 2;
  if (node.kind === "VirtualRouter") return model.edges.some((e) => e.from === node.id && e.declared?.role === "route" && targetsOf(e.to) >= 2);
  return false;
}
