// One file watcher, registered by the server: a client that can watch files is asked exactly once
// (workspace/didChangeWatchedFiles), and changes on disk to files that are not open (created,
// changed, deleted) reach the index. A client that cannot watch files is not asked at all.
import assert from "node:assert/strict";
import { unlinkSync, writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from "vscode-languageserver-protocol";
import { DEFINITION_FILES_GLOB } from "../../src/server/workspaceFiles";
import { LspClient } from "./lspClient";
import { until } from "./textPositions";
import { apiRoute, apiVirtualNode, apiVirtualRouter, TempWorkspace } from "./workspaceFixture";

const WATCH = DidChangeWatchedFilesNotification.method;

const ROUTER = apiVirtualRouter("shop", "cart");
const node = (name: string) => apiVirtualNode("shop", name);
const ROUTE = apiRoute("shop", "cart", "all", [["orders", 100]]);

const unresolved = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === "unresolved-reference").map((d) => String(d.message));

describe("file watching", { timeout: 60_000 }, () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let routeUri: string;
  let nodePath: string;

  before(async () => {
    workspace = new TempWorkspace("appmesh-watch-");
    workspace.write("router.json", ROUTER); // on disk before the start: found by the scan
    nodePath = workspace.path("orders.json");
    routeUri = workspace.uriOf("route.json");
    client = await LspClient.startServer({ rootUri: workspace.uri });
  });
  after(async () => {
    await client?.stop();
    workspace.remove();
  });

  test("the server asks once for a watcher of the definition files", async () => {
    await until(() => client.registrations.some((r) => r.method === WATCH), "the watcher registration");
    assert.deepEqual(unresolved(await client.openForDiagnostics(routeUri, ROUTE)), ['No VirtualNode named "orders" in mesh shop, in the workspace.'], "the router on disk was read; the node is not there yet");
    const watchers = client.registrations.filter((r) => r.method === WATCH);
    assert.equal(watchers.length, 1);
    assert.deepEqual(watchers[0].registerOptions, { watchers: [{ globPattern: DEFINITION_FILES_GLOB }] });
    assert.match(DEFINITION_FILES_GLOB, /yaml,yml,json/, "the watched files include YAML and JSON");
  });

  test("created, changed and deleted files on disk are read", async () => {
    const uri = workspace.uriOf("orders.json");
    const changed = async (type: FileChangeType, expectUnresolved: string[]) => {
      const published = client.nextDiagnostics(routeUri, (d) => JSON.stringify(unresolved(d)) === JSON.stringify(expectUnresolved));
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
      await published;
    };
    writeFileSync(nodePath, node("orders"));
    await changed(FileChangeType.Created, []);
    writeFileSync(nodePath, node("orders-v2"));
    await changed(FileChangeType.Changed, ['No VirtualNode named "orders" in mesh shop, in the workspace.']);
    writeFileSync(nodePath, node("orders"));
    await changed(FileChangeType.Changed, []);
    unlinkSync(nodePath);
    await changed(FileChangeType.Deleted, ['No VirtualNode named "orders" in mesh shop, in the workspace.']);
    assert.equal(client.registrations.filter((r) => r.method === WATCH).length, 1, "still one watcher");
  });

  test("a client that cannot watch files is not asked to", async () => {
    const plain = await LspClient.startServer({ rootUri: workspace.uri, watchFiles: false });
    try {
      // Registration would come right after `initialized`, before any answer to a later request.
      await plain.openForDiagnostics(routeUri, ROUTE);
      assert.deepEqual(plain.registrations, []);
    } finally {
      await plain.stop();
    }
  });
});
