// The sandbox as a whole: its command line, authentication, state on disk, the demo seed and the
// traffic simulator following route weights.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, describe, test } from "node:test";
import { AppMeshClient, CreateMeshCommand, DescribeMeshCommand, DescribeRouteCommand, ListMeshesCommand, ListVirtualNodesCommand, UpdateRouteCommand } from "@aws-sdk/client-app-mesh";
import { DiscoverInstancesCommand, ServiceDiscoveryClient } from "@aws-sdk/client-servicediscovery";
import { GetServiceGraphCommand, XRayClient } from "@aws-sdk/client-xray";
import { Sandbox } from "../../src/sandbox/sandbox";

const ROOT = join(__dirname, "..", "..");
const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };

/** Starts `node dist/sandbox.js` and resolves with its URL once it prints the ready line. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; firstLine: string }> {
  const child = spawn(process.execPath, [join(ROOT, "dist", "sandbox.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines = createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, url: firstLine.replace("sandbox ready ", ""), firstLine };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("sandbox command line", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("prints exactly one ready line, serves the demo seed and stops cleanly on SIGTERM", async () => {
    const { child, url, firstLine } = await startCli(["--port", "0", "--seed", "demo"]);
    assert.match(firstLine, /^sandbox ready http:\/\/127\.0\.0\.1:\d+$/);
    const client = new AppMeshClient({ endpoint: url, region: "us-east-1", credentials });
    const meshes = await client.send(new ListMeshesCommand({}));
    assert.deepEqual(meshes.meshes?.map((m) => m.meshName).sort(), ["demo", "payments"]);
    const nodes = await client.send(new ListVirtualNodesCommand({ meshName: "demo" }));
    assert.ok(nodes.virtualNodes!.some((n) => n.virtualNodeName === "color-v2"));
    client.destroy();
    child.kill("SIGTERM");
    assert.equal(await exited(child), 0);
  });

  test("a request without credentials gets AWS's MissingAuthenticationTokenException", async () => {
    const { child, url } = await startCli(["--port", "0", "--seed", "empty"]);
    const response = await fetch(`${url}/v20190125/meshes`);
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("x-amzn-errortype"), "MissingAuthenticationTokenException");
    assert.deepEqual(await response.json(), { message: "Missing Authentication Token" });
    child.kill("SIGTERM");
    await exited(child);
  });

  test("--state keeps every acknowledged change across a crash", async () => {
    const state = join(dir, "state.json");
    const first = await startCli(["--port", "0", "--seed", "empty", "--state", state]);
    const client = new AppMeshClient({ endpoint: first.url, region: "us-east-1", credentials });
    await client.send(new CreateMeshCommand({ meshName: "durable" }));
    first.child.kill("SIGKILL"); // no chance to flush anything on the way out
    await exited(first.child);
    client.destroy();

    const second = await startCli(["--port", "0", "--seed", "demo", "--state", state]);
    const again = new AppMeshClient({ endpoint: second.url, region: "us-east-1", credentials });
    const mesh = await again.send(new DescribeMeshCommand({ meshName: "durable" }));
    assert.equal(mesh.mesh?.meshName, "durable");
    const meshes = await again.send(new ListMeshesCommand({}));
    assert.deepEqual(meshes.meshes?.map((m) => m.meshName), ["durable"], "saved state wins over the seed");
    again.destroy();
    second.child.kill("SIGTERM");
    await exited(second.child);
  });
});

describe("demo seed and simulated traffic", { timeout: 60_000 }, () => {
  test("Cloud Map holds the demo's instances, one of them unhealthy", async () => {
    const sandbox = await Sandbox.start({ seed: "demo", tickMs: 0 });
    const client = new ServiceDiscoveryClient({ endpoint: sandbox.url, region: "us-east-1", credentials, disableHostPrefix: true });
    try {
      const all = await client.send(new DiscoverInstancesCommand({ NamespaceName: "demo.local", ServiceName: "color", HealthStatus: "ALL" }));
      assert.equal(all.Instances?.length, 5);
      assert.deepEqual(all.Instances?.filter((i) => i.HealthStatus === "UNHEALTHY").map((i) => i.InstanceId), ["color-v2-b"]);
    } finally {
      client.destroy();
      await sandbox.close();
    }
  });

  test("a change of route weights changes the simulated split within one tick (±5%)", async () => {
    const sandbox = await Sandbox.start({ seed: "demo", tickMs: 0, sampling: 1 });
    const mesh = new AppMeshClient({ endpoint: sandbox.url, region: "us-east-1", credentials });
    const xray = new XRayClient({ endpoint: sandbox.url, region: "us-east-1", credentials });
    const admin = (path: string, body?: unknown) => fetch(`${sandbox.url}/_sandbox/${path}`, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
    try {
      await admin("profiles/demo/ingress-gw", { rps: 3000 });
      const counts = async () => {
        const now = new Date(sandbox.clock.now() + 1000);
        const graph = await xray.send(new GetServiceGraphCommand({ StartTime: new Date(now.getTime() - 3_600_000), EndTime: now }));
        const total = (name: string) => graph.Services?.find((s) => s.Name === name)?.SummaryStatistics?.TotalCount ?? 0;
        return { v1: total("demo/color-v1"), v2: total("demo/color-v2") };
      };
      const share = async (tick: () => Promise<unknown>) => {
        const before = await counts();
        await tick();
        const after = await counts();
        const v1 = after.v1 - before.v1;
        const v2 = after.v2 - before.v2;
        assert.ok(v1 + v2 > 1000, `enough traffic reached color (${v1 + v2})`);
        return v2 / (v1 + v2);
      };
      const tick = async () => assert.equal((await admin("tick?seconds=1")).status, 200);
      assert.ok(Math.abs((await share(tick)) - 0.1) < 0.05, "90/10 as seeded");

      const current = await mesh.send(new DescribeRouteCommand({ meshName: "demo", virtualRouterName: "color-router", routeName: "color-canary" }));
      const spec = current.route!.spec!;
      spec.httpRoute!.action!.weightedTargets = [{ virtualNode: "color-v1", weight: 40 }, { virtualNode: "color-v2", weight: 60 }];
      await mesh.send(new UpdateRouteCommand({ meshName: "demo", virtualRouterName: "color-router", routeName: "color-canary", spec }));
      const shifted = await share(tick);
      assert.ok(Math.abs(shifted - 0.6) < 0.05, `40/60 after the update, within one tick (got ${(shifted * 100).toFixed(1)}% to v2)`);
    } finally {
      mesh.destroy();
      xray.destroy();
      await sandbox.close();
    }
  });
});
