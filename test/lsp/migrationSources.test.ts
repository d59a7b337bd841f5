// The appmesh/migrationSources request: the workspace's definitions of a mesh (or of the meshes a
// file defines) in the API's shape, each resource with the line it is named at, references written
// as !GetAtt filled in with the names they resolve to, and live documents left out.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { MigrationSource } from "../../src/model/migration/migrationSource";
import { MigrationSourcesRequest } from "../../src/protocol/messages";
import { LspClient } from "./lspClient";

const CFN = readFileSync(join(__dirname, "..", "fixtures", "workspace", "cloudformation", "colorapp-ecs.yaml"), "utf8");
const CFN_URI = "file:///ws/cloudformation/colorapp-ecs.yaml";
const COLOR = readFileSync(join(__dirname, "..", "fixtures", "workspace", "demo", "color.yaml"), "utf8");
const COLOR_URI = "file:///ws/demo/color.yaml";

describe("migration sources over LSP", { timeout: 60_000 }, () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.startServer();
    await client.openForDiagnostics(CFN_URI, CFN);
    await client.openForDiagnostics(COLOR_URI, COLOR);
    await client.openForDiagnostics("appmesh-live:/default/demo/VirtualNode/color-v1.yaml", "meshName: demo\nvirtualNodeName: color-v1\nspec: {}\n");
  });
  after(async () => client?.stop());

  const sources = (params: unknown) => client.request<MigrationSource[]>(MigrationSourcesRequest.method, params);

  test("a CloudFormation mesh: !GetAtt targets resolved to node names, each resource at its line", async () => {
    const [mesh] = await sources({ uri: CFN_URI });
    assert.ok(mesh, "one mesh");
    const route = mesh.resources.find((r) => r.kind === "Route" && r.name === "colorteller-route")!;
    const targets = (route.spec.httpRoute as { action: { weightedTargets: { virtualNode: string; weight: number }[] } }).action.weightedTargets;
    assert.deepEqual(targets.map((t) => t.virtualNode), ["colorteller-white-vn", "colorteller-blue-vn", "colorteller-red-vn"]);
    const line = (route.origin as { line: number }).line;
    assert.match(CFN.split("\n")[line], /colorteller-route/, "the route's name is on that line");
  });

  test("by mesh name: the demo's definitions, without the live document of the same mesh", async () => {
    const [demo] = await sources({ meshName: "demo" });
    assert.equal(demo.meshName, "demo");
    assert.ok(demo.resources.every((r) => (r.origin as { uri: string }).uri === COLOR_URI), "only color.yaml (the live document is not a definition)");
    assert.equal(demo.resources.find((r) => r.name === "color-v1")!.spec.listeners !== undefined, true, "color-v1 from the file, not the live document's empty spec");
    assert.deepEqual(await sources({ meshName: "no-such-mesh" }), []);
  });
});
