// The fixture corpus: valid definitions in all three dialects yield no errors or warnings, and each
// seeded mistake yields exactly the intended diagnostic at the intended line.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";

const corpus = join(__dirname, "..", "fixtures", "corpus");
const definitionFiles = (dir: string) => readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith(".expect.json")).sort();
const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

describe("valid corpus", () => {
  for (const dialect of ["k8s", "cfn", "api"]) {
    test(`${dialect}: every file validates with no error or warning`, () => {
      const dir = join(corpus, "valid", dialect);
      const index = new WorkspaceIndex();
      const files = definitionFiles(dir);
      assert.ok(files.length >= 4, `${dir} holds fixtures`);
      for (const file of files) index.set(pathToFileURL(join(dir, file)).toString(), readFileSync(join(dir, file), "utf8"));
      const problems: string[] = [];
      for (const uri of index.uris()) {
        const parsed = index.get(uri)!;
        assert.ok(parsed.isAppMesh && parsed.resources.length > 0, `${uri} is read as App Mesh`);
        for (const d of index.diagnostics(uri)) {
          if (d.severity === "error" || d.severity === "warning") problems.push(`${uri.split("/").pop()}:${lineOf(parsed.text, d.span.start)} ${d.code} ${d.message}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  test("placeholders are reported once each as information", () => {
    const dir = join(corpus, "valid", "api");
    const withPlaceholders = definitionFiles(dir).filter((f) => /\$\{?[A-Z_]/.test(readFileSync(join(dir, f), "utf8")));
    assert.ok(withPlaceholders.length >= 2, "the corpus has files with shell placeholders");
    for (const file of withPlaceholders) {
      const index = new WorkspaceIndex();
      const uri = pathToFileURL(join(dir, file)).toString();
      index.set(uri, readFileSync(join(dir, file), "utf8"));
      const infos = index.diagnostics(uri).filter((d) => d.code === "placeholder");
      assert.ok(infos.length > 0, `${file} reports its placeholders`);
      assert.ok(infos.every((d) => d.severity === "information"));
      assert.equal(new Set(infos.map((d) => d.span.start)).size, infos.length, `${file}: no placeholder reported twice`);
    }
  });
});

describe("seeded mistakes", () => {
  const dir = join(corpus, "invalid");
  for (const file of existsSync(dir) ? definitionFiles(dir) : []) {
    test(file, () => {
      const text = readFileSync(join(dir, file), "utf8");
      const expected: { line: number; code: string }[] = file.endsWith(".json")
        ? JSON.parse(readFileSync(join(dir, file.replace(/\.json$/, ".expect.json")), "utf8"))
        : text.split("\n").flatMap((line, i) => [...line.matchAll(/# expect: ([a-z-]+)/g)].map((m) => ({ line: i + 1, code: m[1] })));
      assert.ok(expected.length > 0, `${file} declares its expected diagnostic`);
      const index = new WorkspaceIndex();
      const uri = pathToFileURL(join(dir, file)).toString();
      index.set(uri, text);
      const actual = index
        .diagnostics(uri)
        .filter((d) => d.severity === "error" || d.severity === "warning")
        .map((d) => ({ line: lineOf(text, d.span.start), code: d.code }));
      assert.deepEqual(actual, expected, index.diagnostics(uri).map((d) => `${lineOf(text, d.span.start)} ${d.code}: ${d.message}`).join("\n"));
    });
  }
});
