// The live snapshot is keyed by region: the same mesh name in two regions no longer collides. A
// name is live when any region's mesh of that name lists it; names of other meshes never count.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { CodeAction, CompletionItem, CompletionList, Diagnostic } from "vscode-languageserver-protocol";
import { isLiveMesh, liveMeshNames, liveNames, type LiveSnapshot } from "../../src/model/workspaceIndex";
import { LiveSnapshotNotification } from "../../src/protocol/messages";
import { LspClient } from "./lspClient";
import { positionOf } from "./textPositions";

const serverPath = join(__dirname, "..", "..", "dist", "server.js");
const labels = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : result?.items ?? []).map((i) => i.label);

/** "shop" exists in two regions with different nodes; "other" only in eu-west-1. */
const SNAPSHOT: LiveSnapshot = {
  sources: [
    { region: "us-east-1", meshes: { shop: { VirtualNode: ["east-only", "both"], VirtualRouter: ["cart"] } } },
    { region: "eu-west-1", meshes: { shop: { VirtualNode: ["west-only", "both"] }, other: { VirtualNode: ["elsewhere"] } } },
  ],
};

const route = (targets: string[]) =>
  JSON.stringify(
    {
      meshName: "shop",
      virtualRouterName: "cart",
      routeName: "split",
      spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: targets.map((virtualNode) => ({ virtualNode, weight: 25 })) } } },
    },
    null,
    2,
  ) + "\n";

test("liveNames merges one mesh over every region; isLiveMesh and liveMeshNames see every region", () => {
  assert.deepEqual(liveNames(SNAPSHOT, "shop", "VirtualNode").sort(), ["both", "east-only", "west-only"]);
  assert.deepEqual(liveNames(SNAPSHOT, "other", "VirtualNode"), ["elsewhere"]);
  assert.deepEqual(liveNames(SNAPSHOT, "shop", "VirtualService"), []);
  assert.deepEqual(liveNames(SNAPSHOT, undefined, "VirtualNode").sort(), ["both", "east-only", "elsewhere", "west-only"]);
  assert.equal(isLiveMesh(SNAPSHOT, "other"), true);
  assert.equal(isLiveMesh(SNAPSHOT, "missing"), false);
  assert.deepEqual(liveMeshNames(SNAPSHOT).sort(), ["other", "shop"]);
});

describe("a live snapshot of several regions", { timeout: 30_000 }, () => {
  let client: LspClient;
  const uri = "file:///ws/api/route.json";
  const text = route(["east-only", "west-only", "both", "elsewhere"]);

  before(async () => {
    client = await LspClient.start({ command: process.execPath, args: [serverPath, "--stdio"] });
    const first = client.nextDiagnostics(uri);
    await client.open(uri, text);
    assert.equal((await first).filter((d) => d.code === "unresolved-reference").length, 5, "nothing resolves before the snapshot");
    const resolved = client.nextDiagnostics(uri, (d) => d.length < 5);
    await client.connection.sendNotification(LiveSnapshotNotification, SNAPSHOT);
    await resolved;
  });
  after(async () => client?.stop());

  test("names of the mesh in any region resolve; a name of another mesh does not", () => {
    const diagnostics = client.diagnostics.get(uri) ?? [];
    assert.deepEqual(
      diagnostics.map((d: Diagnostic) => [d.code, d.message]),
      [["unresolved-reference", 'No VirtualNode named "elsewhere" in mesh shop, in the workspace or live.']],
    );
  });

  test("completion offers the mesh's live names from every region, once each, and no other mesh's", async () => {
    const names = labels(await client.request("textDocument/completion", { textDocument: { uri }, position: positionOf(text, '"east-only"', 1) }));
    assert.deepEqual([...names].sort(), ["both", "east-only", "west-only"]);
  });

  test("did-you-mean looks in the mesh's live names of every region, not in other meshes", async () => {
    const typoUri = "file:///ws/api/typo.json";
    const typo = route(["west-onyl", "elsewhere"]);
    const published = client.nextDiagnostics(typoUri);
    await client.open(typoUri, typo);
    const diagnostics = (await published).filter((d) => d.code === "unresolved-reference");
    assert.equal(diagnostics.length, 2);
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: typoUri },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Change to "west-only"'], '"elsewhere" is live only in mesh other, so nothing is offered for it');
  });

  test("a malformed snapshot is ignored rather than breaking the server", async () => {
    const unresolved = client.nextDiagnostics(uri, (d) => d.length === 5);
    await client.connection.sendNotification("appmesh/liveSnapshot", { sources: [null, { region: 1, meshes: { shop: { VirtualNode: "east-only" } } }] });
    assert.equal((await unresolved).length, 5);
    const resolved = client.nextDiagnostics(uri, (d) => d.length === 1);
    await client.connection.sendNotification(LiveSnapshotNotification, SNAPSHOT);
    await resolved;
  });
});
