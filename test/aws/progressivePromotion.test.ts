// Progressive promotion against the sandbox: the gate reads X-Ray's per-minute statistics while the
// sandbox's clock is ticked through each interval. A healthy canary climbs the ladder to 100 %; a
// canary faulting 20 % fails twice and is rolled back to the weights it started from.
import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { XRayAccess } from "../../src/aws/xrayAccess";
import { runPromotion, xrayGateReader, type PromotionRecord } from "../../src/live/progressivePromotion";
import { DEFAULT_GATE } from "../../src/model/canaryGate";
import { weightedTargets } from "../../src/model/routeSemantics";
import { canaryRoles, DEFAULT_LADDER } from "../../src/model/routeWeights";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox } from "./support";

describe("progressive promotion gated on the sandbox's X-Ray", () => {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    await sandbox?.close();
    sandbox = await startSandbox();
  });
  after(() => sandbox?.close());

  async function promote(canaryFaultRate: number): Promise<{ record: PromotionRecord; live: number[]; updates: number }> {
    const s = sandbox!;
    await fetch(`${s.url}/_sandbox/profiles/demo/color-v2`, { method: "POST", body: JSON.stringify({ faultRate: canaryFaultRate }) });
    const { connection, calls } = connect(s.url);
    const access = new AppMeshAccess(connection, { pageSize: 100 });
    const ref = { kind: "Route" as const, meshName: "demo", parentName: "color-router", name: "color-canary" };
    const route = await access.describe(ref);
    const targets = weightedTargets(route.spec).map((t) => String(t.virtualNode));
    const startWeights = weightedTargets(route.spec).map((t) => Number(t.weight));
    const roles = canaryRoles(startWeights)!;
    const record: PromotionRecord = {
      id: "test",
      mesh: "demo",
      router: "color-router",
      route: "color-canary",
      targets,
      startWeights,
      weights: startWeights,
      roles,
      ladder: [...DEFAULT_LADDER],
      intervalSeconds: 60,
      maxFailures: 2,
      thresholds: DEFAULT_GATE,
      failures: 0,
      status: "running",
      history: [],
    };
    const spec = route.spec;
    const type = Object.keys(spec).find((k) => k.endsWith("Route"))!;
    const record2 = await runPromotion(record, {
      applyWeights: async (weights) => {
        const next = structuredClone(spec) as Record<string, { action: { weightedTargets: { weight: number }[] } }>;
        next[type].action.weightedTargets.forEach((t, i) => (t.weight = weights[i]));
        await access.update("Route", "demo", "color-router", "color-canary", next);
        return weightedTargets((await access.describe(ref)).spec).map((t) => Number(t.weight));
      },
      readGate: xrayGateReader(new XRayAccess(connection), "demo", targets, roles),
      now: () => s.clock.now(),
      // The interval passes in simulated time: traffic for it is generated, the clock moves on.
      wait: async (ms) => {
        const response = await fetch(`${s.url}/_sandbox/tick?seconds=${ms / 1000}`, { method: "POST" });
        return response.ok;
      },
      changed: () => undefined,
    });
    const live = weightedTargets((await access.describe(ref)).spec).map((t) => Number(t.weight));
    connection.dispose();
    return { record: record2, live, updates: calls("UpdateRoute") };
  }

  test("a healthy canary climbs the ladder to 100 %", async () => {
    const { record, live, updates } = await promote(0);
    assert.equal(record.status, "done", record.history.map((h) => `${h.action}: ${h.reason}`).join("\n"));
    assert.deepEqual(live, [0, 100]);
    assert.equal(updates, 3, "10 → 25 → 50 → 100");
    assert.ok(record.history.filter((h) => h.action === "step").every((h) => h.verdict === "pass"));
  });

  test("a canary faulting 20 % fails twice and is rolled back to its starting weights", async () => {
    const { record, live, updates } = await promote(0.2);
    assert.equal(record.status, "rolled-back", record.history.map((h) => `${h.action}: ${h.reason}`).join("\n"));
    assert.deepEqual(live, [90, 10]);
    assert.equal(updates, 1, "only the roll back writes");
    assert.equal(record.failures, 2);
    assert.match(record.history.at(-1)!.reason, /errors and faults reached \d+(\.\d)? %/);
  });
});
