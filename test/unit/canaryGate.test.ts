// The progressive promotion's gate and what follows each decision.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_GATE, gate, nextAction, type MinuteStats } from "../../src/model/canaryGate";
import { DEFAULT_LADDER } from "../../src/model/routeWeights";

const minute = (total: number, fault = 0, error = 0, p95Ms = 20): MinuteStats => ({ statistics: { ok: total - fault - error, error, throttle: 0, fault, total, totalResponseTime: total * 0.01 }, p95Ms });

test("a healthy canary with enough samples passes", () => {
  const d = gate({ canary: [minute(15), minute(14)], baseline: [minute(200), minute(190)] }, DEFAULT_GATE);
  assert.equal(d.verdict, "pass");
  assert.equal(d.samples, 29);
});

test("too few samples hold and never pass, however healthy", () => {
  const d = gate({ canary: [minute(3), minute(4)], baseline: [minute(200)] }, DEFAULT_GATE);
  assert.equal(d.verdict, "inconclusive");
  assert.match(d.reason, /only 7 sampled/);
});

test("faults in any one minute fail, and so does latency against its cap and the baseline", () => {
  assert.equal(gate({ canary: [minute(30), minute(30, 3)], baseline: [minute(200)] }, DEFAULT_GATE).verdict, "fail", "10 % in one minute");
  assert.match(gate({ canary: [minute(40, 0, 0, 1500)], baseline: [minute(200)] }, DEFAULT_GATE).reason, /p95 reached 1500 ms/);
  assert.match(gate({ canary: [minute(40, 0, 0, 90)], baseline: [minute(200, 0, 0, 40)] }, DEFAULT_GATE).reason, /over 1.5× the baseline/);
  assert.equal(gate({ canary: [minute(40, 0, 0, 25)], baseline: [minute(200, 0, 0, 15)] }, DEFAULT_GATE).verdict, "pass", "10 ms slower is within the slack");
});

test("after a decision: step on pass, hold when inconclusive, roll back after N failures, done at 100", () => {
  const pass = { verdict: "pass", reason: "", samples: 50 } as const;
  const fail = { verdict: "fail", reason: "", samples: 50 } as const;
  const unsure = { verdict: "inconclusive", reason: "", samples: 2 } as const;
  assert.deepEqual(nextAction({ percent: 10, failures: 0 }, pass, DEFAULT_LADDER, 2), { action: "step", toPercent: 25 });
  assert.deepEqual(nextAction({ percent: 50, failures: 0 }, pass, DEFAULT_LADDER, 2), { action: "step", toPercent: 100 });
  assert.deepEqual(nextAction({ percent: 100, failures: 0 }, pass, DEFAULT_LADDER, 2), { action: "done" });
  assert.deepEqual(nextAction({ percent: 10, failures: 0 }, unsure, DEFAULT_LADDER, 2), { action: "hold" });
  assert.deepEqual(nextAction({ percent: 10, failures: 0 }, fail, DEFAULT_LADDER, 2), { action: "hold" });
  assert.deepEqual(nextAction({ percent: 10, failures: 1 }, fail, DEFAULT_LADDER, 2), { action: "rollback" });
});
