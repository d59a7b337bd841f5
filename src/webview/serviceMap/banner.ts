// The line above the map: whether traffic is shown (and why not), sample count and notes,
// the scale notice, progress while loading or laying out, and failures with Retry.
import type { ServiceMapModel } from "../../model/serviceMap/mapModel";
import { button, h } from "./dom";

export interface BannerActions {
  retry(): void;
  expandAll(): void;
}

export function progress(text: string): HTMLElement {
  return h("div", { class: "banner progress", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), text);
}

export function failure(message: string, retry: boolean, actions: BannerActions): HTMLElement {
  return h("div", { class: "banner failed", role: "alert" }, h("span", { class: "message" }, message), retry ? button("Retry", "Try loading the map again", () => actions.retry(), { class: "retry" }) : undefined);
}

/** Banner lines for a drawn model. */
export function modelBanner(model: ServiceMapModel, scaledDown: number | undefined, hidden: number, actions: BannerActions): HTMLElement[] {
  const out: HTMLElement[] = [];
  const t = model.traffic;
  if (t.kind === "none") out.push(h("div", { class: "banner info traffic-none" }, h("span", { class: "message" }, `No traffic shown: ${t.reason}`)));
  if (t.kind === "unavailable") {
    out.push(h("div", { class: `banner warn traffic-unavailable code-${t.code}`, role: "alert" }, h("span", { class: "message" }, t.reason), t.code === "throttled" ? button("Retry", "Ask X-Ray again", () => actions.retry(), { class: "retry" }) : undefined));
  }
  if (t.kind === "shown") {
    const samples = Math.round(model.samples);
    const low = samples < model.thresholds.minSamples;
    out.push(
      h(
        "div",
        { class: `banner info samples${low ? " low" : ""}` },
        h("span", { class: "message" }, `${samples.toLocaleString("en-US")} sampled request${samples === 1 ? "" : "s"}`),
        low ? h("span", { class: "note" }, ` · low confidence: fewer than ${model.thresholds.minSamples} samples to judge health by`) : undefined,
        h("span", { class: "muted" }, " · X-Ray counts sampled requests only"),
      ),
    );
  }
  if (scaledDown !== undefined) {
    out.push(h("div", { class: "banner info scaled" }, h("span", { class: "message" }, `${model.nodes.length} nodes: collapsed by virtual service with idle nodes hidden (${hidden} not drawn on their own).`), button("Expand all", "Draw every node (slower)", () => actions.expandAll(), { class: "expand-all" })));
  }
  for (const note of model.notes) out.push(h("div", { class: "banner info note" }, h("span", { class: "message" }, note)));
  return out;
}
