// The App Mesh injection grammar (syntaxes/appmesh.injection.tmLanguage.json), tokenized with vscode-textmate.
// VS Code's YAML grammar isn't on this machine, so a small stand-in with scopeName source.yaml hosts the injection.
// It follows the real grammar in the one way the injection depends on: its begin/while rules consume a line's
// indentation and any "- " and leave the scanner anchor (\G) where the key starts, and its ":" rule leaves the
// anchor where the value starts. It also scopes comments, quoted strings and block scalars like the real one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from "vscode-textmate";
import { OnigScanner, OnigString, loadWASM } from "vscode-oniguruma";

const root = join(__dirname, "..", "..");
const injectionPath = join(root, "syntaxes", "appmesh.injection.tmLanguage.json");
const injection = JSON.parse(readFileSync(injectionPath, "utf8"));

const comment = {
  begin: "(?:^|(?<=[ \\t]))(#)",
  end: "$",
  name: "comment.line.number-sign.yaml",
  beginCaptures: { "1": { name: "punctuation.definition.comment.yaml" } },
};
const standInYaml = {
  scopeName: "source.yaml",
  patterns: [{ include: "#comment" }, { include: "#block-scalar" }, { include: "#line" }],
  repository: {
    comment,
    "block-scalar": {
      // key: |  (or >) and the more-indented lines under it; the while eats their indentation, as the real grammar does
      begin: "^([ \\t]*+)(?:(-)[ \\t]++)?([^\\s#:][^#:]*?)(:)[ \\t]++([|>][-+]?)[ \\t]*+$",
      while: "^\\1[ \\t]++(?=\\S)|^[ \\t]*+$",
      beginCaptures: {
        "2": { name: "punctuation.definition.block.sequence.item.yaml" },
        "3": { name: "meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml" },
        "4": { name: "punctuation.separator.map.value.yaml" },
        "5": { name: "keyword.control.flow.block-scalar.yaml" },
      },
      contentName: "string.unquoted.block.yaml",
    },
    line: {
      begin: "^([ \\t]*+)(?:(-)([ \\t]++))?(?=[^ \\t#])",
      end: "$",
      name: "meta.mapping.yaml",
      beginCaptures: { "2": { name: "punctuation.definition.block.sequence.item.yaml" } },
      patterns: [{ include: "#key" }, { include: "#value" }, { include: "#plain" }, { include: "#comment" }],
    },
    key: {
      match: "\\G([^\\s#:'\"][^#:]*?)[ \\t]*+(?=:(?:[ \\t]|$))",
      captures: { "1": { name: "meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml" } },
    },
    value: {
      begin: ":(?=[ \\t]|$)",
      end: "$",
      name: "meta.map.value.yaml",
      beginCaptures: { "0": { name: "punctuation.separator.map.value.yaml" } },
      patterns: [{ include: "#comment" }, { include: "#double" }, { include: "#single" }, { include: "#plain" }],
    },
    double: { begin: "\"", end: "\"", name: "string.quoted.double.yaml", patterns: [{ match: "\\\\.", name: "constant.character.escape.yaml" }] },
    single: { begin: "'", end: "'(?!')", name: "string.quoted.single.yaml", patterns: [{ match: "''", name: "constant.character.escape.yaml" }] },
    plain: { match: "[^ \\t#'\"][^#]*?(?=[ \\t]++#|[ \\t]*+$)", name: "string.unquoted.plain.out.yaml" },
  },
};

// vscode-oniguruma's WebAssembly can be loaded once per process.
const onig = loadWASM({ data: readFileSync(join(root, "node_modules", "vscode-oniguruma", "release", "onig.wasm")) });

async function loadYaml(withInjection: boolean): Promise<IGrammar> {
  await onig;
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === "source.yaml") return parseRawGrammar(JSON.stringify(standInYaml), "source.yaml.json");
      if (scopeName === "appmesh.injection") return parseRawGrammar(readFileSync(injectionPath, "utf8"), injectionPath);
      return null;
    },
    // What VS Code does with a grammar contribution's injectTo.
    getInjections: (scopeName) => (withInjection && scopeName === "source.yaml" ? ["appmesh.injection"] : undefined),
  });
  const grammar = await registry.loadGrammar("source.yaml");
  assert.ok(grammar, "the stand-in YAML grammar loads");
  return grammar;
}
const yamlWithAppMesh = loadYaml(true);

interface Token { line: number; text: string; scopes: string[] }

function tokenize(grammar: IGrammar, source: string): { lines: string[]; tokens: Token[] } {
  const lines = source.split("\n");
  const tokens: Token[] = [];
  let state: StateStack = INITIAL;
  lines.forEach((text, line) => {
    const result = grammar.tokenizeLine(text, state);
    state = result.ruleStack;
    for (const t of result.tokens) {
      const piece = text.slice(t.startIndex, Math.min(t.endIndex, text.length));
      if (piece) tokens.push({ line, text: piece, scopes: t.scopes });
    }
  });
  return { lines, tokens };
}

async function tokens(source: string): Promise<Token[]> {
  return tokenize(await yamlWithAppMesh, source).tokens;
}

/** The token that is exactly `text` on the only line that contains `lineText`. */
function tokenOf(all: Token[], lineText: string, text: string): Token {
  const lines = [...new Set(all.map((t) => t.line))].filter((line) => lineOf(all, line).includes(lineText));
  assert.equal(lines.length, 1, `exactly one line contains ${JSON.stringify(lineText)}`);
  const onLine = all.filter((t) => t.line === lines[0]);
  const token = onLine.find((t) => t.text === text);
  assert.ok(token, `a token ${JSON.stringify(text)} on ${JSON.stringify(lineText)}; got ${JSON.stringify(onLine.map((t) => t.text))}`);
  return token;
}
function lineOf(all: Token[], line: number): string {
  return all.filter((t) => t.line === line).map((t) => t.text).join("");
}
function hasScope(token: Token, scope: string): boolean {
  return token.scopes.includes(scope);
}
function appMeshScopes(all: Token[]): string[] {
  return all.flatMap((t) => t.scopes.filter((s) => s.endsWith(".appmesh")).map((s) => `${JSON.stringify(t.text)} ${s}`));
}

const NAMESPACE = "entity.name.namespace.appmesh";
const TYPE = "entity.name.type.appmesh";
const REFERENCE = "variable.other.reference.appmesh";
const YAML_KEY = "entity.name.tag.yaml";

test("the grammar is an injection into source.yaml that stays out of comments and strings", () => {
  assert.equal(injection.scopeName, "appmesh.injection");
  assert.match(injection.injectionSelector, /^L:source\.yaml\b/);
  for (const excluded of ["-comment", "-string"]) assert.ok(injection.injectionSelector.includes(excluded), `selector has ${excluded}`);
});

test("package.json contributes the injection grammar to YAML", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const grammars: { scopeName: string; path: string; injectTo?: string[]; language?: string }[] = manifest.contributes.grammars ?? [];
  const entry = grammars.find((g) => g.scopeName === "appmesh.injection");
  assert.ok(entry, "contributes.grammars has appmesh.injection");
  assert.equal(join(root, entry.path), injectionPath);
  assert.deepEqual(entry.injectTo, ["source.yaml"]);
  assert.equal(entry.language, undefined, "an injection grammar is not a language's grammar");
});

test("the stand-in YAML grammar alone gives no App Mesh scopes", async () => {
  const plain = await loadYaml(false);
  const { tokens: all } = tokenize(plain, "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nspec:\n  meshRef:\n    name: demo\n");
  assert.deepEqual(appMeshScopes(all), []);
  assert.ok(hasScope(tokenOf(all, "meshRef", "meshRef"), YAML_KEY), "the host scopes keys by itself");
});

test("a Kubernetes VirtualNode: apiVersion, kind and reference keys", async () => {
  const all = await tokens(
    [
      "apiVersion: appmesh.k8s.aws/v1beta2",
      "kind: VirtualNode   # the node",
      "metadata:",
      "  name: backend",
      "  namespace: demo",
      "spec:",
      "  meshRef:",
      "    name: demo",
      "    uid: 1234",
      "  awsName: backend_demo",
      "  backends:",
      "    - virtualService:",
      "        virtualServiceRef:",
      "          name: colors",
      "    - virtualService:",
      "        virtualServiceARN: arn:aws:appmesh:us-east-1:111122223333:mesh/demo/virtualService/colors",
      "  listeners:",
      "    - portMapping:",
      "        port: 8080",
      "        protocol: http",
    ].join("\n"),
  );

  const apiVersion = tokenOf(all, "apiVersion:", "appmesh.k8s.aws/v1beta2");
  assert.ok(hasScope(apiVersion, NAMESPACE), apiVersion.scopes.join(" "));
  assert.ok(hasScope(apiVersion, "string.unquoted.plain.out.yaml"), "the value keeps its YAML scope");
  assert.ok(!hasScope(tokenOf(all, "apiVersion:", "apiVersion"), NAMESPACE), "the key is not the namespace");

  const kind = tokenOf(all, "kind:", "VirtualNode");
  assert.ok(hasScope(kind, TYPE), kind.scopes.join(" "));
  assert.ok(!hasScope(tokenOf(all, "kind:", "kind"), TYPE));
  assert.ok(hasScope(tokenOf(all, "kind:", " the node"), "comment.line.number-sign.yaml"), "a trailing comment stays a comment");

  for (const [line, key] of [["meshRef:", "meshRef"], ["virtualServiceRef:", "virtualServiceRef"], ["virtualServiceARN:", "virtualServiceARN"]]) {
    const token = tokenOf(all, line, key);
    assert.ok(hasScope(token, REFERENCE), `${key}: ${token.scopes.join(" ")}`);
    assert.ok(hasScope(token, YAML_KEY), `${key} is still a YAML key`);
  }
  const arn = tokenOf(all, "virtualServiceARN:", "arn:aws:appmesh:us-east-1:111122223333:mesh/demo/virtualService/colors");
  assert.ok(hasScope(arn, "string.unquoted.plain.out.yaml") && !arn.scopes.some((s) => s.endsWith(".appmesh")), "only the key is scoped");

  // Nothing else in the manifest picks up an App Mesh scope.
  assert.deepEqual(appMeshScopes(all), [
    `"appmesh.k8s.aws/v1beta2" ${NAMESPACE}`,
    `"VirtualNode" ${TYPE}`,
    `"meshRef" ${REFERENCE}`,
    `"virtualServiceRef" ${REFERENCE}`,
    `"virtualServiceARN" ${REFERENCE}`,
  ]);
});

test("quoted values, v1beta1, sequence items and API-shaped virtualNode targets", async () => {
  const all = await tokens(
    [
      "apiVersion: \"appmesh.k8s.aws/v1beta1\"",
      "kind: 'VirtualRouter'",
      "spec:",
      "  routes:",
      "    - name: r",
      "      httpRoute:",
      "        action:",
      "          weightedTargets:",
      "            - virtualNodeRef:",
      "                name: blue",
      "              weight: 1",
      "            - virtualNode: green",
      "              weight: 2",
      "---",
      "kind: VirtualService",
      "spec:",
      "  provider:",
      "    virtualNode:",
      "      virtualNodeRef:",
      "        name: blue",
    ].join("\n"),
  );
  const v1beta1 = tokenOf(all, "apiVersion:", "appmesh.k8s.aws/v1beta1");
  assert.ok(hasScope(v1beta1, NAMESPACE) && hasScope(v1beta1, "string.quoted.double.yaml"), v1beta1.scopes.join(" "));
  const router = tokenOf(all, "'VirtualRouter'", "VirtualRouter");
  assert.ok(hasScope(router, TYPE) && hasScope(router, "string.quoted.single.yaml"), router.scopes.join(" "));
  assert.ok(hasScope(tokenOf(all, "kind: VirtualService", "VirtualService"), TYPE));

  assert.ok(hasScope(tokenOf(all, "- virtualNodeRef:", "virtualNodeRef"), REFERENCE), "a key after '- '");
  assert.ok(hasScope(tokenOf(all, "virtualNode: green", "virtualNode"), REFERENCE), "virtualNode with a scalar value");
  const green = tokenOf(all, "virtualNode: green", "green");
  assert.ok(!green.scopes.some((s) => s.endsWith(".appmesh")));
  const providerNode = tokenOf(all, "    virtualNode:", "virtualNode");
  assert.ok(!hasScope(providerNode, REFERENCE) && hasScope(providerNode, YAML_KEY), "virtualNode holding a mapping is a plain key");
  assert.ok(hasScope(tokenOf(all, "      virtualNodeRef:", "virtualNodeRef"), REFERENCE));
  assert.ok(!hasScope(tokenOf(all, "name: r", "name"), REFERENCE));
});

test("a CloudFormation template: AWS::AppMesh types and name properties", async () => {
  const all = await tokens(
    [
      "AWSTemplateFormatVersion: \"2010-09-09\"",
      "Resources:",
      "  Mesh:",
      "    Type: AWS::AppMesh::Mesh",
      "    Properties:",
      "      MeshName: demo",
      "  BlueNode:",
      "    Type: \"AWS::AppMesh::VirtualNode\"",
      "    Properties:",
      "      MeshName: !GetAtt Mesh.MeshName",
      "      VirtualNodeName: blue",
      "  ColorsRoute:",
      "    Type: AWS::AppMesh::Route   # weighted",
      "    Properties:",
      "      MeshName: demo",
      "      VirtualRouterName: colors",
      "      RouteName: split",
      "      Spec:",
      "        HttpRoute:",
      "          Action:",
      "            WeightedTargets:",
      "              - VirtualNode: blue",
      "                Weight: 1",
      "  Gateway:",
      "    Type: AWS::AppMesh::VirtualGateway",
      "    Properties:",
      "      VirtualGatewayName: ingress",
      "      GatewayRouteName: gr",
      "      VirtualServiceName: colors.demo",
      "  Bucket:",
      "    Type: AWS::S3::Bucket",
    ].join("\n"),
  );
  for (const [line, value] of [
    ["Type: AWS::AppMesh::Mesh", "AWS::AppMesh::Mesh"],
    ["Type: \"AWS::AppMesh::VirtualNode\"", "AWS::AppMesh::VirtualNode"],
    ["Type: AWS::AppMesh::Route", "AWS::AppMesh::Route"],
    ["Type: AWS::AppMesh::VirtualGateway", "AWS::AppMesh::VirtualGateway"],
  ]) {
    assert.ok(hasScope(tokenOf(all, line, value), TYPE), value);
    assert.ok(!hasScope(tokenOf(all, line, "Type"), TYPE), `the Type key of ${value} is only a key`);
  }
  assert.ok(!tokenOf(all, "AWS::S3::Bucket", "AWS::S3::Bucket").scopes.some((s) => s.endsWith(".appmesh")), "other resource types are left alone");

  for (const [line, key] of [
    ["MeshName: !GetAtt", "MeshName"],
    ["VirtualNodeName: blue", "VirtualNodeName"],
    ["VirtualRouterName:", "VirtualRouterName"],
    ["RouteName: split", "RouteName"],
    ["VirtualGatewayName:", "VirtualGatewayName"],
    ["GatewayRouteName:", "GatewayRouteName"],
    ["VirtualServiceName:", "VirtualServiceName"],
  ]) {
    const token = tokenOf(all, line, key);
    assert.ok(hasScope(token, REFERENCE) && hasScope(token, YAML_KEY), `${key}: ${token.scopes.join(" ")}`);
  }
  assert.equal(all.filter((t) => t.text === "MeshName" && hasScope(t, REFERENCE)).length, 3, "every MeshName key");
  assert.ok(!hasScope(tokenOf(all, "- VirtualNode: blue", "VirtualNode"), REFERENCE), "CloudFormation's VirtualNode target is not in the key list");
  assert.ok(!tokenOf(all, "MeshName: !GetAtt", "!GetAtt Mesh.MeshName").scopes.some((s) => s.endsWith(".appmesh")), "MeshName inside a value is not a key");
});

test("a Deployment, comments, block scalars and quoted strings get no App Mesh scopes", async () => {
  const all = await tokens(
    [
      "# kind: VirtualNode",
      "#virtualNodeRef: commented-out",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "  annotations:",
      "    note: \"kind: VirtualNode\"",
      "    other: 'meshRef: x'",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: web   # virtualNodeRef: not a key",
      "          args: |",
      "            virtualNodeRef:",
      "            kind: VirtualNode",
      "          env:",
      "            - name: APPMESH_VIRTUAL_NODE_NAME",
      "              value: mesh/demo/virtualNode/web",
      "mykind: VirtualNode",
      "kind: VirtualNodes",
      "apiVersion: appmesh.k8s.aws/v1beta3",
    ].join("\n"),
  );
  assert.deepEqual(appMeshScopes(all), []);
  const deployment = tokenOf(all, "kind: Deployment", "Deployment");
  assert.ok(!hasScope(deployment, TYPE) && hasScope(deployment, "string.unquoted.plain.out.yaml"), deployment.scopes.join(" "));
  assert.ok(hasScope(tokenOf(all, "kind: Deployment", "kind"), YAML_KEY), "the kind key is still a YAML key");
  const commented = all.filter((t) => t.line === 1);
  assert.ok(commented.every((t) => hasScope(t, "comment.line.number-sign.yaml")), "a comment stays one comment");
  const blockLine = tokenOf(all, "            virtualNodeRef:", "virtualNodeRef:");
  assert.ok(hasScope(blockLine, "string.unquoted.block.yaml"), blockLine.scopes.join(" "));
});
