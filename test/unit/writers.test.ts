// The model's writers: every resource of the valid corpus, written back out in each dialect and
// read again, keeps its kind, names and spec, and the output validates cleanly; a lone route still
// comes out as Kubernetes, inside a manifest of its router.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDefinitions } from "../../src/model/parseDefinitions";
import { isKnown, UNKNOWN, type MeshResource } from "../../src/model/resources";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { resourceFromApi, toApiShape, toCloudFormation, toKubernetes, toYaml } from "../../src/model/writers/writers";
import { corpusResources } from "./corpusResources";

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

// The explorer's "Show Details as Kubernetes" writes one live resource at a time.
const colorRoute = (name: string, priority: number, weights: [number, number]) =>
  resourceFromApi({
    kind: "Route",
    meshName: "demo",
    parentName: "color-router",
    name,
    spec: {
      priority,
      httpRoute: {
        match: { prefix: "/" },
        action: { weightedTargets: [{ virtualNode: "color-v1", weight: weights[0] }, { virtualNode: "color-v2", weight: weights[1] }] },
      },
    },
  });
const colorRouter = resourceFromApi({ kind: "VirtualRouter", meshName: "demo", name: "color-router", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] } });
type Manifest = { kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> & { routes?: Record<string, unknown>[] } };

test("Kubernetes: a lone route is written inside a VirtualRouter manifest of its own router", () => {
  const manifests = toKubernetes([colorRoute("color-canary", 10, [90, 10])], "demo") as Manifest[];
  assert.equal(manifests.length, 1);
  const [router] = manifests;
  assert.equal(router.kind, "VirtualRouter");
  assert.deepEqual(router.metadata, { name: "color-router", namespace: "demo" });
  // The router's App Mesh name is not the controller's default (color-router_demo), so it is kept.
  assert.equal(router.spec.awsName, "color-router");
  assert.equal(router.spec.listeners, undefined, "no listeners are made up");
  assert.equal(router.spec.routes?.length, 1);
  assert.deepEqual(router.spec.routes![0], {
    name: "color-canary",
    priority: 10,
    httpRoute: {
      match: { prefix: "/" },
      action: { weightedTargets: [{ virtualNodeRef: { name: "color-v1" }, weight: 90 }, { virtualNodeRef: { name: "color-v2" }, weight: 10 }] },
    },
  });

  // Read back, it is the same route of the same router.
  const [, route] = parseDefinitions("file:///route.yaml", toYaml(manifests)).resources;
  assert.deepEqual([route.kind, route.name, route.parentName], ["Route", "color-canary", "color-router"]);
});

test("Kubernetes: a router with its routes holds them inline, in order; routes of an absent router share one manifest", () => {
  const routes = [colorRoute("color-canary", 10, [90, 10]), colorRoute("color-fallback", 20, [100, 0])];
  const withRouter = toKubernetes([colorRouter, ...routes], "demo") as Manifest[];
  assert.equal(withRouter.length, 1);
  assert.deepEqual(Object.keys(withRouter[0].spec), ["awsName", "listeners", "routes"]);
  assert.deepEqual(withRouter[0].spec.routes?.map((r) => r.name), ["color-canary", "color-fallback"]);

  const routesOnly = toKubernetes(routes, "demo") as Manifest[];
  assert.equal(routesOnly.length, 1);
  assert.deepEqual(routesOnly[0].spec.routes?.map((r) => r.name), ["color-canary", "color-fallback"]);

  const otherRouter = resourceFromApi({ kind: "Route", meshName: "demo", parentName: "inventory-router", name: "inventory-grpc", spec: { grpcRoute: { match: { serviceName: "inventory.Inventory" }, action: { weightedTargets: [{ virtualNode: "inventory", weight: 100 }] } } } });
  const mixed = toKubernetes([routes[0], otherRouter, colorRouter, routes[1]], "demo") as Manifest[];
  assert.deepEqual(mixed.map((m) => [m.metadata.name, m.spec.routes?.map((r) => r.name)]), [["inventory-router", ["inventory-grpc"]], ["color-router", ["color-canary", "color-fallback"]]]);
});

test("Kubernetes: a route read from manifests keeps its router's object name and namespace", () => {
  const text = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata: { name: color, namespace: shop }
spec:
  listeners: [{ portMapping: { port: 8080, protocol: http } }]
  routes:
    - name: canary
      httpRoute:
        match: { prefix: / }
        action: { weightedTargets: [{ virtualNodeRef: { name: color-v1 }, weight: 100 }] }
`;
  const route = parseDefinitions("file:///router.yaml", text).resources.find((r) => r.kind === "Route")!;
  const [router] = toKubernetes([route]) as Manifest[];
  assert.deepEqual(router.metadata, { name: "color", namespace: "shop" });
  assert.equal(router.spec.awsName, undefined, "color_shop is the controller's default name");
  assert.deepEqual(router.spec.routes?.map((r) => r.name), ["canary"]);
});
