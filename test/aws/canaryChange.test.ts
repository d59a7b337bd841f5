// Live canary weight changes against the sandbox over HTTP, through the shared change pipeline:
// only the weights change (whole specs compared), exactly describe + re-read + UpdateRoute +
// read-back, a concurrent change aborts with no write, a 500 on UpdateRoute is reported with what
// is really live, 3 targets with rounding, tcp routes and target ports. Also Apply through the same
// pipeline, the sandbox's operation faults, and the ownership hints.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { AppMeshClient, UpdateRouteCommand, type RouteSpec } from "@aws-sdk/client-app-mesh";
import { AppMeshAccess, type ResourceDetail } from "../../src/aws/appMeshAccess";
import { applyChange, executeApply, planApply } from "../../src/live/applyPlan";
import { changeCanaryWeights, routeWeightsOf, specWithWeights, type CanaryPlan, type RouteAddress, type RouteWeights } from "../../src/live/canaryChange";
import { ownershipHints, ownershipWarning } from "../../src/live/canaryOwnership";
import { runChange } from "../../src/live/changePipeline";
import { canaryPercent, canaryRoles, DEFAULT_LADDER, nextLadderStep, weightsForCanary } from "../../src/model/routeWeights";
import type { DefinitionSummary } from "../../src/protocol/messages";
import { mergeFaults, NO_FAULTS, parseFaults } from "../../src/sandbox/faults";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox, TEST_CREDENTIALS } from "./support";

const COLOR: RouteAddress = { meshName: "demo", routerName: "color-router", routeName: "color-canary" };

/** The next ladder step's weights, from the route as the plan read it. */
const nextStep = (current: RouteWeights): number[] => {
  const weights = current.targets.map((t) => t.weight);
  const roles = canaryRoles(weights)!;
  return weightsForCanary(weights, roles, nextLadderStep(DEFAULT_LADDER, canaryPercent(weights, roles))!);
};

const weightsOf = (spec: Record<string, unknown>): number[] => routeWeightsOf({ spec } as ResourceDetail).targets.map((t) => t.weight);

describe("canary weight changes on the sandbox", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  /** Creates what a test needs, on a connection of its own (not counted in the tests' logs). */
  let setup: AppMeshAccess;
  let other: AppMeshClient;

  before(async () => {
    sandbox = await startSandbox();
    setup = new AppMeshAccess(connect(sandbox.url).connection);
    other = new AppMeshClient({ region: "us-east-1", endpoint: sandbox.url, credentials: TEST_CREDENTIALS });
    const node = (name: string, port: number, protocol: string) =>
      setup.create("VirtualNode", "demo", undefined, name, { listeners: [{ portMapping: { port, protocol } }], serviceDiscovery: { dns: { hostname: `${name}.demo.local` } } });
    await node("color-v3", 8080, "http");
    await node("db-a", 5432, "tcp");
    await node("db-b", 5432, "tcp");
    await node("multi-a", 8080, "http");
    await node("multi-b", 8080, "http");
    await setup.create("VirtualRouter", "demo", undefined, "db-router", { listeners: [{ portMapping: { port: 5432, protocol: "tcp" } }] });
    await setup.create("VirtualRouter", "demo", undefined, "three-router", { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] });
    await setup.create("VirtualRouter", "demo", undefined, "ported-router", { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] });
  });
  after(async () => {
    other.destroy();
    await sandbox.close();
  });
  afterEach(() => {
    sandbox.faults = { ...NO_FAULTS };
  });

  test("a ladder step changes exactly the weights, with describe + re-read + UpdateRoute + read-back", async () => {
    const before = structuredClone(sandbox.store.require("Route", "demo", "color-router", "color-canary"));
    const { connection, log } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const previews: CanaryPlan[] = [];
    const outcome = await changeCanaryWeights(access, COLOR, nextStep, (plan) => (previews.push(plan), true));

    assert.equal(outcome.status, "done", outcome.message);
    assert.equal(previews.length, 1);
    assert.deepEqual(previews[0].before.targets, [
      { virtualNode: "color-v1", weight: 90 },
      { virtualNode: "color-v2", weight: 10 },
    ]);
    assert.deepEqual(previews[0].weights, [75, 25], "10 % → the next ladder step, 25 %");
    assert.deepEqual(
      log.map((e) => `${e.operation} ${e.outcome}`),
      ["DescribeRoute ok", "DescribeRoute ok", "UpdateRoute ok", "DescribeRoute ok"],
      "the plan's describe, the re-read, the write and the read-back, nothing more",
    );

    const stored = sandbox.store.require("Route", "demo", "color-router", "color-canary");
    const expected = structuredClone(before.spec) as { httpRoute: { action: { weightedTargets: { weight: number }[] } } };
    expected.httpRoute.action.weightedTargets[0].weight = 75;
    expected.httpRoute.action.weightedTargets[1].weight = 25;
    assert.deepEqual(stored.spec, expected, "the whole spec is as before but for the two weight values");
    assert.equal(stored.metadata.version, before.metadata.version + 1);
    assert.deepEqual(outcome.live?.targets.map((t) => t.weight), [75, 25], "the weights read back");
    assert.deepEqual(outcome.live?.detail.spec, stored.spec);
    assert.match(outcome.message, /color-v1 75 · color-v2 25/);
    assert.deepEqual(outcome.results.map((r) => r.status), ["done"]);

    // The write carried the plan's client token: the same request again is answered, not applied twice.
    const plan = outcome.plan!;
    assert.match(plan.clientToken, /^[0-9a-f-]{36}$/);
    const again = await access.update("Route", "demo", "color-router", "color-canary", specWithWeights(plan.before.detail.spec, plan.weights), plan.clientToken);
    assert.equal(again.version, before.metadata.version + 1, "an UpdateRoute repeated with the token answers with the version it wrote");
    assert.equal(sandbox.store.require("Route", "demo", "color-router", "color-canary").metadata.version, before.metadata.version + 1, "and does not write again");
    connection.dispose();
  });

  test("a change between the plan and the write aborts with no write", async () => {
    const { connection, calls } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    let versionBefore = 0;
    const outcome = await changeCanaryWeights(access, COLOR, [95, 5], async (plan) => {
      versionBefore = plan.before.detail.version;
      // Someone else (another client, a controller) changes the route while the user reads the plan.
      const spec = specWithWeights(plan.before.detail.spec, [50, 50]) as unknown as RouteSpec;
      await other.send(new UpdateRouteCommand({ meshName: "demo", virtualRouterName: "color-router", routeName: "color-canary", spec }));
      return true;
    });
    assert.equal(outcome.status, "aborted", outcome.message);
    assert.equal(outcome.stage, "execute");
    assert.equal(calls("UpdateRoute"), 0, "nothing written");
    assert.equal(calls("DescribeRoute"), 2, "the plan and the re-read; the re-read is what is live");
    assert.match(outcome.message, new RegExp(`version ${versionBefore} → ${versionBefore + 1}`));
    assert.deepEqual(outcome.live?.targets.map((t) => t.weight), [50, 50], "what is really live: the other client's weights");
    const stored = sandbox.store.require("Route", "demo", "color-router", "color-canary");
    assert.equal(stored.metadata.version, versionBefore + 1);
    assert.deepEqual(weightsOf(stored.spec), [50, 50]);
    connection.dispose();
  });

  test("a 500 on UpdateRoute is reported with the weights really live", async () => {
    const answer = await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ operationFaults: { UpdateRoute: { status: 500 } } }) });
    assert.equal(answer.status, 200);
    const refused = await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ operationFaults: { UpdateRoutes: { status: 500 } } }) });
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { message: string }).message, /unknown operation "UpdateRoutes"/);
    const storedBefore = structuredClone(sandbox.store.require("Route", "demo", "color-router", "color-canary"));
    const { connection, log } = connect(sandbox.url, { maxAttempts: 2 });
    const access = new AppMeshAccess(connection);
    const outcome = await changeCanaryWeights(access, COLOR, [80, 20], () => true);
    assert.equal(outcome.status, "failed");
    assert.equal(outcome.stage, "execute");
    assert.match(outcome.message, /UpdateRoute of route color-canary .* failed: .*injected a 500 on UpdateRoute/);
    const [v1, v2] = weightsOf(storedBefore.spec);
    assert.match(outcome.message, new RegExp(`Live now: color-v1 ${v1} · color-v2 ${v2} \\(version ${storedBefore.metadata.version}\\)`));
    assert.deepEqual(outcome.live?.targets.map((t) => t.weight), weightsOf(storedBefore.spec));
    assert.deepEqual(
      log.map((e) => `${e.operation} ${e.outcome}`),
      ["DescribeRoute ok", "DescribeRoute ok", "UpdateRoute service", "DescribeRoute ok"],
    );
    assert.equal(log[2].attempts, 2, "the SDK retried the 500 once (maxAttempts 2)");
    assert.deepEqual(sandbox.store.require("Route", "demo", "color-router", "color-canary"), storedBefore, "nothing changed");
    connection.dispose();
  });

  test("an UpdateRoute failing once is retried by the SDK with the same client token and written once", async () => {
    sandbox.faults = mergeFaults(NO_FAULTS, { operationFaults: { UpdateRoute: { status: 500, times: 1 } } });
    const version = sandbox.store.require("Route", "demo", "color-router", "color-canary").metadata.version;
    const { connection, log } = connect(sandbox.url);
    const outcome = await changeCanaryWeights(new AppMeshAccess(connection), COLOR, [90, 10], () => true);
    assert.equal(outcome.status, "done", outcome.message);
    assert.equal(log.find((e) => e.operation === "UpdateRoute")?.attempts, 2);
    assert.equal(sandbox.store.require("Route", "demo", "color-router", "color-canary").metadata.version, version + 1);
    assert.deepEqual(outcome.live?.targets.map((t) => t.weight), [90, 10]);
    connection.dispose();
  });

  test("three targets: the canaries' share is split with largest-remainder rounding, the sum kept", async () => {
    await setup.create("Route", "demo", "three-router", "three", {
      httpRoute: {
        match: { prefix: "/" },
        action: {
          weightedTargets: [
            { virtualNode: "color-v1", weight: 80 },
            { virtualNode: "color-v2", weight: 15 },
            { virtualNode: "color-v3", weight: 5 },
          ],
        },
      },
    });
    const before = structuredClone(sandbox.store.require("Route", "demo", "three-router", "three"));
    const { connection } = connect(sandbox.url);
    const outcome = await changeCanaryWeights(new AppMeshAccess(connection), { meshName: "demo", routerName: "three-router", routeName: "three" }, nextStep, () => true);
    assert.equal(outcome.status, "done", outcome.message);
    // 20 % → 25 %: the canaries' 25 split 15:5 is 18.75 and 6.25 → 19 and 6.
    assert.deepEqual(outcome.live?.targets.map((t) => t.weight), [75, 19, 6]);
    const stored = sandbox.store.require("Route", "demo", "three-router", "three");
    assert.deepEqual(stored.spec, specWithWeights(before.spec, [75, 19, 6]));
    connection.dispose();
  });

  test("a tcp route: only the weights change, the timeout and the rest are kept", async () => {
    await setup.create("Route", "demo", "db-router", "db", {
      priority: 5,
      tcpRoute: { action: { weightedTargets: [{ virtualNode: "db-a", weight: 99 }, { virtualNode: "db-b", weight: 1 }] }, timeout: { idle: { value: 30, unit: "s" } } },
    });
    const before = structuredClone(sandbox.store.require("Route", "demo", "db-router", "db"));
    const { connection } = connect(sandbox.url);
    const outcome = await changeCanaryWeights(new AppMeshAccess(connection), { meshName: "demo", routerName: "db-router", routeName: "db" }, nextStep, () => true);
    assert.equal(outcome.status, "done", outcome.message);
    assert.equal(outcome.plan?.before.routeType, "tcpRoute");
    assert.deepEqual(outcome.live?.targets.map((t) => t.weight), [95, 5]);
    const stored = sandbox.store.require("Route", "demo", "db-router", "db");
    assert.deepEqual(stored.spec, specWithWeights(before.spec, [95, 5]));
    assert.deepEqual((stored.spec as { tcpRoute: { timeout: unknown } }).tcpRoute.timeout, { idle: { value: 30, unit: "s" } });
    connection.dispose();
  });

  test("a route whose targets name ports keeps them", async () => {
    await setup.create("Route", "demo", "ported-router", "ported", {
      httpRoute: {
        match: { prefix: "/", port: 8080 },
        action: {
          weightedTargets: [
            { virtualNode: "multi-a", weight: 70, port: 8080 },
            { virtualNode: "multi-b", weight: 30, port: 8080 },
          ],
        },
      },
    });
    const before = structuredClone(sandbox.store.require("Route", "demo", "ported-router", "ported"));
    const { connection } = connect(sandbox.url);
    const outcome = await changeCanaryWeights(new AppMeshAccess(connection), { meshName: "demo", routerName: "ported-router", routeName: "ported" }, [0, 100], () => true);
    assert.equal(outcome.status, "done", outcome.message);
    assert.deepEqual(outcome.live?.targets, [
      { virtualNode: "multi-a", port: 8080, weight: 0 },
      { virtualNode: "multi-b", port: 8080, weight: 100 },
    ]);
    assert.deepEqual(sandbox.store.require("Route", "demo", "ported-router", "ported").spec, specWithWeights(before.spec, [0, 100]));
    connection.dispose();
  });

  test("refused before asking: weights that are not numbers, weights App Mesh rejects, the wrong count; cancelled writes nothing", async () => {
    const { connection, calls } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    let asked = 0;
    const confirm = () => (asked++, true);
    for (const [weights, reason] of [
      [[90, 20], /add up to at most 100/],
      [[100], /1 weights were asked .* 2 weighted targets/],
      [[-1, 101], /whole number from 0 to 100/],
    ] as const) {
      const outcome = await changeCanaryWeights(access, COLOR, weights, confirm);
      assert.equal(outcome.status, "failed");
      assert.equal(outcome.stage, "check");
      assert.match(outcome.message, reason);
    }
    const cancelled = await changeCanaryWeights(access, COLOR, [1, 99], () => false);
    assert.equal(cancelled.status, "cancelled");
    assert.match(cancelled.message, /nothing was written/);

    const stored = structuredClone(sandbox.store.require("Route", "demo", "color-router", "color-canary"));
    const broken = structuredClone(stored.spec) as { httpRoute: { action: { weightedTargets: Record<string, unknown>[] } } };
    broken.httpRoute.action.weightedTargets[1].weight = "${CANARY_WEIGHT}";
    sandbox.store.update("Route", "demo", "color-router", "color-canary", broken);
    const placeholder = await changeCanaryWeights(access, COLOR, [50, 50], confirm);
    assert.equal(placeholder.status, "failed");
    assert.equal(placeholder.stage, "check");
    assert.match(placeholder.message, /the weight of color-v2 is not a number \("\$\{CANARY_WEIGHT\}"\)/);
    sandbox.store.update("Route", "demo", "color-router", "color-canary", stored.spec);

    assert.equal(asked, 0, "no refused plan was shown");
    assert.equal(calls("UpdateRoute"), 0);
    connection.dispose();
  });

  test("weights read back that differ from those asked are a mismatch, not done", async () => {
    // Over HTTP to the sandbox; something (a controller, say) puts the old spec back right after each write.
    const original = structuredClone(sandbox.store.require("Route", "demo", "color-router", "color-canary").spec);
    const { connection } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const reverting = Object.create(access) as AppMeshAccess;
    reverting.update = async (...args: Parameters<AppMeshAccess["update"]>) => {
      const written = await access.update(...args);
      sandbox.store.update("Route", "demo", "color-router", "color-canary", structuredClone(original));
      return written;
    };
    const outcome = await changeCanaryWeights(reverting, COLOR, [60, 40], () => true);
    assert.equal(outcome.status, "failed");
    assert.equal(outcome.stage, "verify");
    const reverted = sandbox.store.require("Route", "demo", "color-router", "color-canary").metadata.version;
    assert.match(outcome.message, new RegExp(`read back are color-v1 \\d+ · color-v2 \\d+ \\(version ${reverted}\\), not color-v1 60 · color-v2 40`));
    connection.dispose();
  });

  test("Apply runs through the same pipeline; planApply and executeApply still work on their own", async () => {
    const summary = (name: string, port: number): DefinitionSummary => ({
      uri: "file:///w/nodes.yaml",
      kind: "VirtualNode",
      name,
      meshName: "demo",
      dialect: "api",
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      body: { meshName: "demo", virtualNodeName: name, spec: { listeners: [{ portMapping: { port, protocol: "http" } }], serviceDiscovery: { dns: { hostname: `${name}.demo.local` } } } },
    });
    const { connection } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    const summaries = [summary("applied-a", 8080), summary("multi-a", 9090)];
    let shown: string[] = [];
    const outcome = await applyChange(access, summaries, (plan) => ((shown = plan.map((p) => `${p.action} ${p.summary.name}`)), true));
    assert.deepEqual(shown, ["create applied-a", "update multi-a"]);
    assert.equal(outcome.status, "done", outcome.message);
    assert.deepEqual(outcome.results.map((r) => `${r.item.summary.name} ${r.status} ${r.message}`), ["applied-a done created", "multi-a done updated"]);
    assert.deepEqual(outcome.live?.map((d) => `${d.name} v${d.version}`), ["applied-a v1", `multi-a v${sandbox.store.require("VirtualNode", "demo", undefined, "multi-a").metadata.version}`]);

    const again = await applyChange(access, summaries, () => assert.fail("nothing to confirm"));
    assert.equal(again.status, "done");
    assert.equal(again.stage, "check");
    assert.match(again.message, /Mesh demo already matches its 2 definitions/);

    const changed = [summary("multi-a", 8080), summary("applied-b", 8080)];
    const plan = await planApply(access, changed);
    assert.deepEqual(plan.map((p) => p.action), ["update", "create"]);
    const outcomes = await executeApply(access, plan, () => undefined, () => false);
    assert.deepEqual(outcomes.map((o) => `${o.change.summary.name} ${o.ok} ${o.message}`), ["multi-a true updated", "applied-b true created"]);

    sandbox.faults = mergeFaults(NO_FAULTS, { operationFaults: { CreateVirtualNode: { status: 400, type: "BadRequestException" } } });
    const failing = await applyChange(access, [summary("applied-c", 8080)], () => true);
    assert.equal(failing.status, "failed");
    assert.match(failing.results[0].message, /injected a 400 on CreateVirtualNode/);
    connection.dispose();
  });
});

describe("the change pipeline", () => {
  test("a plan that cannot be read fails at the plan; an execute that throws is still verified", async () => {
    const unreadable = await runChange({ plan: () => Promise.reject(new Error("no route")), confirm: () => true, execute: async () => ({ results: [] }) });
    assert.deepEqual([unreadable.status, unreadable.stage], ["failed", "plan"]);
    assert.match(unreadable.message, /Could not read what is live: no route/);

    let verified = 0;
    const thrown = await runChange({
      plan: async () => 1,
      confirm: () => true,
      execute: () => Promise.reject(new Error("socket hang up")),
      verify: async () => (verified++, { live: "as it was", message: "Live now: as it was." }),
    });
    assert.deepEqual([thrown.status, thrown.stage, thrown.live, verified], ["failed", "execute", "as it was", 1]);
    assert.match(thrown.message, /socket hang up.*Live now: as it was/);
  });

  test("cancelled during execute: the rest is skipped and the outcome says cancelled", async () => {
    let stop = false;
    const outcome = await runChange(
      {
        plan: async () => [1, 2, 3],
        confirm: () => true,
        execute: async (plan, control) => ({
          results: plan.map((item) => {
            if (control.cancelled()) return { item, status: "skipped" as const, message: "cancelled" };
            stop = true;
            return { item, status: "done" as const, message: "written" };
          }),
        }),
      },
      { control: { cancelled: () => stop } },
    );
    assert.equal(outcome.status, "cancelled");
    assert.match(outcome.message, /Cancelled after 1 of 3/);
  });
});

describe("sandbox operation faults", () => {
  test("parsed from --faults and merged from the admin endpoint, with checks", () => {
    assert.deepEqual(parseFaults("op=UpdateRoute:500").operationFaults, { UpdateRoute: { status: 500 } });
    assert.deepEqual(parseFaults("throttle=0.1,op=UpdateRoute:503:2+DescribeRoute:404").operationFaults, { UpdateRoute: { status: 503, times: 2 }, DescribeRoute: { status: 404 } });
    assert.throws(() => parseFaults("op=UpdateRoutes:500"), /unknown operation "UpdateRoutes"/);
    assert.throws(() => parseFaults("op=UpdateRoute"), /OPERATION:STATUS/);
    assert.throws(() => parseFaults("op=UpdateRoute:200"), /status must be an HTTP error status/);
    const merged = mergeFaults(NO_FAULTS, { operationFaults: { UpdateRoute: { status: 500 }, GetServiceGraph: { status: 429 }, DiscoverInstances: { status: 503, times: 1 } } });
    assert.deepEqual(Object.keys(merged.operationFaults), ["UpdateRoute", "GetServiceGraph", "DiscoverInstances"]);
    assert.deepEqual(mergeFaults(merged, { operationFaults: {} }).operationFaults, {});
    assert.deepEqual(mergeFaults(merged, { operationFaults: null }).operationFaults, {});
    assert.throws(() => mergeFaults(NO_FAULTS, { operationFaults: { UpdateRoute: { status: 500, when: "now" } } }), /unknown field "when"/);
    assert.throws(() => mergeFaults(NO_FAULTS, { operationFaults: { UpdateRoute: { status: 500, times: 0 } } }), /times must be/);
    assert.throws(() => mergeFaults(NO_FAULTS, { operationFaults: [] }), /operationFaults must be an object/);
  });
});

describe("ownership hints", () => {
  const base = { meshName: "demo", routerName: "color-router", routeName: "color-canary", targets: ["color-v1", "color-v2"] };

  test("nothing else owns a plain route", () => {
    assert.equal(ownershipWarning(base), undefined);
  });

  test("Flagger's <app>-primary / <app>-canary targets, also in the controller's <name>_<namespace> form", () => {
    assert.deepEqual(ownershipHints({ ...base, targets: ["podinfo-canary", "podinfo-primary"] }).map((h) => h.owner), ["flagger"]);
    assert.match(ownershipWarning({ ...base, routerName: "podinfo", targets: ["podinfo-primary_test", "podinfo-canary_test"] }) ?? "", /Flagger .*podinfo-primary and podinfo-canary/);
    assert.equal(ownershipWarning({ ...base, targets: ["a-primary", "b-canary"] }), undefined, "two different apps are not Flagger's pair");
  });

  test("Argo Rollouts: a tag naming it, or the stable/canary pair as a hint", () => {
    assert.match(ownershipWarning({ ...base, tags: [{ key: "rollouts.argoproj.io/managed-by-rollouts", value: "rollout-demo" }] }) ?? "", /Argo Rollouts appears to own/);
    assert.match(ownershipWarning({ ...base, targets: ["my-vn-stable", "my-vn-canary"] }) ?? "", /as Argo Rollouts' App Mesh canaries do/);
  });

  test("defined by Kubernetes manifests in the workspace, or named by the App Mesh controller", () => {
    const definitions = [
      { kind: "VirtualRouter", name: "color-router", meshName: "demo", dialect: "kubernetes" as const },
      { kind: "Route", name: "color-canary", meshName: "demo", parentName: "color-router", dialect: "cloudformation" as const },
    ];
    assert.match(ownershipWarning({ ...base, definitions }) ?? "", /defined by Kubernetes manifests in this workspace \(VirtualRouter color-router\).*Change the definition file instead/);
    assert.equal(ownershipWarning({ ...base, definitions: definitions.slice(1) }), undefined, "a CloudFormation definition has no controller reverting live writes");
    assert.equal(ownershipWarning({ ...base, definitions: [{ ...definitions[0], meshName: "other" }] }), undefined);
    assert.match(ownershipWarning({ ...base, routerName: "color-router_prod", definitions: [{ ...definitions[0] }] }) ?? "", /Kubernetes manifests/);
    assert.deepEqual(ownershipHints({ ...base, routerName: "color-router_prod" }).map((h) => h.owner), ["kubernetes-controller"]);
  });
});
