// The sample workspace's definitions of the `demo` mesh (test/fixtures/workspace/demo/) match what
// the sandbox's demo seed creates, except one deliberate difference that shows drift and Compare:
// the color canary's weights. And the whole sample workspace validates cleanly.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { canonicalSpec, sameSpec } from "../../src/model/normalize";
import type { MeshResource } from "../../src/model/resources";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { toApiShape, toYaml } from "../../src/model/writers/writers";
import { DEMO_DEFINITIONS } from "../../src/sandbox/seeds/demoDefinitions";

const workspace = join(__dirname, "..", "fixtures", "workspace");
const demoFolder = join(workspace, "demo");
const definitionFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? definitionFiles(join(dir, f)) : /\.(ya?ml|json)$/.test(f) ? [join(dir, f)] : []));
const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/** The sample workspace read as the language server reads it: every file in one index. */
function workspaceIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of definitionFiles(workspace)) index.set(pathToFileURL(file).toString(), readFileSync(file, "utf8"));
  return index;
}

const key = (r: MeshResource) => `${r.kind} ${r.parentName ? `${String(r.parentName)}/` : ""}${String(r.name)}`;
const byKey = (resources: MeshResource[]) => new Map(resources.filter((r) => r.meshName === "demo").map((r) => [key(r), r]));
const definedDemo = () => byKey(workspaceIndex().resources().filter((r) => r.uri.startsWith(pathToFileURL(demoFolder).toString())));
function seededDemo(): Map<string, MeshResource> {
  const index = new WorkspaceIndex();
  index.set("sandbox:demo.yaml", DEMO_DEFINITIONS);
  return byKey(index.resources());
}

const DELIBERATE = "Route color-router/color-canary";

test("the sample workspace, demo folder included, validates with no error or warning", () => {
  const index = workspaceIndex();
  const demoFiles = index.uris().filter((uri) => uri.includes("/workspace/demo/"));
  assert.ok(demoFiles.length >= 5, `${demoFiles.length} files in the demo folder`);
  const problems: string[] = [];
  for (const uri of index.uris()) {
    const parsed = index.get(uri)!;
    assert.ok(parsed.isAppMesh && parsed.resources.length > 0, `${uri} is read as App Mesh`);
    for (const d of index.diagnostics(uri)) {
      if (d.severity === "error" || d.severity === "warning") problems.push(`${relative(workspace, new URL(uri).pathname)}:${lineOf(parsed.text, d.span.start)} ${d.code} ${d.message}`);
    }
  }
  assert.deepEqual(problems, []);
});

test("the demo folder defines every resource of the live demo mesh, and nothing else", () => {
  const defined = definedDemo();
  const seeded = seededDemo();
  assert.ok(seeded.size >= 15, `${seeded.size} resources in the seed's demo mesh`);
  assert.deepEqual([...defined.keys()].sort(), [...seeded.keys()].sort());
  const definedResources = workspaceIndex().resources().filter((r) => r.uri.includes("/workspace/demo/"));
  assert.equal(definedResources.length, defined.size, "each resource is defined once, all in mesh demo");
  assert.deepEqual(defined.get("Mesh demo")?.tags, seeded.get("Mesh demo")?.tags);
});

test("exactly one resource differs from the seed, on purpose: the color canary's weights", () => {
  const defined = definedDemo();
  const seeded = seededDemo();
  const differing = [...seeded].filter(([k, live]) => !sameSpec(live.kind, defined.get(k)?.spec, live.spec)).map(([k]) => k);
  assert.deepEqual(differing, [DELIBERATE]);

  // Every other resource prints exactly as the live one (the drift diff renders both sides so),
  // even where the files write keys in another order than the seed.
  for (const [k, live] of seeded) {
    if (k === DELIBERATE) continue;
    assert.equal(toYaml([toApiShape(defined.get(k)!)]), toYaml([toApiShape(live)]), k);
  }

  // The difference is the weights and nothing else, and Compare shows just those lines.
  const lines = (r: MeshResource) => toYaml([toApiShape(r)]).split("\n");
  const definedLines = lines(defined.get(DELIBERATE)!);
  const liveLines = lines(seeded.get(DELIBERATE)!);
  assert.equal(definedLines.length, liveLines.length);
  const changed = liveLines.flatMap((line, i) => (line === definedLines[i] ? [] : [`${line.trim()} → ${definedLines[i].trim()}`]));
  assert.deepEqual(changed, ["weight: 90 → weight: 50", "weight: 10 → weight: 50"]);
  type Route = { httpRoute: { action: { weightedTargets: { virtualNode: string; weight: number }[] } } };
  const definedRoute = canonicalSpec("Route", defined.get(DELIBERATE)!.spec) as Route;
  const liveRoute = canonicalSpec("Route", seeded.get(DELIBERATE)!.spec) as Route;
  const weights = (route: Route) => route.httpRoute.action.weightedTargets.map((t) => `${t.virtualNode} ${t.weight}`);
  assert.deepEqual(weights(liveRoute), ["color-v1 90", "color-v2 10"]);
  assert.deepEqual(weights(definedRoute), ["color-v1 50", "color-v2 50"]);
  definedRoute.httpRoute.action.weightedTargets = liveRoute.httpRoute.action.weightedTargets;
  assert.equal(sameSpec("Route", definedRoute, liveRoute), true);
});

test("the file with the deliberate difference says so at its top", () => {
  const route = definedDemo().get(DELIBERATE)!;
  const text = readFileSync(new URL(route.uri), "utf8");
  const header = text.slice(0, text.search(/^[^#\n]/m));
  assert.match(header, /on purpose/i);
  assert.match(header, /color-canary/);
});
