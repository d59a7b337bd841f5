// The custom messages are typed message signatures shared by both sides, they travel over stdio
// as any LSP client sends them, and importing them costs neither bundle the other side's library.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import * as esbuild from "esbuild";
import { NotificationType, NotificationType0, RequestType0 } from "vscode-languageserver-protocol";
import { DefinitionsChangedNotification, DefinitionsRequest, LiveSnapshotNotification, type DefinitionSummary } from "../../src/protocol/messages";
import { LspClient } from "./lspClient";
import { until } from "./textPositions";
import { k8sVirtualNode } from "./workspaceFixture";

const ROOT = join(__dirname, "..", "..");

const NODE = k8sVirtualNode("orders", "shop");

test("each custom message is a typed request or notification signature", () => {
  assert.ok(DefinitionsRequest instanceof RequestType0);
  assert.equal(DefinitionsRequest.method, "appmesh/definitions");
  assert.equal(DefinitionsRequest.numberOfParams, 0);
  assert.ok(DefinitionsChangedNotification instanceof NotificationType0);
  assert.equal(DefinitionsChangedNotification.method, "appmesh/definitionsChanged");
  assert.ok(LiveSnapshotNotification instanceof NotificationType);
  assert.equal(LiveSnapshotNotification.method, "appmesh/liveSnapshot");
});

test("src/protocol bundles with the protocol package only, not the client or server library", async () => {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, "src/protocol/messages.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const packages = new Set(
    Object.keys(result.metafile.inputs)
      .map((input) => /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
      .filter((name) => name !== undefined),
  );
  assert.ok(packages.has("vscode-languageserver-protocol"));
  assert.ok(!packages.has("vscode-languageclient"), "no client library in the server's bundle");
  assert.ok(!packages.has("vscode-languageserver"), "no server library in the extension's bundle");
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes("node_modules"));
  assert.deepEqual(sources.map((input) => input.slice(input.indexOf("src/"))), ["src/protocol/messages.ts"], "the model comes in as types only");
});

describe("custom messages over stdio", { timeout: 30_000 }, () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.startServer();
  });
  after(async () => client?.stop());

  test("DefinitionsRequest answers with the definitions; DefinitionsChangedNotification follows an edit", async () => {
    const uri = "file:///ws/shop/orders.yaml";
    let changes = 0;
    client.connection.onNotification(DefinitionsChangedNotification, () => {
      changes++;
    });
    await client.openForDiagnostics(uri, NODE);
    const definitions: DefinitionSummary[] = await client.connection.sendRequest(DefinitionsRequest);
    assert.deepEqual(definitions.map((d) => [d.kind, d.name, d.dialect, d.uri]), [["VirtualNode", "orders_shop", "kubernetes", uri]]);
    await until(() => changes > 0, "the server to announce the new definition");
  });
});
