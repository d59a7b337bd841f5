// Reference-name completions stay inside the mesh of the resource being edited, in a workspace of
// two meshes defined in separate files; for Kubernetes, names in the resource's own namespace
// sort first.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CompletionItem, CompletionList } from "vscode-languageserver-protocol";
import { completionItems as items, LspClient } from "./lspClient";
import { positionOf } from "./textPositions";
import { apiVirtualNode, k8sMesh, k8sNamespace, k8sVirtualNode, k8sVirtualRouter } from "./workspaceFixture";

/** Labels in the order a client shows them: by sortText, then label. */
const shown = (result: CompletionItem[] | CompletionList | null) =>
  items(result)
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((i) => i.label);

// Mesh alpha spans namespaces alpha and alpha-edge; mesh beta has namespace beta.
const ALPHA = [k8sNamespace("alpha", "alpha"), k8sNamespace("alpha-edge", "alpha"), k8sMesh("alpha"), k8sVirtualNode("web", "alpha"), k8sVirtualNode("api", "alpha"), k8sVirtualNode("edge-proxy", "alpha-edge")].join("---\n");
const BETA = [k8sNamespace("beta", "beta"), k8sMesh("beta"), k8sVirtualNode("billing", "beta"), k8sVirtualNode("ledger", "beta")].join("---\n");
const ROUTER = k8sVirtualRouter("front", "alpha", [{ name: "all", prefix: "/", targets: [["web", 100]] }]);

const API_SERVICE = JSON.stringify({ meshName: "alpha", virtualServiceName: "orders.local", spec: { provider: { virtualNode: { virtualNodeName: "orders" } } } }, null, 2) + "\n";

describe("reference completions in a workspace of two meshes", { timeout: 30_000 }, () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.startServer();
    const files: [string, string][] = [
      ["file:///ws/k8s/alpha.yaml", ALPHA],
      ["file:///ws/k8s/beta.yaml", BETA],
      ["file:///ws/api/orders.json", apiVirtualNode("alpha", "orders")],
      ["file:///ws/api/invoices.json", apiVirtualNode("beta", "invoices")],
    ];
    for (const [uri, text] of files) {
      assert.deepEqual(await client.openForDiagnostics(uri, text), [], `${uri} is valid`);
    }
  });
  after(async () => client?.stop());

  test("Kubernetes: only the mesh's nodes, its own namespace's first", async () => {
    const uri = "file:///ws/k8s/router.yaml";
    assert.deepEqual(await client.openForDiagnostics(uri, ROUTER), [], "the router joins mesh alpha through its namespace");
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
