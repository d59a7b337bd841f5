// Live meshes saved as definition files validate cleanly in the language server: the demo meshes
// and a scale:200 mesh of the sandbox, loaded live over HTTP, written in each dialect to a folder
// on disk, opened in the server (run from this checkout's sources): zero diagnostics of any
// severity, information-level placeholders included.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { AwsConnection } from "../../src/aws/connection";
import { LiveMeshLoader } from "../../src/live/liveMeshLoader";
import { meshAsFiles, type MeshFilesDialect, type MeshForFiles } from "../../src/model/writers/meshFiles";
import { Sandbox } from "../../src/sandbox/sandbox";
import { LspClient } from "./lspClient";
import { TempWorkspace } from "./workspaceFixture";

const SERVER_SOURCE = join(__dirname, "..", "..", "src", "server", "server.ts");

describe("live meshes saved as files have no diagnostics in the language server", { timeout: 240_000 }, () => {
  const meshes: MeshForFiles[] = [];

  before(async () => {
    for (const [seed, names] of [
      ["demo", ["demo", "payments"]],
      ["scale:200", ["scale-200"]],
    ] as const) {
      const sandbox = await Sandbox.start({ seed, tickMs: 0 });
      const connection = new AwsConnection({ endpoint: sandbox.url, region: "us-east-1" }, { credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" } });
      try {
        const loader = new LiveMeshLoader(new AppMeshAccess(connection));
        for (const name of names) {
          const live = (await loader.liveMesh(name))!;
          meshes.push({ name, resources: [...live.values()].map((d) => ({ kind: d.kind, name: d.name, ...(d.parentName !== undefined ? { parentName: d.parentName } : {}), spec: d.spec })) });
        }
      } finally {
        connection.dispose();
        await sandbox.close();
      }
    }
  });

  for (const dialect of ["kubernetes", "cloudformation", "api"] as MeshFilesDialect[]) {
    describe(dialect, () => {
      const workspace = new TempWorkspace(`appmesh-roundtrip-${dialect}-`);
      let client: LspClient;
      const uris: string[] = [];

      before(async () => {
        for (const mesh of meshes) {
          for (const file of meshAsFiles(mesh, dialect, { folder: mesh.name, region: "us-east-1" })) {
            if (file.kind === "script") continue;
            mkdirSync(dirname(workspace.path(file.path)), { recursive: true });
            workspace.write(file.path, file.text);
            uris.push(workspace.uriOf(file.path));
          }
        }
        client = await LspClient.start({
          command: process.execPath,
          args: ["--import", "tsx", SERVER_SOURCE, "--stdio"],
          rootUri: workspace.uri,
          workspaceFolders: [{ uri: workspace.uri, name: "roundtrip" }],
        });
      });
      after(async () => {
        await client?.stop();
        workspace.remove();
      });

      test("every file of every mesh is clean", async () => {
        const first = uris.map((uri) => client.nextDiagnostics(uri, () => true, 60_000));
        for (const uri of uris) await client.open(uri, readFileSync(fileURLToPath(uri), "utf8"));
        await Promise.all(first);
        // Cross-file diagnostics follow once every file is open: let the server settle.
        const state = () => JSON.stringify([...client.diagnostics].map(([uri, d]) => [uri, d.length]));
        for (let last = ""; state() !== last; ) {
          last = state();
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
        const found: string[] = [];
        for (const uri of uris) {
          const diagnostics: Diagnostic[] = client.diagnostics.get(uri) ?? [];
          for (const d of diagnostics) found.push(`${uri.slice(workspace.uri.length + 1)}:${d.range.start.line + 1} severity ${d.severity} ${String(d.code)}: ${d.message}`);
        }
        for (const [uri, diagnostics] of client.diagnostics) {
          if (!uris.includes(uri)) for (const d of diagnostics) found.push(`${uri} ${String(d.code)}: ${d.message}`);
        }
        assert.ok(uris.length >= (dialect === "api" ? 500 : 3), `${uris.length} files`);
        assert.deepEqual(found, [], `${found.length} diagnostic(s) in ${uris.length} ${dialect} files`);
      });
    });
  }
});
