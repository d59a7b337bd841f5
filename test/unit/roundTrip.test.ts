// Live ↔ files round trip: live meshes of the sandbox (the demo meshes and a scale:200 mesh, loaded
// over HTTP as the views load them) saved as definition files in each dialect, read back by the
// model as the Definitions view reads a workspace, and compared resource by resource with the live
// mesh by canonical spec: no resource may be missing, extra or different, and no file may have a
// diagnostic. Also: names that are not valid Kubernetes object names, and account-specific ARNs.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse } from "yaml";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { AwsConnection } from "../../src/aws/connection";
import { LiveMeshLoader } from "../../src/live/liveMeshLoader";
import { canonicalSpec } from "../../src/model/normalize";
import { keyInMesh, type MeshResource, type ResourceKind } from "../../src/model/resources";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { meshAsFiles, type MeshFile, type MeshFileResource, type MeshFilesDialect, type MeshForFiles } from "../../src/model/writers/meshFiles";
import { applyEdits, specFromLive } from "../../src/model/writers/specFromLive";
import { Sandbox } from "../../src/sandbox/sandbox";

/** A YAML document of a manifest, read loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const DIALECTS: MeshFilesDialect[] = ["kubernetes", "cloudformation", "api"];

/** The first paths at which two JSON values differ, with both values. */
function differences(a: unknown, b: unknown, path = "spec", out: string[] = []): string[] {
  if (out.length >= 5) return out;
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  const isObj = (v: unknown) => v !== null && typeof v === "object";
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, out);
    return out;
  }
  out.push(`${path}: live ${JSON.stringify(a)}, files ${JSON.stringify(b)}`);
  return out;
}

/** A change of the kind live meshes see between a save and a look: weights moved, logging on or off, a timeout, a port. */
function changedSpec(resource: MeshFileResource): Record<string, unknown> {
  const spec = structuredClone(resource.spec) as Loose;
  const route = spec.httpRoute ?? spec.grpcRoute ?? spec.http2Route ?? spec.tcpRoute;
  if (resource.kind === "Route" && route) {
    const targets = route.action.weightedTargets as Loose[];
    if (targets.length >= 2) [targets[0].weight, targets[1].weight] = [targets[1].weight, targets[0].weight];
    else targets.push({ virtualNode: targets[0].virtualNode, weight: 0, ...(targets[0].port ? { port: targets[0].port } : {}) });
    if (!spec.tcpRoute) route.timeout = { ...route.timeout, perRequest: { unit: "ms", value: 12_345 } };
  }
  if (resource.kind === "VirtualNode") {
    if (spec.logging) delete spec.logging;
    else spec.logging = { accessLog: { file: { path: "/dev/stdout" } } };
  }
  if (resource.kind === "VirtualGateway" && spec.listeners?.[0]) spec.listeners[0].portMapping.port += 1;
  return spec;
}

/** Every way the resources read back from the files differ from the mesh: missing, extra or different. */
export function roundTripDifferences(mesh: MeshForFiles, read: MeshResource[], compareTags = true): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, MeshResource[]>();
  for (const r of read) {
    if (r.meshName !== mesh.name) {
      problems.push(`${r.kind} ${String(r.name)} (${r.uri}) is in mesh ${String(r.meshName)}, not ${mesh.name}`);
      continue;
    }
    const key = keyInMesh(r.kind, typeof r.parentName === "string" ? r.parentName : undefined, String(r.name));
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  for (const live of mesh.resources) {
    const key = keyInMesh(live.kind, live.parentName, live.name);
    const found = byKey.get(key) ?? [];
    byKey.delete(key);
    if (found.length !== 1) {
      problems.push(`${key}: ${found.length === 0 ? "missing from the files" : `defined ${found.length} times`}`);
      continue;
    }
    const [again] = found;
    const diff = differences(canonicalSpec(live.kind, live.spec), canonicalSpec(again.kind, again.spec));
    if (diff.length) problems.push(`${key} (${again.uri}): ${diff.join("; ")}`);
    const tags = (t: MeshFileResource["tags"]) => JSON.stringify(t ?? []);
    if (compareTags && tags(live.tags) !== tags(again.tags)) problems.push(`${key}: tags live ${tags(live.tags)}, files ${tags(again.tags)}`);
  }
  for (const key of byKey.keys()) problems.push(`${key}: in the files but not live`);
  return problems;
}

/** The files read into a workspace, as the Definitions view reads a folder; apply.sh is not a definition. */
export function readBack(files: MeshFile[], root: string): { index: WorkspaceIndex; uris: string[] } {
  const index = new WorkspaceIndex();
  const uris: string[] = [];
  for (const file of files) {
    if (file.kind === "script") continue;
    const uri = `${root}/${file.path}`;
    index.set(uri, file.text);
    uris.push(uri);
  }
  return { index, uris };
}

function assertRoundTrip(mesh: MeshForFiles, dialect: MeshFilesDialect, options: Parameters<typeof meshAsFiles>[2] = {}): MeshFile[] {
  const files = meshAsFiles(mesh, dialect, options);
  const { index, uris } = readBack(files, `file:///roundtrip/${mesh.name}/${dialect}`);
  // The controller's CRDs have no tags: the manifests say they are left out (tested below).
  const problems = roundTripDifferences(mesh, index.resources(), dialect !== "kubernetes");
  assert.deepEqual(problems, [], `${mesh.name} as ${dialect}: ${problems.length} difference(s):\n${problems.join("\n")}`);
  const diagnostics = uris.flatMap((uri) => index.diagnostics(uri).map((d) => `${uri.slice(uri.lastIndexOf("/") + 1)} ${d.severity} ${d.code}: ${d.message}`));
  assert.deepEqual(diagnostics, [], `${mesh.name} as ${dialect}: diagnostics`);
  return files;
}

const asInput = (name: string, live: Map<string, { kind: ResourceKind; name: string; parentName?: string; spec: Record<string, unknown> }>): MeshForFiles => ({
  name,
  resources: [...live.values()].map((d) => ({ kind: d.kind, name: d.name, ...(d.parentName !== undefined ? { parentName: d.parentName } : {}), spec: d.spec })),
});

describe("live meshes of the sandbox saved as files and read back", { timeout: 120_000 }, () => {
  const sandboxes: Sandbox[] = [];
  const connections: AwsConnection[] = [];
  const meshes: MeshForFiles[] = [];

  before(async () => {
    for (const [seed, names] of [
      ["demo", ["demo", "payments"]],
      ["scale:200", ["scale-200"]],
    ] as const) {
      const sandbox = await Sandbox.start({ seed, tickMs: 0 });
      sandboxes.push(sandbox);
      const connection = new AwsConnection({ endpoint: sandbox.url, region: "us-east-1" }, { credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" } });
      connections.push(connection);
      const loader = new LiveMeshLoader(new AppMeshAccess(connection));
      for (const name of names) meshes.push(asInput(name, (await loader.liveMesh(name))!));
    }
  });
  after(async () => {
    for (const connection of connections) connection.dispose();
    for (const sandbox of sandboxes) await sandbox.close();
  });

  test("the live meshes are what the seeds make", () => {
    const count = (name: string) => meshes.find((m) => m.name === name)!.resources.length;
    assert.equal(count("demo"), 17);
    assert.equal(count("scale-200"), 562, "1 mesh, 200 nodes, 240 services, 40 routers with a route each, a gateway with 40 routes");
  });

  for (const dialect of DIALECTS) {
    test(`${dialect}: every resource of each mesh reads back the same, with no diagnostics`, () => {
      for (const mesh of meshes) assertRoundTrip(mesh, dialect, { region: "us-east-1" });
    });
  }

  test("Kubernetes: one file per kind, namespace and awsName on every object, routes inline, gateway routes by selector", () => {
    const demo = meshes.find((m) => m.name === "demo")!;
    const files = meshAsFiles(demo, "kubernetes", { region: "us-east-1" });
    assert.deepEqual(
      files.map((f) => f.path),
      ["mesh.yaml", "virtual-nodes.yaml", "virtual-routers.yaml", "virtual-services.yaml", "virtual-gateways.yaml", "gateway-routes.yaml"],
    );
    assert.ok(files.every((f) => f.kind === "manifest" && f.text.startsWith('# App Mesh mesh "demo" (us-east-1), saved from the live mesh')));
    const docs = files.flatMap((f) => f.text.split(/^---$/m).map((t) => parse(t) as Loose));
    const appMesh = docs.filter((d) => d.apiVersion === "appmesh.k8s.aws/v1beta2");
    assert.equal(appMesh.length, 17 - 2, "routes are inline");
    for (const doc of appMesh) {
      assert.equal(typeof doc.spec.awsName, "string", `${doc.kind} ${doc.metadata.name} has awsName`);
      if (doc.kind !== "Mesh") assert.equal(doc.metadata.namespace, "demo");
      assert.match(doc.metadata.name, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
      assert.equal(doc.spec.meshRef, undefined, "meshRef is the controller's");
      assert.equal(doc.spec.virtualGatewayRef, undefined, "virtualGatewayRef is the controller's");
    }
    const namespace = docs.find((d) => d.kind === "Namespace")!;
    assert.deepEqual(namespace.metadata.labels.mesh, "demo");
    const router = appMesh.find((d) => d.kind === "VirtualRouter" && d.metadata.name === "color-router")!;
    assert.deepEqual(router.spec.routes[0].httpRoute.action.weightedTargets, [
      { virtualNodeRef: { name: "color-v1" }, weight: 90 },
      { virtualNodeRef: { name: "color-v2" }, weight: 10 },
    ]);
    assert.equal(router.spec.awsName, "color-router");
    const service = appMesh.find((d) => d.kind === "VirtualService" && d.spec.awsName === "color.demo.local")!;
    assert.deepEqual(service.spec.provider, { virtualRouter: { virtualRouterRef: { name: "color-router" } } });
    const gatewayRoute = appMesh.find((d) => d.kind === "GatewayRoute")!;
    assert.deepEqual(gatewayRoute.metadata.labels, { gateway: "ingress-gw" });
  });

  test("CloudFormation: one template, !GetAtt between resources, DependsOn only where no cycle", () => {
    const demo = meshes.find((m) => m.name === "demo")!;
    const [file, ...rest] = meshAsFiles(demo, "cloudformation");
    assert.equal(rest.length, 0);
    assert.equal(file.kind, "template");
    assert.match(file.text, /MeshName: !GetAtt Mesh\.MeshName/);
    assert.match(file.text, /VirtualRouterName: !GetAtt ColorRouterRouter\.VirtualRouterName/);
    assert.match(file.text, /VirtualNode: !GetAtt ColorV1Node\.VirtualNodeName/);
    assert.match(file.text, /VirtualServiceName: !GetAtt ColorDemoLocalService\.VirtualServiceName/);
    assert.match(file.text, /VirtualGatewayName: !GetAtt IngressGwGateway\.VirtualGatewayName/);
    assert.match(file.text, /FrontNode:\n {4}Type: AWS::AppMesh::VirtualNode\n {4}DependsOn:\n {6}- ColorDemoLocalService\n {6}- CatalogDemoLocalService/);
  });

  test("CLI input: one file per resource in the request shape, apply.sh in dependency order", () => {
    const demo = meshes.find((m) => m.name === "demo")!;
    const files = meshAsFiles(demo, "api", { region: "us-east-1", folder: "meshes/demo" });
    assert.equal(files.filter((f) => f.kind === "input").length, 17);
    const script = files.find((f) => f.kind === "script")!;
    assert.equal(script.path, "meshes/demo/apply.sh");
    assert.ok(files.some((f) => f.path === "meshes/demo/routes/color-router/color-canary.yaml"));
    const commands = script.text.split("\n").filter((l) => l.startsWith("aws appmesh"));
    assert.equal(commands.length, 17);
    const order = commands.map((c) => /create-([a-z-]+)/.exec(c)![1]);
    const rank = ["mesh", "virtual-node", "virtual-router", "route", "virtual-service", "virtual-gateway", "gateway-route"];
    assert.deepEqual(order, [...order].sort((a, b) => rank.indexOf(a) - rank.indexOf(b)), "dependency order");
    assert.match(commands[0], /^aws appmesh create-mesh --region "\$REGION" --cli-input-yaml 'file:\/\/mesh\/demo\.yaml' "\$@"$/);
    const node = parse(files.find((f) => f.path.endsWith("virtual-nodes/front.yaml"))!.text);
    assert.deepEqual(Object.keys(node), ["meshName", "virtualNodeName", "spec"]);
  });

  for (const dialect of DIALECTS) {
    test(`${dialect}: after the live mesh changed, Update File from Live on each resource brings the saved files to the new live mesh`, () => {
      const demo = meshes.find((m) => m.name === "demo")!;
      const changed: MeshForFiles = { name: demo.name, resources: demo.resources.map((r) => ({ ...r, spec: changedSpec(r) })) };
      const root = `file:///update/${dialect}`;
      const texts = new Map(meshAsFiles(demo, dialect, { region: "us-east-1" }).filter((f) => f.kind !== "script").map((f) => [`${root}/${f.path}`, f.text]));
      const indexOf = () => {
        const index = new WorkspaceIndex();
        for (const [uri, text] of texts) index.set(uri, text);
        return index;
      };
      let rewritten = 0;
      for (const live of changed.resources) {
        // As the language server does it: the workspace as it stands after the edits before this one.
        const all = indexOf().resources();
        const resource = all.find((r) => r.kind === live.kind && r.name === live.name && (r.parentName ?? undefined) === live.parentName);
        assert.ok(resource, `${live.kind} ${live.name} is in the files`);
        const others = all.filter((r) => r !== resource);
        const result = specFromLive(texts.get(resource.uri)!, resource, live.spec, { others, files: [...texts].map(([uri, text]) => ({ uri, text })) });
        assert.ok(!("refused" in result), `${live.kind} ${live.name}: ${"refused" in result ? result.refused : ""}`);
        if (result.edits.length) rewritten++;
        texts.set(resource.uri, applyEdits(texts.get(resource.uri)!, result.edits));
      }
      assert.ok(rewritten >= 8, `${rewritten} resources rewritten`);
      const index = indexOf();
      const problems = roundTripDifferences(changed, index.resources(), dialect !== "kubernetes");
      assert.deepEqual(problems, [], problems.join("\n"));
      const diagnostics = [...texts.keys()].flatMap((uri) => index.diagnostics(uri).filter((d) => d.severity === "error").map((d) => `${uri} ${d.code}: ${d.message}`));
      assert.deepEqual(diagnostics, []);
      // The files' own header comments survive every rewrite.
      assert.ok([...texts.values()].every((text) => text.startsWith("# ")));
    });
  }
});

describe("meshes the sandbox seeds do not have", () => {
  const arnMesh: MeshForFiles = {
    name: "Shop_Prod",
    meshOwner: "111122223333",
    resources: [
      { kind: "Mesh", name: "Shop_Prod", spec: { egressFilter: { type: "ALLOW_ALL" } }, tags: [{ key: "team", value: "shop" }] },
      {
        kind: "VirtualNode",
        name: "Cart_API",
        spec: {
          listeners: [
            {
              portMapping: { port: 8443, protocol: "http" },
              tls: { mode: "STRICT", certificate: { acm: { certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/0d3c1a2b-1111-2222-3333-444455556666" } } },
            },
          ],
          serviceDiscovery: { dns: { hostname: "cart.shop.svc.cluster.local" } },
          backends: [
            {
              virtualService: {
                virtualServiceName: "pay.shop.local",
                clientPolicy: {
                  tls: { validation: { trust: { acm: { certificateAuthorityArns: ["arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/aaaa-bbbb"] } } } },
                },
              },
            },
          ],
        },
      },
      { kind: "VirtualNode", name: "pay_shop", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: { hostname: "pay.shop.svc.cluster.local" } }, backends: [{ virtualService: { virtualServiceName: "cart.shop.local" } }] } },
      { kind: "VirtualNode", name: "PAY_shop", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: { hostname: "pay2.shop.svc.cluster.local" } } } },
      { kind: "VirtualService", name: "pay.shop.local", spec: { provider: { virtualNode: { virtualNodeName: "pay_shop" } } } },
      { kind: "VirtualService", name: "pay-router.shop.local", spec: { provider: { virtualRouter: { virtualRouterName: "Pay.Router" } } } },
      { kind: "VirtualService", name: "cart.shop.local", spec: { provider: { virtualNode: { virtualNodeName: "Cart_API" } } } },
      { kind: "VirtualRouter", name: "Pay.Router", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] } },
      {
        kind: "Route",
        name: "split",
        parentName: "Pay.Router",
        spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "pay_shop", weight: 60 }, { virtualNode: "PAY_shop", weight: 40 }] } } },
      },
    ],
  };

  for (const dialect of DIALECTS) {
    test(`${dialect}: names that are no Kubernetes object names, account ARNs, a shared mesh and tags read back the same`, () => {
      assertRoundTrip(arnMesh, dialect, { namespace: "shop" });
    });
  }

  test("CloudFormation: account-specific values are parameters with the live values as defaults", () => {
    const [file] = meshAsFiles(arnMesh, "cloudformation");
    const template = parse(file.text, { customTags: [{ tag: "!Ref", resolve: (v: string) => ({ Ref: v }) }, { tag: "!GetAtt", resolve: (v: string) => ({ GetAtt: v }) }] });
    assert.deepEqual(Object.keys(template.Parameters).sort(), ["AcmCertificateArn", "MeshOwner", "PrivateCaArn"]);
    assert.equal(template.Parameters.AcmCertificateArn.Default, "arn:aws:acm:us-east-1:111122223333:certificate/0d3c1a2b-1111-2222-3333-444455556666");
    assert.match(file.text, /CertificateArn: !Ref AcmCertificateArn/);
    assert.match(file.text, /- !Ref PrivateCaArn/);
    assert.match(file.text, /MeshOwner: !Ref MeshOwner/);
    assert.match(file.text, /Tags:\n {8}- Key: team\n {10}Value: shop/);
    // Nodes that call each other's services would make a cycle: only one of them waits for the other.
    const dependsOn = Object.values(template.Resources as Record<string, { DependsOn?: unknown }>).filter((r) => r.DependsOn);
    assert.equal(dependsOn.length, 1);
  });

  test("Kubernetes: invalid object names are derived, awsName kept, controller-made names lose their namespace suffix", () => {
    const files = meshAsFiles(arnMesh, "kubernetes", { namespace: "shop" });
    const docs = files.flatMap((f) => f.text.split(/^---$/m).map((t) => parse(t) as Loose)).filter((d) => d.kind === "VirtualNode" || d.kind === "VirtualRouter" || d.kind === "Mesh");
    assert.deepEqual(
      docs.map((d) => [d.kind, d.metadata.name, d.spec.awsName]),
      [
        ["Mesh", "shop-prod", "Shop_Prod"],
        ["VirtualNode", "cart-api", "Cart_API"],
        ["VirtualNode", "pay", "PAY_shop"],
        ["VirtualNode", "pay-2", "pay_shop"],
        ["VirtualRouter", "pay.router", "Pay.Router"],
      ],
    );
    assert.match(files[0].text, /^# Not expressible in the controller's manifests, left out: tags of Mesh Shop_Prod \(team=shop\)$/m);
  });
});
