// The service map webview in Chromium: draws, details, traces, crafted names, stable refresh, scale.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { ensureChromium } from "../workbench/install";
import { countPosted, drawModel, openHarness, posted, screenshot, sendHost, sendInit, setTheme, until, waitPosted, waitRendered, type Harness } from "./harness";
import { demoModel, edge, model, node, syntheticModel, traffic } from "./models";

let browser: Browser;
before(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], headless: true });
});
after(async () => {
  await browser?.close();
});

async function open(theme: "light" | "dark" | "high-contrast" = "light", state?: unknown): Promise<Harness> {
  const harness = await openHarness({ browser, theme, state });
  await sendInit(harness.page);
  return harness;
}

/** The map's pan/zoom transform; Panzoom writes it in the next animation frame, so read after that frame. */
async function transformOf(page: Page): Promise<string> {
  return String(
    await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(document.querySelector(".map-content").style.transform))))`),
  );
}

describe("service map webview", { timeout: 240_000 }, () => {
  it("draws a small map; a click opens details with a histogram, and Show Traces posts a request", async () => {
    const harness = await open("light");
    const { page } = harness;
    try {
      const rendered = await drawModel(page, demoModel());
      assert.equal(rendered.patched, false);
      assert.equal(rendered.nodes, 9);
      assert.equal(rendered.edges, 8);
      assert.ok(rendered.mermaidMs > 0 && rendered.totalMs >= rendered.mermaidMs, JSON.stringify(rendered));
      const labels = await page.locator(".map-content g.node").allTextContents();
      for (const name of ["color-v1", "color-v2", "ingress-gw", "pricing.example.com", "legacy-batch"]) assert.ok(labels.some((l) => l.includes(name)), `${name} in ${labels.join(" | ")}`);
      assert.ok((await page.locator(".map-content g.edgeLabel").allTextContents()).some((t) => t.includes("10 % set · 9.2 % seen")), "the canary edge shows set and seen");
      // the banner counts the samples
      assert.match(await page.locator(".banners").innerText(), /sampled requests/);

      await page.locator(".map-content g.node", { hasText: "color-v2" }).click();
      await page.locator(".details:not([hidden]) h2", { hasText: "color-v2" }).waitFor();
      assert.equal(await page.locator(".details svg.histogram rect.bar").count(), 4);
      assert.match(await page.locator(".details").innerText(), /Fault \(5xx\)\s+20 %/);
      assert.equal(await page.locator(".map-content g.node.selected").count(), 1);
      await screenshot(page, "light-details");

      await page.locator(".details .trace-filter").selectOption("fault");
      const traceCount = await countPosted(page, "showTraces");
      await page.locator(".details button.show-traces").click();
      const request = await waitPosted(page, "showTraces", traceCount);
      assert.deepEqual(request.target, { nodeId: "VirtualNode:color-v2" });
      assert.equal(request.filter, "fault");
      const start = Date.UTC(2026, 11, 1, 11, 58);
      await sendHost(page, { type: "traces", requestId: request.requestId, traces: [{ id: "1-6767a1b2-0123456789abcdef01234567", start, durationMs: 182, hasFault: true, hasError: false, hasThrottle: false, method: "GET", url: "http://color.demo.local/color", status: 503 }] });
      await page.locator(".details .trace-row").first().click();
      const open = await waitPosted(page, "openTrace", 0);
      assert.equal(open.traceId, "1-6767a1b2-0123456789abcdef01234567");
      await sendHost(page, { type: "trace", requestId: open.requestId, trace: { id: open.traceId, durationMs: 182, segments: [
        { id: "a", name: "demo/ingress-gw", startMs: 0, endMs: 182, depth: 0, fault: true, error: false, throttle: false, inProgress: false, status: 503 },
        { id: "b", parentId: "a", name: "color.demo.local", startMs: 3, endMs: 178, depth: 1, fault: true, error: false, throttle: false, inProgress: false },
        { id: "c", name: "demo/color-v2", startMs: 6, endMs: 170, depth: 0, fault: true, error: false, throttle: false, inProgress: false, status: 503 },
      ] } });
      await page.locator(".details svg.timeline rect.segment.fault").first().waitFor();
      assert.equal(await page.locator(".details svg.timeline rect.segment").count(), 3);
      await screenshot(page, "light-traces");

      // an edge click shows the weights; Esc closes
      await page.locator(".map-content g.edgeLabel", { hasText: "10 % set" }).click();
      await page.locator(".details h2", { hasText: "color-route → color-v2" }).waitFor();
      assert.match(await page.locator(".details").innerText(), /10 % set · 9\.2 % seen/);
      // a live, writable map offers Promote Canary… on the route's target edge, by the route's id
      await page.locator(".details button.promote-canary").click();
      await until(page, "window.__posted.some((m) => m.type === 'promoteCanary')");
      assert.match(JSON.stringify(await page.evaluate("window.__posted.filter((m) => m.type === 'promoteCanary')")), /"nodeId":"Route:/);
      await page.keyboard.press("Escape");
      assert.equal(await page.locator(".details").isHidden(), true);

      // unknown messages are dropped and logged
      await sendHost(page, { type: "bogus", x: 1 });
      await until(page, "window.__posted.some((m) => m.type === 'log' && m.level === 'warn')");
      // the identity is kept for the serializer
      assert.deepEqual(((await page.evaluate("window.__state")) as { identity: unknown }).identity, { mesh: "demo", source: "live", region: "us-east-1" });
    } finally {
      await harness.close();
      assert.deepEqual(harness.problems, []);
    }
  });

  it("draws crafted names as literal text and runs nothing", async () => {
    const harness = await open("light");
    const { page } = harness;
    const names = [
      '"]) --> x; click n0 call alert(1)',
      "<img src=x onerror=window.__pwned=1>",
      '%%{init: {"securityLevel":"loose"}}%%',
      "a#b&c;d",
      'line one\nline "two" \'three\'',
      "</script><script>window.__pwned=1</script>",
      "mesh/x_ns %20 #35; &amp; \\ @ = + :",
    ];
    try {
      const nodes = names.map((name, i) => node("VirtualNode", name, i % 2 ? traffic(100 + i) : undefined));
      const edges = nodes.slice(1).map((n, i) => edge(nodes[i], n, traffic(50), { declared: { role: "backend", name: names[i] } }));
      const rendered = await drawModel(page, model(nodes, edges));
      assert.equal(rendered.nodes, names.length);
      for (const [i, name] of names.entries()) {
        // the first line of each node label is the name (newlines written as spaces)
        const first = (await page.evaluate(`(() => {
          const g = [...document.querySelectorAll(".map-content g.node")].find((g) => /-flowchart-n${i}-/.test(g.id));
          const holder = g.querySelector("foreignObject p") || g.querySelector("foreignObject span") || g.querySelector("text");
          const lines = [];
          let text = "";
          for (const child of holder.childNodes) {
            if (child.nodeName.toLowerCase() === "br") { lines.push(text); text = ""; } else text += child.textContent;
          }
          lines.push(text);
          return lines[0];
        })()`)) as string;
        assert.equal(first, [...name].map((ch) => (ch.charCodeAt(0) < 32 ? " " : ch)).join(""), `node ${i}`);
      }
      assert.equal(await page.evaluate("window.__pwned"), undefined);
      assert.equal(await page.locator(".map-content img, .map-content script, .map-content iframe").count(), 0);
      assert.equal(await page.locator(".map-content [onerror], .map-content [onclick]").count(), 0);
      // a crafted name in the details panel is text too
      await page.locator(".map-content g.node").nth(1).click();
      assert.equal(await page.locator(".details h2").textContent(), names[1]);
      await screenshot(page, "crafted-names");
      assert.equal(await page.evaluate("window.__pwned"), undefined);
    } finally {
      await harness.close();
      assert.deepEqual(harness.problems, [], "no console errors or CSP violations");
    }
  });

  it("refreshes in place when the topology is unchanged: nothing moves, zoom and selection stay", async () => {
    const harness = await open("dark");
    const { page } = harness;
    try {
      const first = await drawModel(page, syntheticModel(40, 0));
      assert.equal(first.patched, false);
      // A 40-service map opens at a readable zoom on its entry points; Fit shows all of it.
      const zoom = () => transformOf(page);
      const scaleOf = async () => Number(/scale\(([\d.]+)\)/.exec(await zoom())?.[1]);
      assert.ok((await scaleOf()) >= 0.55, `opens readable, at ${await scaleOf()}`);
      await page.locator(".zoom-fit").click();
      assert.ok((await scaleOf()) < 0.55, "Fit shows the whole map, smaller");
      await page.locator(".map-content g.node", { hasText: "svc-003" }).first().click();
      const fitScale = await scaleOf();
      await page.locator(".zoom-in").click();
      assert.ok((await scaleOf()) > fitScale, "+ zooms in");
      const boxes = async () => (await page.evaluate(`[...document.querySelectorAll(".map-content g.node")].map((g) => g.id + " " + g.getAttribute("transform"))`)) as string[];
      const beforeBoxes = await boxes();
      const beforeZoom = await zoom();
      const beforeText = await page.locator(".map-content").innerText();
      const second = await drawModel(page, syntheticModel(40, 1));
      assert.equal(second.patched, true, JSON.stringify(second));
      assert.equal(second.mermaidMs, 0);
      assert.deepEqual(await boxes(), beforeBoxes);
      assert.equal(await zoom(), beforeZoom);
      assert.notEqual(await page.locator(".map-content").innerText(), beforeText, "the numbers changed");
      assert.equal(await page.locator(".map-content g.node.selected").count(), 1);
      // a patched map reads like a fresh one
      const patchedLabels = await page.locator(".map-content g.node").allTextContents();
      const third = await drawModel(page, syntheticModel(40, 1));
      assert.equal(third.patched, true);
      assert.deepEqual(await page.locator(".map-content g.node").allTextContents(), patchedLabels);
      await screenshot(page, "dark-refreshed");
    } finally {
      await harness.close();
      assert.deepEqual(harness.problems, []);
    }
  });

  it("opens a big mesh collapsed with idle nodes hidden, and expands on request", async () => {
    const harness = await open("light");
    const { page } = harness;
    try {
      const big = syntheticModel(200, 0);
      assert.ok(big.nodes.length > 150);
      const rendered = await drawModel(page, big);
      assert.ok(rendered.nodes < big.nodes.length, `${rendered.nodes} drawn of ${big.nodes.length}`);
      assert.match(await page.locator(".banners .scaled").innerText(), /collapsed by virtual service/);
      assert.equal(await page.locator("button.collapse").getAttribute("aria-pressed"), "true");
      assert.equal(await page.locator("button.hide-idle").getAttribute("aria-pressed"), "true");
      // fitted on first draw
      assert.match(await transformOf(page), /^scale\(0\.\d+\)/);
      await screenshot(page, "collapsed");
      const before = await countPosted(page, "rendered");
      await page.locator(".banners button.expand-all").click();
      const expanded = await waitRendered(page, before, 120_000);
      assert.ok(expanded.nodes > rendered.nodes);
      assert.equal(await page.locator(".banners .scaled").count(), 0);
      assert.equal(((await page.evaluate("window.__state")) as { view: { collapsed: boolean } }).view.collapsed, false);
    } finally {
      await harness.close();
      assert.deepEqual(harness.problems, []);
    }
  });

  it("follows the theme and posts copy and export", async () => {
    const harness = await open("light");
    const { page } = harness;
    try {
      await drawModel(page, demoModel());
      await page.locator("button.legend-toggle").click();
      await screenshot(page, "light");
      const before = await countPosted(page, "rendered");
      await setTheme(page, "dark");
      const redrawn = await waitRendered(page, before);
      assert.equal(redrawn.patched, false);
      await screenshot(page, "dark");
      await setTheme(page, "high-contrast");
      await waitRendered(page, before + 1);
      await screenshot(page, "high-contrast");
      await page.locator("button.copy-mermaid").click();
      const copy = await waitPosted(page, "copyMermaid", 0);
      assert.match(copy.text, /^flowchart LR/);
      await page.locator("button.export-svg").click();
      const exported = await waitPosted(page, "exportSvg", 0);
      assert.match(exported.svg, /^<\?xml[^>]*>\n<svg/);
      assert.ok(!exported.svg.includes("edge-hit"));
      // toolbar choices the host owns
      await page.locator("select.window").selectOption("1h");
      await page.locator("select.layout").selectOption("elk");
      await page.locator("button.refresh").click();
      const messages = await posted(page);
      assert.ok(messages.some((m) => m.type === "setWindow" && "preset" in m.window && m.window.preset === "1h"));
      assert.ok(messages.some((m) => m.type === "setLayout" && m.layout === "elk"));
      assert.ok(messages.some((m) => m.type === "refresh"));
    } finally {
      await harness.close();
      assert.deepEqual(harness.problems, []);
    }
  });
});
