// Canary benchmark: one confirmed promotion step against the sandbox with 50 ms added to every call
// (the API calls made and the time from confirmation to verified weights, beside the lower bound
// of re-read + update + read-back), and the gate's decision time once an interval has ended.
// Prints a table and writes bench-results/canary.json.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { AwsConnection, type CallLogEntry } from "../../src/aws/connection";
import { XRayAccess } from "../../src/aws/xrayAccess";
import { changeCanaryWeights } from "../../src/live/canaryChange";
import { xrayGateReader } from "../../src/live/progressivePromotion";
import { DEFAULT_GATE, gate } from "../../src/model/canaryGate";
import { canaryRoles } from "../../src/model/routeWeights";

const ROOT = join(__dirname, "..", "..");
const LATENCY_MS = 50;
const RUNS = 7;

async function startSandbox(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, "dist", "sandbox.js"), "--port", "0", "--seed", "demo", "--tick-ms", "0", "--faults", `latency=${LATENCY_MS}-${LATENCY_MS}`], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, url: line.replace("sandbox ready ", "") };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { child, url } = await startSandbox();
  const log: CallLogEntry[] = [];
  const connection = new AwsConnection({ endpoint: url, region: "us-east-1" }, { credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" }, log: (e) => log.push(e) });
  try {
    const access = new AppMeshAccess(connection);
    const route = { meshName: "demo", routerName: "color-router", routeName: "color-canary" };
    await access.listMeshes(); // warm: connection and credentials, as when the tree is on screen
    const stepMs: number[] = [];
    let calls: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const weights = run % 2 === 0 ? [75, 25] : [90, 10];
      let confirmedAt = 0;
      log.length = 0;
      const outcome = await changeCanaryWeights(access, route, weights, () => {
        confirmedAt = performance.now();
        return true;
      });
      if (outcome.status !== "done") throw new Error(`step ${run} ended ${outcome.status}: ${outcome.message}`);
      stepMs.push(performance.now() - confirmedAt);
      calls = log.map((e) => e.operation);
    }
    // The gate: ten simulated minutes of traffic, then one decision over the last one.
    const ticked = (await (await fetch(`${url}/_sandbox/tick?seconds=600`, { method: "POST" })).json()) as { now: number };
    const now = ticked.now * 1000; // the sandbox's clock, which the tick moved ahead
    const roles = canaryRoles([90, 10])!;
    const read = xrayGateReader(new XRayAccess(connection), "demo", ["color-v1", "color-v2"], roles);
    const gateMs: number[] = [];
    let verdict = "";
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const decision = gate(await read(now - 60_000, now), DEFAULT_GATE);
      gateMs.push(performance.now() - started);
      verdict = `${decision.verdict}: ${decision.reason}`;
    }
    const boundStep = 3 * LATENCY_MS;
    const boundGate = LATENCY_MS; // canary and baseline are read in parallel
    const rows = [
      { figure: `One confirmed step: calls after the confirmation (${calls.slice(1).join(", ")})`, ms: median(stepMs), boundMs: boundStep },
      { figure: `Gate decision after an interval (GetTimeSeriesServiceStatistics for canary and baseline; ${verdict})`, ms: median(gateMs), boundMs: boundGate },
    ];
    console.log(`\n| Canary figure (demo sandbox, ${LATENCY_MS} ms added to every call, median of ${RUNS}) | Time | Lower bound | Ratio |\n|---|---|---|---|`);
    for (const r of rows) console.log(`| ${r.figure} | ${r.ms.toFixed(0)} ms | ${r.boundMs} ms | ${(r.ms / r.boundMs).toFixed(2)} |`);
    console.log(`\nCalls of one whole step: ${calls.join(" → ")} (goal: describe, re-read, update, read-back, nothing more)`);
    mkdirSync(join(ROOT, "bench-results"), { recursive: true });
    writeFileSync(join(ROOT, "bench-results", "canary.json"), JSON.stringify({ date: new Date().toISOString(), latencyMs: LATENCY_MS, runs: RUNS, calls, rows, stepMs, gateMs, verdict }, null, 2));
  } finally {
    connection.dispose();
    child.kill();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
