// The "scale the weights" quick fix is offered wherever the cursor is in the route's weighted
// targets, not only on the `weightedTargets:` line that carries the diagnostic. VS Code asks for
// code actions with the cursor (or selection) range and only the diagnostics overlapping it, so
// on a `weight:` line it sends none.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CodeAction, Diagnostic, Position } from "vscode-languageserver-protocol";
import { LspClient } from "./lspClient";
import { positionOf } from "./textPositions";
import { k8sVirtualRouter } from "./workspaceFixture";

const SCALE = "Scale the weights to add up to 100";

/** Route cart-split's weights add up to 130; route other's to 100. */
const ROUTER = k8sVirtualRouter("cart", "shop", [
  { name: "cart-split", prefix: "/", targets: [["cart-v1", 120], ["cart-v2", 10]] },
  { name: "other", prefix: "/other", targets: [["cart-v1", 100]] },
]);

describe("weight-sum quick fix range", { timeout: 30_000 }, () => {
  let client: LspClient;
  let weightSum: Diagnostic;
  const uri = "file:///ws/shop/router.yaml";

  before(async () => {
    client = await LspClient.startServer();
    const found = (await client.openForDiagnostics(uri, ROUTER)).find((d) => d.code === "weight-sum");
    assert.ok(found, "the weights add up to 130");
    weightSum = found;
    assert.equal(weightSum.range.start.line, positionOf(ROUTER, "weightedTargets:").line, "the diagnostic sits on the weightedTargets key");
  });
  after(async () => client?.stop());

  /** Code actions as VS Code asks for them: the cursor, plus the diagnostics overlapping it. */
  async function actionsAt(position: Position): Promise<CodeAction[]> {
    const onLine = (client.diagnostics.get(uri) ?? []).filter((d) => d.range.start.line <= position.line && position.line <= d.range.end.line && d.range.start.character <= position.character && position.character <= d.range.end.character);
    return client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: onLine } });
  }

  for (const [where, position] of [
    ["the weightedTargets key", positionOf(ROUTER, "weightedTargets:", 3)],
    ["the first weight", positionOf(ROUTER, "weight: 120", 9)],
    ["the start of the second weight line", { line: positionOf(ROUTER, "weight: 10\n").line, character: 0 }],
    ["a target's virtualNodeRef", positionOf(ROUTER, "- virtualNodeRef:", 4, 2)],
    ["a target's node name", positionOf(ROUTER, "name: cart-v2", 8)],
  ] as const) {
    test(`offered on ${where}, once, with the route's diagnostic`, async () => {
      const scale = (await actionsAt(position)).filter((a) => a.title === SCALE);
      assert.equal(scale.length, 1);
      assert.deepEqual(scale[0].edit?.changes?.[uri].map((e) => e.newText), ["92", "8"]);
      assert.deepEqual(scale[0].diagnostics?.map((d) => [d.code, d.range]), [["weight-sum", weightSum.range]]);
    });
  }

  test("not offered outside the weighted targets, nor on another route's", async () => {
    for (const position of [positionOf(ROUTER, "prefix: /", 3), positionOf(ROUTER, "name: cart-split", 8), positionOf(ROUTER, "weight: 100", 9)]) {
      assert.deepEqual((await actionsAt(position)).map((a) => a.title), [], `nothing at line ${position.line}`);
    }
  });

  test("a selection across the targets gets it too", async () => {
    const range = { start: positionOf(ROUTER, "name: cart-v1"), end: positionOf(ROUTER, "weight: 10\n", 10) };
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.deepEqual(actions.map((a) => a.title), [SCALE]);
  });
});
