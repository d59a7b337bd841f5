// The workspace analysis split into groups of files that can meet (src/model/semantics/fileComponents)
// must say exactly what one analysis of everything says, on every fixture tree and after edits;
// and an edit beside a large file must not re-check that file.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { generateManifest } from "../bench/generate";

const fixtures = join(__dirname, "..", "fixtures");
const DEFINITION_FILE = /\.(ya?ml|json)(\.template)?$|\.tpl$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => DEFINITION_FILE.test(f) && statSync(f).isFile())
    .sort();
}

/** Every workspace tree the tests use: each folder under rules/, parsing/, realworld/, and the sample workspace. */
function trees(): { name: string; dir: string }[] {
  const out = [{ name: "workspace", dir: join(fixtures, "workspace") }, { name: "corpus/valid", dir: join(fixtures, "corpus", "valid") }];
  for (const parent of ["rules", "parsing", "realworld"]) {
    const root = join(fixtures, parent);
    out.push({ name: parent, dir: root });
    for (const entry of readdirSync(root)) if (statSync(join(root, entry)).isDirectory()) out.push({ name: `${parent}/${entry}`, dir: join(root, entry) });
  }
  return out;
}

const render = (index: WorkspaceIndex, uris: string[]) =>
  uris.map((uri) => `${uri}\n${index.diagnostics(uri).map((d) => `  ${d.span.start}-${d.span.end} ${d.severity} ${d.code} ${d.message}`).sort().join("\n")}`).join("\n");

test("the analysis in groups equals one analysis of everything, on every fixture tree and after an edit", () => {
  let compared = 0;
  for (const tree of trees()) {
    const grouped = new WorkspaceIndex();
    const whole = new WorkspaceIndex({ partition: false });
    const files = filesUnder(tree.dir).map((path) => ({ uri: pathToFileURL(path).toString(), text: readFileSync(path, "utf8") }));
    for (const { uri, text } of files) {
      grouped.set(uri, text);
      whole.set(uri, text);
    }
    const uris = files.map((f) => f.uri);
    assert.equal(render(grouped, uris), render(whole, uris), `${tree.name}: same diagnostics`);
    // An edit of each file in turn (the cached groups of the others are reused).
    for (const { uri, text } of files.slice(0, 12)) {
      const edited = `${text}\n# edited\n`;
      grouped.set(uri, edited);
      whole.set(uri, edited);
      assert.equal(render(grouped, uris), render(whole, uris), `${tree.name}: same diagnostics after editing ${uri}`);
    }
    compared += files.length;
  }
  assert.ok(compared > 150, `compared ${compared} files`);
});

test("an edit beside a 2,000-resource file of another mesh re-checks only the edited file's group", () => {
  const big = generateManifest({ resources: 2_000, prefix: "big" });
  const edit = generateManifest({ resources: 41, prefix: "edit" });
  const index = new WorkspaceIndex();
  index.set("file:///w/big.yaml", big.text);
  index.set("file:///w/edit.yaml", edit.text);
  index.diagnostics("file:///w/edit.yaml");
  const timings: number[] = [];
  for (let i = 0; i < 20; i++) {
    index.set("file:///w/edit.yaml", `${edit.text}\n# edit ${i}\n`);
    const started = performance.now();
    index.diagnostics("file:///w/edit.yaml");
    timings.push(performance.now() - started);
  }
  const whole = new WorkspaceIndex({ partition: false });
  whole.set("file:///w/big.yaml", big.text);
  whole.set("file:///w/edit.yaml", edit.text);
  const started = performance.now();
  whole.diagnostics("file:///w/edit.yaml");
  const full = performance.now() - started;
  const median = timings.sort((a, b) => a - b)[10];
  assert.ok(median < full / 3, `an edit's analysis (${median.toFixed(1)} ms) is well under a whole analysis (${full.toFixed(1)} ms)`);
});
