// Starting and stopping as the extension does it around a window reload: initialize must not fail
// on a workspace folder the server cannot read (a failed initialize is the client's "Starting
// server failed"), a stop that comes while the first workspace scan runs ends the process
// cleanly, and a fresh start on the same workspace serves every definition from its first answer.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import { DefinitionsRequest } from "../../src/protocol/messages";
import { LspClient } from "./lspClient";
import { k8sVirtualNode, TempWorkspace } from "./workspaceFixture";

const FILES = 300;

/** A node whose one diagnostic is its listener protocol, misspelt "htp". */
const node = (i: number) => k8sVirtualNode(`node-${i}`, "shop", { protocol: "htp" });

describe("server lifecycle", { timeout: 60_000 }, () => {
  let workspace: TempWorkspace;

  before(() => {
    workspace = new TempWorkspace("appmesh-lifecycle-");
    for (let i = 0; i < FILES; i++) workspace.write(`node-${i}.yaml`, node(i));
  });
  after(() => workspace.remove());

  test("initialize succeeds when a workspace folder has no local path (file://host/…)", async () => {
    const client = await LspClient.startServer({
      workspaceFolders: [
        { uri: "file://fileserver/share/meshes", name: "share" },
        { uri: workspace.uri, name: "local" },
      ],
    });
    try {
      const uri = workspace.uriOf("node-0.yaml");
      const [diagnostic] = (await client.openForDiagnostics(uri, node(0))) as Diagnostic[];
      assert.equal(diagnostic.code, "enum");
      const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      assert.deepEqual(actions.map((a) => a.title), ['Change to "http"']);
      assert.equal((await client.connection.sendRequest(DefinitionsRequest)).length > 0, true);
    } finally {
      await client.stop();
    }
  });

  test("a stop during the first workspace scan exits cleanly; the next start serves the whole workspace", async () => {
    const first = await LspClient.startServer({ rootUri: workspace.uri });
    await first.stop(); // shutdown and exit right after `initialized`, while the scan reads the files
    assert.deepEqual(await first.exitStatus, { code: 0, signal: null }, first.stderr);
    assert.equal(first.stderr, "");

    const second = await LspClient.startServer({ rootUri: workspace.uri });
    try {
      // Asked right away (as a map restored by a reload asks), the answer waits for the scan: all of it.
      assert.equal((await second.connection.sendRequest(DefinitionsRequest)).length, FILES);
    } finally {
      await second.stop();
    }
    assert.equal((await second.exitStatus).code, 0);
  });
});
