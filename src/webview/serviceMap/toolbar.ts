// The toolbar: time window, X-Ray group, auto refresh, refresh, find, view toggles, focus,
// layout, legend, copy and export. It only reports what the user chose; main.ts acts on it.
import { AUTO_REFRESH_SECONDS, LAYOUTS, WINDOW_PRESETS, type AutoRefreshSeconds, type MapLayout, type MapSettings, type MapWindow } from "../../protocol/serviceMapMessages";
import type { ViewOptions } from "../../model/serviceMap/mapView";
import { button, h, select } from "./dom";

export interface ToolbarActions {
  setWindow(window: MapWindow): void;
  setGroup(group: string | undefined): void;
  setAutoRefresh(seconds: AutoRefreshSeconds): void;
  refresh(): void;
  find(text: string): void;
  findNext(): void;
  setHideIdle(on: boolean): void;
  setCollapsed(on: boolean): void;
  focusSelection(hops: number): void;
  clearFocus(): void;
  setLayout(layout: MapLayout): void;
  toggleLegend(): void;
  copyMermaid(): void;
  exportSvg(): void;
}

const WINDOW_LABELS: Record<string, string> = { "5m": "Last 5 min", "15m": "Last 15 min", "1h": "Last 1 h", "3h": "Last 3 h", "6h": "Last 6 h", custom: "Custom…" };
const REFRESH_LABELS: Record<number, string> = { 0: "Off", 10: "10 s", 30: "30 s", 60: "1 min", 300: "5 min" };

/** A datetime-local value (local time, minutes) for epoch ms, and back. */
function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}
function fromLocalInput(value: string): number | undefined {
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

function toggle(label: string, title: string, onChange: (on: boolean) => void, cls: string): HTMLButtonElement {
  const b = button(label, title, () => {
    const on = b.getAttribute("aria-pressed") !== "true";
    b.setAttribute("aria-pressed", String(on));
    onChange(on);
  }, { class: `toggle ${cls}`, "aria-pressed": "false" });
  return b;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly windowPicker: HTMLSelectElement;
  private readonly customBox: HTMLElement;
  private readonly customStart: HTMLInputElement;
  private readonly customEnd: HTMLInputElement;
  private readonly groupPicker: HTMLSelectElement;
  private readonly refreshPicker: HTMLSelectElement;
  private readonly layoutPicker: HTMLSelectElement;
  private readonly updated: HTMLElement;
  private readonly findBox: HTMLInputElement;
  private readonly findCount: HTMLElement;
  private readonly hideIdle: HTMLButtonElement;
  private readonly collapse: HTMLButtonElement;
  private readonly hops: HTMLSelectElement;
  private readonly focusButton: HTMLButtonElement;
  private readonly clearFocusButton: HTMLButtonElement;
  private readonly legend: HTMLButtonElement;
  private readonly refreshButton: HTMLButtonElement;

  constructor(actions: ToolbarActions) {
    this.windowPicker = select([...WINDOW_PRESETS, "custom"].map((p) => [p, WINDOW_LABELS[p]]), "15m", "Time window of the X-Ray data", (value) => {
      if (value === "custom") {
        this.customBox.hidden = false;
        if (!this.customStart.value) {
          const now = Date.now();
          this.customStart.value = toLocalInput(now - 3_600_000);
          this.customEnd.value = toLocalInput(now);
        }
        this.customStart.focus();
        return;
      }
      this.customBox.hidden = true;
      actions.setWindow({ preset: value as (typeof WINDOW_PRESETS)[number] });
    }, { class: "window" });
    this.customStart = h("input", { type: "datetime-local", class: "custom-start", title: "Start of the window (local time)", "aria-label": "Window start" });
    this.customEnd = h("input", { type: "datetime-local", class: "custom-end", title: "End of the window (local time)", "aria-label": "Window end" });
    const customError = h("span", { class: "custom-error", role: "alert" });
    const apply = button("Apply", "Show this time range", () => {
      const start = fromLocalInput(this.customStart.value);
      const end = fromLocalInput(this.customEnd.value);
      if (start === undefined || end === undefined || start >= end) {
        customError.textContent = "The start must be before the end.";
        return;
      }
      customError.textContent = "";
      actions.setWindow({ start, end });
    }, { class: "custom-apply" });
    this.customBox = h("span", { class: "custom-range" }, this.customStart, h("span", { class: "muted" }, "to"), this.customEnd, apply, customError);
    this.customBox.hidden = true;

    this.groupPicker = select([["", "Default group"]], "", "X-Ray group (a saved filter expression)", (value) => actions.setGroup(value || undefined), { class: "group" });
    this.refreshPicker = select(AUTO_REFRESH_SECONDS.map((s) => [String(s), `Auto: ${REFRESH_LABELS[s]}`]), "0", "Auto refresh", (value) => actions.setAutoRefresh(Number(value) as AutoRefreshSeconds), { class: "auto-refresh" });
    this.refreshButton = button("Refresh", "Load the map again now", () => actions.refresh(), { class: "refresh" });
    this.updated = h("span", { class: "updated muted", "aria-live": "polite" });

    this.findBox = h("input", { type: "search", class: "find", placeholder: "Find", title: "Find nodes by name (Enter: next match)", "aria-label": "Find nodes by name" });
    this.findBox.addEventListener("input", () => actions.find(this.findBox.value));
    this.findBox.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        actions.findNext();
      }
    });
    this.findCount = h("span", { class: "find-count muted", "aria-live": "polite" });

    this.hideIdle = toggle("Hide idle", "Hide nodes and edges without traffic", (on) => actions.setHideIdle(on), "hide-idle");
    this.collapse = toggle("Collapse", "Collapse by virtual service (a service stands for its router, routes and nodes)", (on) => actions.setCollapsed(on), "collapse");
    this.hops = select([["1", "1 hop"], ["2", "2 hops"], ["3", "3 hops"]], "1", "Neighbours within this many hops", () => undefined, { class: "hops" });
    this.focusButton = button("Focus", "Show only the selected node and its neighbours", () => actions.focusSelection(Number(this.hops.value)), { class: "focus-selection" });
    this.clearFocusButton = button("Clear focus", "Show the whole map again", () => actions.clearFocus(), { class: "clear-focus" });
    this.layoutPicker = select(LAYOUTS.map((l) => [l, l === "dagre" ? "Layout: dagre" : "Layout: ELK"]), "dagre", "Layout engine", (value) => actions.setLayout(value as MapLayout), { class: "layout" });
    this.legend = toggle("Legend", "Show or hide the legend", () => actions.toggleLegend(), "legend-toggle");
    const copy = button("Copy as Mermaid", "Copy the map as mermaid text", () => actions.copyMermaid(), { class: "copy-mermaid" });
    const exportSvg = button("Export SVG", "Save the map as an SVG file", () => actions.exportSvg(), { class: "export-svg" });

    this.element = h(
      "div",
      { class: "toolbar", role: "toolbar", "aria-label": "Service map" },
      h("span", { class: "group-box" }, this.windowPicker, this.customBox, this.groupPicker, this.refreshPicker, this.refreshButton, this.updated),
      h("span", { class: "group-box" }, this.findBox, this.findCount),
      h("span", { class: "group-box" }, this.hideIdle, this.collapse, this.focusButton, this.hops, this.clearFocusButton),
      h("span", { class: "group-box" }, this.layoutPicker, this.legend, copy, exportSvg),
    );
  }

  showSettings(settings: MapSettings): void {
    const w = settings.window;
    if ("preset" in w) {
      this.windowPicker.value = w.preset;
      this.customBox.hidden = true;
    } else {
      this.windowPicker.value = "custom";
      this.customStart.value = toLocalInput(w.start);
      this.customEnd.value = toLocalInput(w.end);
      this.customBox.hidden = false;
    }
    const groups: [string, string][] = [["", "Default group"], ...settings.groups.filter((g) => g !== "Default").map((g): [string, string] => [g, g])];
    if (settings.group && !settings.groups.includes(settings.group)) groups.push([settings.group, settings.group]);
    this.groupPicker.replaceChildren(...groups.map(([value, label]) => h("option", { value }, label)));
    this.groupPicker.value = settings.group && settings.group !== "Default" ? settings.group : "";
    this.groupPicker.disabled = groups.length < 2;
    this.refreshPicker.value = String(settings.autoRefresh);
    this.layoutPicker.value = settings.layout;
  }

  showView(view: ViewOptions, hops: number, hasSelection: boolean, legendOpen: boolean): void {
    this.hideIdle.setAttribute("aria-pressed", String(view.hideIdle));
    this.collapse.setAttribute("aria-pressed", String(view.collapsed));
    this.legend.setAttribute("aria-pressed", String(legendOpen));
    this.hops.value = String(view.focus?.hops ?? hops);
    this.focusButton.disabled = !hasSelection;
    this.clearFocusButton.disabled = !view.focus;
    if (document.activeElement !== this.findBox) this.findBox.value = view.find ?? "";
  }

  showUpdated(at: number | undefined): void {
    this.updated.textContent = at ? `updated ${new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" })}` : "";
  }

  showFindCount(text: string): void {
    this.findCount.textContent = text;
  }

  setBusy(busy: boolean): void {
    this.refreshButton.disabled = busy;
  }

  focusFind(): void {
    this.findBox.focus();
    this.findBox.select();
  }
}
