// Sandbox benchmarks: DescribeVirtualNode throughput of one sandbox process pinned to one core,
// GetServiceGraph latency over one simulated hour of traffic in a scale:200 mesh, and the
// sandbox's resident memory after that hour. Prints a table and writes bench-results/sandbox.json.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { GetServiceGraphCommand, XRayClient } from "@aws-sdk/client-xray";

const ROOT = join(__dirname, "..", "..");
const credentials = { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" };

async function startSandbox(args: string[], core?: number): Promise<{ child: ChildProcess; url: string }> {
  const command = core === undefined ? process.execPath : "taskset";
  const argv = [...(core === undefined ? [] : ["-c", String(core), process.execPath]), join(ROOT, "dist", "sandbox.js"), "--port", "0", ...args];
  const child = spawn(command, argv, { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, url: line.replace("sandbox ready ", "") };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Keep-alive HTTP GETs from `concurrency` loops for `seconds`; returns completed requests per second. */
async function hammer(url: string, path: string, seconds: number, concurrency: number): Promise<{ rps: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      const req = request(
        { host: target.hostname, port: target.port, path, agent, headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261124/us-east-1/appmesh/aws4_request" } },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) done++;
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) await once();
  }));
  agent.destroy();
  return { rps: done / ((Date.now() - started) / 1000), errors };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function main(): Promise<void> {
  const results: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };

  // 1. DescribeVirtualNode throughput, sandbox pinned to core 0, load from core 1.
  const describe = await startSandbox(["--seed", "demo", "--tick-ms", "0"], 0);
  await hammer(describe.url, "/v20190125/meshes/demo/virtualNodes/color-v1", 2, 32); // warm-up
  const throughput = await hammer(describe.url, "/v20190125/meshes/demo/virtualNodes/color-v1", 10, 32);
  await stop(describe.child);
  results.describeVirtualNode = throughput;

  // 2. One simulated hour of traffic in scale:200 at 5% sampling, then GetServiceGraph over the hour.
  const scale = await startSandbox(["--seed", "scale:200", "--tick-ms", "0", "--sampling", "0.05"]);
  const admin = (path: string, init?: RequestInit) => fetch(`${scale.url}/_sandbox/${path}`, init);
  await admin("profiles/scale-200/gateway", { method: "POST", body: JSON.stringify({ rps: 1000 }) });
  const simulatedStart = Date.now();
  const tick = (await (await admin("tick?seconds=3600", { method: "POST" })).json()) as { segments: number; now: number };
  const simulateMs = Date.now() - simulatedStart;
  const xray = new XRayClient({ endpoint: scale.url, region: "us-east-1", credentials });
  const end = new Date(tick.now * 1000 + 1000);
  const start = new Date(end.getTime() - 3_600_000 - 2000);
  const latencies: number[] = [];
  let services = 0;
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    const graph = await xray.send(new GetServiceGraphCommand({ StartTime: start, EndTime: end }));
    latencies.push(performance.now() - t0);
    services = graph.Services?.length ?? 0;
  }
  xray.destroy();
  const health = (await (await admin("health")).json()) as { rssBytes: number };
  const state = (await (await admin("state")).json()) as { xray: unknown };
  await stop(scale.child);
  results.scaleHour = {
    segments: tick.segments,
    simulateMs,
    services,
    getServiceGraphMs: { p50: percentile(latencies.slice(5), 50), p95: percentile(latencies.slice(5), 95), samples: latencies },
    rssMiB: health.rssBytes / 1024 / 1024,
    xray: state.xray,
  };

  const scaleHour = results.scaleHour as { segments: number; simulateMs: number; services: number; getServiceGraphMs: { p50: number; p95: number }; rssMiB: number };
  console.log("\n| Sandbox figure | Value |\n|---|---|");
  console.log(`| DescribeVirtualNode, one sandbox core, 32 keep-alive connections | ${throughput.rps.toFixed(0)} requests/s (${throughput.errors} errors) |`);
  console.log(`| One simulated hour, scale:200, 1,000 rps at the gateway, 5% sampled | ${scaleHour.segments.toLocaleString("en-US")} segments in ${(scaleHour.simulateMs / 1000).toFixed(1)} s |`);
  console.log(`| GetServiceGraph over that hour (${scaleHour.services} services): p50 / p95 | ${scaleHour.getServiceGraphMs.p50.toFixed(1)} ms / ${scaleHour.getServiceGraphMs.p95.toFixed(1)} ms |`);
  console.log(`| Sandbox resident memory after the hour | ${scaleHour.rssMiB.toFixed(0)} MiB |`);
  mkdirSync(join(ROOT, "bench-results"), { recursive: true });
  writeFileSync(join(ROOT, "bench-results", "sandbox.json"), JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
