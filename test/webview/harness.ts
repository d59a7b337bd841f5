// Opens the service map webview app in Debian's Chromium, outside VS Code: a tiny local server
// serves a page with the panel's CSP, a fake acquireVsCodeApi that records what the app posts,
// and dist/webview/serviceMap.{js,css}. Host messages go in with window.postMessage.
// Used by test/webview/*.test.ts and by the benchmark (test/bench/serviceMapBench.ts).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { ServiceMapModel } from "../../src/model/serviceMap/mapModel";
import type { HostToWebview, MapIdentity, MapSettings, WebviewToHost } from "../../src/protocol/serviceMapMessages";
import { ensureChromium } from "../workbench/install";
import { repoRoot, resultsDir } from "../workbench/paths";
import { THEMES, themeStyle, type HarnessTheme } from "./harness/themes";

export type RenderedMessage = Extract<WebviewToHost, { type: "rendered" }>;

export interface HarnessOptions {
  theme?: HarnessTheme;
  viewport?: { width: number; height: number };
  /** What acquireVsCodeApi().getState() answers at start (a restored panel). */
  state?: unknown;
  /** Reuse a browser (the benchmark opens many pages). */
  browser?: Browser;
}

export interface Harness {
  browser: Browser;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

export const DEFAULT_IDENTITY: MapIdentity = { mesh: "demo", source: "live", region: "us-east-1" };
export const DEFAULT_SETTINGS: MapSettings = { window: { preset: "15m" }, autoRefresh: 0, groups: ["Default", "canary"], layout: "dagre", collapseAbove: 150, writable: true };

const bundle = join(repoRoot, "dist", "webview");

/** Launches Chromium (unless given one), serves the harness and waits for the app's "ready". */
export async function openHarness(options: HarnessOptions = {}): Promise<Harness> {
  for (const file of ["serviceMap.js", "serviceMap.css"]) {
    if (!existsSync(join(bundle, file))) throw new Error(`dist/webview/${file} is missing: run node scripts/build.mjs`);
  }
  const theme = options.theme ?? "light";
  const nonce = randomBytes(16).toString("base64url");
  const template = readFileSync(join(__dirname, "harness", "index.html"), "utf8");
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const files: Record<string, [string, string]> = {
      "/dist/webview/serviceMap.js": [join(bundle, "serviceMap.js"), "text/javascript; charset=utf-8"],
      "/dist/webview/serviceMap.css": [join(bundle, "serviceMap.css"), "text/css; charset=utf-8"],
    };
    if (path === "/") {
      const origin = `http://${request.headers.host}`;
      const html = template
        .replaceAll("{{nonce}}", nonce)
        .replaceAll("{{cspSource}}", origin)
        .replaceAll("{{themeClass}}", THEMES[theme].bodyClass)
        .replaceAll("{{themeStyle}}", themeStyle(theme))
        .replaceAll("{{initialState}}", JSON.stringify(options.state ?? null).replaceAll("<", "\\u003c"));
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    } else if (files[path]) {
      response.writeHead(200, { "content-type": files[path][1] }).end(readFileSync(files[path][0]));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const browser = options.browser ?? (await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true }));
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`http://127.0.0.1:${port}/`);
  await until(page, "!!window.__posted && window.__posted.some((m) => m.type === 'ready')", 30_000);
  return {
    browser,
    page,
    problems,
    async close() {
      const csp = (await page.evaluate("window.__csp").catch(() => [])) as string[];
      problems.push(...csp.map((c) => `csp: ${c}`));
      await page.close().catch(() => undefined);
      if (!options.browser) await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Polls an expression in the page until it is truthy. (Playwright's waitForFunction compiles its
 * predicate with eval inside the page, which the panel's CSP refuses and reports.)
 */
export async function until(page: Page, expression: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Sends a host message (or anything, to test that unknown messages are dropped). */
export async function sendHost(page: Page, message: HostToWebview | unknown): Promise<void> {
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, "*")`);
}

export async function sendInit(page: Page, settings: Partial<MapSettings> = {}, identity: MapIdentity = DEFAULT_IDENTITY): Promise<void> {
  await sendHost(page, { type: "init", identity, settings: { ...DEFAULT_SETTINGS, ...settings } });
}

export async function sendModel(page: Page, model: ServiceMapModel, updatedAt = Date.now()): Promise<void> {
  await sendHost(page, { type: "model", model, updatedAt });
}

/** Everything the app posted so far. */
export async function posted(page: Page): Promise<WebviewToHost[]> {
  return (await page.evaluate("window.__posted")) as WebviewToHost[];
}

/** How many messages of `type` the app posted so far (pass it to the waits below). */
export async function countPosted(page: Page, type: WebviewToHost["type"]): Promise<number> {
  return Number(await page.evaluate(`window.__posted.filter((m) => m.type === ${JSON.stringify(type)}).length`));
}

/** Waits for the next message of `type` after the first `after` of them, and returns it. */
export async function waitPosted<T extends WebviewToHost["type"]>(page: Page, type: T, after: number, timeout = 60_000): Promise<Extract<WebviewToHost, { type: T }>> {
  const t = JSON.stringify(type);
  await until(page, `window.__posted.filter((m) => m.type === ${t}).length > ${after}`, timeout);
  return (await page.evaluate(`window.__posted.filter((m) => m.type === ${t})[${after}]`)) as Extract<WebviewToHost, { type: T }>;
}

/** Waits for the draw after the first `after` draws (default: the first draw) and returns its timings. */
export async function waitRendered(page: Page, after = 0, timeout = 60_000): Promise<RenderedMessage> {
  return waitPosted(page, "rendered", after, timeout);
}

/** Sends a model and waits for the draw it causes. */
export async function drawModel(page: Page, model: ServiceMapModel, updatedAt = Date.now()): Promise<RenderedMessage> {
  const before = await countPosted(page, "rendered");
  await sendModel(page, model, updatedAt);
  return waitRendered(page, before);
}

/** Switches the theme the way VS Code does (body class and the variables on <html>). */
export async function setTheme(page: Page, theme: HarnessTheme): Promise<void> {
  const { bodyClass } = THEMES[theme];
  await page.evaluate(`(() => { document.documentElement.setAttribute("style", ${JSON.stringify(themeStyle(theme))}); document.body.className = ${JSON.stringify(bodyClass)}; })()`);
}

/** A screenshot in test-results/webview/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(resultsDir, "webview");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
