// `npm test`: lint, type-check, build and package, then every test layer in one `node --test` run
// (unit, end-to-end in code-server, and the @vscode/test-electron runner), so CI reads one summary.
// Options: --only unit|e2e|vscode runs one layer (skipping lint and types); --skip-static skips lint and types.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "../test/workbench/paths";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const layers = only ? [only] : ["unit", "lsp", "sandbox", "aws", "webview", "e2e", "vscode"];
const runStatic = !only && !args.includes("--skip-static");

function step(title: string, command: string, commandArgs: string[]): void {
  const started = Date.now();
  console.log(`\n== ${title}`);
  const result = spawnSync(command, commandArgs, { cwd: repoRoot, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`== ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`== ${title} ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function testFiles(layer: string): string[] {
  const dir = join(repoRoot, "test", layer);
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".test.ts"))
    .sort()
    .map((name) => relative(repoRoot, join(dir, name)));
}

const node = process.execPath;
if (runStatic) {
  step("lint (eslint)", node, [join(repoRoot, "node_modules/eslint/bin/eslint.js"), "."]);
  step("types (tsc --noEmit, strict)", node, [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "."]);
  step("types of the webview (DOM)", node, [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "src/webview"]);
}
if (layers.includes("e2e") || layers.includes("vscode")) {
  step("package (.vsix)", node, [join(repoRoot, "scripts/package.mjs")]);
} else {
  step("build (esbuild)", node, [join(repoRoot, "scripts/build.mjs")]);
}

const files = layers.flatMap(testFiles);
// One process per file, one file at a time: the e2e layer starts code-server and Chromium,
// which is all a 2-core machine can carry at once.
step(`tests (${layers.join(", ")}: ${files.length} files)`, node, [
  "--import", "tsx",
  "--test",
  "--test-reporter=spec",
  "--test-concurrency=1",
  ...files,
]);
