// What the index answers about references when a resource has several definitions, a placeholder
// name, or sits in another template of a Copilot addons folder; and that every diagnostic carries
// the severity of its rule.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import type { MeshResource, Reference } from "../../src/model/resources";
import { RULES } from "../../src/model/semantics/severities";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";

const rules = join(__dirname, "..", "fixtures", "rules");

function load(caseDir: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : /\.(ya?ml|json)$/.test(name) && !name.endsWith(".expect.json") ? [join(dir, name)] : []));
  for (const path of walk(join(rules, caseDir))) index.set(pathToFileURL(path).toString(), readFileSync(path, "utf8"));
  return index;
}

function referenceOf(index: WorkspaceIndex, fileEnd: string, name: string): { from: MeshResource; reference: Reference } {
  for (const from of index.resources()) {
    if (!from.uri.endsWith(fileEnd)) continue;
    const reference = from.references.find((r) => r.name === name);
    if (reference) return { from, reference };
  }
  throw new Error(`no reference to ${name} in ${fileEnd}`);
}

const tail = (uri: string) => uri.split("/").slice(-2).join("/");

test("a reference resolves to the nearest definition and knows every other one", () => {
  const index = load("step-folders/valid");
  const { reference: grpc } = referenceOf(index, "step3/colorteller-grpc-route.json", "colorteller-white-vn");
  assert.deepEqual(index.definitionsOf(grpc).map((r) => tail(r.uri)), ["step3/colorteller-white-vn.json", "step1/colorteller-white-vn.json"], "same folder first");
  const resolved = index.resolve(grpc);
  assert.ok(resolved && "resource" in resolved && resolved.resource.uri.endsWith("step3/colorteller-white-vn.json"));

  const { reference: http } = referenceOf(index, "step1/colorteller-route.json", "colorteller-white-vn");
  assert.equal(tail(index.definitionsOf(http)[0].uri), "step1/colorteller-white-vn.json");

  const step1Node = index.definitionsOf(http)[0];
  const referrers = index.referencesTo(step1Node).map(({ from }) => `${tail(from.uri)} ${String(from.name)}`).sort();
  assert.deepEqual(referrers, ["step1/colorteller-route.json colorteller-route", "step2/colorteller-route.json colorteller-route", "step3/colorteller-grpc-route.json colorteller-grpc-route"], "references to any definition count");
});

test("a placeholder-named resource of the right kind could be the target", () => {
  const index = load("placeholders/valid");
  const { reference } = referenceOf(index, "cli/colorteller-route.json", "colorteller-white");
  const resolved = index.resolve(reference);
  assert.ok(resolved && "placeholder" in resolved, "resolved as a possible placeholder match");
  assert.equal(resolved.placeholder.kind, "VirtualNode");
});

test("a CloudFormation route in a Copilot addons folder learns its router from a sibling template", () => {
  const index = load("copilot-addons/valid");
  const route = index.resources().find((r) => r.kind === "Route")!;
  assert.equal(route.parentName, "color-router");
  const targets = route.references.filter((r) => r.kind === "VirtualNode").map((r) => index.resolve(r));
  assert.deepEqual(
    targets.map((t) => (t && "resource" in t ? tail(t.resource.uri) : "unresolved")),
    ["addons/nodes.yml", "addons/nodes.yml"],
  );
  assert.deepEqual(route.spec.httpRoute && (route.spec.httpRoute as { action: { weightedTargets: { virtualNode: unknown }[] } }).action.weightedTargets.map((t) => t.virtualNode), ["color-blue", "color-green"]);
});

test("per-environment copies of a gateway still give a gateway route its gateway", () => {
  const index = load("per-environment/valid");
  const gatewayRoutes = index.resources().filter((r) => r.kind === "GatewayRoute");
  assert.equal(gatewayRoutes.length, 2);
  for (const route of gatewayRoutes) assert.equal(route.parentName, "ingress-gw_shop");
  for (const resource of index.resources()) assert.equal(resource.meshName, "shop", `${resource.kind} ${String(resource.name)} joins mesh shop`);
});

test("a reader's diagnostic is reported at its rule's severity", () => {
  const index = new WorkspaceIndex();
  const uri = "file:///ws/meshref.yaml";
  index.set(uri, "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualService\nmetadata:\n  name: color\nspec:\n  meshRef:\n    name: colors\n    uid: 1\n  provider:\n    virtualNode:\n      virtualNodeRef:\n        name: color\n");
  const found = index.diagnostics(uri).find((d) => d.code === "controller-field");
  assert.equal(found?.severity, RULES["controller-field"].severity, "the controller's webhook refuses meshRef on create");
});
