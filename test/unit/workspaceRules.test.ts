// Workspace rules on repositories shaped like real walkthroughs (test/fixtures/rules/<pattern>/):
// each case folder (valid/, seeded/, live/ …) is one workspace. Every error and warning must be
// declared where it is reported, with its severity: `# expect: <code> <severity>` on the line in
// YAML, or a sidecar `<file>.expect.json` ([{ "line", "code", "severity" }]) for JSON. A `valid`
// case declares no errors. A `live.json` beside a case's files is the live snapshot it runs with.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { WorkspaceIndex, type LiveSnapshot } from "../../src/model/workspaceIndex";

const rules = join(__dirname, "..", "fixtures", "rules");
const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

interface Expected {
  file: string;
  line: number;
  code: string;
  severity: string;
}

function definitionFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return definitionFiles(path);
      return /\.(ya?ml|json)$/.test(name) && !name.endsWith(".expect.json") && name !== "live.json" ? [path] : [];
    });
}

function expectationsOf(caseDir: string, path: string, text: string): Expected[] {
  const file = relative(caseDir, path);
  if (path.endsWith(".json")) {
    const sidecar = path.replace(/\.json$/, ".expect.json");
    return existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, "utf8")) as Omit<Expected, "file">[]).map((e) => ({ file, ...e })) : [];
  }
  return text.split("\n").flatMap((line, i) => [...line.matchAll(/# expect: ([a-z-]+) (error|warning)/g)].map((m) => ({ file, line: i + 1, code: m[1], severity: m[2] })));
}

const brief = (e: Expected) => `${e.file}:${e.line} ${e.code} ${e.severity}`;

describe("workspace rules on walkthrough-shaped repositories", () => {
  for (const pattern of readdirSync(rules).sort()) {
    if (!statSync(join(rules, pattern)).isDirectory()) continue;
    for (const caseName of readdirSync(join(rules, pattern)).sort()) {
      const caseDir = join(rules, pattern, caseName);
      if (!statSync(caseDir).isDirectory()) continue;
      test(`${pattern}/${caseName}`, () => {
        const index = new WorkspaceIndex();
        const livePath = join(caseDir, "live.json");
        if (existsSync(livePath)) index.setLive(JSON.parse(readFileSync(livePath, "utf8")) as LiveSnapshot);
        const expected: Expected[] = [];
        const actual: Expected[] = [];
        const notes: string[] = [];
        const files = definitionFiles(caseDir);
        assert.ok(files.length >= 2, `${caseDir} holds a workspace`);
        for (const path of files) {
          const text = readFileSync(path, "utf8");
          const uri = pathToFileURL(path).toString();
          index.set(uri, text);
          expected.push(...expectationsOf(caseDir, path, text));
        }
        for (const path of files) {
          const uri = pathToFileURL(path).toString();
          const text = index.get(uri)!.text;
          for (const d of index.diagnostics(uri)) {
            const found = { file: relative(caseDir, path), line: lineOf(text, d.span.start), code: d.code, severity: d.severity };
            notes.push(`${brief(found)}: ${d.message}`);
            if (d.severity === "error" || d.severity === "warning") actual.push(found);
          }
        }
        const order = (list: Expected[]) => list.map(brief).sort();
        assert.deepEqual(order(actual), order(expected), notes.join("\n"));
        if (caseName === "valid") assert.deepEqual(expected.filter((e) => e.severity === "error").map(brief), [], "a valid case declares no error");
      });
    }
  }
});
