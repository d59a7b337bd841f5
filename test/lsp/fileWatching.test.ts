// One file watcher, registered by the server: a client that can watch files is asked exactly once
// (workspace/didChangeWatchedFiles), and changes on disk to files that are not open (created,
// changed, deleted) reach the index. A client that cannot watch files is not asked at all.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./lspClient";
import { until } from "./textPositions";

const serverPath = join(__dirname, "..", "..", "dist", "server.js");
const WATCH = DidChangeWatchedFilesNotification.method;

const ROUTER = JSON.stringify({ meshName: "shop", virtualRouterName: "cart", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] } }, null, 2) + "\n";
const node = (name: string) =>
  JSON.stringify({ meshName: "shop", virtualNodeName: name, spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: { hostname: `${name}.local` } } } }, null, 2) + "\n";
const ROUTE = JSON.stringify(
  { meshName: "shop", virtualRouterName: "cart", routeName: "all", spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "orders", weight: 100 }] } } } },
  null,
  2,
) + "\n";

const unresolved = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === "unresolved-reference").map((d) => String(d.message));

describe("file watching", { timeout: 60_000 }, () => {
  let dir: string;
  let client: LspClient;
  let routeUri: string;
  let nodePath: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "appmesh-watch-"));
    writeFileSync(join(dir, "router.json"), ROUTER); // on disk before the start: found by the scan
    nodePath = join(dir, "orders.json");
    routeUri = pathToFileURL(join(dir, "route.json")).toString();
    client = await LspClient.start({ command: process.execPath, args: [serverPath, "--stdio"], rootUri: pathToFileURL(dir).toString() });
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the server asks once for a watcher of the definition files", async () => {
    await until(() => client.registrations.some((r) => r.method === WATCH), "the watcher registration");
    const published = client.nextDiagnostics(routeUri);
    await client.open(routeUri, ROUTE);
    assert.deepEqual(unresolved(await published), ['No VirtualNode named "orders" in mesh shop, in the workspace.'], "the router on disk was read; the node is not there yet");
    const watchers = client.registrations.filter((r) => r.method === WATCH);
    assert.equal(watchers.length, 1);
    assert.deepEqual(watchers[0].registerOptions, { watchers: [{ globPattern: "**/*.{yaml,yml,json}" }] });
  });

  test("created, changed and deleted files on disk are read", async () => {
    const uri = pathToFileURL(nodePath).toString();
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
    const plain = await LspClient.start({ command: process.execPath, args: [serverPath, "--stdio"], rootUri: pathToFileURL(dir).toString(), watchFiles: false });
    try {
      // Registration would come right after `initialized`, before any answer to a later request.
      const published = plain.nextDiagnostics(routeUri);
      await plain.open(routeUri, ROUTE);
      await published;
      assert.deepEqual(plain.registrations, []);
    } finally {
      await plain.stop();
    }
  });
});
