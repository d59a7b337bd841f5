// Activation benchmark: what opening a JSON file that is not App Mesh (a package.json) costs the
// editor, in fresh processes, side by side in one run: the extension as it ships (the AWS layer
// loads later, when the Meshes view asks; the language client with the first App Mesh document)
// against the same bundles loaded eagerly (as the one 1.1 MB bundle did before they were split out). Prints a table and writes bench-results/activation.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const DIST = join(ROOT, "dist");
const RUNS = 15;
const GOAL_MS = 30;

interface Sample {
  loadMs: number;
  activateMs: number;
  totalMs: number;
}

const documents = JSON.stringify([{ uri: "file:///work/project/package.json", languageId: "json", text: '{ "name": "not-app-mesh", "version": "1.0.0" }' }]);

function once(eager: boolean): Sample {
  const out = execFileSync(process.execPath, [join(__dirname, "activation", "activateOnce.cjs"), DIST, ...(eager ? ["--eager"] : [])], {
    env: { ...process.env, FAKE_VSCODE_DOCUMENTS: documents },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Sample;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const lazy: Sample[] = [];
  const eager: Sample[] = [];
  // Interleaved, so both see the same machine noise.
  for (let i = 0; i < RUNS; i++) {
    lazy.push(once(false));
    eager.push(once(true));
  }
  const row = (name: string, samples: Sample[]) => ({
    variant: name,
    loadMs: median(samples.map((s) => s.loadMs)),
    activateMs: median(samples.map((s) => s.activateMs)),
    totalMs: median(samples.map((s) => s.totalMs)),
  });
  const rows = [row("as shipped (AWS layer loads on first use)", lazy), row("eager (AWS SDK and language client loaded at activation, as before)", eager)];
  const ratio = rows[0].totalMs / rows[1].totalMs;
  console.log(`\nActivation with a non-App-Mesh JSON file open (median of ${RUNS} fresh processes each, interleaved)`);
  console.log("| variant | module load ms | activate() ms | total ms |");
  console.log("|---|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.variant} | ${r.loadMs.toFixed(1)} | ${r.activateMs.toFixed(1)} | ${r.totalMs.toFixed(1)} |`);
  console.log(`ratio shipped/eager: ${ratio.toFixed(2)}; goal ≤ ${GOAL_MS} ms: ${rows[0].totalMs <= GOAL_MS ? "met" : "NOT met"}`);
  mkdirSync(join(ROOT, "bench-results"), { recursive: true });
  writeFileSync(join(ROOT, "bench-results", "activation.json"), JSON.stringify({ runs: RUNS, goalMs: GOAL_MS, rows, ratio, goalMet: rows[0].totalMs <= GOAL_MS }, null, 2));
}

main();
