// The language server as any LSP client sees it: `node dist/server.js --stdio`, no initialization
// options. Diagnostics, completions, hover, navigation, rename, quick fixes and formatting per dialect.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CodeAction, Diagnostic, Hover, Location, TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { LiveSnapshotNotification } from "../../src/protocol/messages";
import { completionItems as items, completionLabels as labels, LspClient } from "./lspClient";
import { positionOf } from "./textPositions";
import { k8sMesh, k8sVirtualNode, k8sVirtualRouter } from "./workspaceFixture";

/** Mesh shop with nodes cart-v1 (selecting pods of app cart) and cart-v2. */
const NODES = [k8sMesh("shop"), k8sVirtualNode("cart-v1", "shop", { app: "cart" }), k8sVirtualNode("cart-v2", "shop")].join("---\n");
const ROUTER = k8sVirtualRouter("cart", "shop", [{ name: "cart-split", prefix: "/", targets: [["cart-v1", 90], ["cart-v2", 10]] }]);

describe("language server over stdio", { timeout: 60_000 }, () => {
  let client: LspClient;
  const nodesUri = "file:///ws/shop/nodes.yaml";
  const routerUri = "file:///ws/shop/router.yaml";

  before(async () => {
    client = await LspClient.startServer();
    await client.openForDiagnostics(nodesUri, NODES);
    assert.deepEqual(await client.openForDiagnostics(routerUri, ROUTER), [], "a valid router whose targets live in another file has no diagnostics");
  });

  after(async () => client?.stop());

  test("Kubernetes: schema errors carry message, range, code and source", async () => {
    const uri = "file:///ws/shop/broken.appmesh.yaml";
    const text = NODES.split("---")[1].replace("port: 8080", "port: 70000").replace("protocol: http", "protocol: htp").replace("hostname:", "hostName:");
    const diagnostics = await client.openForDiagnostics(uri, text.trimStart());
    const brief = diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.source, d.severity]);
    assert.deepEqual(brief, [
      ["range", 11, 14, 19, "appmesh", 1],
      ["enum", 12, 18, 21, "appmesh", 1],
      ["unknown-key", 15, 6, 14, "appmesh", 1],
    ]);
    assert.equal(diagnostics[0].message, "70000 is out of range: must be between 1 and 65535.");
    assert.match(String(diagnostics[1].message), /Did you mean "http"\?/);
    assert.equal(diagnostics[2].message, 'Unknown field "hostName". Did you mean "hostname"?');
    await client.close(uri);
  });

  test("CloudFormation: names in the dialect's own spelling, intrinsics accepted", async () => {
    const uri = "file:///ws/cfn/template.yaml";
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  MeshName:
    Type: String
Resources:
  Node:
    Type: AWS::AppMesh::VirtualNode
    Properties:
      MeshName: !Ref MeshName
      VirtualNodeName: !Sub "\${MeshName}-node"
      Spec:
        Listeners:
          - PortMapping:
              Port: 8080
              Protocol: http
        ServiceDiscovery:
          Dns:
            Hostname: node.local
`;
    const diagnostics = await client.openForDiagnostics(uri, text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [["unknown-key", 16]]);
    assert.equal(diagnostics[0].message, 'Unknown field "Dns". Did you mean "DNS"?');
  });

  test("CLI input JSON: placeholders are information, the rest is still checked", async () => {
    const uri = "file:///ws/api/node.json";
    const text = `{
  "meshName": "\${MESH_NAME}",
  "virtualNodeName": "orders",
  "spec": {
    "listeners": [{ "portMapping": { "port": 8080, "protocol": "http" } }],
    "serviceDiscovery": { "dns": { "hostname": $DNS_HOSTNAME, "responseType": "ROUND_ROBIN" } }
  }
}
`;
    const diagnostics = await client.openForDiagnostics(uri, text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line]), [
      ["placeholder", 3, 1],
      ["placeholder", 3, 5],
      ["enum", 1, 5],
    ]);
  });

  test("other YAML is left alone", async () => {
    const uri = "file:///ws/k8s/deployment.yaml";
    await client.open(uri, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n");
    const symbols = await client.request<unknown[]>("textDocument/documentSymbol", { textDocument: { uri } });
    assert.deepEqual(symbols, []);
    assert.equal(client.diagnostics.get(uri), undefined, "no diagnostics are published for a Deployment");
  });

  test("completion: keys at the cursor, enum values, names from other files, listener ports", async () => {
    const uri = "file:///ws/shop/new-node.yaml";
    const text = NODES.split("---")[2].trimStart().replace(/cart-v2/g, "cart-v3").replace("        protocol: http\n", "        protocol: \n      \n");
    await client.open(uri, text);
    assert.deepEqual(labels(await client.request("textDocument/completion", { textDocument: { uri }, position: positionOf(text, "protocol: ", 10) })), ["http", "tcp", "http2", "grpc"]);
    const keys = labels(await client.request("textDocument/completion", { textDocument: { uri }, position: positionOf(text, "protocol: \n", 17) }));
    assert.ok(keys.includes("healthCheck") && keys.includes("tls"), "keys of a listener are offered");
    assert.ok(!keys.includes("portMapping"), "keys already present are not offered again");

    const refPosition = positionOf(ROUTER, "name: cart-v1", 6);
    const names = labels(await client.request("textDocument/completion", { textDocument: { uri: routerUri }, position: refPosition }));
    assert.deepEqual([...names].sort(), ["cart-v1", "cart-v2", "cart-v3"], "Kubernetes names from every open and indexed file");

    const withPort = ROUTER.replace(/name: cart\b/, "name: cart-ports").replace("name: cart-split", "name: split").replace("              weight: 10\n", "              weight: 10\n              port: \n");
    const portsUri = "file:///ws/shop/ports.yaml";
    await client.open(portsUri, withPort);
    const ports = items(await client.request("textDocument/completion", { textDocument: { uri: portsUri }, position: positionOf(withPort, "port: \n", 6) }));
    assert.deepEqual(ports.map((i) => [i.label, i.detail]), [["8080", "listener 1 (http)"]], "the target node's listener ports");
    await client.close(portsUri);

    const listenerKeys = items(await client.request("textDocument/completion", { textDocument: { uri }, position: positionOf(text, "protocol: \n", 17) }));
    const healthCheck = listenerKeys.find((i) => i.label === "healthCheck");
    assert.ok(healthCheck, "listener keys are offered");
    for (const required of ["protocol", "healthyThreshold", "unhealthyThreshold", "timeoutMillis", "intervalMillis"]) {
      assert.match(String(healthCheck.insertText), new RegExp(`\\n  ${required}: \\$\\{\\d\\}`), `the snippet holds required ${required}`);
    }
  });

  test("completion in an empty document offers a skeleton per kind", async () => {
    const uri = "file:///ws/shop/empty.appmesh.yaml";
    await client.open(uri, "");
    const result = items(await client.request("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 0 } }));
    const kubernetes = result.filter((i) => String(i.label).endsWith("(Kubernetes)")).map((i) => i.label);
    assert.deepEqual(kubernetes, ["Mesh (Kubernetes)", "VirtualNode (Kubernetes)", "VirtualService (Kubernetes)", "VirtualRouter (Kubernetes)", "VirtualGateway (Kubernetes)", "GatewayRoute (Kubernetes)"]);
    assert.match(String(result.find((i) => i.label === "VirtualNode (Kubernetes)")?.insertText), /kind: VirtualNode/);
  });

  test("hover: field description with type; on a reference, what it points to", async () => {
    const field = await client.request<Hover>("textDocument/hover", { textDocument: { uri: nodesUri }, position: positionOf(NODES, "hostname:", 2) });
    assert.match(JSON.stringify(field.contents), /\*\*hostname\*\* \(required\)/);
    const reference = await client.request<Hover>("textDocument/hover", { textDocument: { uri: routerUri }, position: positionOf(ROUTER, "cart-v2", 2) });
    const value = (reference.contents as { value: string }).value;
    assert.match(value, /\*\*VirtualNode\*\* `cart-v2`/);
    assert.match(value, /listeners: 8080\/http/);
    assert.match(value, /nodes\.yaml/);
  });

  test("definition and references cross files", async () => {
    const location = await client.request<Location>("textDocument/definition", { textDocument: { uri: routerUri }, position: positionOf(ROUTER, "cart-v2", 1) });
    assert.equal(location.uri, nodesUri);
    assert.deepEqual(location.range.start, positionOf(NODES, "name: cart-v2", 6));
    const refs = await client.request<Location[]>("textDocument/references", {
      textDocument: { uri: nodesUri },
      position: positionOf(NODES, "name: cart-v1", 7),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(refs.map((r) => [r.uri, r.range.start.line]), [
      [nodesUri, 12],
      [routerUri, 18],
    ]);
  });

  test("rename a node across files", async () => {
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri: routerUri }, position: positionOf(ROUTER, "cart-v1", 2), newName: "cart-blue" });
    const changes = edit.changes!;
    assert.deepEqual(Object.keys(changes).sort(), [nodesUri, routerUri].sort());
    assert.deepEqual(changes[nodesUri].map((e: TextEdit) => [e.range.start, e.newText]), [[positionOf(NODES, "name: cart-v1", 6), "cart-blue"]]);
    assert.deepEqual(changes[routerUri].map((e: TextEdit) => [e.range.start, e.newText]), [[positionOf(ROUTER, "name: cart-v1", 6), "cart-blue"]]);
  });

  test("quick fixes: did-you-mean, normalise weights, add a required field, upgrade v1beta1", async () => {
    const uri = "file:///ws/shop/fixes.yaml";
    const text = ROUTER.replace("weight: 90", "weight: 120").replace("prefix: /", "prefx: /").replace("        port: 8080\n", "");
    const diagnostics = await client.openForDiagnostics(uri, text);
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
    const byTitle = Object.fromEntries(actions.map((a) => [a.title, a.edit!.changes![uri]]));
    assert.deepEqual(byTitle['Change to "prefix"']?.map((e) => e.newText), ["prefix"]);
    assert.deepEqual(byTitle["Scale the weights to add up to 100"]?.map((e) => e.newText), ["92", "8"]);
    assert.deepEqual(byTitle['Add "port"']?.map((e) => e.newText), ["\n        port: "]);

    const legacyUri = "file:///ws/shop/legacy.yaml";
    const [warning] = await client.openForDiagnostics(legacyUri, "apiVersion: appmesh.k8s.aws/v1beta1\nkind: VirtualNode\nmetadata:\n  name: old\n");
    assert.equal(warning.severity, 2);
    const upgrade = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: legacyUri }, range: warning.range, context: { diagnostics: [warning] } });
    assert.deepEqual(upgrade.map((a) => [a.title, a.edit!.changes![legacyUri][0].newText]), [["Upgrade to appmesh.k8s.aws/v1beta2", "appmesh.k8s.aws/v1beta2"]]);
  });

  test("a live snapshot resolves references that the workspace does not define", async () => {
    const uri = "file:///ws/shop/service.yaml";
    const text = "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualService\nmetadata:\n  name: payments\n  namespace: shop\nspec:\n  provider:\n    virtualRouter:\n      virtualRouterRef:\n        name: payments\n";
    assert.deepEqual((await client.openForDiagnostics(uri, text)).map((d: Diagnostic) => d.code), ["unresolved-reference"]);
    const cleared = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.connection.sendNotification(LiveSnapshotNotification, { sources: [{ region: "us-east-1", meshes: { shop: { VirtualRouter: ["payments_shop"] } } }] });
    assert.deepEqual(await cleared, []);
  });

  test("formatting keeps comments", async () => {
    const uri = "file:///ws/shop/format.appmesh.yaml";
    const text = "# the mesh\napiVersion:   appmesh.k8s.aws/v1beta2\nkind: Mesh   # kind comment\nmetadata:\n    name: m\n";
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, "# the mesh\napiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh # kind comment\nmetadata:\n  name: m\n");
  });
});
