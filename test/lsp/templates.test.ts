// Template files as walkthroughs keep them (`manifest.yaml.template`, `route.json.template`,
// `nodes.yaml.tpl`, filled in by envsubst): read from disk at start-up like YAML and JSON, their
// resources in the definitions request, references between them resolved, their diagnostics
// published once the editor opens them (as YAML or JSON, per the user's files.associations), and
// their names in the one file watcher's glob.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DidChangeWatchedFilesNotification, type Diagnostic } from "vscode-languageserver-protocol";
import { DefinitionsRequest, type DefinitionSummary } from "../../src/protocol/messages";
import { LspClient } from "./lspClient";
import { until } from "./textPositions";
import { k8sMesh, k8sNamespace, k8sVirtualNode, TempWorkspace } from "./workspaceFixture";

/** An envsubst walkthrough manifest: namespace and mesh from the environment, one gateway whose health check is out of range. */
const MANIFEST = [
  k8sNamespace("${APP_NAMESPACE}", "${MESH_NAME}"),
  k8sMesh("${MESH_NAME}"),
  k8sVirtualNode("colorteller", "${APP_NAMESPACE}").replace("port: 8080", "port: $COLOR_PORT"),
  `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualGateway
metadata:
  name: ingress-gw
  namespace: \${APP_NAMESPACE}
spec:
  listeners:
    - portMapping:
        port: 8088
        protocol: http
      healthCheck:
        protocol: http
        path: /ping
        healthyThreshold: 2
        unhealthyThreshold: 20
        timeoutMillis: 2000
        intervalMillis: 5000
`,
].join("---\n");

const ROUTER = `{
  "meshName": "\${MESH_NAME}",
  "virtualRouterName": "colorteller-vr",
  "spec": { "listeners": [{ "portMapping": { "port": $COLOR_PORT, "protocol": "http" } }] }
}
`;

const NODES = `meshName: \${MESH_NAME}
virtualNodeName: colorteller-white
spec:
  listeners:
    - portMapping:
        port: $COLOR_PORT
        protocol: http
  serviceDiscovery:
    dns:
      hostname: colorteller-white.\${SERVICES_DOMAIN}
`;

const ROUTE = `{
  "meshName": "\${MESH_NAME}",
  "virtualRouterName": "colorteller-vr",
  "routeName": "colorteller-route",
  "spec": {
    "httpRoute": {
      "match": { "prefix": "/" },
      "action": { "weightedTargets": [{ "virtualNode": "colorteller-white", "weight": 1 }] }
    }
  }
}
`;

const problems = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 1 || d.severity === 2).map((d) => [d.code, d.range.start.line]);

describe("template files", { timeout: 60_000 }, () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = new TempWorkspace("appmesh-templates-");
    workspace.write("manifest.yaml.template", MANIFEST);
    workspace.write("colorteller-vr.json.template", ROUTER);
    workspace.write("colorteller-nodes.yaml.tpl", NODES);
    client = await LspClient.startServer({ rootUri: workspace.uri });
  });
  after(async () => {
    await client?.stop();
    workspace.remove();
  });

  test("template files on disk are indexed at start-up: their resources are in the definitions request", async () => {
    // The scan runs after `initialized`; ask until it has read the folder.
    let definitions: DefinitionSummary[] = [];
    const names = () => definitions.map((d) => `${d.uri.slice(d.uri.lastIndexOf("/") + 1)} ${d.kind} ${d.name}`).sort();
    for (let attempt = 0; attempt < 100; attempt++) {
      definitions = await client.request<DefinitionSummary[]>(DefinitionsRequest.method, undefined);
      if (definitions.length >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(names(), [
      "colorteller-nodes.yaml.tpl VirtualNode colorteller-white",
      "colorteller-vr.json.template VirtualRouter colorteller-vr",
      "manifest.yaml.template Mesh ${MESH_NAME}",
      "manifest.yaml.template VirtualGateway ingress-gw",
      "manifest.yaml.template VirtualNode colorteller",
    ]);
    const gateway = definitions.find((d) => d.kind === "VirtualGateway")!;
    assert.equal(gateway.severity, "error", "the gateway's seeded mistake counts before the file is opened");
    assert.equal(definitions.find((d) => d.kind === "VirtualRouter")!.meshName, undefined, "a placeholder mesh name is not a mesh");
  });

  test("an opened *.yaml.template gets its diagnostics: placeholders as information, the seeded mistake at its line", async () => {
    const uri = workspace.uriOf("manifest.yaml.template");
    const diagnostics = await client.openForDiagnostics(uri, MANIFEST);
    const gatewayLine = MANIFEST.split("\n").findIndex((line) => line.includes("unhealthyThreshold: 20"));
    assert.deepEqual(problems(diagnostics), [["range", gatewayLine]]);
    const placeholders = diagnostics.filter((d) => d.code === "placeholder");
    assert.ok(placeholders.length >= 5, "each placeholder value is reported");
    assert.ok(placeholders.every((d) => d.severity === 3), "as information");
    assert.equal(new Set(placeholders.map((d) => `${d.range.start.line}:${d.range.start.character}`)).size, placeholders.length, "once each");
    await client.close(uri);
  });

  test("a route in a *.json.template resolves to the router and node of the other template files", async () => {
    const uri = workspace.uriOf("colorteller-route.json.template");
    const diagnostics = await client.openForDiagnostics(uri, ROUTE);
    assert.deepEqual(problems(diagnostics), [], diagnostics.map((d) => d.message).join("\n"));
    const broken = ROUTE.replace('"weight": 1 }]', '"weight": 1 },]');
    const published = client.nextDiagnostics(uri, (d) => d.some((x) => x.code === "syntax"));
    await client.change(uri, broken);
    const [syntax] = (await published).filter((d) => d.code === "syntax");
    assert.match(String(syntax.message), /^Invalid JSON/, "a .json.template is held to JSON's rules");
    await client.close(uri);
  });

  test("the one file watcher covers template files", async () => {
    await until(() => client.registrations.some((r) => r.method === DidChangeWatchedFilesNotification.method), "the watcher registration");
    const [watcher] = client.registrations.filter((r) => r.method === DidChangeWatchedFilesNotification.method);
    const { globPattern } = (watcher.registerOptions as { watchers: { globPattern: string }[] }).watchers[0];
    for (const ext of ["yaml.template", "yml.template", "json.template", "tpl"]) assert.ok(globPattern.includes(ext), `${globPattern} watches *.${ext}`);
  });
});
