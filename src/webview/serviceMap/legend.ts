// The legend: health colours, the low-confidence look, and how edges are drawn.
import type { Palette } from "../../model/serviceMap/mermaidText";
import { h, s } from "./dom";

function swatch(fill: string, stroke: string, dashed = false, opacity = 1): SVGSVGElement {
  return s("svg", { class: "swatch", width: 22, height: 14, "aria-hidden": "true" }, s("rect", { x: 1, y: 1, width: 20, height: 12, rx: 3, fill, stroke, "stroke-width": 1.5, "stroke-dasharray": dashed ? "4 3" : undefined, opacity }));
}

function line(stroke: string, width: number, dashed = false): SVGSVGElement {
  return s("svg", { class: "swatch", width: 30, height: 14, "aria-hidden": "true" }, s("line", { x1: 1, y1: 7, x2: 29, y2: 7, stroke, "stroke-width": width, "stroke-dasharray": dashed ? "3 3" : undefined }));
}

const item = (icon: Element, text: string) => h("li", {}, icon, h("span", {}, text));

export function legend(palette: Palette): HTMLElement {
  const p = palette;
  return h(
    "aside",
    { class: "legend", "aria-label": "Legend" },
    h("h3", {}, "Health"),
    h(
      "ul",
      {},
      item(swatch(p.ok.fill, p.ok.stroke), "OK"),
      item(swatch(p.error.fill, p.error.stroke), "4xx errors"),
      item(swatch(p.throttle.fill, p.throttle.stroke), "429 throttling"),
      item(swatch(p.fault.fill, p.fault.stroke), "5xx faults"),
      item(swatch(p.idle.fill, p.idle.stroke), "Idle (no requests)"),
      item(swatch(p.ok.fill, p.ok.stroke, true, 0.7), "Low confidence (few samples)"),
      item(swatch(p.found.fill, p.found.stroke), "Find match"),
    ),
    h("h3", {}, "Edges"),
    h(
      "ul",
      {},
      item(line(p.ok.stroke, 2.5), "Declared, traffic seen (width by rate)"),
      item(line(p.idle.stroke, 1.5, true), "Declared, no traffic"),
      item(line(p.undeclared.stroke, 3.5), "Undeclared traffic"),
      item(line(p.ok.stroke, 1.5), "To or from outside the mesh"),
    ),
    h("p", { class: "muted" }, "Shapes: ([service]), [[router]], (route), [node], {{gateway}}, ((client)), [/remote/], [(AWS)]"),
  );
}
