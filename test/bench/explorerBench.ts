// Explorer benchmark: the Meshes view's loading against the sandbox with `scale:1000` and 50 ms
// added to every call, beside the lower bound (sequential pages × latency, plus describes ÷
// concurrency × latency). Prints a table and writes bench-results/explorer.json.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { AwsConnection } from "../../src/aws/connection";
import { CATEGORY_KINDS, LiveMeshLoader } from "../../src/live/liveMeshLoader";

const ROOT = join(__dirname, "..", "..");
const LATENCY_MS = 50;
const CONCURRENCY = 8;
const ROUTERS_EXPANDED = 20;

async function startSandbox(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, "dist", "sandbox.js"), "--port", "0", "--seed", "scale:1000", "--tick-ms", "0", "--faults", `latency=${LATENCY_MS}-${LATENCY_MS}`], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, url: line.replace("sandbox ready ", "") };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function main(): Promise<void> {
  const { child, url } = await startSandbox();
  const connection = new AwsConnection({ endpoint: url, region: "us-east-1" }, { credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" } });
  const rows: { figure: string; ms: number; boundMs: number }[] = [];
  try {
    const mesh = "scale-1000";
    // The mesh list is on screen before a user opens a category: connection and credentials are warm.
    await new AppMeshAccess(connection).listMeshes();
    const heapBefore = process.memoryUsage().heapUsed;
    // A fresh access per figure, so no figure profits from another's cache.
    const fresh = () => new LiveMeshLoader(new AppMeshAccess(connection, { pageSize: 100, concurrency: CONCURRENCY }));
    for (const kind of CATEGORY_KINDS) {
      const loader = fresh();
      const first = await timed(() => loader.category(mesh, kind));
      rows.push({ figure: `Show "${kind}" (first page of ${first.value.refs.length}, names)`, ms: first.ms, boundMs: LATENCY_MS });
      const details = await timed(() => first.value.loaded);
      const describes = first.value.refs.length;
      rows.push({ figure: `… then the ${describes} specs behind that page`, ms: first.ms + details.ms, boundMs: LATENCY_MS + Math.ceil(describes / CONCURRENCY) * LATENCY_MS });
    }
    const loader = fresh();
    const routers = await loader.category(mesh, "VirtualRouter");
    await routers.loaded;
    const expanded = await timed(async () => {
      let routes = 0;
      for (const router of routers.refs.slice(0, ROUTERS_EXPANDED)) routes += (await loader.routesOf(mesh, router)).length;
      return routes;
    });
    rows.push({ figure: `Expand ${ROUTERS_EXPANDED} routers one after another, with route weights (${expanded.value} routes)`, ms: expanded.ms, boundMs: ROUTERS_EXPANDED * (LATENCY_MS + Math.ceil(expanded.value / ROUTERS_EXPANDED / CONCURRENCY) * LATENCY_MS) });
    const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

    console.log(`\n## Explorer benchmark (scale:1000, ${LATENCY_MS} ms per call, describe concurrency ${CONCURRENCY})\n`);
    console.log("| Figure | Time | Lower bound | Ratio (goal ≤ 1.3) |\n|---|---|---|---|");
    for (const row of rows) console.log(`| ${row.figure} | ${row.ms.toFixed(0)} ms | ${row.boundMs} ms | ${(row.ms / row.boundMs).toFixed(2)} ${row.ms / row.boundMs <= 1.3 ? "PASS" : "FAIL"} |`);
    console.log(`\nHeap held by the loaded data in this process (the extension host holds the same objects): ${heapMiB.toFixed(1)} MiB`);
    mkdirSync(join(ROOT, "bench-results"), { recursive: true });
    writeFileSync(join(ROOT, "bench-results", "explorer.json"), JSON.stringify({ latencyMs: LATENCY_MS, concurrency: CONCURRENCY, rows, heapMiB }, null, 2));
  } finally {
    connection.dispose();
    child.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
