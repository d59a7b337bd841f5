// Reading definitions as real repositories write them: placeholders of every form (envsubst, Helm,
// documentation stand-ins), CLI input files that leave names to the command line, template files,
// multi-document files with one broken document, and misspelt keys with mistakes beneath them.
// Fixtures: test/fixtures/parsing/<pattern>/ (see its README for the marks).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { isDefinitionFileName, mayHoldAppMesh } from "../../src/model/detect";
import { confidentMatch } from "../../src/model/didYouMean";
import { parseDefinitions } from "../../src/model/parseDefinitions";
import { isKnown, UNKNOWN, type ModelDiagnostic } from "../../src/model/resources";
import { parseYamlText, PLACEHOLDER_PATTERN, templateLines } from "../../src/model/source/yamlText";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { DEFINITION_FILES_GLOB, findDefinitionFiles } from "../../src/server/workspaceFiles";

const fixtures = join(__dirname, "..", "fixtures", "parsing");
const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
const walk = (dir: string): string[] => readdirSync(dir).sort().flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const definitionFiles = (dir: string) => walk(dir).filter((f) => isDefinitionFileName(f) && !f.endsWith(".expect.json"));
const patterns = readdirSync(fixtures).filter((f) => statSync(join(fixtures, f)).isDirectory()).sort();

interface Expected {
  line: number;
  code: string;
  severity?: string;
}

/** What a fixture declares: `# expect: code` / `# info: code` marks in YAML, a sidecar in JSON. */
function expectations(file: string, text: string): { problems: Expected[]; infos: Expected[] } {
  if (/\.json(\.template|\.tpl)?$/.test(file)) {
    const sidecar = file.replace(/\.json(\.template|\.tpl)?$/, ".expect.json");
    let declared: Expected[] = [];
    try {
      declared = JSON.parse(readFileSync(sidecar, "utf8")) as Expected[];
    } catch {
      // no sidecar: no mistake seeded
    }
    return { problems: declared.filter((d) => d.severity !== "information"), infos: declared.filter((d) => d.severity === "information") };
  }
  const marks = (kind: string) =>
    text.split("\n").flatMap((line, i) => [...line.matchAll(new RegExp(`# ${kind}: ([a-z-]+)`, "g"))].map((m) => ({ line: i + 1, code: m[1] })));
  return { problems: marks("expect"), infos: marks("info") };
}

const brief = (text: string, diagnostics: ModelDiagnostic[]) => diagnostics.map((d) => ({ line: lineOf(text, d.span.start), code: d.code }));
const byLine = (a: Expected, b: Expected) => a.line - b.line || a.code.localeCompare(b.code);
const problemsOf = (diagnostics: ModelDiagnostic[]) => diagnostics.filter((d) => d.severity === "error" || d.severity === "warning");

describe("parsing fixtures: each file as the reader sees it", () => {
  for (const pattern of patterns) {
    for (const file of definitionFiles(join(fixtures, pattern))) {
      const name = relative(fixtures, file);
      test(name, () => {
        const text = readFileSync(file, "utf8");
        const uri = pathToFileURL(file).toString();
        const { problems, infos } = expectations(file, text);
        if (!mayHoldAppMesh(uri, text)) {
          assert.deepEqual(problems, [], `${name} seeds a mistake but is not read`);
          return;
        }
        const parsed = parseDefinitions(uri, text);
        const report = parsed.diagnostics.map((d) => `${lineOf(text, d.span.start)} ${d.severity} ${d.code}: ${d.message}`).join("\n");
        assert.deepEqual(brief(text, problemsOf(parsed.diagnostics)).sort(byLine), [...problems].sort(byLine), report);
        const information = parsed.diagnostics.filter((d) => d.severity === "information");
        for (const info of infos) {
          assert.ok(brief(text, information).some((d) => d.line === info.line && d.code === info.code), `${name}:${info.line} reports ${info.code} as information\n${report}`);
        }
        const placeholders = parsed.diagnostics.filter((d) => d.code === "placeholder");
        assert.ok(placeholders.every((d) => d.severity === "information"), report);
        assert.equal(new Set(placeholders.map((d) => d.span.start)).size, placeholders.length, `${name}: no placeholder reported twice\n${report}`);
      });
    }
  }

  test("files that are not App Mesh get nothing: Helm values and helpers, a Deployment with App Mesh annotations", () => {
    for (const name of ["helm-chart/values.yaml", "helm-chart/templates/_helpers.tpl", "helm-chart/templates/deployment.yaml", "helm-chart/Chart.yaml"]) {
      const text = readFileSync(join(fixtures, name), "utf8");
      const parsed = parseDefinitions(pathToFileURL(join(fixtures, name)).toString(), text);
      assert.equal(parsed.isAppMesh, false, name);
      assert.deepEqual(parsed.diagnostics, [], name);
      assert.deepEqual(parsed.resources, [], name);
    }
  });

  test("every pattern has App Mesh resources, and placeholders where it is about them", () => {
    for (const pattern of patterns) {
      const files = definitionFiles(join(fixtures, pattern)).map((f) => ({ f, text: readFileSync(f, "utf8") }));
      const parsed = files.filter(({ f, text }) => mayHoldAppMesh(pathToFileURL(f).toString(), text)).map(({ f, text }) => parseDefinitions(pathToFileURL(f).toString(), text));
      assert.ok(parsed.reduce((n, p) => n + p.resources.length, 0) >= 3, `${pattern} holds resources`);
      if (["helm-chart", "envsubst-templates", "doc-stand-ins"].includes(pattern)) {
        assert.ok(parsed.some((p) => p.diagnostics.some((d) => d.code === "placeholder")), `${pattern} reports placeholders`);
      }
    }
  });
});

describe("parsing fixtures: each pattern as one workspace", () => {
  for (const pattern of patterns) {
    test(`${pattern}: cross-file rules add no error or warning`, () => {
      const index = new WorkspaceIndex();
      const files = new Map<string, { file: string; text: string }>();
      for (const file of definitionFiles(join(fixtures, pattern))) {
        const text = readFileSync(file, "utf8");
        const uri = pathToFileURL(file).toString();
        if (!mayHoldAppMesh(uri, text)) continue;
        files.set(uri, { file, text });
        index.set(uri, text);
      }
      const actual: string[] = [];
      const expected: string[] = [];
      for (const [uri, { file, text }] of files) {
        const name = relative(fixtures, file);
        for (const d of problemsOf(index.diagnostics(uri))) actual.push(`${name}:${lineOf(text, d.span.start)} ${d.code} ${d.message}`);
        for (const e of expectations(file, text).problems) expected.push(`${name}:${e.line} ${e.code}`);
      }
      assert.deepEqual(actual.map((a) => a.split(" ").slice(0, 2).join(" ")).sort(), expected.sort(), actual.join("\n"));
    });
  }
});

/** A Kubernetes VirtualNode with the given lines in place of its name, namespace and listener. */
const k8sNode = (name: string, namespace: string, port: string, protocol: string, hostname = "node.local") => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  listeners:
    - portMapping:
        port: ${port}
        protocol: ${protocol}
  serviceDiscovery:
    dns:
      hostname: ${hostname}
`;

describe("placeholders", () => {
  const forms = ["${VALUE}", "${VALUE:-8080}", "$VALUE", "$_VALUE_", "{{ .Values.value }}", '"{{ .Values.value }}"', "'{{ .Values.value | quote }}'", "<VALUE>", '"<your-value>"'];

  for (const form of forms) {
    test(`${form}: once as information, never a type, enum, length, pattern or required error, and unknown`, () => {
      const text = k8sNode(form, form, form, form, form);
      const parsed = parseDefinitions("file:///ws/node.yaml", text);
      assert.deepEqual(problemsOf(parsed.diagnostics), [], parsed.diagnostics.map((d) => d.message).join("\n"));
      const infos = parsed.diagnostics.filter((d) => d.code === "placeholder");
      assert.deepEqual(infos.map((d) => lineOf(text, d.span.start)), [4, 5, 9, 10, 13]);
      assert.ok(infos.every((d) => d.severity === "information"));
      const [node] = parsed.resources;
      assert.equal(node.name, UNKNOWN, "a placeholder name (or namespace) leaves the name in AWS unknown");
      const listener = (node.spec.listeners as { portMapping: Record<string, unknown> }[])[0];
      assert.deepEqual(listener.portMapping, { port: UNKNOWN, protocol: UNKNOWN });
      assert.equal((node.spec.serviceDiscovery as { dns: { hostname: unknown } }).dns.hostname, UNKNOWN);
    });
  }

  test("Kubernetes names keep their text as written (not the masked text the parser saw)", () => {
    const parsed = parseDefinitions("file:///ws/node.yaml", k8sNode("${APP}-node", "{{ .Release.Namespace }}", "8080", "http"));
    assert.deepEqual(parsed.resources[0].k8s?.name, "${APP}-node");
    assert.deepEqual(parsed.resources[0].k8s?.namespace, "{{ .Release.Namespace }}");
    const known = parseDefinitions("file:///ws/node.yaml", k8sNode("orders", "shop", "8080", "http")).resources[0];
    assert.equal(known.name, "orders_shop");
  });

  test("a Helm value is not read as a flow mapping", () => {
    const text = "apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata:\n  name: {{ .Values.meshName }}\nspec:\n  egressFilter:\n    type: {{ .Values.egress }}\n";
    const parsed = parseDefinitions("file:///ws/mesh.yaml", text);
    assert.deepEqual(problemsOf(parsed.diagnostics), []);
    assert.equal(parsed.resources[0].name, UNKNOWN);
    assert.equal(parsed.resources[0].meshName, UNKNOWN);
    assert.deepEqual(parsed.resources[0].spec, { egressFilter: { type: UNKNOWN } });
  });

  test("names with placeholders in the API shape and CloudFormation are unknown, and refer to nothing", () => {
    const api = parseDefinitions("file:///ws/route.yaml", "meshName: <MESH>\nvirtualRouterName: ${ROUTER}\nrouteName: '{{ .Values.route }}'\nspec:\n  tcpRoute:\n    action:\n      weightedTargets:\n        - virtualNode: $NODE\n          weight: 1\n");
    assert.deepEqual(problemsOf(api.diagnostics), []);
    const [route] = api.resources;
    assert.deepEqual([route.name, route.meshName, route.parentName, route.references], [UNKNOWN, UNKNOWN, UNKNOWN, []]);
    const cfn = parseDefinitions(
      "file:///ws/template.yaml",
      "Resources:\n  Node:\n    Type: AWS::AppMesh::VirtualNode\n    Properties:\n      MeshName: <MESH_NAME>\n      VirtualNodeName: ${NODE}\n      Spec:\n        Backends:\n          - VirtualService:\n              VirtualServiceName: '{{ .Values.backend }}'\n",
    );
    assert.deepEqual(problemsOf(cfn.diagnostics), []);
    assert.deepEqual([cfn.resources[0].name, cfn.resources[0].meshName, cfn.resources[0].references], [UNKNOWN, UNKNOWN, []], "not the logical id");
  });

  test("a bare word where CloudFormation wants a number stays an error; a placeholder there does not", () => {
    const template = (port: string) =>
      `Resources:\n  Node:\n    Type: AWS::AppMesh::VirtualNode\n    Properties:\n      MeshName: shop\n      Spec:\n        Listeners:\n          - PortMapping:\n              Port: ${port}\n              Protocol: http\n        ServiceDiscovery:\n          DNS:\n            Hostname: node.local\n`;
    assert.deepEqual(brief(template("SERVICE1_PORT"), problemsOf(parseDefinitions("file:///ws/t.yaml", template("SERVICE1_PORT")).diagnostics)), [{ line: 9, code: "type" }]);
    for (const port of ["$SERVICE1_PORT", "${SERVICE1_PORT}", "<SERVICE1_PORT>", '"8080"']) {
      assert.deepEqual(problemsOf(parseDefinitions("file:///ws/t.yaml", template(port)).diagnostics), [], port);
    }
  });

  test("angle brackets of a regular expression's named group are not a stand-in", () => {
    const matches = (text: string) => text.match(PLACEHOLDER_PATTERN) ?? [];
    assert.deepEqual(matches("^/(?<version>v[0-9]+)/\\k<version>$"), []);
    assert.deepEqual(matches("arn:aws:acm:<REGION>:<your-account-id>:certificate/x"), ["<REGION>", "<your-account-id>"]);
    assert.deepEqual(matches("{{ .Values.a }}-{{ .Values.b }}"), ["{{ .Values.a }}", "{{ .Values.b }}"]);
    assert.deepEqual(matches("${A:-x}.$B.$_C_"), ["${A:-x}", "$B", "$_C_"]);
  });

  test("template control lines are blanked; a template line that is a key's value stays a value", () => {
    const text = "{{- if .Values.on }}\nspec:\n  {{- with .Values.selector }}\n  podSelector:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n{{- end }}\n";
    const lines = templateLines(text).map((offset) => lineOf(text, offset));
    assert.deepEqual(lines, [1, 3, 6, 7]);
    assert.deepEqual(parseYamlText(text).syntaxErrors, []);
  });
});

describe("CLI input files: names from the command line", () => {
  const route = (head: string) => `${head}routeName: r\nspec:\n  httpRoute:\n    match:\n      prefix: /\n    action:\n      weightedTargets:\n        - virtualNode: n\n          weight: 1\n`;

  test("a missing meshName or virtualRouterName is information at the resource's name, with the option to use", () => {
    const text = route("");
    const parsed = parseDefinitions("file:///ws/route.yaml", text);
    assert.deepEqual(problemsOf(parsed.diagnostics), []);
    const infos = parsed.diagnostics.filter((d) => d.code === "required");
    assert.deepEqual(infos.map((d) => [d.severity, lineOf(text, d.span.start), d.data?.field, d.data?.commandLine]), [
      ["information", 1, "meshName", "--mesh-name"],
      ["information", 1, "virtualRouterName", "--virtual-router-name"],
    ]);
    const [resource] = parsed.resources;
    assert.deepEqual([resource.name, resource.meshName, resource.parentName], ["r", UNKNOWN, UNKNOWN]);
  });

  test("present names are read, and the rest of the file is still held to the schema", () => {
    const text = route("meshName: m\nvirtualRouterName: vr\n").replace("spec:\n", "spec:\n  priority: 5000\n");
    const parsed = parseDefinitions("file:///ws/route.yaml", text);
    assert.deepEqual(brief(text, parsed.diagnostics), [{ line: 5, code: "range" }]);
    assert.deepEqual([parsed.resources[0].meshName, parsed.resources[0].parentName], ["m", "vr"]);
  });

  test("a gateway route's virtualGatewayName may come from the command line; a missing spec field is still an error", () => {
    const text = "gatewayRouteName: g\nspec:\n  httpRoute:\n    match:\n      prefix: /\n    action: {}\n";
    const parsed = parseDefinitions("file:///ws/gr.yaml", text);
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.severity, d.code, lineOf(text, d.span.start), d.data?.field]),
      [
        ["error", "required", 6, "target"],
        ["information", "required", 1, "meshName"],
        ["information", "required", 1, "virtualGatewayName"],
      ],
    );
  });
});

describe("template files", () => {
  test("*.yaml.template, *.yml.template, *.json.template and *.tpl are definition files; the glob names them", () => {
    for (const name of ["a.yaml", "a.yml", "a.json", "a.yaml.template", "a.yml.template", "a.json.template", "a.tpl", "a.yaml.tpl"]) assert.ok(isDefinitionFileName(name), name);
    for (const name of ["a.template", "a.txt", "a.yaml.bak", "a.sh"]) assert.ok(!isDefinitionFileName(name), name);
    for (const ext of ["yaml", "yml", "json", "yaml.template", "yml.template", "json.template", "tpl"]) assert.ok(DEFINITION_FILES_GLOB.includes(ext), ext);
  });

  test("*.json.template is held to JSON's rules, *.yaml.template to YAML's", () => {
    const text = '{\n  "meshName": "${MESH}",\n  "virtualRouterName": "vr",\n  "spec": { "listeners": [{ "portMapping": { "port": $PORT, "protocol": "http" } },] }\n}\n';
    assert.deepEqual(brief(text, parseDefinitions("file:///ws/vr.json.template", text).diagnostics.filter((d) => d.code === "syntax")), [{ line: 4, code: "syntax" }]);
    assert.deepEqual(parseDefinitions("file:///ws/vr.yaml.template", text).diagnostics.filter((d) => d.code === "syntax"), []);
    const valid = text.replace("},]", "}]");
    assert.deepEqual(problemsOf(parseDefinitions("file:///ws/vr.json.template", valid).diagnostics), []);
  });

  test("the workspace scan finds template files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "appmesh-templates-"));
    try {
      mkdirSync(join(dir, "walkthrough"));
      const mesh = "apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata:\n  name: ${MESH_NAME}\n";
      writeFileSync(join(dir, "walkthrough", "manifest.yaml.template"), mesh);
      writeFileSync(join(dir, "walkthrough", "mesh.tpl"), mesh);
      writeFileSync(join(dir, "walkthrough", "route.json.template"), '{ "meshName": "${MESH_NAME}", "virtualRouterName": "vr", "spec": {} }');
      writeFileSync(join(dir, "walkthrough", "notes.template"), mesh);
      const found = (await findDefinitionFiles(dir)).map((f) => f.uri.slice(f.uri.lastIndexOf("/") + 1)).sort();
      assert.deepEqual(found, ["manifest.yaml.template", "mesh.tpl", "route.json.template"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("one broken document does not switch off the others", () => {
  const node = (name: string, port: number) =>
    `apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  listeners:\n    - portMapping:\n        port: ${port}\n        protocol: http\n  serviceDiscovery:\n    dns:\n      hostname: ${name}.local\n`;

  for (const [label, damage] of [
    ["a tab", (doc: string) => doc.replace("        protocol: http", "\tprotocol: http")],
    ["a stray key", (doc: string) => doc.replace("  serviceDiscovery:", "     stray: 1\n  serviceDiscovery:")],
    ["bad indentation", (doc: string) => doc.replace("  serviceDiscovery:", "  serviceDiscovery\n   dns: {}")],
    ["an unclosed quote", (doc: string) => doc.replace("name: a", 'name: "a')],
    ["an unclosed bracket", (doc: string) => doc.replace("  listeners:\n", "  listeners: [\n")],
  ] as const) {
    test(`${label} in the first document: the error where it is, the others read and checked`, () => {
      const text = [damage(node("a", 8080)), node("b", 99999), node("c", 8080)].join("---\n");
      const parsed = parseDefinitions("file:///ws/nodes.yaml", text);
      const report = parsed.diagnostics.map((d) => `${lineOf(text, d.span.start)} ${d.code}: ${d.message}`).join("\n");
      const syntax = parsed.diagnostics.filter((d) => d.code === "syntax");
      assert.equal(syntax.length, 1, report);
      assert.ok(lineOf(text, syntax[0].span.start) <= 14, `the syntax error is in the first document\n${report}`);
      const others = parsed.diagnostics.filter((d) => d.code !== "syntax");
      assert.deepEqual(brief(text, others), [{ line: lineOf(text, text.indexOf("99999")), code: "range" }], report);
      assert.deepEqual(parsed.resources.map((r) => r.k8s?.name).filter((n) => n === "b" || n === "c"), ["b", "c"]);
    });
  }

  test("an unclosed quote is reported where it opens", () => {
    const text = [node("a", 8080).replace("hostname: a.local", 'hostname: "a.local'), node("b", 8080)].join("---\n");
    const syntax = parseDefinitions("file:///ws/nodes.yaml", text).diagnostics.filter((d) => d.code === "syntax");
    assert.deepEqual(brief(text, syntax), [{ line: 13, code: "syntax" }]);
    assert.equal(text.slice(syntax[0].span.start, syntax[0].span.end), '"');
  });

  test("invalid JSON still breaks the whole (single-document) file", () => {
    const text = '{ "meshName": "m", "virtualNodeName": "n", "spec": { "listeners": [{ "portMapping": { "port": 99999, "protocol": "http" } }] }, }';
    assert.deepEqual(parseDefinitions("file:///ws/n.json", text).diagnostics.map((d) => d.code), ["syntax"]);
  });
});

describe("a misspelt key still has what it holds checked", () => {
  test("confident matches only: one edit (two for long words), a swap, a case; no ties", () => {
    assert.equal(confidentMatch("weightedTarget", ["weightedTargets", "weight"]), "weightedTargets");
    assert.equal(confidentMatch("httpRote", ["httpRoute", "http2Route", "tcpRoute", "grpcRoute"]), "httpRoute");
    assert.equal(confidentMatch("HttpRout", ["HttpRoute", "Http2Route"]), "HttpRoute");
    assert.equal(confidentMatch("wieght", ["weight", "virtualNode", "port"]), "weight");
    assert.equal(confidentMatch("dns", ["DNS", "AWSCloudMap"]), "DNS");
    assert.equal(confidentMatch("tls", ["tcp", "http"]), undefined);
    assert.equal(confidentMatch("mode", ["enforce", "ports", "certificate", "validation"]), undefined);
    assert.equal(confidentMatch("http3", ["http", "http2"]), undefined, "a tie is not confident");
  });

  test("the model keeps the resource as written: nothing read from the misspelt subtree", () => {
    const text = "meshName: m\nvirtualRouterName: vr\nrouteName: r\nspec:\n  httpRoute:\n    match:\n      prefix: /\n    action:\n      weightedTarget:\n        - virtualNode: n\n          weight: 150\n";
    const parsed = parseDefinitions("file:///ws/r.yaml", text);
    assert.deepEqual(brief(text, parsed.diagnostics), [
      { line: 9, code: "unknown-key" },
      { line: 11, code: "range" },
    ]);
    const [route] = parsed.resources;
    assert.deepEqual(route.spec, { httpRoute: { match: { prefix: "/" }, action: {} } });
    assert.deepEqual(route.references.map((r) => r.path), ["virtualRouterName"], "no reference from the misspelt subtree");
    assert.ok(![...route.valueSpans.keys()].some((path) => path.includes("weightedTargets")), "no span under the meant key");
    assert.equal(parsed.diagnostics[0].data?.suggestion, "weightedTargets", "the quick fix still has its suggestion");
  });

  test("a misspelt key beside the key it would be is not read as that key again", () => {
    const text = "meshName: m\nvirtualNodeName: n\nspec:\n  listeners:\n    - portMapping:\n        port: 8080\n        protocol: http\n  listener:\n    - portMapping:\n        port: 99999\n  serviceDiscovery:\n    dns:\n      hostname: n.local\n";
    assert.deepEqual(brief(text, parseDefinitions("file:///ws/n.yaml", text).diagnostics), [{ line: 8, code: "unknown-key" }]);
  });

  test("a misspelt Kubernetes kind or CloudFormation type still has its spec checked", () => {
    const k8s = "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNod\nmetadata:\n  name: n\nspec:\n  listeners:\n    - portMapping:\n        port: 99999\n        protocol: http\n";
    assert.deepEqual(brief(k8s, parseDefinitions("file:///ws/n.yaml", k8s).diagnostics), [
      { line: 2, code: "enum" },
      { line: 8, code: "range" },
    ]);
    const cfn = "Resources:\n  Mesh:\n    Type: AWS::AppMesh::Mesh\n    Properties:\n      Spec:\n        EgressFilter:\n          Type: ALLOW_ANY\n  Node:\n    Type: AWS::AppMesh::VirtualNod\n    Properties:\n      MeshName: !Ref Mesh\n      Spec:\n        Listeners:\n          - PortMapping:\n              Port: 99999\n              Protocol: http\n";
    assert.deepEqual(brief(cfn, parseDefinitions("file:///ws/t.yaml", cfn).diagnostics), [
      { line: 7, code: "enum" },
      { line: 9, code: "enum" },
      { line: 15, code: "range" },
    ]);
  });
});

test("a CLI input file holding only the spec is read by its members: the kind from the spec, every name from the command line", () => {
  const node = parseDefinitions(
    "file:///repo/mesh/tracker-blue-vn.json",
    '{\n  "spec": {\n    "listeners": [{ "portMapping": { "port": 70000, "protocol": "http" } }],\n    "serviceDiscovery": { "dns": { "hostname": "tracker-blue.local" } }\n  }\n}\n',
  );
  assert.equal(node.resources.length, 1);
  assert.equal(node.resources[0].kind, "VirtualNode");
  assert.equal(isKnown(node.resources[0].name), false, "the node's name is given with --virtual-node-name");
  assert.deepEqual(node.diagnostics.filter((d) => d.severity === "error").map((d) => d.code), ["range"], "only the real mistake is an error");
  assert.ok(node.diagnostics.some((d) => d.severity === "information" && /--virtual-node-name/.test(d.message)));
  const kinds = (spec: string, name = "x.json") => parseDefinitions(`file:///repo/${name}`, `{ "spec": ${spec} }`).resources.map((r) => r.kind);
  assert.deepEqual(kinds('{ "provider": { "virtualNode": { "virtualNodeName": "a" } } }'), ["VirtualService"]);
  assert.deepEqual(kinds('{ "egressFilter": { "type": "DROP_ALL" } }'), ["Mesh"]);
  assert.deepEqual(kinds('{ "listeners": [{ "portMapping": { "port": 80, "protocol": "http" } }] }'), ["VirtualRouter"]);
  assert.deepEqual(kinds('{ "httpRoute": { "match": { "prefix": "/" }, "action": { "weightedTargets": [{ "virtualNode": "a", "weight": 1 }] } } }'), ["Route"]);
  assert.deepEqual(kinds('{ "httpRoute": { "match": { "prefix": "/" }, "action": { "target": { "virtualService": { "virtualServiceName": "a" } } } } }'), ["GatewayRoute"]);
  assert.deepEqual(kinds('{ "listeners": [{ "portMapping": { "port": 80, "protocol": "http" }, "healthCheck": {} }] }', "gateway-vg.json"), ["VirtualGateway"]);
  assert.deepEqual(kinds('{ "listeners": [{ "portMapping": { "port": 80, "protocol": "http" }, "healthCheck": {} }] }', "settings.json"), [], "ambiguous without a telling file name: left alone");
  assert.deepEqual(parseDefinitions("file:///repo/other.json", '{ "spec": { "replicas": 2 } }').resources, [], "another tool's spec is not ours");
});
