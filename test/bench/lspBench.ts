// `npm run bench`: our App Mesh language server against yaml-language-server (pointed at the App
// Mesh controller's CRD schemas, a user's usual alternative) on the same generated manifests, in one
// run, interleaved so that machine noise hits both alike. Prints a markdown table and writes the raw
// samples to bench-results/lsp.json.
//
// Figures, per server:
//   1. full validation of a ~50,000-line file of 2,000 resources: didOpen to first publishDiagnostics
//      (median of several runs) and the number of diagnostics returned (0 for a valid file);
//   2. a one-line edit (a route weight, alternating values; full-text didChange) to diagnostics for
//      that version, in a ~1,000-line file: p50/p95 of sequential edits;
//   3. textDocument/completion on a blank line inside a listener: p50/p95 and the items returned.
// Options: --runs N (full validations per server), --edits N, --completions N, --warmup N,
//          --cpu-prof (profiles of our server into bench-results/profiles), --out FILE,
//          --server FILE (another build of our server than dist/server.js, e.g. unminified for profiling),
//          --crds DIR (where the appmesh.k8s.aws_*.yaml CRDs are; without them yaml-language-server is skipped).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { CompletionItem, CompletionList, Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "../lsp/lspClient";
import { API_VERSION, buildCrdSchema } from "./crdSchema";
import { COMPLETION_MARKER, EDIT_MARKER, generateManifest, LISTENER_FIELD_INDENT, modelProblems, type GeneratedManifest } from "./generate";

const root = join(__dirname, "..", "..");
/** The App Mesh controller's CRDs, read at bench time (never copied into the repository). */
const DEFAULT_CRD_DIR = "/work/shared/reference/crds";
/** yaml-language-server 1.25 waits this long after a change before validating; not configurable. */
const YAML_LS_VALIDATION_DELAY_MS = 200;
const GOALS = { completionP95Ms: 20, editDiagnosticsP95Ms: 50, editWithBigOpenP95Ms: 30, fullValidationRatio: 0.5, rssWithBigOpenMiB: 150 };

// ---------------------------------------------------------------- options

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}
const RUNS = option("runs", 7);
const EDITS = option("edits", 120);
const COMPLETIONS = option("completions", 150);
const WARMUP = option("warmup", 10);
const CPU_PROF = process.argv.includes("--cpu-prof");
const stringOption = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const OUT = stringOption("out") ?? join(root, "bench-results", "lsp.json");
const SERVER = stringOption("server") ?? join(root, "dist", "server.js");
const CRD_DIR = stringOption("crds") ?? DEFAULT_CRD_DIR;

// ---------------------------------------------------------------- statistics

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile. */
function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs: number[]) => {
  const s = sorted(xs);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const ms = (x: number) => (Number.isNaN(x) ? "–" : x >= 100 ? `${Math.round(x).toLocaleString("en-US")} ms` : `${x.toFixed(1)} ms`);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

// ---------------------------------------------------------------- servers

interface ServerSpec {
  id: "appmesh" | "yaml";
  label: string;
  command: string;
  args: string[];
  configuration?: Record<string, unknown>;
  /** Sent as workspace/didChangeConfiguration after initialize. */
  settings?: unknown;
  /** Fixed delay the server adds before validating, reported alongside its figures. */
  validationDelayMs: number;
}

/**
 * Reads the server's stdout alongside the JSON-RPC reader to learn the `version` of each
 * publishDiagnostics, which LspClient's waiters do not expose. Both listeners run on the same
 * 'data' event, before the client resolves a waiter, so after `nextDiagnostics` resolves,
 * `lastVersion` holds the version of the notification that resolved it.
 */
class PublishTap {
  private buffer: Buffer = Buffer.alloc(0);
  readonly lastVersion = new Map<string, number | undefined>();

  constructor(client: LspClient) {
    client.process.stdout!.on("data", (chunk: Buffer) => this.read(chunk));
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("ascii"))?.[1]);
      const start = headerEnd + 4;
      if (!Number.isFinite(length) || this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length);
      this.buffer = this.buffer.subarray(start + length);
      if (body.indexOf("textDocument/publishDiagnostics") < 0) continue;
      const params = (JSON.parse(body.toString("utf8")) as { params: { uri: string; version?: number } }).params;
      this.lastVersion.set(params.uri, params.version);
    }
  }
}

interface Session {
  spec: ServerSpec;
  client: LspClient;
  tap: PublishTap;
  /** Set when the sanity check fails; the column is then left out. */
  aborted?: string;
  sanity?: { diagnostics: number; messages: string[] };
}

async function startSession(spec: ServerSpec): Promise<Session> {
  // As a plain editor client: no file watching offered (yaml-language-server then validates open documents only).
  const client = await LspClient.start({ command: spec.command, args: spec.args, configuration: spec.configuration, rootUri: null, watchFiles: false });
  const tap = new PublishTap(client);
  if (spec.settings !== undefined) await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: spec.settings });
  return { spec, client, tap };
}

/** Opens `text` and waits for its first diagnostics; returns them with the elapsed time. */
async function openAndWait(session: Session, uri: string, text: string, timeoutMs = 180_000): Promise<{ elapsed: number; diagnostics: Diagnostic[] }> {
  const waiting = session.client.nextDiagnostics(uri, () => true, timeoutMs);
  const started = performance.now();
  await session.client.open(uri, text);
  const diagnostics = await waiting;
  return { elapsed: performance.now() - started, diagnostics };
}

/** Closes a document and waits for the server to clear its diagnostics (both servers publish [] on close). */
async function closeAndSettle(session: Session, uri: string, settleMs = 250): Promise<void> {
  const cleared = session.client.nextDiagnostics(uri, (d) => d.length === 0, 30_000).catch(() => undefined);
  await session.client.close(uri);
  await cleared;
  await sleep(settleMs);
}

/** Stops a server; a profiled one is given time to exit on its own, since it writes its profile on exit. */
async function stopSession(session: Session): Promise<void> {
  const child = session.client.process;
  if (CPU_PROF && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await session.client.connection.sendRequest("shutdown");
      await session.client.connection.sendNotification("exit");
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(15_000)]);
  }
  await session.client.stop();
}

const count = (diagnostics: Diagnostic[]) => ({
  total: diagnostics.length,
  errors: diagnostics.filter((d) => d.severity === 1 || d.severity === undefined).length,
});

// ---------------------------------------------------------------- inputs

/**
 * A node with a port that is a string and an unknown protocol, and a router whose target weight is
 * a string: each server must flag the port and the weight (so the schema of each kind is applied).
 */
const BROKEN = `apiVersion: ${API_VERSION}
kind: VirtualNode
metadata:
  name: broken
  namespace: sanity
spec:
  podSelector:
    matchLabels:
      app: broken
  listeners:
    - portMapping:
        port: "abc"
        protocol: htttp
  serviceDiscovery:
    dns:
      hostname: broken.sanity.svc.cluster.local
---
apiVersion: ${API_VERSION}
kind: VirtualRouter
metadata:
  name: broken-router
  namespace: sanity
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  routes:
    - name: broken-route
      httpRoute:
        match:
          prefix: /
        action:
          weightedTargets:
            - virtualNodeRef:
                name: broken
              weight: heavy
`;
const BROKEN_LINES = {
  port: BROKEN.split("\n").findIndex((line) => line.includes('port: "abc"')),
  weight: BROKEN.split("\n").findIndex((line) => line.includes("weight: heavy")),
};

function lineOf(text: string, predicate: (line: string, index: number, lines: string[]) => boolean): number {
  const lines = text.split("\n");
  const index = lines.findIndex(predicate);
  if (index < 0) throw new Error("generated input lacks its marker");
  return index;
}

function withWeight(text: string, line: number, weight: number): string {
  const lines = text.split("\n");
  lines[line] = lines[line].replace(/weight: \d+/, `weight: ${weight}`);
  return lines.join("\n");
}

function checkInput(label: string, generated: GeneratedManifest): void {
  const problems = modelProblems(`file:///bench/${label}.yaml`, generated.text);
  if (problems.errors > 0) throw new Error(`generator bug: our model finds ${problems.errors} errors in the ${label} file; first: ${problems.first}`);
}

// ---------------------------------------------------------------- main

interface ServerResult {
  label: string;
  note?: string;
  sanity?: Session["sanity"];
  fullValidation?: { samplesMs: number[]; medianMs: number; minMs: number; maxMs: number; diagnostics: number[]; errors: number[]; firstMessages: string[] };
  edit?: { warmupMs: number[]; samplesMs: number[]; p50Ms: number; p95Ms: number; maxMs: number; diagnostics: number[]; versionChecked: number; versionMismatches: number };
  completion?: { warmupMs: number[]; samplesMs: number[]; p50Ms: number; p95Ms: number; maxMs: number; items: number[]; labels: string[] };
  /** The same one-line edits while the 2,000-resource file of the same workspace stays open. */
  editWithBigOpen?: { warmupMs: number[]; samplesMs: number[]; p50Ms: number; p95Ms: number; maxMs: number };
  /** Resident memory of the server process with the big file open (and after the edits). */
  rssWithBigOpenMiB?: number;
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const serverJs = SERVER;
  if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing: run "node scripts/build.mjs --production" first (npm run bench does)`);
  const yamlLsBin = join(root, "node_modules", "yaml-language-server", "bin", "yaml-language-server");
  const yamlLsVersion = (JSON.parse(readFileSync(join(root, "node_modules", "yaml-language-server", "package.json"), "utf8")) as { version: string }).version;

  // Inputs, checked against our own model first: a generator bug must not pass for a fast server.
  const big = generateManifest({ resources: 2_000, prefix: "big" });
  const edit = generateManifest({ resources: 41, prefix: "edit" });
  const completion = generateManifest({ resources: 41, prefix: "completion", blankLineInService: 5 });
  for (const [label, generated] of [["big", big], ["edit", edit], ["completion", completion]] as const) checkInput(label, generated);
  const editLine = lineOf(edit.text, (l) => l.includes(EDIT_MARKER));
  const completionLine = lineOf(completion.text, (_l, i, lines) => i > 0 && lines[i - 1].includes(COMPLETION_MARKER));

  // Documents live in a folder that never exists: our server re-reads closed files from disk, and
  // must forget them rather than see the next run's copy as a duplicate.
  const temp = mkdtempSync(join(tmpdir(), "appmesh-bench-"));
  const docs = pathToFileURL(join(temp, "documents-not-on-disk")).toString();
  const notes: string[] = [];

  const specs: ServerSpec[] = [];
  const profileDir = join(root, "bench-results", "profiles");
  if (CPU_PROF) mkdirSync(profileDir, { recursive: true });
  specs.push({
    id: "appmesh",
    label: "App Mesh LS",
    command: process.execPath,
    args: [...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), serverJs, "--stdio"],
    configuration: {},
    validationDelayMs: 0,
  });
  let schemaInfo: Record<string, unknown> | undefined;
  const crd = buildCrdSchema(CRD_DIR, { dispatch: "if-then", strict: true });
  if (!crd) {
    notes.push(`yaml-language-server column skipped: no App Mesh CRDs at ${CRD_DIR}.`);
  } else {
    const schemaPath = join(temp, "appmesh-crds.schema.json");
    writeFileSync(schemaPath, JSON.stringify(crd.schema));
    const yaml = {
      validate: true,
      completion: true,
      hover: true,
      schemas: { [pathToFileURL(schemaPath).toString()]: ["*.yaml", "/*.yaml"] },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
    };
    schemaInfo = { crdDir: CRD_DIR, files: crd.files, kinds: crd.kinds, dispatch: "allOf of if kind == K then K", strict: "additionalProperties: false below the root (as kubeconform's openapi2jsonschema)" };
    specs.push({
      id: "yaml",
      label: `yaml-language-server ${yamlLsVersion} + CRDs`,
      command: process.execPath,
      args: [yamlLsBin, "--stdio"],
      configuration: { yaml },
      settings: { yaml },
      validationDelayMs: YAML_LS_VALIDATION_DELAY_MS,
    });
  }

  const sessions: Session[] = [];
  const results: Record<string, ServerResult> = {};
  try {
    for (const spec of specs) {
      results[spec.id] = { label: spec.label };
      try {
        sessions.push(await startSession(spec));
      } catch (error) {
        results[spec.id].note = `did not start: ${(error as Error).message.split("\n")[0]}`;
        notes.push(`${spec.label} ${results[spec.id].note}; column left out.`);
      }
    }

    // Sanity: each server must report the broken port (and serves as the warm-up of validation).
    for (const s of sessions) {
      const uri = `${docs}/sanity-${s.spec.id}.yaml`;
      try {
        const { diagnostics } = await openAndWait(s, uri, BROKEN, 60_000);
        s.sanity = { diagnostics: diagnostics.length, messages: diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`) };
        const missed = Object.entries(BROKEN_LINES).filter(([, line]) => !diagnostics.some((d) => d.range.start.line === line));
        if (missed.length > 0) {
          s.aborted = `sanity check failed: no diagnostic for the bad ${missed.map(([field]) => field).join(" and ")} (got ${diagnostics.length}: ${s.sanity.messages.join(" | ") || "none"})`;
        }
        await closeAndSettle(s, uri);
      } catch (error) {
        s.aborted = `sanity check failed: ${(error as Error).message.split("\n")[0]}`;
      }
      results[s.spec.id].sanity = s.sanity;
      if (s.aborted) {
        results[s.spec.id].note = s.aborted;
        notes.push(`${s.spec.label}: ${s.aborted}; column left out.`);
      }
    }
    const live = () => sessions.filter((s) => !s.aborted);
    /** Alternates which server goes first, so that neither always runs right after the other. */
    const inTurn = (i: number) => (i % 2 === 0 ? live() : [...live()].reverse());

    // 1. Full validation of the big file.
    const full = new Map<string, { samples: number[]; diagnostics: number[]; errors: number[]; firstMessages: string[] }>();
    for (const s of live()) full.set(s.spec.id, { samples: [], diagnostics: [], errors: [], firstMessages: [] });
    for (let run = 0; run < RUNS; run++) {
      for (const s of inTurn(run)) {
        const uri = `${docs}/big-${s.spec.id}-${run + 1}.yaml`;
        const { elapsed, diagnostics } = await openAndWait(s, uri, big.text);
        const f = full.get(s.spec.id)!;
        f.samples.push(elapsed);
        f.diagnostics.push(count(diagnostics).total);
        f.errors.push(count(diagnostics).errors);
        if (run === 0) f.firstMessages = diagnostics.slice(0, 5).map((d) => `${d.range.start.line + 1}: ${d.message}`);
        await closeAndSettle(s, uri, 500);
      }
      process.stderr.write(`full validation run ${run + 1}/${RUNS} done\n`);
    }
    for (const [id, f] of full) {
      results[id].fullValidation = {
        samplesMs: f.samples.map((x) => round(x)),
        medianMs: round(median(f.samples)),
        minMs: round(Math.min(...f.samples)),
        maxMs: round(Math.max(...f.samples)),
        diagnostics: f.diagnostics,
        errors: f.errors,
        firstMessages: f.firstMessages,
      };
    }

    // 2. One-line edits to diagnostics for that version.
    const editState = new Map<string, { uri: string; samples: number[]; warmup: number[]; diagnostics: number[]; checked: number; mismatches: number }>();
    for (const s of live()) {
      const uri = `${docs}/edit-${s.spec.id}.yaml`;
      await openAndWait(s, uri, edit.text);
      editState.set(s.spec.id, { uri, samples: [], warmup: [], diagnostics: [], checked: 0, mismatches: 0 });
    }
    for (let i = 0; i < WARMUP + EDITS; i++) {
      const text = withWeight(edit.text, editLine, i % 2 === 0 ? 40 : 50);
      for (const s of inTurn(i)) {
        const e = editState.get(s.spec.id)!;
        const version = i + 2; // didOpen was version 1
        const waiting = s.client.nextDiagnostics(e.uri, () => true, 30_000);
        const started = performance.now();
        await s.client.change(e.uri, text);
        const diagnostics = await waiting;
        const elapsed = performance.now() - started;
        const published = s.tap.lastVersion.get(e.uri);
        if (published !== undefined) {
          e.checked++;
          if (published !== version) e.mismatches++;
        }
        (i < WARMUP ? e.warmup : e.samples).push(elapsed);
        if (i >= WARMUP) e.diagnostics.push(diagnostics.length);
      }
    }
    for (const [id, e] of editState) {
      results[id].edit = {
        warmupMs: e.warmup.map((x) => round(x)),
        samplesMs: e.samples.map((x) => round(x)),
        p50Ms: round(percentile(e.samples, 0.5)),
        p95Ms: round(percentile(e.samples, 0.95)),
        maxMs: round(Math.max(...e.samples)),
        diagnostics: [...new Set(e.diagnostics)],
        versionChecked: e.checked,
        versionMismatches: e.mismatches,
      };
      const s = sessions.find((x) => x.spec.id === id)!;
      await closeAndSettle(s, e.uri);
    }
    process.stderr.write("edits done\n");

    // 2b. The same edits while the big file of the same workspace is open: the cross-file rules
    // must not re-analyse everything on each keystroke. Then the server's resident memory.
    const bigOpen = new Map<string, { bigUri: string; uri: string; samples: number[]; warmup: number[] }>();
    for (const s of live()) {
      const bigUri = `${docs}/big-open-${s.spec.id}.yaml`;
      await openAndWait(s, bigUri, big.text);
      const uri = `${docs}/edit-beside-big-${s.spec.id}.yaml`;
      await openAndWait(s, uri, edit.text);
      bigOpen.set(s.spec.id, { bigUri, uri, samples: [], warmup: [] });
    }
    for (let i = 0; i < WARMUP + EDITS; i++) {
      const text = withWeight(edit.text, editLine, i % 2 === 0 ? 40 : 50);
      for (const s of inTurn(i)) {
        const e = bigOpen.get(s.spec.id)!;
        const waiting = s.client.nextDiagnostics(e.uri, () => true, 30_000);
        const started = performance.now();
        await s.client.change(e.uri, text);
        await waiting;
        (i < WARMUP ? e.warmup : e.samples).push(performance.now() - started);
      }
    }
    for (const [id, e] of bigOpen) {
      results[id].editWithBigOpen = {
        warmupMs: e.warmup.map((x) => round(x)),
        samplesMs: e.samples.map((x) => round(x)),
        p50Ms: round(percentile(e.samples, 0.5)),
        p95Ms: round(percentile(e.samples, 0.95)),
        maxMs: round(Math.max(...e.samples)),
      };
      const s = sessions.find((x) => x.spec.id === id)!;
      await closeAndSettle(s, e.uri);
      await closeAndSettle(s, e.bigUri, 500);
    }
    process.stderr.write("edits beside the big file done\n");

    // 2c. Memory with the big file open, in a fresh server of each kind (what a user's editor
    // holds after opening that file, not what earlier figures left behind).
    for (const s of live()) {
      const fresh = await startSession(s.spec);
      try {
        await openAndWait(fresh, `${docs}/big-memory-${s.spec.id}.yaml`, big.text);
        await sleep(2_000);
        results[s.spec.id].rssWithBigOpenMiB = residentMiB(fresh.client.process.pid);
      } finally {
        await fresh.client.stop();
      }
    }

    // 3. Completion inside a listener.
    const completionState = new Map<string, { uri: string; samples: number[]; warmup: number[]; items: number[]; labels: string[] }>();
    for (const s of live()) {
      const uri = `${docs}/completion-${s.spec.id}.yaml`;
      await openAndWait(s, uri, completion.text);
      completionState.set(s.spec.id, { uri, samples: [], warmup: [], items: [], labels: [] });
    }
    const position = { line: completionLine, character: LISTENER_FIELD_INDENT };
    for (let i = 0; i < WARMUP + COMPLETIONS; i++) {
      for (const s of inTurn(i)) {
        const c = completionState.get(s.spec.id)!;
        const started = performance.now();
        const result = await s.client.request<CompletionItem[] | CompletionList | null>("textDocument/completion", {
          textDocument: { uri: c.uri },
          position,
          context: { triggerKind: 1 },
        });
        const elapsed = performance.now() - started;
        const items = Array.isArray(result) ? result : result?.items ?? [];
        (i < WARMUP ? c.warmup : c.samples).push(elapsed);
        c.items.push(items.length);
        if (i === 0) c.labels = items.map((item) => item.label);
      }
    }
    for (const [id, c] of completionState) {
      results[id].completion = {
        warmupMs: c.warmup.map((x) => round(x, 2)),
        samplesMs: c.samples.map((x) => round(x, 2)),
        p50Ms: round(percentile(c.samples, 0.5), 2),
        p95Ms: round(percentile(c.samples, 0.95), 2),
        maxMs: round(Math.max(...c.samples), 2),
        items: [...new Set(c.items)],
        labels: c.labels,
      };
    }
  } finally {
    await Promise.all(sessions.map((s) => stopSession(s)));
    rmSync(temp, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- report

  const ours = results.appmesh;
  const theirs = results.yaml && !results.yaml.note ? results.yaml : undefined;
  const yamlDelay = YAML_LS_VALIDATION_DELAY_MS;
  const goals: { goal: string; ours: number | undefined; limit: number | undefined; strictLimit?: number; pass: boolean | undefined; strictPass?: boolean }[] = [];
  /** "No slower than yaml-language-server": as users see it, and (strict) against its work alone, without its fixed debounce. */
  const notSlower = (goal: string, a: number | undefined, b: number | undefined, delay: number) => {
    if (a === undefined || b === undefined) return goals.push({ goal, ours: a, limit: b, pass: undefined });
    goals.push({ goal, ours: a, limit: b, strictLimit: delay ? b - delay : undefined, pass: a <= b, strictPass: delay ? a <= b - delay : undefined });
  };
  const under = (goal: string, a: number | undefined, limit: number) => goals.push({ goal, ours: a, limit, pass: a === undefined ? undefined : a < limit });
  notSlower("Full validation (median) no slower than yaml-language-server", ours.fullValidation?.medianMs, theirs?.fullValidation?.medianMs, yamlDelay);
  notSlower("Diagnostics after edit p50 no slower than yaml-language-server", ours.edit?.p50Ms, theirs?.edit?.p50Ms, yamlDelay);
  notSlower("Diagnostics after edit p95 no slower than yaml-language-server", ours.edit?.p95Ms, theirs?.edit?.p95Ms, yamlDelay);
  notSlower("Completion p50 no slower than yaml-language-server", ours.completion?.p50Ms, theirs?.completion?.p50Ms, 0);
  notSlower("Completion p95 no slower than yaml-language-server", ours.completion?.p95Ms, theirs?.completion?.p95Ms, 0);
  under(`Completion p95 < ${GOALS.completionP95Ms} ms`, ours.completion?.p95Ms, GOALS.completionP95Ms);
  under(`Diagnostics after edit p95 < ${GOALS.editDiagnosticsP95Ms} ms`, ours.edit?.p95Ms, GOALS.editDiagnosticsP95Ms);
  const atMost = (goal: string, a: number | undefined, limit: number | undefined) => goals.push({ goal, ours: a, limit, pass: a === undefined || limit === undefined ? undefined : a <= limit });
  atMost(`Edit beside the big file p95 ≤ ${GOALS.editWithBigOpenP95Ms} ms`, ours.editWithBigOpen?.p95Ms, GOALS.editWithBigOpenP95Ms);
  atMost(
    `Full validation ≤ ${GOALS.fullValidationRatio} × yaml-language-server's work alone`,
    ours.fullValidation?.medianMs,
    theirs?.fullValidation ? round((theirs.fullValidation.medianMs - yamlDelay) * GOALS.fullValidationRatio) : undefined,
  );
  atMost(`Server memory with the big file open ≤ ${GOALS.rssWithBigOpenMiB} MiB RSS`, ours.rssWithBigOpenMiB, GOALS.rssWithBigOpenMiB);

  const verdict = (pass: boolean | undefined) => (pass === undefined ? "n/a" : pass ? "PASS" : "FAIL");
  const cell = (r: ServerResult | undefined, render: (r: ServerResult) => string) => (r && !r.note ? render(r) : "–");
  const fullCell = (r: ServerResult) => (r.fullValidation ? `${ms(r.fullValidation.medianMs)} (${ms(r.fullValidation.minMs)}–${ms(r.fullValidation.maxMs)}); ${diagCount(r.fullValidation.diagnostics)}` : "–");
  const diagCount = (xs: number[]) => {
    const distinct = [...new Set(xs)];
    return `${distinct.join("/")} diagnostic${distinct.length === 1 && distinct[0] === 1 ? "" : "s"}`;
  };
  const editCell = (q: "p50Ms" | "p95Ms") => (r: ServerResult) => (r.edit ? ms(r.edit[q]) : "–");
  const completionCell = (q: "p50Ms" | "p95Ms") => (r: ServerResult) => (r.completion ? ms(r.completion[q]) : "–");
  const goalLabel = (g: (typeof goals)[number]) => (g.goal.includes("no slower") ? "≤ yaml-ls" : g.goal.slice(Math.max(0, g.goal.search(/[<≤]/))));
  const goalCells = (prefix: string) => {
    const found = goals.filter((g) => g.goal.startsWith(prefix));
    return {
      goal: found.map(goalLabel).join(", "),
      result: found
        .map((g) => `${goalLabel(g)}: ${verdict(g.pass)}${g.strictPass === undefined ? "" : ` (${verdict(g.strictPass)} vs. its work alone, ≤ ${ms(g.strictLimit!)})`}`)
        .join("; "),
    };
  };

  const header = `| Figure | ${ours.label} | ${results.yaml?.label ?? "yaml-language-server"} | Goal (ours) | Result |`;
  const rows = [
    header,
    "|---|---|---|---|---|",
    [
      `Full validation, ${big.lines.toLocaleString("en-US")} lines / ${big.resources.toLocaleString("en-US")} resources: median of ${RUNS} (min–max); diagnostics`,
      cell(ours, fullCell),
      cell(results.yaml, fullCell),
      goalCells("Full validation"),
    ],
    [`Diagnostics after a one-line edit, ${edit.lines.toLocaleString("en-US")}-line file: p50 (${EDITS} edits)`, cell(ours, editCell("p50Ms")), cell(results.yaml, editCell("p50Ms")), goalCells("Diagnostics after edit p50")],
    [`Diagnostics after a one-line edit: p95`, cell(ours, editCell("p95Ms")), cell(results.yaml, editCell("p95Ms")), goalCells("Diagnostics after edit p95")],
    [`Completion in a listener: p50 (${COMPLETIONS} requests)`, cell(ours, completionCell("p50Ms")), cell(results.yaml, completionCell("p50Ms")), goalCells("Completion p50")],
    [`Completion in a listener: p95`, cell(ours, completionCell("p95Ms")), cell(results.yaml, completionCell("p95Ms")), goalCells("Completion p95")],
    [`Diagnostics after a one-line edit with the ${big.resources.toLocaleString("en-US")}-resource file open: p50`, cell(ours, (r) => (r.editWithBigOpen ? ms(r.editWithBigOpen.p50Ms) : "–")), cell(results.yaml, (r) => (r.editWithBigOpen ? ms(r.editWithBigOpen.p50Ms) : "–")), { goal: "", result: "" }],
    [`… p95`, cell(ours, (r) => (r.editWithBigOpen ? ms(r.editWithBigOpen.p95Ms) : "–")), cell(results.yaml, (r) => (r.editWithBigOpen ? ms(r.editWithBigOpen.p95Ms) : "–")), goalCells("Edit beside the big file")],
    ["Server memory (RSS) with the big file open", cell(ours, (r) => (r.rssWithBigOpenMiB ? `${r.rssWithBigOpenMiB} MiB` : "–")), cell(results.yaml, (r) => (r.rssWithBigOpenMiB ? `${r.rssWithBigOpenMiB} MiB` : "–")), goalCells("Server memory")],
    [
      "Completion items returned at that position",
      cell(ours, (r) => String(r.completion?.items.join("/") ?? "–")),
      cell(results.yaml, (r) => String(r.completion?.items.join("/") ?? "–")),
      { goal: "", result: "" },
    ],
  ].map((row) => (typeof row === "string" ? row : `| ${row[0]} | ${row[1]} | ${row[2]} | ${(row[3] as { goal: string }).goal} | ${(row[3] as { result: string }).result} |`));

  const lines = [
    `## Language server benchmark (${new Date().toISOString()})`,
    "",
    `Node ${process.version}, ${platform()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}. Servers run side by side, interleaved.`,
    "",
    ...rows,
    "",
    ...goals.map((g) => `- ${verdict(g.pass)}: ${g.goal}: ${g.ours === undefined ? "–" : amount(g.goal, g.ours)}${g.limit === undefined ? "" : ` (limit ${amount(g.goal, g.limit)})`}${g.strictPass === undefined ? "" : `; ${verdict(g.strictPass)} against yaml-language-server's work alone, without its fixed ${yamlDelay} ms validation delay (limit ${ms(g.strictLimit!)})`}`),
    "",
    "Notes:",
    ...(theirs ? [`- yaml-language-server ${yamlLsVersion} waits a fixed ${yamlDelay} ms (not configurable) after open or change before validating; its diagnostics figures include that delay, as users see it.`] : []),
    `- Diagnostics-after-edit figures end at the first publishDiagnostics after the change; our server's carry the document version (${ours.edit ? `${ours.edit.versionChecked - ours.edit.versionMismatches}/${ours.edit.versionChecked} matched` : "–"}), yaml-language-server's carry none (edits are sequential, so the next one is for that change).`,
    `- Completion position: line ${completionLine + 1}, column ${LISTENER_FIELD_INDENT + 1} (a blank line among a listener's fields). Labels: ours ${JSON.stringify(ours.completion?.labels ?? [])}; yaml-language-server ${JSON.stringify(theirs?.completion?.labels ?? [])}.`,
    `- Sanity check (a node with \`port: "abc"\` and an unknown protocol, a router with \`weight: heavy\`; each server must flag the port and the weight): ${sessions
      .map((x) => `${x.spec.label}: ${x.aborted ? "FAILED" : "ok"}, ${x.sanity?.diagnostics ?? 0} diagnostics`)
      .join("; ")}.`,
    `- First ${WARMUP} edits and completions per server are warm-up, left out of the percentiles (kept in the JSON).`,
    ...notes.map((n) => `- ${n}`),
    `- Total bench time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s. Raw samples: ${OUT.startsWith(root) ? relative(root, OUT) : OUT}.`,
  ];
  console.log(lines.join("\n"));

  const report = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, platform: platform(), release: release(), cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemGiB: round(totalmem() / 2 ** 30) },
    options: { runs: RUNS, edits: EDITS, completions: COMPLETIONS, warmup: WARMUP, cpuProf: CPU_PROF },
    inputs: {
      big: { lines: big.lines, resources: big.resources, bytes: Buffer.byteLength(big.text) },
      edit: { lines: edit.lines, resources: edit.resources, editedLine: editLine + 1, values: [40, 50] },
      completion: { lines: completion.lines, resources: completion.resources, position: { line: completionLine, character: LISTENER_FIELD_INDENT } },
    },
    servers: specs.map((s) => ({
      id: s.id,
      label: s.label,
      command: ["node", ...s.args.map((a) => (a.startsWith(root) ? relative(root, a) : a))].join(" "),
      validationDelayMs: s.validationDelayMs,
    })),
    yamlSchema: schemaInfo,
    goals,
    results,
    notes,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(report, null, 2) + "\n");
  // Goals missed are findings, not failures; a server of ours that did not run is.
  if (ours.note) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

/** Resident memory of a process, from /proc (Linux), in MiB. */
function residentMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return Number.isFinite(kb) ? round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** A goal's figure in its unit: memory goals in MiB, the others in milliseconds. */
function amount(goal: string, value: number): string {
  return goal.includes("MiB") ? `${value} MiB` : ms(value);
}
