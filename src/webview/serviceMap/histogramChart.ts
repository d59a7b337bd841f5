// The response-time histogram as a small SVG bar chart, built with DOM APIs.
import type { HistogramEntry } from "../../model/serviceMap/xrayGraph";
import { formatMs } from "../../model/serviceMap/mermaidText";
import { h, s } from "./dom";

const WIDTH = 260;
const HEIGHT = 90;
const BOTTOM = 16;

/** Bars of request counts by response time (seconds in, milliseconds shown), p95 marked. */
export function histogramChart(histogram: HistogramEntry[], p95Ms?: number): Element {
  const entries = histogram.filter((e) => e.count > 0).sort((a, b) => a.value - b.value);
  if (!entries.length) return h("p", { class: "muted" }, "No response times in this window.");
  const maxCount = Math.max(...entries.map((e) => e.count));
  const maxMs = Math.max(...entries.map((e) => e.value * 1000), p95Ms ?? 0) || 1;
  const plot = HEIGHT - BOTTOM;
  const barWidth = Math.max(2, Math.min(14, (WIDTH - 8) / Math.max(entries.length, 20)));
  const x = (ms: number) => 4 + (ms / maxMs) * (WIDTH - 8 - barWidth);
  const total = entries.reduce((sum, e) => sum + e.count, 0);
  const svg = s("svg", { class: "histogram", width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": `Response-time histogram of ${Math.round(total)} requests` });
  svg.append(s("line", { class: "axis", x1: 0, y1: plot + 0.5, x2: WIDTH, y2: plot + 0.5 }));
  for (const e of entries) {
    const ms = e.value * 1000;
    const barHeight = Math.max(1, (e.count / maxCount) * (plot - 4));
    svg.append(s("rect", { class: "bar", x: x(ms).toFixed(1), y: (plot - barHeight).toFixed(1), width: barWidth.toFixed(1), height: barHeight.toFixed(1) }, s("title", {}, `${formatMs(ms)}: ${Math.round(e.count)} requests`)));
  }
  if (p95Ms !== undefined) {
    const px = x(p95Ms) + barWidth / 2;
    svg.append(s("line", { class: "p95", x1: px.toFixed(1), y1: 2, x2: px.toFixed(1), y2: plot }), s("text", { class: "tick", x: Math.min(px + 3, WIDTH - 40).toFixed(1), y: 10 }, "p95"));
  }
  svg.append(s("text", { class: "tick", x: 2, y: HEIGHT - 3 }, "0"), s("text", { class: "tick", x: WIDTH - 2, y: HEIGHT - 3, "text-anchor": "end" }, formatMs(maxMs)));
  return svg;
}
