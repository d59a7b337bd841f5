import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { mapWithConcurrency } from "../../src/aws/concurrency";

test("results keep the input order, whatever order the calls finish in", async () => {
  const items = [50, 10, 30, 0, 20];
  const results = await mapWithConcurrency(items, 2, async (ms, index) => {
    await sleep(ms);
    return `${index}:${ms}`;
  });
  assert.deepEqual(results, items.map((ms, i) => ({ status: "fulfilled", value: `${i}:${ms}` })));
});

test("never more than `limit` in flight, and the limit is used", async () => {
  for (const limit of [1, 3, 8]) {
    let inFlight = 0;
    let peak = 0;
    await mapWithConcurrency(Array.from({ length: 20 }, (_, i) => i), limit, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(i % 3);
      inFlight--;
    });
    assert.equal(peak, limit, `peak with limit ${limit}`);
  }
});

test("failures are kept per item and do not stop the rest", async () => {
  const results = await mapWithConcurrency([1, 2, 3, 4], 2, async (n) => {
    if (n % 2 === 0) throw new Error(`even ${n}`);
    return n;
  });
  assert.deepEqual(
    results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message)),
    [1, "even 2", 3, "even 4"],
  );
});

test("a synchronous throw is a rejection too; empty input and odd limits are fine", async () => {
  const results = await mapWithConcurrency([1], 4, ((): Promise<number> => {
    throw new Error("sync");
  }) as (n: number) => Promise<number>);
  assert.equal(results[0].status, "rejected");
  assert.deepEqual(await mapWithConcurrency([], 3, async (x) => x), []);
  assert.deepEqual((await mapWithConcurrency([1, 2], 0, async (x) => x * 2)).map((r) => r.status === "fulfilled" && r.value), [2, 4], "a limit below 1 runs one at a time");
});
