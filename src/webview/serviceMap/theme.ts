// Colours from VS Code's theme (--vscode-* variables on the body), turned into what mermaid needs:
// opaque hex colours (mermaid's classDef separates declarations by commas, so no rgba()).
import type { Palette } from "../../model/serviceMap/mermaidText";

export type ThemeKind = "light" | "dark" | "high-contrast" | "high-contrast-light";

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains("vscode-high-contrast-light")) return "high-contrast-light";
  if (c.contains("vscode-high-contrast")) return "high-contrast";
  return c.contains("vscode-dark") ? "dark" : "light";
}

type Rgba = [number, number, number, number];

let probe: HTMLElement | undefined;
/** A CSS colour (any syntax, var() allowed) as RGBA numbers, via the browser's own parsing. */
function parseColour(value: string, fallback: Rgba): Rgba {
  if (!value.trim()) return fallback;
  probe ??= document.body.appendChild(Object.assign(document.createElement("span"), { hidden: true }));
  probe.style.color = "";
  probe.style.color = value.trim();
  if (!probe.style.color) return fallback;
  const m = getComputedStyle(probe).color.match(/[\d.]+/g);
  if (!m || m.length < 3) return fallback;
  return [Number(m[0]), Number(m[1]), Number(m[2]), m.length > 3 ? Number(m[3]) : 1];
}

function mix(a: Rgba, b: Rgba, amountOfA: number): Rgba {
  return [0, 1, 2].map((i) => a[i] * amountOfA + b[i] * (1 - amountOfA)).concat(1) as Rgba;
}

/** Flattens a translucent colour onto `under`. */
function flatten(colour: Rgba, under: Rgba): Rgba {
  return colour[3] >= 1 ? colour : mix(colour, under, colour[3]);
}

function hex(c: Rgba): string {
  return "#" + [c[0], c[1], c[2]].map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, "0")).join("");
}

function variable(name: string): string {
  return getComputedStyle(document.body).getPropertyValue(name);
}

export interface MapTheme {
  kind: ThemeKind;
  palette: Palette;
  /** mermaid's themeVariables for theme "base". */
  themeVariables: Record<string, string>;
  fontFamily: string;
}

const LIGHT_BG: Rgba = [255, 255, 255, 1];
const DARK_BG: Rgba = [30, 30, 30, 1];

export function readTheme(): MapTheme {
  const kind = themeKind();
  const dark = kind === "dark" || kind === "high-contrast";
  const highContrast = kind.startsWith("high-contrast");
  const bg = flatten(parseColour(variable("--vscode-editor-background"), dark ? DARK_BG : LIGHT_BG), dark ? DARK_BG : LIGHT_BG);
  const fg = flatten(parseColour(variable("--vscode-editor-foreground"), dark ? [204, 204, 204, 1] : [51, 51, 51, 1]), bg);
  const muted = flatten(parseColour(variable("--vscode-descriptionForeground"), dark ? [150, 150, 150, 1] : [113, 113, 113, 1]), bg);
  const colour = (name: string, fallback: Rgba) => flatten(parseColour(variable(name), fallback), bg);
  const green = colour("--map-ok", [56, 138, 52, 1]);
  const yellow = colour("--map-error", [191, 136, 3, 1]);
  const purple = colour("--map-throttle", [101, 45, 144, 1]);
  const red = colour("--map-fault", [229, 20, 0, 1]);
  const idle = colour("--map-idle", muted);
  const undeclared = colour("--map-undeclared", [212, 40, 135, 1]);
  const found = colour("--map-found", [255, 140, 0, 1]);
  const border = colour("--vscode-contrastBorder", fg);
  // Fills: the health colour washed into the editor background (stronger in dark themes, which
  // read low-saturation tints poorly); high contrast keeps the background and a bold outline.
  const tint = highContrast ? 0 : dark ? 0.28 : 0.16;
  const entry = (c: Rgba) => ({ fill: hex(mix(c, bg, tint)), stroke: hex(c), text: hex(fg) });
  const palette: Palette = {
    ok: entry(green),
    error: entry(yellow),
    throttle: entry(purple),
    fault: entry(red),
    idle: { fill: hex(mix(idle, bg, highContrast ? 0 : 0.1)), stroke: hex(idle), text: hex(muted) },
    undeclared: entry(undeclared),
    found: { fill: hex(mix(found, bg, highContrast ? 0 : 0.35)), stroke: hex(found), text: hex(fg) },
  };
  const fontFamily = variable("--vscode-font-family").trim() || "sans-serif";
  const edgeLabelBackground = hex(bg);
  const themeVariables: Record<string, string> = {
    darkMode: String(dark),
    background: hex(bg),
    fontFamily,
    fontSize: "13px",
    primaryColor: hex(mix(muted, bg, 0.12)),
    primaryTextColor: hex(fg),
    primaryBorderColor: hex(highContrast ? border : muted),
    secondaryColor: hex(mix(muted, bg, 0.2)),
    tertiaryColor: hex(mix(muted, bg, 0.06)),
    lineColor: hex(muted),
    textColor: hex(fg),
    mainBkg: hex(mix(muted, bg, 0.12)),
    nodeBorder: hex(highContrast ? border : muted),
    nodeTextColor: hex(fg),
    clusterBkg: hex(mix(muted, bg, 0.06)),
    clusterBorder: hex(muted),
    edgeLabelBackground,
    titleColor: hex(fg),
  };
  return { kind, palette, themeVariables, fontFamily };
}

/** Calls `onChange` when VS Code switches theme (body classes, and the variables on <html>). */
export function watchTheme(onChange: () => void): void {
  const signature = () => `${document.body.className}|${document.documentElement.getAttribute("style") ?? ""}`;
  let last = signature();
  const check = () => {
    const now = signature();
    if (now === last) return;
    last = now;
    onChange();
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { attributes: true, attributeFilter: ["class"] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["style", "class"] });
}
