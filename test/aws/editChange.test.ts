// Edit Live Resource against the sandbox over HTTP, through the shared change pipeline: an edit of
// one field writes exactly that change (whole specs compared) with exactly DescribeX (fresh) +
// UpdateX + DescribeX (read-back); a change by another client between open and save aborts with
// no write; an invalid edit is refused with the model's diagnostics (the language server's, which
// is checked against the built server too) before anything is read; identity changes are refused.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { AppMeshClient, UpdateVirtualNodeCommand, type VirtualNodeSpec } from "@aws-sdk/client-app-mesh";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { editLiveResource, liveEditText, planEdit, readEdit, type EditPlan, type LiveEditTarget } from "../../src/live/editChange";
import { specChanges } from "../../src/model/specChanges";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { definitionSummaries } from "../../src/server/definitions";
import { LspClient, SERVER_PATH } from "../lsp/lspClient";
import { connect, startSandbox, TEST_CREDENTIALS } from "./support";

const FRONT: LiveEditTarget = { kind: "VirtualNode", meshName: "demo", name: "front" };
const LIVE_URI = "appmesh-live:/default/demo/VirtualNode/front.yaml";

type NodeSpec = { listeners: { portMapping: { port: number }; timeout: { http: { perRequest: { value: number } } } }[] };

describe("editing a live resource on the sandbox", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let setup: AppMeshAccess;
  let other: AppMeshClient;

  before(async () => {
    sandbox = await startSandbox();
    setup = new AppMeshAccess(connect(sandbox.url).connection);
    other = new AppMeshClient({ region: "us-east-1", endpoint: sandbox.url, credentials: TEST_CREDENTIALS });
  });
  after(async () => {
    other.destroy();
    await sandbox.close();
  });

  /** The document as Edit Live Resource opens it: the resource read now, rendered with its version. */
  const open = async (target: LiveEditTarget = FRONT) => {
    const detail = await setup.describe(target, { fresh: true });
    return { version: detail.version, text: liveEditText(detail) };
  };

  test("the document as opened reads back as the live spec: saving it unchanged writes nothing", async () => {
    for (const target of [FRONT, { kind: "Mesh", meshName: "demo", name: "demo" }, { kind: "Route", meshName: "demo", parentName: "color-router", name: "color-canary" }] as LiveEditTarget[]) {
      const { version, text } = await open(target);
      assert.match(text, new RegExp(`^# .*version ${version}`), "the header names the version read");
      assert.deepEqual(readEdit(text, LIVE_URI).errors, [], `${target.kind} ${target.name} opens with no errors`);
      const { connection, log } = connect(sandbox.url);
      const outcome = await editLiveResource(new AppMeshAccess(connection), { target, openedVersion: version, text }, () => assert.fail("nothing to confirm"));
      assert.equal(outcome.status, "done", outcome.message);
      assert.equal(outcome.stage, "check");
      assert.match(outcome.message, /changes nothing/);
      assert.deepEqual(log.map((e) => e.operation), [`Describe${target.kind}`], "one fresh describe, no write");
      connection.dispose();
    }
  });

  test("the Kubernetes and CloudFormation views: unchanged they write nothing; an edit writes exactly its change, references keep their live names", async () => {
    const canary: LiveEditTarget = { kind: "Route", meshName: "demo", parentName: "color-router", name: "color-canary" };
    for (const view of ["kubernetes", "cloudformation"] as const) {
      for (const target of [FRONT, canary]) {
        const detail = await setup.describe(target, { fresh: true });
        const text = liveEditText(detail, undefined, view);
        assert.match(text, view === "kubernetes" ? /apiVersion: appmesh\.k8s\.aws\/v1beta2/ : /Type: AWS::AppMesh::/);
        const { connection, log } = connect(sandbox.url);
        const outcome = await editLiveResource(new AppMeshAccess(connection), { target, openedVersion: detail.version, text, view, uri: `${LIVE_URI}?view=${view}` }, () => assert.fail(`${view} ${target.name}: nothing to confirm`));
        assert.equal(outcome.stage, "check", `${view} ${target.name}: ${outcome.message}`);
        assert.deepEqual(log.map((e) => e.operation), [`Describe${target.kind}`], `${view} ${target.name}: no write`);
        connection.dispose();
      }
    }
    // In the manifest, the canary's weights (targets named as object names) move to 70/30.
    const before = structuredClone(sandbox.store.require("Route", "demo", "color-router", "color-canary"));
    const detail = await setup.describe(canary, { fresh: true });
    const manifest = liveEditText(detail, undefined, "kubernetes");
    assert.match(manifest, /virtualNodeRef:\n\s+name: color-v1\n\s+weight: 90/);
    const edited = manifest.replace(/weight: 90/, "weight: 70").replace(/weight: 10/, "weight: 30");
    const { connection } = connect(sandbox.url);
    const plans: EditPlan[] = [];
    const outcome = await editLiveResource(new AppMeshAccess(connection), { target: canary, openedVersion: detail.version, text: edited, view: "kubernetes", uri: `${LIVE_URI}?view=kubernetes` }, (plan) => {
      plans.push(plan);
      return true;
    });
    assert.equal(outcome.status, "done", outcome.message);
    assert.deepEqual(plans[0].changes.map((c) => `${c.path} ${String(c.before)} → ${String(c.after)}`), ["httpRoute.action.weightedTargets[0].weight 90 → 70", "httpRoute.action.weightedTargets[1].weight 10 → 30"]);
    const stored = sandbox.store.require("Route", "demo", "color-router", "color-canary");
    const expected = structuredClone(before.spec) as { httpRoute: { action: { weightedTargets: { virtualNode: string; weight: number }[] } } };
    expected.httpRoute.action.weightedTargets[0].weight = 70;
    expected.httpRoute.action.weightedTargets[1].weight = 30;
    assert.deepEqual(stored.spec, expected, "targets still color-v1 and color-v2, only the weights moved");
    connection.dispose();
  });

  test("an edit of one field writes exactly that change, with describe (fresh) + update + describe (read-back)", async () => {
    const before = structuredClone(sandbox.store.require("VirtualNode", "demo", undefined, "front"));
    const { version, text } = await open();
    const edited = text.replace(/(perRequest:\n\s+value:) 15/, "$1 30");
    assert.notEqual(edited, text);

    const { connection, log } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const plans: EditPlan[] = [];
    const outcome = await editLiveResource(access, { target: FRONT, openedVersion: version, text: edited, uri: LIVE_URI }, (plan) => {
      plans.push(plan);
      assert.deepEqual(log.map((e) => e.operation), ["DescribeVirtualNode"], "the plan reads what is live now, before asking");
      return true;
    });

    assert.equal(outcome.status, "done", outcome.message);
    assert.equal(plans.length, 1);
    assert.deepEqual(plans[0].changes, [{ path: "listeners[0].timeout.http.perRequest.value", keys: ["listeners", 0, "timeout", "http", "perRequest", "value"], change: "changed", before: 15, after: 30 }]);
    assert.equal(plans[0].live?.version, version);
    assert.deepEqual(
      log.map((e) => `${e.operation} ${e.outcome}`),
      ["DescribeVirtualNode ok", "UpdateVirtualNode ok", "DescribeVirtualNode ok"],
      "the plan's fresh describe, the write and the read-back, nothing more",
    );

    const stored = sandbox.store.require("VirtualNode", "demo", undefined, "front");
    const expected = structuredClone(before.spec) as NodeSpec;
    expected.listeners[0].timeout.http.perRequest.value = 30;
    assert.deepEqual(stored.spec, expected, "the whole spec is as before but for the one value");
    assert.equal(stored.metadata.version, before.metadata.version + 1);
    assert.equal(outcome.live?.version, stored.metadata.version, "the read-back is the new version");
    assert.deepEqual(outcome.live?.spec, stored.spec);
    assert.match(outcome.message, /listeners\[0\]\.timeout\.http\.perRequest\.value: 15 → 30/);
    assert.match(outcome.message, new RegExp(`Read back: version ${version + 1}`));

    // The write carried the plan's client token: the same request again is answered, not applied twice.
    const again = await access.update("VirtualNode", "demo", undefined, "front", plans[0].spec, plans[0].clientToken);
    assert.equal(again.version, before.metadata.version + 1, "an update repeated with the token answers with the version it wrote");
    assert.equal(sandbox.store.require("VirtualNode", "demo", undefined, "front").metadata.version, before.metadata.version + 1, "and does not write again");
    // The document refreshed to the read-back opens clean at the new version.
    assert.deepEqual(readEdit(liveEditText(outcome.live!), LIVE_URI).errors, []);
    connection.dispose();
  });

  test("a change by another client between open and save aborts with no write", async () => {
    const { version, text } = await open();
    // Someone else changes the node after the document was opened.
    const theirs = structuredClone(sandbox.store.require("VirtualNode", "demo", undefined, "front").spec) as NodeSpec;
    theirs.listeners[0].timeout.http.perRequest.value = 45;
    await other.send(new UpdateVirtualNodeCommand({ meshName: "demo", virtualNodeName: "front", spec: theirs as unknown as VirtualNodeSpec }));

    const edited = text.replace(/(perRequest:\n\s+value:) \d+/, "$1 60");
    const { connection, log, calls } = connect(sandbox.url);
    const outcome = await editLiveResource(new AppMeshAccess(connection), { target: FRONT, openedVersion: version, text: edited }, () => assert.fail("a moved resource is not put to the user"));
    assert.equal(outcome.status, "aborted", outcome.message);
    assert.equal(outcome.stage, "execute");
    assert.equal(calls("UpdateVirtualNode"), 0, "nothing written");
    assert.deepEqual(log.map((e) => e.operation), ["DescribeVirtualNode"], "the fresh describe that found the new version");
    assert.match(outcome.message, new RegExp(`version ${version} → ${version + 1}`));
    assert.deepEqual(outcome.plan?.moved, { from: version, to: version + 1 });
    const stored = sandbox.store.require("VirtualNode", "demo", undefined, "front");
    assert.equal(stored.metadata.version, version + 1);
    assert.deepEqual(stored.spec, theirs, "the other client's change stands");
    assert.deepEqual(outcome.live?.spec, theirs, "what is really live is reported");
    connection.dispose();
  });

  test("an invalid edit is refused with the model's diagnostics, with no call at all", async () => {
    const before = structuredClone(sandbox.store.require("VirtualNode", "demo", undefined, "front"));
    const { version, text } = await open();
    const cases = [
      { edit: text.replace("port: 8080", "port: 70000"), code: "range", message: /70000 is out of range/ },
      { edit: text.replace("  logging:", "  loging:"), code: "unknown-key", message: /Unknown field "loging"\. Did you mean "logging"\?/ },
    ];
    for (const { edit, code, message } of cases) {
      assert.notEqual(edit, text);
      const { connection, log } = connect(sandbox.url);
      const outcome = await editLiveResource(new AppMeshAccess(connection), { target: FRONT, openedVersion: version, text: edit, uri: LIVE_URI }, () => assert.fail("nothing to confirm"));
      assert.equal(outcome.status, "failed", outcome.message);
      assert.equal(outcome.stage, "check");
      assert.deepEqual(log, [], "refused before anything is read or written");
      const errors = readEdit(edit, LIVE_URI).errors;
      assert.equal(errors.length, 1);
      assert.equal(errors[0].code, code);
      assert.deepEqual(outcome.plan?.diagnostics, errors, "the model's own diagnostics");
      assert.match(outcome.message, message);
      assert.match(outcome.message, /not valid \(1 error\); nothing was written: line \d+: /);
      connection.dispose();
    }
    assert.deepEqual(sandbox.store.require("VirtualNode", "demo", undefined, "front"), before, "nothing changed");
  });

  test("the language server shows the same errors for the live document", { skip: existsSync(SERVER_PATH) ? false : "dist/server.js is not built (npm run build)" }, async () => {
    const { text } = await open();
    const edit = text.replace("port: 8080", "port: 70000").replace("  logging:", "  loging:");
    const client = await LspClient.startServer();
    try {
      const shown = (await client.openForDiagnostics(LIVE_URI, edit)).filter((d) => d.severity === 1);
      const model = readEdit(edit, LIVE_URI).errors;
      assert.equal(model.length, 2);
      assert.deepEqual(shown.map((d) => [d.code, d.message]), model.map((d) => [d.code, d.message]), "the document's errors are the edit's refusal");
      const outcome = await editLiveResource(setup, { target: FRONT, openedVersion: 0, text: edit }, () => assert.fail("nothing to confirm"));
      for (const d of shown) assert.ok(outcome.message.includes(String(d.message).replace(/\.$/, "")), `the refusal names "${String(d.message)}"`);
    } finally {
      await client.stop();
    }
  });

  test("changing the name, mesh, kind or router is refused with no call", async () => {
    const { version, text } = await open();
    const route: LiveEditTarget = { kind: "Route", meshName: "demo", parentName: "color-router", name: "color-canary" };
    const routeDoc = await open(route);
    const cases: [LiveEditTarget, string, number, RegExp][] = [
      [FRONT, text.replace("virtualNodeName: front", "virtualNodeName: front-v2"), version, /name front → front-v2/],
      [FRONT, text.replace("meshName: demo", "meshName: other"), version, /mesh demo → other/],
      [FRONT, text.replace("virtualNodeName: front", "virtualGatewayName: front"), version, /kind VirtualNode → VirtualGateway/],
      [route, routeDoc.text.replace("virtualRouterName: color-router", "virtualRouterName: other-router"), routeDoc.version, /parent color-router → other-router/],
    ];
    for (const [target, edit, openedVersion, message] of cases) {
      const { connection, log } = connect(sandbox.url);
      const outcome = await editLiveResource(new AppMeshAccess(connection), { target, openedVersion, text: edit }, () => assert.fail("nothing to confirm"));
      assert.equal(outcome.status, "failed", outcome.message);
      assert.equal(outcome.stage, "check");
      assert.match(outcome.message, /changes the identity/);
      assert.match(outcome.message, message);
      assert.deepEqual(log, [], "no call");
      connection.dispose();
    }
  });

  test("cancelling the confirmation writes nothing; the plan lists changes in canonical order", async () => {
    const { version, text } = await open();
    // Two members changed, one removed, and serviceDiscovery moved after everything else.
    const discovery = /^ {2}serviceDiscovery:\n(?: {4}.*\n)+/m;
    const block = text.match(discovery)![0];
    const edited = `${text.replace(discovery, "").replace(/ {2}logging:\n(?: {4}.*\n)+/, "").replace(/(perRequest:\n\s+value:) \d+/, "$1 20")}${block.replace("front.demo.svc.cluster.local", "front.other.local")}`;
    const { connection, log } = connect(sandbox.url);
    const outcome = await editLiveResource(new AppMeshAccess(connection), { target: FRONT, openedVersion: version, text: edited }, () => false);
    assert.equal(outcome.status, "cancelled", outcome.message);
    assert.deepEqual(log.map((e) => e.operation), ["DescribeVirtualNode"]);
    assert.deepEqual(
      outcome.plan?.changes.map((c) => `${c.path} ${c.change}`),
      ["serviceDiscovery.dns.hostname changed", "listeners[0].timeout.http.perRequest.value changed", "logging removed"],
      "in the schema's order (serviceDiscovery, listeners, backends, logging), whatever the document's order",
    );
    assert.equal(outcome.plan?.changes[0].after, "front.other.local");
    assert.equal(sandbox.store.require("VirtualNode", "demo", undefined, "front").metadata.version, version, "nothing written");
    connection.dispose();
  });

  test("a plan reads fresh even when the access has the resource cached", async () => {
    const { connection, calls } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const cached = await access.describe(FRONT);
    const plan = await planEdit(access, { target: FRONT, openedVersion: cached.version, text: liveEditText(cached) });
    assert.equal(calls("DescribeVirtualNode"), 2, "the plan's describe is a call of its own");
    assert.deepEqual(plan.changes, []);
    assert.deepEqual(specChanges("VirtualNode", cached.spec, cached.spec), []);
    connection.dispose();
  });
});

test("a live document is checked by the language server but is not a definition of the workspace", () => {
  const index = new WorkspaceIndex();
  const text = "meshName: demo\nvirtualNodeName: front\nspec:\n  listeners:\n    - portMapping: { port: 8080, protocol: http }\n";
  index.set(LIVE_URI, text);
  index.set("file:///ws/front.appmesh.yaml", text);
  assert.deepEqual(
    definitionSummaries(index).map((d) => d.uri),
    ["file:///ws/front.appmesh.yaml"],
  );
});
