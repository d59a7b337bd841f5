// The live snapshot is keyed by region: the same mesh name in two regions no longer collides. A
// name is live when any region's mesh of that name lists it; names of other meshes never count.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import { isLiveMesh, liveMeshNames, liveNames, type LiveSnapshot } from "../../src/model/workspaceIndex";
import { LiveSnapshotNotification } from "../../src/protocol/messages";
import { completionLabels as labels, LspClient } from "./lspClient";
import { positionOf } from "./textPositions";
import { apiRoute } from "./workspaceFixture";


/** "shop" exists in two regions with different nodes; "other" only in eu-west-1. */
const SNAPSHOT: LiveSnapshot = {
  sources: [
    { region: "us-east-1", meshes: { shop: { VirtualNode: ["east-only", "both"], VirtualRouter: ["cart"] } } },
    { region: "eu-west-1", meshes: { shop: { VirtualNode: ["west-only", "both"] }, other: { VirtualNode: ["elsewhere"] } } },
  ],
};

const route = (targets: string[]) => apiRoute("shop", "cart", "split", targets.map((node) => [node, 25]));

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
    client = await LspClient.startServer();
    assert.equal((await client.openForDiagnostics(uri, text)).filter((d) => d.code === "unresolved-reference").length, 5, "nothing resolves before the snapshot");
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
    const diagnostics = (await client.openForDiagnostics(typoUri, typo)).filter((d) => d.code === "unresolved-reference");
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
