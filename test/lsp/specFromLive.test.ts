// Update File from Live over LSP: the server rewrites the members of one definition that differ
// from the live spec it is sent, for the text the editor holds (its version named), and refuses a
// malformed request, a resource that is no longer in the file, and a value it would overwrite that
// cannot be known. The rewrite itself is tested in test/unit/specFromLive.test.ts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Position, TextEdit } from "vscode-languageserver-protocol";
import { SpecFromLiveRequest, type SpecFromLiveParams, type SpecFromLiveResult } from "../../src/protocol/messages";
import { LspClient } from "./lspClient";

const COLOR = readFileSync(join(__dirname, "..", "fixtures", "workspace", "demo", "color.yaml"), "utf8");
const URI = "file:///ws/demo/color.yaml";

function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const offset = (p: Position) => lineStarts[p.line] + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)), text);
}

describe("Update File from Live over LSP", { timeout: 60_000 }, () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.startServer();
    await client.openForDiagnostics(URI, COLOR);
  });
  after(async () => client?.stop());

  const send = (params: unknown) => client.request<SpecFromLiveResult>(SpecFromLiveRequest.method, params);
  const canary = (weights: [number, number]): SpecFromLiveParams => ({
    uri: URI,
    resource: { kind: "Route", meshName: "demo", parentName: "color-router", name: "color-canary" },
    liveSpec: {
      priority: 10,
      httpRoute: {
        match: { prefix: "/" },
        action: { weightedTargets: [{ virtualNode: "color-v1", weight: weights[0] }, { virtualNode: "color-v2", weight: weights[1] }] },
        retryPolicy: { httpRetryEvents: ["server-error", "gateway-error"], tcpRetryEvents: ["connection-error"], maxRetries: 2, perRetryTimeout: { unit: "s", value: 2 } },
        timeout: { perRequest: { value: 5, unit: "s" } },
      },
    },
  });

  test("the demo's 50/50 canary route, live at 90/10: two numbers change, for the open version", async () => {
    const result = await send(canary([90, 10]));
    assert.ok(!("refused" in result), "refused" in result ? result.refused : "");
    assert.equal(result.version, 1);
    assert.deepEqual(result.changes, ["httpRoute.action.weightedTargets[0].weight: 50 → 90", "httpRoute.action.weightedTargets[1].weight: 50 → 10"]);
    const after = applyEdits(COLOR, result.edits);
    const changed = COLOR.split("\n").flatMap((line, i) => (line === after.split("\n")[i] ? [] : [`${line.trim()} → ${after.split("\n")[i].trim()}`]));
    assert.deepEqual(changed, ["weight: 50 → weight: 90", "weight: 50 → weight: 10"]);
  });

  test("an edit in the editor is what the next request works on; the same spec then gives no edits", async () => {
    const edited = applyEdits(COLOR, (await send(canary([90, 10])) as { edits: TextEdit[] }).edits);
    await client.change(URI, edited);
    const result = await send(canary([90, 10]));
    assert.ok(!("refused" in result));
    assert.deepEqual(result.edits, []);
    assert.equal(result.version, 2);
    await client.change(URI, COLOR);
  });

  test("malformed requests and a resource not in the file are refused, never thrown at", async () => {
    for (const bad of [{}, { uri: URI }, { uri: URI, resource: { kind: "Route" }, liveSpec: {} }, { uri: URI, resource: { kind: "Route", name: "x" } }]) {
      const result = await send(bad);
      assert.ok("refused" in result, JSON.stringify(bad));
    }
    const missing = await send({ ...canary([90, 10]), resource: { kind: "Route", meshName: "demo", parentName: "color-router", name: "no-such-route" } });
    assert.match("refused" in missing ? missing.refused : "", /no-such-route is no longer in color\.yaml/);
  });
});
