// The model's writers: every resource of the valid corpus, written back out in each dialect and
// read again, keeps its kind, names and spec, and the output validates cleanly.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseDefinitions } from "../../src/model/parseDefinitions";
import { isKnown, UNKNOWN, type MeshResource } from "../../src/model/resources";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { toApiShape, toCloudFormation, toKubernetes, toYaml } from "../../src/model/writers/writers";

const corpus = join(__dirname, "..", "fixtures", "corpus", "valid");

/** Every resource of the valid corpus, read as a workspace per dialect (so meshes and names resolve). */
function corpusResources(): MeshResource[] {
  return ["k8s", "cfn", "api"].flatMap((dialect) => {
    const index = new WorkspaceIndex();
    for (const file of readdirSync(join(corpus, dialect))) index.set(`file:///${dialect}/${file}`, readFileSync(join(corpus, dialect, file), "utf8"));
    return index.resources();
  });
}

/** Specs compared as plain data; values the source could not know (placeholders) drop out. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value ?? {}));
const hasUnknown = (value: unknown): boolean =>
  value === UNKNOWN || (typeof value === "object" && value !== null && Object.values(value).some(hasUnknown));
const known = (r: MeshResource) => isKnown(r.name) && isKnown(r.meshName) && (r.parentName === undefined || isKnown(r.parentName)) && !hasUnknown(r.spec) && !hasUnknown(r.tags);
const errors = (text: string, uri: string) => parseDefinitions(uri, text).diagnostics.filter((d) => d.severity === "error");

test("API shape: each resource round-trips with the same spec", () => {
  const resources = corpusResources().filter(known);
  assert.ok(resources.length > 50, `${resources.length} resources`);
  for (const resource of resources) {
    const text = toYaml([toApiShape(resource)]);
    assert.deepEqual(errors(text, "file:///out.yaml"), [], text);
    const [again] = parseDefinitions("file:///out.yaml", text).resources;
    assert.equal(again.kind, resource.kind);
    assert.equal(again.name, resource.name);
    assert.equal(again.parentName, resource.parentName);
    assert.deepEqual(plain(again.spec), plain(resource.spec), `${resource.kind} ${String(resource.name)}`);
  }
});

test("CloudFormation: a template of all resources validates and keeps every spec", () => {
  const resources = corpusResources().filter(known);
  const text = toYaml([toCloudFormation(resources)]);
  assert.deepEqual(errors(text, "file:///template.yaml"), []);
  const again = parseDefinitions("file:///template.yaml", text).resources;
  assert.equal(again.length, resources.length);
  again.forEach((r, i) => assert.deepEqual([r.kind, r.name, plain(r.spec)], [resources[i].kind, resources[i].name, plain(resources[i].spec)]));
});

test("Kubernetes: each mesh's manifests validate, keep App Mesh names and specs, routes back inside routers", () => {
  // Kubernetes meshes accept only the *_ONLY IP preferences, so meshes with others cannot be written.
  const representable = (r: MeshResource) => known(r) && !/IPv[46]_PREFERRED/.test(JSON.stringify(r.spec));
  // As when exporting a live mesh: API-shaped resources (from the Kubernetes corpus, whose values
  // are all known) become manifests in one namespace.
  const byMesh = new Map<string, MeshResource[]>();
  const kubernetes = corpusResources().filter((r) => r.dialect === "kubernetes" && known(r));
  const asApi = new WorkspaceIndex();
  kubernetes.forEach((r, i) => asApi.set(`file:///api/${i}.yaml`, toYaml([toApiShape(r)])));
  for (const r of asApi.resources()) {
    const mesh = String(r.meshName);
    byMesh.set(mesh, [...(byMesh.get(mesh) ?? []), r]);
  }
  const meshes = [...byMesh].filter(([, resources]) => resources.every(representable));
  assert.ok(meshes.length >= 4, `${meshes.length} meshes can be written`);
  for (const [mesh, resources] of meshes) {
    const text = toYaml(toKubernetes(resources, "demo"));
    const reread = new WorkspaceIndex();
    reread.set("file:///manifests.yaml", text);
    assert.deepEqual(reread.diagnostics("file:///manifests.yaml").filter((d) => d.severity === "error").map((d) => d.message), [], `${mesh}: manifests validate and their references resolve`);
    const key = (r: MeshResource) => `${r.kind}/${String(r.name)}/${String(r.parentName ?? "")}`;
    const byKey = new Map(reread.resources().map((r) => [key(r), r]));
    for (const resource of resources) {
      const found = byKey.get(key(resource));
      assert.ok(found, `${mesh}: ${key(resource)} is in the manifests`);
      assert.deepEqual(plain(found.spec), plain(resource.spec), `${mesh}: ${key(resource)} keeps its spec`);
    }
  }
});
