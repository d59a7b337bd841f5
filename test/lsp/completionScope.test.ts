// Reference-name completions stay inside the mesh of the resource being edited, in a workspace of
// two meshes defined in separate files; for Kubernetes, names in the resource's own namespace
// sort first.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { CompletionItem, CompletionList } from "vscode-languageserver-protocol";
import { LspClient } from "./lspClient";
import { positionOf } from "./textPositions";

const serverPath = join(__dirname, "..", "..", "dist", "server.js");
const items = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : result?.items ?? []);
/** Labels in the order a client shows them: by sortText, then label. */
const shown = (result: CompletionItem[] | CompletionList | null) =>
  items(result)
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((i) => i.label);

const namespace = (name: string, mesh: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    mesh: ${mesh}
`;
const mesh = (name: string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: ${name}
spec:
  namespaceSelector:
    matchLabels:
      mesh: ${name}
`;
const node = (name: string, ns: string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  serviceDiscovery:
    dns:
      hostname: ${name}.${ns}.svc.cluster.local
`;

// Mesh alpha spans namespaces alpha and alpha-edge; mesh beta has namespace beta.
const ALPHA = [namespace("alpha", "alpha"), namespace("alpha-edge", "alpha"), mesh("alpha"), node("web", "alpha"), node("api", "alpha"), node("edge-proxy", "alpha-edge")].join("---\n");
const BETA = [namespace("beta", "beta"), mesh("beta"), node("billing", "beta"), node("ledger", "beta")].join("---\n");
const ROUTER = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: front
  namespace: alpha
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  routes:
    - name: all
      httpRoute:
        match:
          prefix: /
        action:
          weightedTargets:
            - virtualNodeRef:
                name: web
              weight: 100
`;

const apiNode = (meshName: string, name: string) =>
  JSON.stringify({ meshName, virtualNodeName: name, spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: { hostname: `${name}.local` } } } }, null, 2) + "\n";
const API_SERVICE = JSON.stringify({ meshName: "alpha", virtualServiceName: "orders.local", spec: { provider: { virtualNode: { virtualNodeName: "orders" } } } }, null, 2) + "\n";

describe("reference completions in a workspace of two meshes", { timeout: 30_000 }, () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ command: process.execPath, args: [serverPath, "--stdio"] });
    const files: [string, string][] = [
      ["file:///ws/k8s/alpha.yaml", ALPHA],
      ["file:///ws/k8s/beta.yaml", BETA],
      ["file:///ws/api/orders.json", apiNode("alpha", "orders")],
      ["file:///ws/api/invoices.json", apiNode("beta", "invoices")],
    ];
    for (const [uri, text] of files) {
      const published = client.nextDiagnostics(uri);
      await client.open(uri, text);
      assert.deepEqual(await published, [], `${uri} is valid`);
    }
  });
  after(async () => client?.stop());

  test("Kubernetes: only the mesh's nodes, its own namespace's first", async () => {
    const uri = "file:///ws/k8s/router.yaml";
    const published = client.nextDiagnostics(uri);
    await client.open(uri, ROUTER);
    assert.deepEqual(await published, [], "the router joins mesh alpha through its namespace");
    const result = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: positionOf(ROUTER, "name: web", 6) });
    assert.deepEqual(shown(result), ["api", "web", "edge-proxy"], "billing and ledger are in mesh beta");
    assert.match(String(items(result).find((i) => i.label === "edge-proxy")?.detail), /alpha-edge/);
  });

  test("CLI input: only names defined for the resource's mesh", async () => {
    const uri = "file:///ws/api/service.json";
    await client.open(uri, API_SERVICE);
    const names = items(await client.request("textDocument/completion", { textDocument: { uri }, position: positionOf(API_SERVICE, '"orders"', 1) })).map((i) => i.label);
    assert.deepEqual(names, ["orders"], "invoices is in mesh beta");
  });
});
