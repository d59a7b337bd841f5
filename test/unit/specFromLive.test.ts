// Update File from Live in the model: the edits that make one definition hold the live spec, in
// each dialect, touching only the members that differ. Every case reads the edited text back with a
// fresh index (as the language server would) and compares it with live; comments, other resources
// and values that cannot be known (placeholders, intrinsic functions) stay as written.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sameSpec } from "../../src/model/normalize";
import type { MeshResource } from "../../src/model/resources";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { applyEdits, specFromLive } from "../../src/model/writers/specFromLive";

type Files = Record<string, string>;

function read(files: Files): MeshResource[] {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.set(`file:///ws/${name}`, text);
  return index.resources();
}

/** Runs the rewrite of `kind name` in `file` to the spec `change` makes of its current one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec edited freely, as a live change would
function update(files: Files, file: string, kind: string, name: string, change: (spec: any) => void) {
  const all = read(files);
  const resource = all.find((r) => r.uri === `file:///ws/${file}` && r.kind === kind && r.name === name);
  assert.ok(resource, `${kind} ${name} in ${file}`);
  const live = structuredClone(JSON.parse(JSON.stringify(resource.spec)));
  change(live);
  const others = all.filter((r) => r !== resource && r.meshName === resource.meshName);
  const context = { others, files: Object.entries(files).map(([n, text]) => ({ uri: `file:///ws/${n}`, text })) };
  const result = specFromLive(files[file], resource, live, context);
  if ("refused" in result) return { refused: result.refused, after: files[file], live };
  const after = applyEdits(files[file], result.edits);
  // Read back independently: the resource holds the live spec, every other one is as it was.
  const reread = read({ ...files, [file]: after });
  const mine = reread.find((r) => r.uri === resource.uri && r.kind === kind && r.name === name);
  assert.ok(mine && sameSpec(resource.kind, mine.spec, live), `reads back as live:\n${after}`);
  for (const other of all.filter((r) => r.uri === resource.uri && r !== resource)) {
    const kept = reread.find((r) => r.uri === other.uri && r.kind === other.kind && r.name === other.name && r.parentName === other.parentName);
    assert.ok(kept && sameSpec(other.kind, kept.spec, other.spec), `${other.kind} ${String(other.name)} unchanged`);
  }
  return { after, changes: result.changes.map((c) => c.path), edits: result.edits, live };
}

const API_ROUTE = `# The canary route: weights are moved by the release pipeline.
meshName: demo
virtualRouterName: color-router
routeName: color-canary
spec:
  priority: 10
  httpRoute:
    match:
      prefix: /
    action:
      weightedTargets:
        - virtualNode: color-v1 # stable
          weight: 50
        - virtualNode: color-v2
          weight: 50
    # Retry 5xx twice.
    retryPolicy:
      httpRetryEvents:
        - server-error
        - gateway-error
      maxRetries: 2
      perRetryTimeout: { unit: s, value: 2 }
---
meshName: demo
virtualRouterName: color-router
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
`;

describe("Update File from Live (model)", () => {
  test("a changed weight rewrites only that number; comments and the rest of the file stay", () => {
    const r = update({ "color.yaml": API_ROUTE }, "color.yaml", "Route", "color-canary", (s) => {
      s.httpRoute.action.weightedTargets[0].weight = 90;
      s.httpRoute.action.weightedTargets[1].weight = 10;
    });
    assert.ok(r.after && r.changes);
    assert.deepEqual(r.changes, ["httpRoute.action.weightedTargets[0].weight", "httpRoute.action.weightedTargets[1].weight"]);
    assert.equal(r.edits!.length, 2);
    assert.equal(r.after, API_ROUTE.replace("weight: 50\n        - virtualNode: color-v2\n          weight: 50", "weight: 90\n        - virtualNode: color-v2\n          weight: 10"));
    assert.match(r.after, /color-v1 # stable/);
  });

  test("members added and removed go in and out by their lines, at the file's indentation", () => {
    const r = update({ "color.yaml": API_ROUTE }, "color.yaml", "Route", "color-canary", (s) => {
      s.httpRoute.timeout = { perRequest: { unit: "ms", value: 15000 } };
      delete s.httpRoute.retryPolicy.maxRetries;
      s.httpRoute.retryPolicy.httpRetryEvents.pop();
    });
    assert.ok(r.after);
    assert.doesNotMatch(r.after, /maxRetries/);
    assert.doesNotMatch(r.after, /gateway-error/);
    assert.match(r.after, /\n {4}timeout:\n {6}perRequest:\n {8}(unit: ms\n {8}value: 15000|value: 15000\n {8}unit: ms)\n/);
    assert.match(r.after, /# Retry 5xx twice\./);
    assert.match(r.after, /perRetryTimeout: \{ unit: s, value: 2 \}/, "a flow map nobody changed keeps its style");
  });

  test("an item added at the end of a list is appended as one more '- ' item", () => {
    const r = update({ "color.yaml": API_ROUTE }, "color.yaml", "Route", "color-canary", (s) => {
      s.httpRoute.action.weightedTargets.push({ virtualNode: "color-v3", weight: 0 });
    });
    assert.ok(r.after);
    assert.match(r.after, / {10}weight: 50\n {8}- virtualNode: color-v3\n {10}weight: 0\n {4}# Retry/);
  });

  test("a change inside a flow map rewrites the map", () => {
    const r = update({ "color.yaml": API_ROUTE }, "color.yaml", "Route", "color-canary", (s) => {
      s.httpRoute.retryPolicy.perRetryTimeout = { unit: "ms", value: 500 };
    });
    assert.ok(r.after);
    assert.doesNotMatch(r.after, /unit: s, value: 2/);
  });

  test("the same spec gives no edits", () => {
    const r = update({ "color.yaml": API_ROUTE }, "color.yaml", "Route", "color-canary", () => undefined);
    assert.deepEqual(r.edits, []);
  });

  test("Kubernetes: references are written as the workspace names its objects, controller fields stay", () => {
    const files = {
      "nodes.yaml": `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: blue
  namespace: color-app
spec:
  podSelector:
    matchLabels:
      app: color
      version: blue
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  serviceDiscovery:
    dns:
      hostname: color-blue.color-app.svc.cluster.local
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: white
  namespace: color-app
spec:
  podSelector:
    matchLabels:
      app: color
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  serviceDiscovery:
    dns:
      hostname: color-white.color-app.svc.cluster.local
`,
      "service.yaml": `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata:
  name: color
  namespace: color-app
spec:
  awsName: color.color-app.svc.cluster.local
  provider:
    virtualRouter:
      virtualRouterRef:
        name: color-router
`,
      "router.yaml": `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: color-router
  namespace: color-app
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  routes:
    - name: color-route
      httpRoute:
        match:
          prefix: /
        action:
          weightedTargets:
            - virtualNodeRef:
                name: blue
              weight: 1
`,
    };
    const r = update(files, "router.yaml", "Route", "color-route", (s) => {
      s.httpRoute.action.weightedTargets.push({ virtualNode: "white_color-app", weight: 1 });
      s.httpRoute.match.prefix = "/color";
    });
    assert.ok(r.after);
    assert.match(r.after, / {12}- virtualNodeRef:\n {16}name: white\n {14}weight: 1\n/);
    assert.match(r.after, /prefix: \/color/);
    const node = update(files, "nodes.yaml", "VirtualNode", "blue_color-app", (s) => {
      s.backends = [{ virtualService: { virtualServiceName: "color.color-app.svc.cluster.local" } }];
    });
    assert.ok(node.after);
    assert.match(node.after, /podSelector:\n {4}matchLabels:\n {6}app: color\n {6}version: blue/);
    assert.match(node.after, / {2}backends:\n {4}- virtualService:\n {8}virtualServiceRef:\n {10}name: color\n/);
  });

  test("CloudFormation: weights change under !GetAtt targets, which stay; an intrinsic that would be overwritten is refused", () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  MeshName:
    Type: String
Resources:
  BlueNode:
    Type: AWS::AppMesh::VirtualNode
    Properties:
      MeshName: !Ref MeshName
      VirtualNodeName: blue
      Spec:
        Listeners:
          - PortMapping: { Port: 80, Protocol: http }
        ServiceDiscovery:
          DNS:
            Hostname: !Sub "blue.\${AWS::Region}.local"
  RedNode:
    Type: AWS::AppMesh::VirtualNode
    Properties:
      MeshName: !Ref MeshName
      VirtualNodeName: red
      Spec:
        Listeners:
          - PortMapping: { Port: 80, Protocol: http }
        ServiceDiscovery:
          DNS:
            Hostname: red.local
  Router:
    Type: AWS::AppMesh::VirtualRouter
    Properties:
      MeshName: !Ref MeshName
      VirtualRouterName: router
      Spec:
        Listeners:
          - PortMapping: { Port: 80, Protocol: http }
  Route:
    Type: AWS::AppMesh::Route
    Properties:
      MeshName: !Ref MeshName
      VirtualRouterName: !GetAtt Router.VirtualRouterName
      RouteName: route
      Spec:
        HttpRoute:
          Match:
            Prefix: /
          Action:
            WeightedTargets:
              - VirtualNode: !GetAtt BlueNode.VirtualNodeName
                Weight: 60
              - VirtualNode: !GetAtt RedNode.VirtualNodeName
                Weight: 40
`;
    const all = read({ "template.yaml": template });
    const route = all.find((r) => r.kind === "Route")!;
    const r = update({ "template.yaml": template }, "template.yaml", "Route", "route", (s) => {
      s.httpRoute.action.weightedTargets[0].weight = 100;
      s.httpRoute.action.weightedTargets.pop();
    });
    assert.ok(r.after, JSON.stringify(route.spec));
    assert.match(r.after, /- VirtualNode: !GetAtt BlueNode.VirtualNodeName\n {16}Weight: 100\n(?! *- VirtualNode)/);
    assert.doesNotMatch(r.after, /RedNode.VirtualNodeName/);
    const refused = update({ "template.yaml": template }, "template.yaml", "VirtualNode", "blue", (s) => {
      s.serviceDiscovery.dns.hostname = "blue.us-east-1.local";
    });
    assert.match(refused.refused ?? "", /serviceDiscovery\.dns\.hostname .*intrinsic function \(!Sub/);
  });

  test("API JSON: a member is added after the last one with its comma; a placeholder is never overwritten", () => {
    const json = `{
  "meshName": "demo",
  "virtualNodeName": "blue",
  "spec": {
    "listeners": [
      {
        "portMapping": { "port": 8080, "protocol": "http" },
        "tls": { "mode": "STRICT", "certificate": { "acm": { "certificateArn": "\${CERT_ARN}" } } }
      }
    ],
    "serviceDiscovery": { "dns": { "hostname": "blue.local" } }
  }
}
`;
    const r = update({ "blue.json": json }, "blue.json", "VirtualNode", "blue", (s) => {
      s.backends = [{ virtualService: { virtualServiceName: "color.local" } }];
      s.listeners[0].portMapping.port = 9090;
    });
    assert.ok(r.after);
    JSON.parse(r.after.replace("${CERT_ARN}", "x"));
    assert.match(r.after, /"\$\{CERT_ARN\}"/);
    assert.match(r.after, /"serviceDiscovery": \{ "dns": \{ "hostname": "blue.local" \} \},\n {4}"backends": \[/);
    const refused = update({ "blue.json": json }, "blue.json", "VirtualNode", "blue", (s) => {
      s.listeners[0].tls.certificate.acm.certificateArn = "arn:aws:acm:us-east-1:111122223333:certificate/abc";
    });
    assert.match(refused.refused ?? "", /placeholder \(.*CERT_ARN/);
  });
});
