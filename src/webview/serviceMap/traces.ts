// Traces of a node or edge: the list (GetTraceSummaries) and one trace's segments as a timeline.
import type { TimelineSegment, TraceSummary, TraceTimeline } from "../../protocol/serviceMapMessages";
import { formatMs } from "../../model/serviceMap/mermaidText";
import { h, s } from "./dom";

function status(t: { hasFault?: boolean; hasError?: boolean; hasThrottle?: boolean; fault?: boolean; error?: boolean; throttle?: boolean }): "fault" | "throttle" | "error" | "ok" {
  if (t.hasFault || t.fault) return "fault";
  if (t.hasThrottle || t.throttle) return "throttle";
  if (t.hasError || t.error) return "error";
  return "ok";
}

function time(epochMs: number | undefined): string {
  return epochMs === undefined ? "" : new Date(epochMs).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** The list of traces; `onOpen` gets the chosen trace's id. */
export function traceList(traces: TraceSummary[], onOpen: (id: string) => void, error?: string, filterExpression?: string): Element {
  const box = h("div", { class: "traces" });
  if (filterExpression) box.append(h("p", { class: "muted filter", title: "X-Ray filter expression" }, filterExpression));
  if (error) {
    box.append(h("p", { class: "error-text" }, error));
    return box;
  }
  if (!traces.length) {
    box.append(h("p", { class: "muted" }, "No traces in this window."));
    return box;
  }
  const table = h("table", { class: "trace-table" }, h("thead", {}, h("tr", {}, h("th", {}, "Time"), h("th", {}, "Duration"), h("th", {}, "Status"), h("th", {}, "Request"))));
  const body = h("tbody");
  for (const t of traces) {
    const kind = status(t);
    const request = [t.method, t.url].filter(Boolean).join(" ") || t.entry || "";
    const row = h(
      "tr",
      { class: `trace-row ${kind}`, tabindex: 0, title: `Trace ${t.id}`, "data-trace": t.id },
      h("td", {}, time(t.start)),
      h("td", { class: "num" }, t.durationMs !== undefined ? formatMs(t.durationMs) : ""),
      h("td", {}, h("span", { class: `badge ${kind}` }, t.status !== undefined ? String(t.status) : kind)),
      h("td", { class: "url" }, request),
    );
    row.addEventListener("click", () => onOpen(t.id));
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter") onOpen(t.id);
    });
    body.append(row);
  }
  table.append(body);
  box.append(h("p", { class: "muted" }, `${traces.length} trace${traces.length === 1 ? "" : "s"}, newest first`), table);
  return box;
}

const ROW = 18;
const LABEL = 150;
const WIDTH = 420;

/** One trace's segments as bars offset by their start, indented by depth, coloured by status. */
export function traceTimeline(trace: TraceTimeline | undefined, error?: string): Element {
  if (error || !trace) return h("p", { class: "error-text" }, error ?? "The trace could not be read.");
  const segments = [...trace.segments].sort((a, b) => a.startMs - b.startMs || a.depth - b.depth);
  const end = Math.max(trace.durationMs ?? 0, ...segments.map((x) => x.endMs), 1);
  const scale = (WIDTH - LABEL - 60) / end;
  const svg = s("svg", { class: "timeline", width: WIDTH, height: segments.length * ROW + 20, viewBox: `0 0 ${WIDTH} ${segments.length * ROW + 20}`, role: "img", "aria-label": `Timeline of trace ${trace.id}` });
  segments.forEach((segment: TimelineSegment, i) => {
    const y = i * ROW + 2;
    const kind = status(segment);
    const x = LABEL + segment.startMs * scale;
    const w = Math.max(1.5, (segment.endMs - segment.startMs) * scale);
    const duration = segment.endMs - segment.startMs;
    svg.append(
      s("text", { class: "segment-name", x: 2 + Math.min(segment.depth, 6) * 8, y: y + 12 }, segment.name.length > 22 ? `${segment.name.slice(0, 21)}…` : segment.name),
      s("rect", { class: `segment ${kind}${segment.inProgress ? " in-progress" : ""}`, x: x.toFixed(1), y, width: w.toFixed(1), height: ROW - 5, rx: 2 }, s("title", {}, `${segment.name}${segment.origin ? ` (${segment.origin})` : ""}: ${formatMs(duration)} from ${formatMs(segment.startMs)}${segment.status !== undefined ? `, HTTP ${segment.status}` : ""}${segment.inProgress ? ", in progress" : ""}`)),
      s("text", { class: "segment-time", x: (x + w + 3).toFixed(1), y: y + 12 }, formatMs(duration)),
    );
  });
  svg.append(s("text", { class: "tick", x: LABEL, y: segments.length * ROW + 16 }, "0"), s("text", { class: "tick", x: WIDTH - 4, y: segments.length * ROW + 16, "text-anchor": "end" }, formatMs(end)));
  return h("div", { class: "timeline-box" }, h("p", { class: "muted" }, `Trace ${trace.id}${trace.durationMs !== undefined ? ` · ${formatMs(trace.durationMs)}` : ""} · ${segments.length} segments`), svg);
}
