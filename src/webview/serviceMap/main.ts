// The service map webview: wiring and the message loop. The host sends init (identity and
// settings), then loading / model / failed; the app draws with mermaid and reports each draw.
import { parseHostMessage, type HostToWebview, type MapSettings, type TraceFilter, type MapIdentity } from "../../protocol/serviceMapMessages";
import type { MapEdge, ServiceMapModel } from "../../model/serviceMap/mapModel";
import { DEFAULT_VIEW, visibleMap, type ViewOptions, type VisibleMap, type VisibleNode } from "../../model/serviceMap/mapView";
import { failure, modelBanner, progress, type BannerActions } from "./banner";
import { edgeDetails, nodeDetails, type DetailsActions } from "./details";
import { button, h, replaceChildren } from "./dom";
import { legend } from "./legend";
import { PanZoom } from "./panZoom";
import { configureMermaid, MapRenderer, type Hit } from "./render";
import { getState, log, post, setState } from "./state";
import { readTheme, watchTheme, type MapTheme } from "./theme";
import { Toolbar } from "./toolbar";
import { traceList, traceTimeline } from "./traces";

// ---- state ----
let identity: MapIdentity | undefined = getState().identity;
let settings: MapSettings | undefined;
let model: ServiceMapModel | undefined;
let updatedAt: number | undefined;
let visible: VisibleMap | undefined;
let view: ViewOptions = getState().view ?? { ...DEFAULT_VIEW };
/** The user chose view options (or a restored panel had them): no automatic collapse. */
let userView = getState().view !== undefined;
/** The view was collapsed automatically for size: the banner says so. */
let scaledDown = false;
let hops = getState().hops ?? 1;
let legendOpen = getState().legend ?? false;
let selection: Hit | undefined;
/** The zoom of a restored panel (read before pan/zoom starts saving its own). */
const restoredZoom = getState().zoom;
let theme: MapTheme = readTheme();
let firstDraw = true;
let findIndex = -1;
let requestId = 0;
let tracesRequest = -1;
let traceRequest = -1;
let failedMessage: { message: string; retry: boolean } | undefined;
let loading = false;

// ---- DOM ----
const root = document.getElementById("app") ?? document.body.appendChild(h("div", { id: "app" }));
const bannerActions: BannerActions = { retry: () => post({ type: "refresh" }), expandAll };
const toolbar = new Toolbar({
  setWindow: (window) => post({ type: "setWindow", window }),
  setGroup: (group) => post(group ? { type: "setGroup", group } : { type: "setGroup" }),
  setAutoRefresh: (seconds) => post({ type: "setAutoRefresh", seconds }),
  refresh: () => post({ type: "refresh" }),
  find: (text) => {
    findIndex = -1;
    changeView({ ...view, find: text || undefined }, false);
  },
  findNext,
  setHideIdle: (on) => changeView({ ...view, hideIdle: on }),
  setCollapsed: (on) => changeView({ ...view, collapsed: on }),
  focusSelection: (n) => {
    hops = n;
    setState({ hops });
    const nodeId = selectedNodeId();
    if (nodeId) changeView({ ...view, focus: { nodeId, hops: n } });
  },
  clearFocus: () => changeView({ ...view, focus: undefined }),
  setLayout: (layout) => {
    if (settings) settings = { ...settings, layout };
    post({ type: "setLayout", layout });
    configureMermaid(layout, theme);
    renderer.invalidate();
    void draw();
  },
  toggleLegend: () => {
    legendOpen = !legendOpen;
    setState({ legend: legendOpen });
    showLegend();
    showToolbar();
  },
  copyMermaid: () => {
    const text = renderer.copyText(theme.palette);
    if (text) post({ type: "copyMermaid", text });
  },
  exportSvg,
});
const banner = h("div", { class: "banners", "aria-live": "polite" });
const content = h("div", { class: "map-content" });
const legendBox = h("div", { class: "legend-box" });
const zoomControls = h(
  "div",
  { class: "zoom-controls" },
  button("+", "Zoom in", () => panZoom.zoomIn(), { class: "zoom-in" }),
  button("−", "Zoom out", () => panZoom.zoomOut(), { class: "zoom-out" }),
  button("Fit", "Fit the map to the window", () => panZoom.fit(), { class: "zoom-fit" }),
);
const empty = h("div", { class: "empty muted" }, "Waiting for the map…");
const viewport = h("div", { class: "map-viewport", tabindex: "-1" }, content);
const mapArea = h("div", { class: "map-area" }, viewport, empty, zoomControls, legendBox);
const detailsBody = h("div", { class: "details-body" });
const tracesBox = h("div", { class: "traces-box" });
const details = h("aside", { class: "details", "aria-label": "Details", hidden: true }, h("div", { class: "details-header" }, button("×", "Close details (Esc)", () => selectHit(undefined), { class: "close-details" })), detailsBody, tracesBox);
root.replaceChildren(toolbar.element, banner, h("div", { class: "main" }, mapArea, details));

const renderer = new MapRenderer(content);
let saveZoomTimer: ReturnType<typeof setTimeout> | undefined;
const panZoom = new PanZoom(viewport, content, (zoom) => {
  clearTimeout(saveZoomTimer);
  saveZoomTimer = setTimeout(() => setState({ zoom }), 200);
});

// ---- drawing ----
let drawing = false;
let pending = false;

async function draw(): Promise<void> {
  if (!model || !settings) return;
  if (drawing) {
    pending = true;
    return;
  }
  drawing = true;
  try {
    do {
      pending = false;
      await drawOnce();
    } while (pending);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log("error", `Service map: drawing failed: ${message}`);
    replaceChildren(banner, failure(`The map could not be drawn: ${message}`, true, bannerActions));
  } finally {
    drawing = false;
  }
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function drawOnce(): Promise<void> {
  const m = model!;
  const started = performance.now();
  visible = visibleMap(m.nodes, m.edges, view, m.thresholds);
  const outcome = await renderer.draw(visible, theme, settings!.layout, async () => {
    replaceChildren(banner, progress(`Laying out ${visible!.nodes.length.toLocaleString("en-US")} ${visible!.nodes.length === 1 ? "node" : "services"}…`));
    await nextFrame();
  });
  empty.hidden = true;
  showBanner(); // before fitting: the banner's height changes the viewport's
  if (!outcome.patched && firstDraw) {
    firstDraw = false;
    if (restoredZoom) panZoom.restore(restoredZoom);
    else panZoom.openingView();
  }
  // Keep the selection when what it names is still drawn.
  if (selection && !isDrawn(selection)) selectHit(undefined);
  else {
    renderer.select(selection);
    if (selection) showDetails();
  }
  showBanner();
  showToolbar();
  const found = visible.nodes.filter((n) => n.found).length;
  toolbar.showFindCount(view.find ? `${found} found` : "");
  post({ type: "rendered", nodes: outcome.nodes, edges: outcome.edges, totalMs: performance.now() - started, mermaidMs: outcome.mermaidMs, patched: outcome.patched });
}

function isDrawn(hit: Hit): boolean {
  return "node" in hit ? !!renderer.nodeElement(hit.node) : !!renderer.edgeElement(hit.edge);
}

function showBanner(): void {
  if (loading) return void replaceChildren(banner, progress("Loading the service map…"));
  if (failedMessage) return void replaceChildren(banner, failure(failedMessage.message, failedMessage.retry, bannerActions));
  if (!model || !visible) return void replaceChildren(banner);
  replaceChildren(banner, ...modelBanner(model, scaledDown ? model.nodes.length : undefined, visible.hiddenCount, bannerActions));
}

function showToolbar(): void {
  toolbar.showView(view, hops, !!selectedNodeId(), legendOpen);
  toolbar.showUpdated(updatedAt);
}

function showLegend(): void {
  replaceChildren(legendBox, legendOpen ? legend(theme.palette) : undefined);
}

/** A change of view options by the user: kept across reloads. */
function changeView(next: ViewOptions, persist = true): void {
  view = next;
  if (persist) {
    userView = true;
    scaledDown = false;
  }
  setState({ view: { ...view, find: undefined } });
  void draw();
}

function expandAll(): void {
  changeView({ ...view, collapsed: false, hideIdle: false, expandedGroups: [] });
}

function findNext(): void {
  if (!visible) return;
  const found = visible.nodes.filter((n) => n.found);
  if (!found.length) return;
  findIndex = (findIndex + 1) % found.length;
  const element = renderer.nodeElement(found[findIndex].id);
  for (const old of content.querySelectorAll(".current-match")) old.classList.remove("current-match");
  if (element) {
    element.classList.add("current-match");
    panZoom.centreOn(element);
  }
  toolbar.showFindCount(`${findIndex + 1} of ${found.length}`);
}

// ---- selection and details ----
function selectedNodeId(): string | undefined {
  if (!selection) return undefined;
  if ("node" in selection) return selection.node;
  return visible?.edges.find((e) => e.id === (selection as { edge: string }).edge)?.from;
}

function selectHit(hit: Hit | undefined): void {
  selection = hit;
  renderer.select(hit);
  tracesRequest = -1;
  traceRequest = -1;
  tracesBox.replaceChildren();
  if (!hit) {
    details.hidden = true;
    detailsBody.replaceChildren();
  } else showDetails();
  showToolbar();
}

function nodeLabel(id: string): string {
  return visible?.nodes.find((n) => n.id === id)?.label ?? model?.nodes.find((n) => n.id === id)?.label ?? id;
}

const detailsActions: DetailsActions = {
  reveal: (nodeId) => post({ type: "reveal", nodeId }),
  openDefinition: (nodeId) => post({ type: "openDefinition", nodeId }),
  showTraces: (filter: TraceFilter) => {
    if (!selection) return;
    tracesRequest = ++requestId;
    traceRequest = -1;
    post({ type: "showTraces", requestId: tracesRequest, target: "node" in selection ? { nodeId: selection.node } : { edgeId: selection.edge }, filter });
    replaceChildren(tracesBox, h("h3", {}, "Traces"), progress("Loading traces…"));
  },
  focus: () => {
    const nodeId = selectedNodeId();
    if (nodeId) changeView({ ...view, focus: { nodeId, hops } });
  },
  toggleGroup: (groupId, expand) => {
    const groups = new Set(view.expandedGroups);
    if (expand) groups.add(groupId);
    else groups.delete(groupId);
    changeView({ ...view, expandedGroups: [...groups] });
  },
  close: () => selectHit(undefined),
};

function showDetails(): void {
  if (!selection || !model || !visible) return;
  // Live maps only, and only where this window may write.
  detailsActions.promoteCanary = model.source === "live" && settings?.writable ? (nodeId) => post({ type: "promoteCanary", nodeId }) : undefined;
  let children: HTMLElement[] = [];
  if ("node" in selection) {
    const id = selection.node;
    const node: VisibleNode | undefined = visible.nodes.find((n) => n.id === id);
    if (!node) return;
    const isGroup = node.kind === "VirtualService" && model.nodes.some((n) => n.group === node.id);
    children = nodeDetails({ node, model, collapsed: view.collapsed, expanded: view.expandedGroups.includes(node.id), isGroup }, detailsActions);
  } else {
    const id = selection.edge;
    const edge: MapEdge | undefined = visible.edges.find((e) => e.id === id);
    if (!edge) return;
    children = edgeDetails(edge, nodeLabel, model, detailsActions);
  }
  detailsBody.replaceChildren(...children);
  details.hidden = false;
}

viewport.addEventListener("click", (event) => {
  if (panZoom.wasDrag()) return;
  selectHit(renderer.hit(event.target));
});
viewport.addEventListener("dblclick", (event) => {
  const hit = renderer.hit(event.target);
  if (!hit || !("node" in hit) || !model || !view.collapsed) return;
  const id = hit.node;
  if (!model.nodes.some((n) => n.group === id)) return;
  detailsActions.toggleGroup(id, !view.expandedGroups.includes(id));
});
viewport.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" && event.key !== " ") return;
  const hit = renderer.hit(event.target);
  if (hit) {
    event.preventDefault();
    selectHit(hit);
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && selection) selectHit(undefined);
  if ((event.ctrlKey || event.metaKey) && event.key === "f") {
    event.preventDefault();
    toolbar.focusFind();
  }
});

function exportSvg(): void {
  const svg = renderer.serialize();
  if (svg) post({ type: "exportSvg", svg });
  else log("warn", "Service map: nothing drawn to export yet");
}

// ---- theme ----
watchTheme(() => {
  theme = readTheme();
  if (settings) configureMermaid(settings.layout, theme);
  renderer.invalidate();
  showLegend();
  void draw();
});

// ---- messages ----
function receive(message: HostToWebview): void {
  switch (message.type) {
    case "init": {
      identity = message.identity;
      settings = message.settings;
      setState({ identity });
      toolbar.showSettings(settings);
      configureMermaid(settings.layout, theme);
      renderer.invalidate();
      void draw();
      break;
    }
    case "loading":
      loading = true;
      failedMessage = undefined;
      toolbar.setBusy(true);
      showBanner();
      break;
    case "model": {
      loading = false;
      failedMessage = undefined;
      toolbar.setBusy(false);
      const first = !model;
      model = message.model;
      updatedAt = message.updatedAt;
      if (first && !userView && settings && model.nodes.length > settings.collapseAbove) {
        view = { ...view, collapsed: true, hideIdle: true };
        scaledDown = true;
      }
      if (!settings) return; // drawn once init arrives
      void draw();
      break;
    }
    case "failed":
      loading = false;
      toolbar.setBusy(false);
      failedMessage = { message: message.message, retry: message.retry };
      showBanner();
      if (!model) empty.textContent = "No map to show.";
      break;
    case "traces":
      if (message.requestId !== tracesRequest) return;
      replaceChildren(tracesBox, h("h3", {}, "Traces"), traceList(message.traces, openTrace, message.error, message.filterExpression), h("div", { class: "timeline-slot" }));
      break;
    case "trace": {
      if (message.requestId !== traceRequest) return;
      const slot = tracesBox.querySelector(".timeline-slot") ?? tracesBox.appendChild(h("div", { class: "timeline-slot" }));
      replaceChildren(slot, h("h3", {}, "Timeline"), traceTimeline(message.trace, message.error));
      break;
    }
    case "requestSvg":
      exportSvg();
      break;
  }
}

function openTrace(traceId: string): void {
  traceRequest = ++requestId;
  post({ type: "openTrace", requestId: traceRequest, traceId });
  for (const row of tracesBox.querySelectorAll(".trace-row")) row.classList.toggle("open", row.getAttribute("data-trace") === traceId);
  const slot = tracesBox.querySelector(".timeline-slot") ?? tracesBox.appendChild(h("div", { class: "timeline-slot" }));
  replaceChildren(slot, h("h3", {}, "Timeline"), progress("Loading the trace…"));
}

window.addEventListener("message", (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (!message) {
    const type = event.data && typeof event.data === "object" ? String((event.data as { type?: unknown }).type).slice(0, 40) : typeof event.data;
    log("warn", `Service map: dropped an unknown or malformed message (${type})`);
    return;
  }
  try {
    receive(message);
  } catch (error) {
    log("error", `Service map: ${error instanceof Error ? error.message : String(error)}`);
  }
});

showLegend();
showToolbar();
if (identity) setState({ identity });
post({ type: "ready" });
