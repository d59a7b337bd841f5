// Throttling and server errors injected by the sandbox are absorbed by the SDK's adaptive retries:
// reading the whole demo state still succeeds and equals the store, and the log shows the retries.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { CloudMapAccess } from "../../src/aws/cloudMapAccess";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, listEverything, sortRows, startSandbox, storeRows } from "./support";

let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox();
  sandbox.faults = { ...sandbox.faults, throttle: 0.1, error: 0.02 };
});
after(async () => {
  await sandbox.close();
});

test("every list and describe of the demo state succeeds under throttling and server errors", { timeout: 30_000 }, async () => {
  const { connection, log } = connect(sandbox.url);
  const expected = storeRows(sandbox);
  // Rounds until the log has shown a retry (the first nearly always does); every round must be exact.
  // (Adaptive mode slows the whole client after a throttle, so one round takes a few seconds.)
  for (let round = 1; round <= 4; round++) {
    const access = new AppMeshAccess(connection, { pageSize: 2 });
    const refs = await listEverything(access);
    assert.deepEqual(sortRows(refs), expected, `round ${round}: listing equals the store`);
    const details = await access.describeMany(refs);
    details.forEach((result, i) => {
      assert.equal(result.status, "fulfilled", `round ${round}: describe ${refs[i].arn}`);
      if (result.status !== "fulfilled") return;
      const stored = sandbox.store.get(refs[i].kind, refs[i].meshName, refs[i].parentName, refs[i].name)!;
      assert.deepEqual(result.value.spec, JSON.parse(JSON.stringify(stored.spec)), `round ${round}: spec of ${refs[i].arn}`);
    });
    const instances = await new CloudMapAccess(connection).instances("demo.local", "color");
    assert.equal(instances.length, 5, `round ${round}: every Cloud Map instance`);
    if (log.some((e) => e.attempts > 1)) break;
  }
  assert.ok(log.length > 30, `many calls were made (${log.length})`);
  assert.deepEqual([...new Set(log.map((e) => e.outcome))], ["ok"], "every call succeeded in the end");
  const retried = log.filter((e) => e.attempts > 1);
  assert.ok(retried.length > 0, `some calls needed more than one attempt (${retried.length} of ${log.length})`);
  assert.ok(log.every((e) => e.attempts >= 1 && e.attempts <= 6), "attempts stay within maxAttempts");
  connection.dispose();
});

test("with retries turned off, the same faults surface as throttled and service errors", { timeout: 30_000 }, async () => {
  const outcome = async (faults: { throttle: number; error: number }) => {
    sandbox.faults = { ...sandbox.faults, ...faults };
    // A fresh connection each time: adaptive mode would otherwise slow the next call after a throttle.
    const { connection, log } = connect(sandbox.url, { maxAttempts: 1 });
    try {
      await new AppMeshAccess(connection).listMeshes();
      return { kind: "ok", log };
    } catch (error) {
      return { kind: (error as { kind: string }).kind, log };
    } finally {
      connection.dispose();
    }
  };
  try {
    const throttled = await outcome({ throttle: 1, error: 0 });
    assert.equal(throttled.kind, "throttled");
    assert.deepEqual(throttled.log.map((e) => [e.outcome, e.attempts]), [["throttled", 1]]);
    const failed = await outcome({ throttle: 0, error: 1 });
    assert.equal(failed.kind, "service");
    assert.deepEqual(failed.log.map((e) => [e.outcome, e.attempts]), [["service", 1]]);
    assert.equal((await outcome({ throttle: 0, error: 0 })).kind, "ok");
  } finally {
    sandbox.faults = { ...sandbox.faults, throttle: 0.1, error: 0.02 };
  }
});
