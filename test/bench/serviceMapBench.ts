// Service map benchmark: "model message → map drawn" in Chromium (the webview harness, production
// bundle) for 20, 100, 200 and 500 services with each layout engine we ship, in the view a user gets
// (collapsed above settings.collapseAbove model nodes) and, up to 200, fully expanded; a refresh at
// 200 with unchanged topology (patched in place, no node moving); and mermaid's own render time for
// the same text in a plain page (mermaid's own build, same settings, no app). Median of RUNS fresh
// pages per cell. Prints a markdown table and writes bench-results/serviceMap.json.
// Usage: node --import tsx test/bench/serviceMapBench.ts   (env BENCH_RUNS=3, BENCH_ONLY=dagre|elk)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { ServiceMapModel } from "../../src/model/serviceMap/mapModel";
import type { MapLayout } from "../../src/protocol/serviceMapMessages";
import { mermaidConfig } from "../../src/webview/serviceMap/mermaidConfig";
import { DEFAULT_VIEW, visibleMap } from "../../src/model/serviceMap/mapView";
import { drawOptions, toMermaid, withoutStyles, type MermaidDiagram } from "../../src/model/serviceMap/mermaidText";
import { countPosted, DEFAULT_SETTINGS, openHarness, sendInit, waitRendered, type Harness, type RenderedMessage } from "../webview/harness";
import { syntheticModel } from "../webview/models";
import { ensureChromium } from "../workbench/install";
import { repoRoot } from "../workbench/paths";

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const LAYOUTS: MapLayout[] = (process.env.BENCH_ONLY ? [process.env.BENCH_ONLY] : ["dagre", "elk"]) as MapLayout[];
const SIZES = [20, 100, 200, 500];
const EXPANDED_UP_TO = 200;
const REFRESH_AT = 200;
const GOALS: Record<number, number> = { 100: 1000, 200: 2000, 500: 3000 };
const REFRESH_GOAL_MS = 300;
const OVERHEAD_GOAL = 0.2;
const VIEWPORT = { width: 1280, height: 800 };
const EXPANDED_STATE = { view: { hideIdle: false, collapsed: false, expandedGroups: [] } };
/** The harness's light theme font (what the app reads from --vscode-font-family). */
const FONT = "system-ui, -apple-system, 'Segoe UI', Ubuntu, sans-serif";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

interface Sample {
  rendered: RenderedMessage;
  /** In the page: the model message posted → the app's "rendered" message. */
  wallMs: number;
  /** In the page: the model message posted → the next animation frame after "rendered" (painted). */
  paintMs: number;
}

interface Cell {
  layout: MapLayout;
  services: number;
  view: "default" | "expanded";
  modelNodes: number;
  modelEdges: number;
  drawnNodes: number;
  drawnEdges: number;
  runs: number;
  totalMs: number;
  wallMs: number;
  paintMs: number;
  /** The app's timing around mermaid.render. */
  mermaidMs: number;
  /** mermaid.render of the same text in a plain page (mermaid's own build, no app). */
  mermaidDirectMs: number;
  /** (app total − mermaid direct) / mermaid direct. */
  overhead: number;
  /** (app total − the app's own mermaid.render time) / that time: our work around mermaid. */
  overheadInApp: number;
  goalMs?: number;
  /** Medians of the app's User Timing measures (mermaid, import = parse and strip the SVG, attach = insert, index, decorate). */
  steps: Record<string, number>;
  all: { totalMs: number[]; wallMs: number[]; paintMs: number[]; mermaidMs: number[]; mermaidDirectMs: number[] };
}

interface Refresh {
  layout: MapLayout;
  services: number;
  view: "default" | "expanded";
  runs: number;
  totalMs: number;
  wallMs: number;
  paintMs: number;
  patched: boolean;
  nodesMoved: number;
  edgesMoved: number;
  all: { totalMs: number[]; wallMs: number[] };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Hooks the fake VS Code API so the page itself notes when "rendered" is posted and painted. */
const INSTALL_CLOCK = `(() => {
  if (window.__bench) return;
  window.__bench = {};
  const posted = window.__posted;
  const push = posted.push.bind(posted);
  posted.push = (message) => {
    if (message && message.type === "rendered") {
      const at = performance.now();
      window.__bench.rendered = at;
      requestAnimationFrame(() => { window.__bench.painted = performance.now(); });
    }
    return push(message);
  };
})()`;

async function sendTimed(page: Page, model: ServiceMapModel): Promise<Sample> {
  await page.evaluate(INSTALL_CLOCK);
  const before = await countPosted(page, "rendered");
  // The model is parsed with this script; the clock starts right before the message is posted.
  await page.evaluate(`(() => { const message = ${JSON.stringify({ type: "model", model, updatedAt: Date.now() })}; window.__bench.painted = undefined; window.__bench.sent = performance.now(); window.postMessage(message, "*"); })()`);
  const rendered = await waitRendered(page, before, 120_000);
  const deadline = Date.now() + 10_000;
  let times: { sent: number; rendered: number; painted?: number };
  do {
    times = (await page.evaluate("window.__bench")) as typeof times;
    if (times.painted !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  } while (Date.now() < deadline);
  return { rendered, wallMs: times.rendered - times.sent, paintMs: (times.painted ?? times.rendered) - times.sent };
}

/** Where each drawn node is (its transform) and each edge's path, by mermaid id. */
async function positions(page: Page): Promise<{ nodes: Record<string, string>; edges: Record<string, string> }> {
  return (await page.evaluate(`(() => {
    const nodes = {}, edges = {};
    for (const g of document.querySelectorAll(".map-content g.node")) nodes[g.id.replace(/^map-svg-\\d+-/, "")] = g.getAttribute("transform") || "";
    for (const p of document.querySelectorAll(".map-content g.edgePaths > path")) edges[p.getAttribute("data-id") || p.id] = p.getAttribute("d") || "";
    return { nodes, edges };
  })()`)) as { nodes: Record<string, string>; edges: Record<string, string> };
}

/** The mermaid text the app draws for `model` (its view rule and draw options; the default palette). */
function drawnDiagram(model: ServiceMapModel, view: "default" | "expanded"): MermaidDiagram {
  const options = view === "expanded" || model.nodes.length <= DEFAULT_SETTINGS.collapseAbove ? DEFAULT_VIEW : { ...DEFAULT_VIEW, collapsed: true, hideIdle: true };
  const map = visibleMap(model.nodes, model.edges, options, model.thresholds);
  return toMermaid(map, drawOptions(map));
}

/** The app's own breakdown (User Timing measures it records around each step of a draw). */
async function measures(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate(`Object.fromEntries(performance.getEntriesByType("measure").filter((m) => m.name.startsWith("map:")).map((m) => [m.name.slice(4), m.duration]))`)) as Record<string, number>;
}

const mermaidScript = readFileSync(join(repoRoot, "node_modules", "mermaid", "dist", "mermaid.min.js"), "utf8");

/** mermaid.render of `text` in a fresh plain page: mermaid's own build, the app's settings. */
async function mermaidDirect(browser: Browser, layout: MapLayout, text: string): Promise<number> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;font-family:${FONT};font-size:13px"><div id="out"></div></body></html>`);
    await page.addScriptTag({ content: mermaidScript });
    const config = mermaidConfig(layout, { themeVariables: { fontFamily: FONT, fontSize: "13px" }, fontFamily: FONT });
    return (await page.evaluate(
      async ([config, text]) => {
        const m = (globalThis as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
        m.initialize(config);
        const started = performance.now();
        await m.render("direct-svg", text);
        return performance.now() - started;
      },
      [config, text] as const,
    )) as number;
  } finally {
    await page.close();
  }
}

async function openMap(browser: Browser, layout: MapLayout, view: "default" | "expanded"): Promise<Harness> {
  const harness = await openHarness({ browser, viewport: VIEWPORT, state: view === "expanded" ? EXPANDED_STATE : undefined });
  await sendInit(harness.page, { layout });
  return harness;
}

/** The share of CPU time the machine spent busy over `ms` (from /proc/stat; undefined elsewhere). */
async function cpuBusy(ms = 2000): Promise<number | undefined> {
  const read = () => {
    try {
      const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: fields[3] + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = read();
  if (!a || !b || b.total === a.total) return undefined;
  return Math.round((1 - (b.idle - a.idle) / (b.total - a.total)) * 100) / 100;
}

/** What else runs (sampled while the benchmark itself is idle): CPU busy share, load, code-server. */
async function busyNote(): Promise<{ cpuBusy?: number; loadavg: number[]; codeServer: boolean; topProcesses: string[] }> {
  let listing = "";
  try {
    listing = execFileSync("ps", ["-eo", "pcpu,args", "--sort=-pcpu"], { encoding: "utf8" });
  } catch {
    // ps missing: the load average alone
  }
  const lines = listing.split("\n").slice(1).map((l) => l.trim().slice(0, 120)).filter(Boolean);
  return { cpuBusy: await cpuBusy(), loadavg: loadavg().map((l) => Math.round(l * 100) / 100), codeServer: lines.some((l) => /code-server/.test(l)), topProcesses: lines.slice(0, 5) };
}

async function main(): Promise<void> {
  const bundle = join(repoRoot, "dist", "webview", "serviceMap.js");
  const started = Date.now();
  const before = await busyNote();
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  const cells: Cell[] = [];
  const refreshes: Refresh[] = [];
  const loads: number[] = [];
  const problems: string[] = [];
  try {
    for (const layout of LAYOUTS) {
      for (const services of SIZES) {
        for (const view of ["default", "expanded"] as const) {
          if (view === "expanded" && services > EXPANDED_UP_TO) continue;
          const model = syntheticModel(services, 0);
          const diagram = drawnDiagram(model, view);
          const samples: Sample[] = [];
          const steps: Record<string, number>[] = [];
          const direct: number[] = [];
          const refreshSamples: { sample: Sample; nodesMoved: number; edgesMoved: number }[] = [];
          for (let run = 0; run < RUNS; run++) {
            const loadStarted = performance.now();
            const harness = await openMap(browser, layout, view);
            loads.push(performance.now() - loadStarted);
            try {
              const sample = await sendTimed(harness.page, model);
              samples.push(sample);
              steps.push(await measures(harness.page));
              if (sample.rendered.nodes !== diagram.nodeIds.length || sample.rendered.edges !== diagram.edgeIds.length) throw new Error(`${layout} ${services} ${view}: the app drew ${sample.rendered.nodes}/${sample.rendered.edges}, the bench expected ${diagram.nodeIds.length}/${diagram.edgeIds.length}`);
              if (services === REFRESH_AT) {
                const was = await positions(harness.page);
                const refresh = await sendTimed(harness.page, syntheticModel(services, 1));
                const now = await positions(harness.page);
                const moved = (a: Record<string, string>, b: Record<string, string>) => Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]).length;
                refreshSamples.push({ sample: refresh, nodesMoved: moved(was.nodes, now.nodes), edgesMoved: moved(was.edges, now.edges) });
              }
              problems.push(...harness.problems.map((p) => `${layout} ${services} ${view}: ${p}`));
              direct.push(await mermaidDirect(browser, layout, withoutStyles(diagram.text)));
            } finally {
              await harness.close();
            }
          }
          const pick = (f: (s: Sample) => number) => samples.map(f);
          const totalMs = median(pick((s) => s.rendered.totalMs));
          const mermaidDirectMs = median(direct);
          const cell: Cell = {
            layout,
            services,
            view,
            modelNodes: model.nodes.length,
            modelEdges: model.edges.length,
            drawnNodes: samples[0].rendered.nodes,
            drawnEdges: samples[0].rendered.edges,
            runs: samples.length,
            totalMs,
            wallMs: median(pick((s) => s.wallMs)),
            paintMs: median(pick((s) => s.paintMs)),
            mermaidMs: median(pick((s) => s.rendered.mermaidMs)),
            mermaidDirectMs,
            overhead: (totalMs - mermaidDirectMs) / mermaidDirectMs,
            overheadInApp: (totalMs - median(pick((s) => s.rendered.mermaidMs))) / median(pick((s) => s.rendered.mermaidMs)),
            goalMs: view === "default" ? GOALS[services] : undefined,
            steps: Object.fromEntries(Object.keys(steps[0] ?? {}).map((k) => [k, median(steps.map((s) => s[k] ?? 0))])),
            all: { totalMs: pick((s) => s.rendered.totalMs), wallMs: pick((s) => s.wallMs), paintMs: pick((s) => s.paintMs), mermaidMs: pick((s) => s.rendered.mermaidMs), mermaidDirectMs: direct },
          };
          cells.push(cell);
          console.error(`${layout} ${services} ${view}: ${cell.drawnNodes}/${cell.drawnEdges} drawn, total ${Math.round(totalMs)} ms (${cell.all.totalMs.map(Math.round).join(", ")}), mermaid ${Math.round(cell.mermaidMs)} / direct ${Math.round(mermaidDirectMs)} ms, steps ${JSON.stringify(Object.fromEntries(Object.entries(cell.steps).map(([k, v]) => [k, Math.round(v)])))}`);
          if (refreshSamples.length) {
            const r: Refresh = {
              layout,
              services,
              view,
              runs: refreshSamples.length,
              totalMs: median(refreshSamples.map((s) => s.sample.rendered.totalMs)),
              wallMs: median(refreshSamples.map((s) => s.sample.wallMs)),
              paintMs: median(refreshSamples.map((s) => s.sample.paintMs)),
              patched: refreshSamples.every((s) => s.sample.rendered.patched),
              nodesMoved: Math.max(...refreshSamples.map((s) => s.nodesMoved)),
              edgesMoved: Math.max(...refreshSamples.map((s) => s.edgesMoved)),
              all: { totalMs: refreshSamples.map((s) => s.sample.rendered.totalMs), wallMs: refreshSamples.map((s) => s.sample.wallMs) },
            };
            refreshes.push(r);
            console.error(`  refresh: ${Math.round(r.totalMs)} ms, patched ${r.patched}, ${r.nodesMoved} nodes moved`);
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  const after = await busyNote(); // the browser is closed: what is busy now is someone else
  const busy = (before.cpuBusy ?? 0) > 0.15 || (after.cpuBusy ?? 0) > 0.15 || before.codeServer || after.codeServer;

  const f = (ms: number) => `${Math.round(ms)}`;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const lines = [
    "| layout | services | view | drawn nodes / edges | total ms | send→drawn ms | send→painted ms | mermaid.render in app ms | mermaid alone ms | overhead vs alone | overhead vs in-app render | goal |",
    "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...cells.map((c) => `| ${c.layout} | ${c.services} | ${c.view} | ${c.drawnNodes} / ${c.drawnEdges} | ${f(c.totalMs)} | ${f(c.wallMs)} | ${f(c.paintMs)} | ${f(c.mermaidMs)} | ${f(c.mermaidDirectMs)} | ${pct(c.overhead)} | ${pct(c.overheadInApp)} | ${c.goalMs ? `${c.paintMs <= c.goalMs ? "✓" : "✗"} ≤ ${c.goalMs}` : ""} |`),
    "",
    "| refresh (round+1) | services | view | total ms | send→painted ms | patched | nodes moved | goal |",
    "| --- | ---: | --- | ---: | ---: | --- | ---: | --- |",
    ...refreshes.map((r) => `| ${r.layout} | ${r.services} | ${r.view} | ${f(r.totalMs)} | ${f(r.paintMs)} | ${r.patched} | ${r.nodesMoved} | ${r.paintMs <= REFRESH_GOAL_MS && r.patched && r.nodesMoved === 0 ? "✓" : "✗"} ≤ ${REFRESH_GOAL_MS} |`),
    "",
    `Median of ${RUNS} fresh pages per cell. Bundle ${(statSync(bundle).size / 1024 / 1024).toFixed(2)} MiB, page load → ready median ${f(median(loads))} ms. CPU busy (others) ${before.cpuBusy ?? "?"} before / ${after.cpuBusy ?? "?"} after, load average ${before.loadavg[0]} → ${after.loadavg[0]} on ${cpus().length} cores; ${busy ? "machine busy (another process or code-server): figures may be disturbed" : "machine otherwise idle"}. Goals are checked on send→painted.`,
  ];
  console.log(lines.join("\n"));
  if (problems.length) console.error(`page problems:\n${problems.join("\n")}`);
  const dir = join(repoRoot, "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "serviceMap.json"),
    JSON.stringify({ date: new Date().toISOString(), durationS: Math.round((Date.now() - started) / 1000), runs: RUNS, bundleBytes: statSync(bundle).size, pageLoadMs: median(loads), machine: { cores: cpus().length, before, after, busy }, goals: { ...GOALS, refreshMs: REFRESH_GOAL_MS, overhead: OVERHEAD_GOAL }, settings: { collapseAbove: DEFAULT_SETTINGS.collapseAbove }, cells, refreshes, problems }, null, 2) + "\n",
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
