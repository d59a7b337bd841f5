// Feeds the server thousands of randomly damaged definitions: truncations, swapped tokens, deleted
// and duplicated lines, placeholders, stray YAML indicators and deep nesting. The server must never
// crash, must answer every request, and must answer each within a time bound.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { seededRandom as random } from "../../src/sandbox/traffic/random";
import { LspClient } from "./lspClient";

const ROOT = join(__dirname, "..", "..");
const DOCUMENTS = 2_000;
const BOUND_MS = 2_000; // per request, generous for a loaded 2-core CI machine

function seeds(): string[] {
  const dirs = ["valid/k8s", "valid/cfn", "valid/api", "invalid"].map((d) => join(ROOT, "test", "fixtures", "corpus", d));
  return dirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => readFileSync(join(dir, f), "utf8")));
}

const INDICATORS = [":", "-", "{", "}", "[", "]", '"', "'", "!", "&", "*", "|", ">", "#", "\t", "%", "@", "`", ",", "?"];

function mutate(text: string, rand: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const at = () => Math.floor(rand() * (text.length + 1));
  const lines = () => text.split("\n");
  const operations = [
    () => text.slice(0, at()),
    () => {
      const tokens = text.split(/(\s+)/);
      const a = Math.floor(rand() * tokens.length);
      const b = Math.floor(rand() * tokens.length);
      [tokens[a], tokens[b]] = [tokens[b], tokens[a]];
      return tokens.join("");
    },
    () => {
      const l = lines();
      l.splice(Math.floor(rand() * l.length), 1 + Math.floor(rand() * 3));
      return l.join("\n");
    },
    () => {
      const l = lines();
      const i = Math.floor(rand() * l.length);
      l.splice(i, 0, l[i]);
      return l.join("\n");
    },
    () => {
      const i = at();
      return text.slice(0, i) + pick(["$VAR", "${MESH_NAME}", "${X:-y}", "$", "${", "$1"]) + text.slice(i);
    },
    () => {
      const i = at();
      return text.slice(0, i) + pick(INDICATORS) + text.slice(i);
    },
    () => {
      const depth = 50 + Math.floor(rand() * 400);
      const i = at();
      const nested = rand() < 0.5 ? "[".repeat(depth) + "]".repeat(depth) : Array.from({ length: depth }, (_, d) => `${" ".repeat(d)}k${d}:`).join("\n");
      return text.slice(0, i) + nested + text.slice(i);
    },
    () => text.replace(/\b\d+\b/g, () => pick(["-1", "0", "99999999999999999999", "1e309", "0x1F", "NaN", ".inf"])),
    () => {
      const l = lines();
      const i = Math.floor(rand() * l.length);
      l[i] = " ".repeat(Math.floor(rand() * 12)) + l[i].trimStart();
      return l.join("\n");
    },
  ];
  let out = text;
  const rounds = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < rounds; i++) out = (text = pick(operations)());
  return out;
}

test(`the server survives ${DOCUMENTS} mutated documents and answers every request in time`, { timeout: 600_000 }, async () => {
  const client = await LspClient.startServer();
  const corpus = seeds();
  const rand = random(Number(process.env.FUZZ_SEED ?? 20261124));
  const uri = "file:///fuzz/mutated.appmesh.yaml";
  await client.open(uri, corpus[0]);
  let slowest = 0;
  let answered = 0;
  const timed = async <T>(label: string, run: () => Promise<T>, iteration: number): Promise<T> => {
    const started = performance.now();
    const result = await Promise.race([
      run(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${label} got no answer within ${BOUND_MS} ms at iteration ${iteration}`)), BOUND_MS)),
    ]);
    const elapsed = performance.now() - started;
    slowest = Math.max(slowest, elapsed);
    answered++;
    return result;
  };

  try {
    for (let i = 0; i < DOCUMENTS; i++) {
      const text = mutate(corpus[Math.floor(rand() * corpus.length)], rand);
      await client.change(uri, text);
      const lines = text.split("\n");
      const line = Math.floor(rand() * lines.length);
      const position = { line, character: Math.floor(rand() * (lines[line].length + 1)) };
      // Requests are answered in order after the change, so each answer also proves the change was handled.
      await timed("documentSymbol", () => client.request("textDocument/documentSymbol", { textDocument: { uri } }), i);
      await timed("completion", () => client.request("textDocument/completion", { textDocument: { uri }, position }), i);
      await timed("hover", () => client.request("textDocument/hover", { textDocument: { uri }, position }), i);
      if (i % 10 === 0) await timed("formatting", () => client.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), i);
      assert.equal(client.process.exitCode, null, `server alive after iteration ${i}`);
    }
  } finally {
    await client.stop();
  }
  assert.ok(answered >= DOCUMENTS * 3, `${answered} requests answered`);
  assert.doesNotMatch(client.stderr, /Error|Exception/, "the server logged no errors");
  console.log(`fuzz: ${DOCUMENTS} documents, ${answered} requests, slowest answer ${slowest.toFixed(1)} ms`);
});
