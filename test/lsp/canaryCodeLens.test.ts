// Canary promotion in definition files: the code lens above `weightedTargets` of every route with
// two or more weighted targets (Kubernetes, CloudFormation, API shape), and the edits the server
// writes for new weights: only the weight values change, comments and formatting stay, and weights
// the file does not hold as numbers (placeholders, intrinsic functions) are refused with the reason.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { CodeLens, Position, TextEdit } from "vscode-languageserver-protocol";
import {
  DefinitionsRequest,
  PROMOTE_CANARY_IN_FILE_COMMAND,
  RouteWeightEditsRequest,
  type PromoteCanaryInFileArgs,
  type RouteIdentity,
  type RouteWeightEditsResult,
} from "../../src/protocol/messages";
import { LspClient } from "./lspClient";
import { positionOf, until } from "./textPositions";
import { TempWorkspace } from "./workspaceFixture";

const FIXTURES = join(__dirname, "..", "fixtures", "canary");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

const K8S = fixture("color-router.yaml");
const CFN = fixture("color-routes.cfn.yaml");
const API = fixture("color-route.json");
const SINGLE = fixture("color-single.json");

const K8S_URI = "file:///ws/color/color-router.yaml";
const CFN_URI = "file:///ws/color/color-routes.cfn.yaml";
const API_URI = "file:///ws/color/color-route.json";
const SINGLE_URI = "file:///ws/color/color-single.json";

/** The text with LSP edits applied (non-overlapping, any order). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const offset = (p: Position) => lineStarts[p.line] + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)), text);
}

/** [line number, before, after] of every line that differs (the texts have as many lines). */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split("\n");
  const b = after.split("\n");
  assert.equal(b.length, a.length, "an edit of weights adds or removes no line");
  return a.flatMap((line, i) => (line === b[i] ? [] : [[i, line, b[i]] as [number, string, string]]));
}

describe("canary code lens and weight edits", { timeout: 60_000 }, () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.startServer();
    await client.openForDiagnostics(K8S_URI, K8S);
    await client.openForDiagnostics(CFN_URI, CFN);
    await client.openForDiagnostics(API_URI, API);
    await client.openForDiagnostics(SINGLE_URI, SINGLE);
  });
  after(async () => client?.stop());

  const lenses = (uri: string) => client.request<CodeLens[] | null>("textDocument/codeLens", { textDocument: { uri } }).then((l) => l ?? []);
  const argsOf = (lens: CodeLens) => lens.command!.arguments![0] as PromoteCanaryInFileArgs;
  const lensOf = async (uri: string, routeName: string) => {
    const found = (await lenses(uri)).find((l) => argsOf(l).route.routeName === routeName);
    assert.ok(found, `a lens on ${routeName}`);
    return found;
  };
  const edits = (uri: string, route: RouteIdentity, weights?: number[]) =>
    client.request<RouteWeightEditsResult>(RouteWeightEditsRequest.method, { uri, route, ...(weights ? { weights } : {}) });
  const editsOrFail = async (uri: string, route: RouteIdentity, weights?: number[]) => {
    const result = await edits(uri, route, weights);
    assert.ok(!("refused" in result), `not refused: ${"refused" in result ? result.refused : ""}`);
    return result;
  };
  const refusal = async (uri: string, route: RouteIdentity, weights?: number[]) => {
    const result = await edits(uri, route, weights);
    assert.ok("refused" in result, "refused");
    return result.refused;
  };

  test("the request and the command have their names", async () => {
    assert.equal(RouteWeightEditsRequest.method, "appmesh/routeWeightEdits");
    assert.equal(PROMOTE_CANARY_IN_FILE_COMMAND, "appmesh.promoteCanaryInFile");
  });

  test("Kubernetes: a lens above weightedTargets of each route with 2+ targets, none on a single target", async () => {
    const all = await lenses(K8S_URI);
    assert.deepEqual(
      all.map((l) => [argsOf(l).route.routeName, l.command?.title, l.range.start.line]),
      [
        ["color-canary", "Promote Canary (color-v2 10 %)", positionOf(K8S, "weightedTargets:", 0, 1).line],
        ["color-templated", "Promote Canary (weights not literal)", positionOf(K8S, "weightedTargets:", 0, 3).line],
      ],
    );
    const canary = all[0];
    assert.equal(canary.command?.command, "appmesh.promoteCanaryInFile");
    assert.deepEqual(argsOf(canary), {
      uri: K8S_URI,
      route: { routerName: "color-router_color", routeName: "color-canary", index: 0 },
      targets: [
        { node: "color-v1", weight: 90 },
        { node: "color-v2", weight: 10 },
      ],
    });
    assert.equal(canary.range.start.character, positionOf(K8S, "weightedTargets:").character, "on the key");
  });

  test("CloudFormation: the lens names the nodes a !GetAtt resolves to; none on a single target", async () => {
    const all = await lenses(CFN_URI);
    assert.deepEqual(
      all.map((l) => [argsOf(l).route.routeName, l.command?.title, l.range.start.line]),
      [
        ["color-canary", "Promote Canary (color-v2-vn 25 %)", positionOf(CFN, "WeightedTargets:", 0, 1).line],
        ["color-parameter", "Promote Canary (weights not literal)", positionOf(CFN, "WeightedTargets:", 0, 3).line],
      ],
    );
    assert.deepEqual(argsOf(all[0]).targets, [
      { node: "color-v1-vn", weight: 75 },
      { node: "color-v2-vn", weight: 25 },
    ]);
    assert.deepEqual(argsOf(all[0]).route, { meshName: "color-mesh", routerName: "color-vr", routeName: "color-canary", index: 0 });
  });

  test("API shape: a lens with every canary's share; none in a single-target route file", async () => {
    const all = await lenses(API_URI);
    assert.deepEqual(
      all.map((l) => l.command?.title),
      ["Promote Canary (color-v2-vn 30 % · color-v3-vn 20 %)"],
    );
    assert.equal(all[0].range.start.line, positionOf(API, '"weightedTargets"').line);
    assert.deepEqual(await lenses(SINGLE_URI), []);
  });

  test("without weights, the request checks the route and reads its targets", async () => {
    const checked = await editsOrFail(K8S_URI, argsOf(await lensOf(K8S_URI, "color-canary")).route);
    assert.deepEqual(checked.edits, []);
    assert.equal(checked.version, 1, "the open document's version");
    assert.deepEqual(checked.targets, [
      { node: "color-v1", weight: 90 },
      { node: "color-v2", weight: 10 },
    ]);
  });

  test("Kubernetes: the edits change only the weight values; comments and spacing stay", async () => {
    const { route } = argsOf(await lensOf(K8S_URI, "color-canary"));
    const result = await editsOrFail(K8S_URI, route, [75, 25]);
    const after = applyEdits(K8S, result.edits);
    assert.deepEqual(changedLines(K8S, after), [
      [positionOf(K8S, "weight: 90").line, "              weight: 90   # baseline", "              weight: 75   # baseline"],
      [positionOf(K8S, "weight:    10").line, "              weight:    10", "              weight:    25"],
    ]);
    assert.ok(after.includes("# the canary") && after.includes("prefix: /   # every path"), "comments kept");
  });

  test("CloudFormation: only the Weight values change, the comment after one stays", async () => {
    const { route } = argsOf(await lensOf(CFN_URI, "color-canary"));
    const after = applyEdits(CFN, (await editsOrFail(CFN_URI, route, [50, 50])).edits);
    assert.deepEqual(
      changedLines(CFN, after).map(([, a, b]) => [a.trim(), b.trim()]),
      [
        ["Weight: 75 # baseline", "Weight: 50 # baseline"],
        ["Weight: 25", "Weight: 50"],
      ],
    );
  });

  test("API shape: a weight that stays gets no edit; three targets", async () => {
    const { route } = argsOf((await lenses(API_URI))[0]);
    const result = await editsOrFail(API_URI, route, [40, 40, 20]);
    assert.equal(result.edits.length, 2);
    assert.deepEqual(
      changedLines(API, applyEdits(API, result.edits)).map(([, a, b]) => [a.trim(), b.trim()]),
      [
        ['{ "virtualNode": "color-v1-vn", "weight": 50 },', '{ "virtualNode": "color-v1-vn", "weight": 40 },'],
        ['{ "virtualNode": "color-v2-vn", "weight": 30 },', '{ "virtualNode": "color-v2-vn", "weight": 40 },'],
      ],
    );
  });

  test("placeholders and intrinsic functions are refused with the reason", async () => {
    const templated = argsOf(await lensOf(K8S_URI, "color-templated"));
    assert.deepEqual(templated.targets.map((t) => t.weight), [null, null]);
    assert.match(await refusal(K8S_URI, templated.route, [50, 50]), /color-templated: the weight of color-v1 is a placeholder \(\$\{BASELINE_WEIGHT\}\)/);
    assert.match(await refusal(K8S_URI, templated.route), /placeholder/, "the check refuses too");
    const parameter = argsOf(await lensOf(CFN_URI, "color-parameter"));
    assert.match(await refusal(CFN_URI, parameter.route, [90, 10]), /color-parameter: the weight of color-v2-vn is a CloudFormation intrinsic function \(!Ref CanaryWeight\)/);
  });

  test("refused: a route that is gone, another number of targets, weights App Mesh refuses, a single target", async () => {
    const { route } = argsOf(await lensOf(K8S_URI, "color-canary"));
    assert.match(await refusal(K8S_URI, { ...route, routeName: "color-gone" }, [50, 50]), /Route color-gone is no longer in color-router\.yaml/);
    assert.match(await refusal(K8S_URI, route, [50, 30, 20]), /has 2 weighted targets in the file now, not 3/);
    assert.match(await refusal(K8S_URI, route, [90, 20]), /add up to at most 100/);
    assert.match(await refusal(K8S_URI, { routerName: "color-router_color", routeName: "color-tester" }, [1]), /not a canary: it has one weighted target/);
  });

  test("the route is found by its names when the index moved (a route added above it)", async () => {
    const { route } = argsOf(await lensOf(API_URI, "color-api"));
    const result = await editsOrFail(API_URI, { ...route, index: 5 }, [50, 25, 25]);
    assert.equal(result.edits.length, 2);
  });

  test("after the edit, the lens shows the new share", async () => {
    const uri = "file:///ws/color/after-edit.yaml";
    await client.openForDiagnostics(uri, K8S);
    const { route } = argsOf(await lensOf(uri, "color-canary"));
    const result = await editsOrFail(uri, route, [75, 25]);
    const changed = client.nextDiagnostics(uri);
    await client.change(uri, applyEdits(K8S, result.edits));
    await changed;
    const lens = await lensOf(uri, "color-canary");
    assert.equal(lens.command?.title, "Promote Canary (color-v2 25 %)");
    assert.deepEqual(argsOf(lens).targets.map((t) => t.weight), [75, 25]);
    const again = await editsOrFail(uri, route);
    assert.equal(again.version, 2);
  });
});

describe("weight edits for a file that is not open (the Definitions view)", { timeout: 60_000 }, () => {
  let client: LspClient;
  const workspace = new TempWorkspace("appmesh-canary-");

  before(async () => {
    workspace.write("color-router.yaml", K8S);
    client = await LspClient.startServer({ rootUri: workspace.uri, workspaceFolders: [{ uri: workspace.uri, name: "ws" }] });
  });
  after(async () => {
    await client?.stop();
    workspace.remove();
  });

  test("edits the text as read from disk, with no version", async () => {
    const uri = workspace.uriOf("color-router.yaml");
    let routes: { kind: string; name: string; parentName?: string }[] = [];
    const poll = setInterval(() => {
      void client.request<typeof routes>(DefinitionsRequest.method, undefined).then((d) => (routes = d.filter((s) => s.kind === "Route")));
    }, 100);
    try {
      await until(() => routes.length === 3, "the server read the workspace");
    } finally {
      clearInterval(poll);
    }
    const summary = routes.find((r) => r.name === "color-canary")!;
    const result = await edits(uri, { routerName: summary.parentName, routeName: summary.name }, [95, 5]);
    assert.ok(!("refused" in result));
    assert.equal(result.version, null);
    assert.deepEqual(
      changedLines(K8S, applyEdits(K8S, result.edits)).map(([, a, b]) => [a.trim(), b.trim()]),
      [
        ["weight: 90   # baseline", "weight: 95   # baseline"],
        ["weight:    10", "weight:    5"],
      ],
    );
  });

  const edits = (uri: string, route: RouteIdentity, weights?: number[]) =>
    client.request<RouteWeightEditsResult>(RouteWeightEditsRequest.method, { uri, route, ...(weights ? { weights } : {}) });
});
