// The Meshes view's loading, against the sandbox over HTTP: with 10% throttling and 2% server
// errors injected, the whole demo tree still loads complete and equal to the sandbox's state.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { AwsConnection, type CallLogEntry } from "../../src/aws/connection";
import { LiveMeshLoader } from "../../src/live/liveMeshLoader";
import { targetsSummary } from "../../src/model/summaries";
import { Sandbox } from "../../src/sandbox/sandbox";

let sandbox: Sandbox;
before(async () => {
  sandbox = await Sandbox.start({ seed: "demo", tickMs: 0 });
});
after(async () => sandbox?.close());

test("the whole demo tree loads complete and correct under 10% throttling and 2% server errors", { timeout: 120_000 }, async () => {
  sandbox.faults = { ...sandbox.faults, throttle: 0.1, error: 0.02 };
  const calls: CallLogEntry[] = [];
  const connection = new AwsConnection(
    { endpoint: sandbox.url, region: "us-east-1" },
    { credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" }, log: (entry) => calls.push(entry) },
  );
  try {
    const loader = new LiveMeshLoader(new AppMeshAccess(connection, { pageSize: 3, concurrency: 4 }));
    for (const mesh of ["demo", "payments"]) {
      const loaded = [...(await loader.liveMesh(mesh))!.values()];
      const expected = sandbox.store.all().filter((r) => r.meshName === mesh);
      assert.deepEqual(
        loaded.map((r) => `${r.kind}/${r.parentName ?? ""}/${r.name}@${r.version}`).sort(),
        expected.map((r) => `${r.kind}/${r.parentName ?? ""}/${r.name}@${r.metadata.version}`).sort(),
        `every ${mesh} resource (routes under their router or gateway) is loaded, once`,
      );
      for (const resource of loaded) {
        assert.deepEqual(JSON.parse(JSON.stringify(resource.spec)), JSON.parse(JSON.stringify(sandbox.store.get(resource.kind, mesh, resource.parentName, resource.name)!.spec)), `${resource.name} spec`);
      }
    }
    const canary = (await loader.liveMesh("demo"))!.get("Route/color-router/color-canary")!;
    assert.equal(targetsSummary("Route", canary.spec), "color-v1 90% · color-v2 10%");
    assert.ok(calls.some((c) => c.attempts > 1), "some calls were retried after injected faults");
    assert.ok(calls.every((c) => c.outcome === "ok"), "every call ended well after retries");
  } finally {
    sandbox.faults = { ...sandbox.faults, throttle: 0, error: 0 };
    connection.dispose();
  }
});
