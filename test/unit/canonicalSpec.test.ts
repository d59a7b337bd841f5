// A spec's canonical form: key order never makes two specs differ, neither in sameSpec nor in what
// the writers print (the drift diff renders both sides through them), while real differences do.
import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalSpec, sameSpec } from "../../src/model/normalize";
import { UNKNOWN } from "../../src/model/resources";
import { API_SHAPES } from "../../src/model/schema/apiShapes";
import type { StructureShape } from "../../src/model/schema/types";
import { resourceFromApi, toApiShape, toCloudFormation, toKubernetes, toYaml } from "../../src/model/writers/writers";
import { corpusResources } from "./corpusResources";

const routeWithRetries = (retryPolicy: Record<string, unknown>) => ({
  priority: 10,
  httpRoute: {
    match: { prefix: "/" },
    action: { weightedTargets: [{ virtualNode: "color-v1", weight: 90 }, { virtualNode: "color-v2", weight: 10 }] },
    retryPolicy,
  },
});
const routeYaml = (spec: Record<string, unknown>) =>
  toYaml([toApiShape(resourceFromApi({ kind: "Route", meshName: "demo", parentName: "color-router", name: "color-canary", spec }))]);
const changedLines = (a: string, b: string) => {
  const left = a.split("\n");
  const right = b.split("\n");
  return left.flatMap((line, i) => (line === right[i] ? [] : [[line.trim(), right[i]?.trim()]]));
};

test("specs that differ only in key order are the same spec and print byte-identical YAML", () => {
  const written = routeWithRetries({ maxRetries: 2, perRetryTimeout: { value: 2, unit: "s" }, httpRetryEvents: ["server-error"] });
  const reversed = routeWithRetries({ httpRetryEvents: ["server-error"], perRetryTimeout: { unit: "s", value: 2 }, maxRetries: 2 });
  assert.equal(sameSpec("Route", written, reversed), true);
  assert.equal(routeYaml(written), routeYaml(reversed));
  assert.deepEqual(canonicalSpec("Route", written), canonicalSpec("Route", reversed));
  assert.equal(JSON.stringify(canonicalSpec("Route", written)), JSON.stringify(canonicalSpec("Route", reversed)));
});

test("a real difference is not the same spec and shows in the printed YAML as that one line", () => {
  const three = routeWithRetries({ maxRetries: 3, perRetryTimeout: { value: 2, unit: "s" }, httpRetryEvents: ["server-error"] });
  const four = routeWithRetries({ httpRetryEvents: ["server-error"], perRetryTimeout: { value: 2, unit: "s" }, maxRetries: 4 });
  assert.equal(sameSpec("Route", three, four), false);
  assert.deepEqual(changedLines(routeYaml(three), routeYaml(four)), [["maxRetries: 3", "maxRetries: 4"]]);
});

test("canonical form: members in the schema's order at every depth", () => {
  const canonical = canonicalSpec("Route", {
    httpRoute: {
      timeout: { perRequest: { unit: "s", value: 5 } },
      retryPolicy: { tcpRetryEvents: ["connection-error"], httpRetryEvents: ["server-error"], maxRetries: 2, perRetryTimeout: { unit: "s", value: 2 } },
      action: { weightedTargets: [{ weight: 100, virtualNode: "color-v1" }] },
      match: { prefix: "/" },
    },
    priority: 10,
  }) as { httpRoute: Record<string, Record<string, unknown>> };
  assert.deepEqual(Object.keys(canonical), ["priority", "httpRoute"]);
  assert.deepEqual(Object.keys(canonical.httpRoute), ["match", "action", "retryPolicy", "timeout"]);
  assert.deepEqual(Object.keys(canonical.httpRoute.retryPolicy), ["perRetryTimeout", "maxRetries", "httpRetryEvents", "tcpRetryEvents"]);
  assert.deepEqual(Object.keys(canonical.httpRoute.retryPolicy.perRetryTimeout as object), ["value", "unit"]);
  assert.deepEqual(Object.keys((canonical.httpRoute.action.weightedTargets as object[])[0]), ["virtualNode", "weight"]);
});

test("canonical form: lists keep their order, so reordered targets are a difference", () => {
  const v1First = routeWithRetries({ maxRetries: 2, perRetryTimeout: { value: 2, unit: "s" } });
  const v2First = structuredClone(v1First);
  v2First.httpRoute.action.weightedTargets.reverse();
  assert.equal(sameSpec("Route", v1First, v2First), false);
});

test("canonical form: the egress filter App Mesh fills in counts as written", () => {
  assert.deepEqual(canonicalSpec("Mesh", {}), { egressFilter: { type: "DROP_ALL" } });
  assert.deepEqual(canonicalSpec("Mesh", undefined), { egressFilter: { type: "DROP_ALL" } });
  assert.equal(sameSpec("Mesh", {}, { egressFilter: { type: "DROP_ALL" } }), true);
  assert.equal(sameSpec("Mesh", { serviceDiscovery: { ipPreference: "IPv4_ONLY" } }, { egressFilter: { type: "DROP_ALL" }, serviceDiscovery: { ipPreference: "IPv4_ONLY" } }), true);
  assert.equal(sameSpec("Mesh", {}, { egressFilter: { type: "ALLOW_ALL" } }), false);
  // The default is the Mesh's own: other kinds gain nothing.
  assert.deepEqual(canonicalSpec("VirtualRouter", {}), {});
});

test("canonical form: members the schema does not know come last, sorted, at any depth", () => {
  const canonical = canonicalSpec("Route", { zeta: 1, httpRoute: { match: { prefix: "/" }, extra: { b: 1, a: { d: 2, c: 3 } } }, alpha: [{ y: 1, x: 2 }], priority: 1 });
  assert.deepEqual(Object.keys(canonical), ["priority", "httpRoute", "alpha", "zeta"]);
  const httpRoute = canonical.httpRoute as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(httpRoute), ["match", "extra"]);
  assert.deepEqual(Object.keys(httpRoute.extra), ["a", "b"]);
  assert.deepEqual(Object.keys(httpRoute.extra.a as object), ["c", "d"]);
  assert.deepEqual(Object.keys((canonical.alpha as object[])[0]), ["x", "y"]);
  assert.equal(sameSpec("Route", { priority: 1, zeta: 1, alpha: 2 }, { alpha: 2, priority: 1, zeta: 1 }), true);
});

test("canonical form: plain JSON, without values the source could not know", () => {
  const canonical = canonicalSpec("VirtualNode", { serviceDiscovery: { dns: { hostname: UNKNOWN } }, listeners: [{ portMapping: { port: 8080, protocol: "http" } }] });
  assert.deepEqual(canonical, { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: {} } });
});

// Every resource of the valid corpus, with every object's keys reversed, prints exactly as before
// in each dialect; and the API shape's keys follow the schema's member order.
// A placeholder tag value cannot be printed.
const printableCorpus = () => corpusResources().filter((r) => !r.tags?.some((t) => typeof t.value !== "string"));
const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
};

test("writers: output does not depend on the order the spec was written in", () => {
  const resources = printableCorpus();
  assert.ok(resources.length > 50, `${resources.length} resources`);
  const reversed = resources.map((r) => ({ ...r, spec: reversedKeys(r.spec) as Record<string, unknown> }));
  const changed = reversed.filter((r) => JSON.stringify(r.spec) !== JSON.stringify(resources[reversed.indexOf(r)].spec));
  assert.ok(changed.length > 50, "reversing keys changes most specs as written");
  resources.forEach((resource, i) => {
    assert.equal(toYaml([toApiShape(reversed[i])]), toYaml([toApiShape(resource)]), `API shape of ${resource.kind} ${String(resource.name)}`);
  });
  assert.equal(toYaml([toCloudFormation(reversed)]), toYaml([toCloudFormation(resources)]));
  assert.equal(toYaml(toKubernetes(reversed, "demo")), toYaml(toKubernetes(resources, "demo")));
});

test("writers: the API shape lists members in the schema's order", () => {
  const outOfOrder: string[] = [];
  const check = (value: unknown, shapeName: string, path: string) => {
    const shape = API_SHAPES[shapeName];
    if (!shape || value === null || typeof value !== "object") return;
    if (shape.type === "list" && Array.isArray(value)) value.forEach((item, i) => check(item, shape.member, `${path}.${i}`));
    if (shape.type !== "structure" && shape.type !== "union") return;
    const members = Object.keys((shape as StructureShape).members);
    const keys = Object.keys(value);
    const positions = keys.map((key) => (members.includes(key) ? members.indexOf(key) : members.length));
    if (positions.some((p, i) => i > 0 && p < positions[i - 1])) outOfOrder.push(`${path}: ${keys.join(", ")}`);
    for (const key of keys) {
      const target = (shape as StructureShape).members[key]?.target;
      if (target) check((value as Record<string, unknown>)[key], target, `${path}.${key}`);
    }
  };
  for (const resource of printableCorpus()) {
    const reversed = { ...resource, spec: reversedKeys(resource.spec) as Record<string, unknown> };
    check(toApiShape(reversed).spec, `${resource.kind}Spec`, `${resource.kind} ${String(resource.name)} spec`);
  }
  assert.deepEqual(outOfOrder, []);
});
