// Route-weight arithmetic: shares, largest-remainder scaling, canary roles, the ladder and limits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apportion, canaryPercent, canaryRoles, DEFAULT_LADDER, nextLadderStep, scaleWeights, weightProblem, weightsForCanary } from "../../src/model/routeWeights";

const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);

test("scaling keeps integers that add up exactly, by largest remainder", () => {
  assert.deepEqual(scaleWeights([1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(scaleWeights([45, 45]), [50, 50]);
  assert.deepEqual(scaleWeights([2, 3, 5]), [20, 30, 50]);
  assert.deepEqual(scaleWeights([0, 0]), [50, 50], "all zero splits evenly");
  assert.deepEqual(scaleWeights([1, 2, 3, 4, 5, 6, 7], 100).reduce((a, b) => a + b, 0), 100);
  for (let n = 1; n <= 10; n++) for (const total of [1, 7, 99, 100]) assert.equal(sum(apportion(Array.from({ length: n }, (_, i) => i * 3 + 1), total)), total);
});

test("the heaviest target is the baseline; ties are ambiguous until chosen", () => {
  assert.deepEqual(canaryRoles([90, 10]), { baseline: 0, canaries: [1], ambiguous: false });
  assert.deepEqual(canaryRoles([10, 80, 10]), { baseline: 1, canaries: [0, 2], ambiguous: false });
  assert.equal(canaryRoles([50, 50])?.ambiguous, true);
  assert.deepEqual(canaryRoles([50, 50], 1), { baseline: 1, canaries: [0], ambiguous: false });
  assert.equal(canaryRoles([100]), undefined, "one target is not a canary");
});

test("a canary share splits among several canaries in proportion, the sum kept", () => {
  const roles = canaryRoles([80, 15, 5])!;
  assert.equal(canaryPercent([80, 15, 5], roles), 20);
  assert.deepEqual(weightsForCanary([80, 15, 5], roles, 50), [50, 38, 12]);
  assert.deepEqual(weightsForCanary([80, 15, 5], roles, 100), [0, 75, 25]);
  assert.deepEqual(weightsForCanary([80, 15, 5], roles, 0), [100, 0, 0]);
  const two = canaryRoles([99, 0, 0])!;
  assert.deepEqual(weightsForCanary([99, 0, 0], two, 10), [89, 5, 5], "zero canaries split evenly; the total 99 is kept");
  assert.deepEqual(weightsForCanary([0, 0], canaryRoles([0, 0], 0)!, 5), [95, 5], "weights adding up to 0 take 100");
});

test("the ladder steps from the current share", () => {
  assert.equal(nextLadderStep(DEFAULT_LADDER, 0), 1);
  assert.equal(nextLadderStep(DEFAULT_LADDER, 10), 25);
  assert.equal(nextLadderStep(DEFAULT_LADDER, 12), 25);
  assert.equal(nextLadderStep(DEFAULT_LADDER, 100), undefined);
});

test("App Mesh's limits are checked", () => {
  assert.equal(weightProblem([90, 10]), undefined);
  assert.match(weightProblem([60, 50])!, /at most 100/);
  assert.match(weightProblem([101])!, /0 to 100/);
  assert.match(weightProblem([1.5, 2])!, /whole number/);
  assert.match(weightProblem(new Array(11).fill(1))!, /1 to 10/);
  assert.match(weightProblem([0, 0])!, /above 0/);
});
