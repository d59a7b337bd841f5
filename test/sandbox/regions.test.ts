// Regions of the sandbox really differ: a request acts on the region it was signed for, ARNs name
// that region, seeds go into the region they are given for, the state file keeps every region, and
// simulated traffic of a region's meshes shows in that region's X-Ray only.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import {
  AppMeshClient,
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  DescribeMeshCommand,
  DescribeVirtualNodeCommand,
  ListMeshesCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  TagResourceCommand,
} from "@aws-sdk/client-app-mesh";
import { CreateHttpNamespaceCommand, CreateServiceCommand, GetNamespaceCommand, ListNamespacesCommand, NamespaceNotFound, ServiceDiscoveryClient } from "@aws-sdk/client-servicediscovery";
import { CreateGroupCommand, GetGroupsCommand, GetServiceGraphCommand, XRayClient } from "@aws-sdk/client-xray";
import { Sandbox } from "../../src/sandbox/sandbox";
import { parseSeedFlags, seedsByRegion } from "../../src/sandbox/seeds/regionSeeds";
import { signedRegion } from "../../src/sandbox/signedRegion";
import { botocoreMissing, runBotocore } from "./botocore";

const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };
const ROOT = join(__dirname, "..", "..");

function clients(url: string, region: string) {
  const appMesh = new AppMeshClient({ endpoint: url, region, credentials, maxAttempts: 1 });
  const cloudMap = new ServiceDiscoveryClient({ endpoint: url, region, credentials, disableHostPrefix: true, maxAttempts: 1 });
  const xray = new XRayClient({ endpoint: url, region, credentials, maxAttempts: 1 });
  return { appMesh, cloudMap, xray, destroy: () => [appMesh, cloudMap, xray].forEach((c) => c.destroy()) };
}

const meshNames = async (client: AppMeshClient) => ((await client.send(new ListMeshesCommand({}))).meshes ?? []).map((m) => m.meshName).sort();

describe("the signed region", () => {
  test("comes from the SigV4 credential scope, us-east-1 when unsigned or unreadable", () => {
    const signed = (authorization: string) => signedRegion({ authorization });
    assert.equal(signed("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/appmesh/aws4_request, SignedHeaders=host, Signature=abc"), "eu-west-1");
    assert.equal(signed("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-gov-west-1/servicediscovery/aws4_request, SignedHeaders=host, Signature=abc"), "us-gov-west-1");
    assert.equal(signedRegion({}), "us-east-1", "unsigned");
    assert.equal(signed("Bearer something"), "us-east-1", "no credential scope");
    assert.equal(signed("AWS4-HMAC-SHA256 Credential=AKID/20260101/Not A Region/x/aws4_request"), "us-east-1", "no region in it");
    assert.equal(signedRegion({}, new URLSearchParams({ "X-Amz-Credential": "AKID/20260101/ap-south-1/xray/aws4_request" })), "ap-south-1", "a presigned URL");
  });
});

describe("resources of one region, through the SDK clients", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let east: ReturnType<typeof clients>;
  let west: ReturnType<typeof clients>;

  before(async () => {
    sandbox = await Sandbox.start({ seed: "empty", tickMs: 0 });
    east = clients(sandbox.url, "us-east-1");
    west = clients(sandbox.url, "eu-west-1");
  });

  after(async () => {
    east?.destroy();
    west?.destroy();
    await sandbox?.close();
  });

  test("App Mesh ARNs name the region the request was signed for, and the mesh exists only there", async () => {
    const created = await west.appMesh.send(new CreateMeshCommand({ meshName: "shop" }));
    assert.equal(created.mesh?.metadata?.arn, "arn:aws:appmesh:eu-west-1:111122223333:mesh/shop");
    const node = await west.appMesh.send(new CreateVirtualNodeCommand({ meshName: "shop", virtualNodeName: "cart", spec: {} }));
    assert.equal(node.virtualNode?.metadata?.arn, "arn:aws:appmesh:eu-west-1:111122223333:mesh/shop/virtualNode/cart");
    assert.deepEqual(await meshNames(west.appMesh), ["shop"]);
    assert.deepEqual(await meshNames(east.appMesh), [], "us-east-1 does not see eu-west-1's mesh");
    await assert.rejects(east.appMesh.send(new DescribeVirtualNodeCommand({ meshName: "shop", virtualNodeName: "cart" })), NotFoundException);

    // The same name in another region is another mesh, with that region's ARN.
    const other = await east.appMesh.send(new CreateMeshCommand({ meshName: "shop", spec: { egressFilter: { type: "ALLOW_ALL" } } }));
    assert.equal(other.mesh?.metadata?.arn, "arn:aws:appmesh:us-east-1:111122223333:mesh/shop");
    assert.notEqual(other.mesh?.metadata?.uid, created.mesh?.metadata?.uid);
    assert.equal((await west.appMesh.send(new DescribeMeshCommand({ meshName: "shop" }))).mesh?.spec?.egressFilter?.type, "DROP_ALL", "eu-west-1's mesh is unchanged");

    // Tags go by ARN, within the region that holds it.
    const arn = created.mesh!.metadata!.arn!;
    await west.appMesh.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "team", value: "eu" }] }));
    assert.deepEqual((await west.appMesh.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [{ key: "team", value: "eu" }]);
    await assert.rejects(east.appMesh.send(new ListTagsForResourceCommand({ resourceArn: arn })), NotFoundException, "us-east-1 holds no eu-west-1 ARN");
    assert.equal(sandbox.region("eu-west-1").store.list("Mesh").length, 1);
    assert.equal(sandbox.store.list("Mesh").length, 1, "sandbox.store is us-east-1's");
  });

  test("Cloud Map namespaces and services carry the signed region and stay in it", async () => {
    await west.cloudMap.send(new CreateHttpNamespaceCommand({ Name: "eu.local" }));
    const namespace = (await west.cloudMap.send(new ListNamespacesCommand({}))).Namespaces!.find((n) => n.Name === "eu.local")!;
    assert.match(namespace.Arn ?? "", /^arn:aws:servicediscovery:eu-west-1:111122223333:namespace\/ns-/);
    const service = await west.cloudMap.send(new CreateServiceCommand({ Name: "orders", NamespaceId: namespace.Id }));
    assert.match(service.Service?.Arn ?? "", /^arn:aws:servicediscovery:eu-west-1:111122223333:service\/srv-/);
    assert.deepEqual((await east.cloudMap.send(new ListNamespacesCommand({}))).Namespaces, []);
    await assert.rejects(east.cloudMap.send(new GetNamespaceCommand({ Id: namespace.Id })), NamespaceNotFound);
    // A namespace of the same name in us-east-1 is another one, with its own ID.
    await east.cloudMap.send(new CreateHttpNamespaceCommand({ Name: "eu.local" }));
    const twin = (await east.cloudMap.send(new ListNamespacesCommand({}))).Namespaces![0];
    assert.notEqual(twin.Id, namespace.Id, "IDs are unique across regions");
    assert.match(twin.Arn ?? "", /^arn:aws:servicediscovery:us-east-1:/);
  });

  test("X-Ray group ARNs carry the signed region, and groups stay in it", async () => {
    const created = await west.xray.send(new CreateGroupCommand({ GroupName: "eu-only", FilterExpression: 'service("x")' }));
    assert.match(created.Group?.GroupARN ?? "", /^arn:aws:xray:eu-west-1:111122223333:group\/eu-only\//);
    const westGroups = (await west.xray.send(new GetGroupsCommand({}))).Groups ?? [];
    assert.deepEqual(westGroups.map((g) => [g.GroupName, g.GroupARN?.split(":")[3]]), [["Default", "eu-west-1"], ["eu-only", "eu-west-1"]]);
    const eastGroups = (await east.xray.send(new GetGroupsCommand({}))).Groups ?? [];
    assert.deepEqual(eastGroups.map((g) => [g.GroupName, g.GroupARN?.split(":")[3]]), [["Default", "us-east-1"]]);
  });

  test("an unsigned-looking request (unreadable credential scope) acts on us-east-1", async () => {
    const response = await fetch(`${sandbox.url}/v20190125/meshes`, { headers: { authorization: "AWS4-HMAC-SHA256 Credential=garbage" } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { meshes: { arn: string }[] };
    assert.deepEqual(body.meshes.map((m) => m.arn), ["arn:aws:appmesh:us-east-1:111122223333:mesh/shop"]);
  });

  test("botocore signs for its region and sees that region's meshes", { skip: botocoreMissing() }, async () => {
    const seen = await runBotocore<Record<string, string[]>>(
      sandbox.url,
      `
out = {}
for region in ["us-east-1", "eu-west-1", "ap-south-1"]:
    out[region] = [m["arn"] for m in client("appmesh", region).list_meshes()["meshes"]]
print(json.dumps(out))
`,
    );
    assert.deepEqual(seen, {
      "us-east-1": ["arn:aws:appmesh:us-east-1:111122223333:mesh/shop"],
      "eu-west-1": ["arn:aws:appmesh:eu-west-1:111122223333:mesh/shop"],
      "ap-south-1": [],
    });
  });
});

describe("seeds per region", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-regions-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("seeds: {region: seed} fills other regions; the plain seed goes to us-east-1", async () => {
    const sandbox = await Sandbox.start({ seed: "demo", seeds: { "eu-west-1": "scale:3" }, tickMs: 0 });
    const east = clients(sandbox.url, "us-east-1");
    const west = clients(sandbox.url, "eu-west-1");
    const south = clients(sandbox.url, "ap-south-1");
    try {
      assert.deepEqual(await meshNames(east.appMesh), ["demo", "payments"]);
      assert.deepEqual(await meshNames(west.appMesh), ["scale-3"]);
      assert.deepEqual(await meshNames(south.appMesh), [], "a region no seed names starts empty");
      const westMesh = await west.appMesh.send(new DescribeMeshCommand({ meshName: "scale-3" }));
      assert.equal(westMesh.mesh?.metadata?.arn, "arn:aws:appmesh:eu-west-1:111122223333:mesh/scale-3", "seeded resources carry their region's ARN");
      assert.deepEqual(((await east.cloudMap.send(new ListNamespacesCommand({}))).Namespaces ?? []).map((n) => n.Name), ["demo.local"]);
      assert.deepEqual((await west.cloudMap.send(new ListNamespacesCommand({}))).Namespaces, [], "the demo's Cloud Map is us-east-1's only");

      const state = async (region: string) => (await (await fetch(`${sandbox.url}/_sandbox/state?region=${region}`)).json()) as { region: string; meshes: { meshName: string }[] };
      assert.deepEqual((await state("eu-west-1")).meshes.map((m) => m.meshName), ["scale-3"]);
      assert.deepEqual((await state("us-east-1")).meshes.map((m) => m.meshName), ["demo", "payments"]);
    } finally {
      [east, west, south].forEach((c) => c.destroy());
      await sandbox.close();
    }
  });

  test("simulated traffic of a region's meshes shows in that region's X-Ray only", async () => {
    const sandbox = await Sandbox.start({ seed: "demo", seeds: { "eu-west-1": "scale:3" }, tickMs: 0 });
    const east = clients(sandbox.url, "us-east-1");
    const west = clients(sandbox.url, "eu-west-1");
    try {
      const profile = await fetch(`${sandbox.url}/_sandbox/profiles/scale-3/gateway?region=eu-west-1`, { method: "POST", body: JSON.stringify({ rps: 50 }) });
      assert.equal(profile.status, 200);
      const profiles = (await (await fetch(`${sandbox.url}/_sandbox/profiles?region=eu-west-1`)).json()) as Record<string, { rps: number }>;
      assert.equal(profiles["scale-3/gateway"].rps, 50);
      assert.equal((await fetch(`${sandbox.url}/_sandbox/tick?seconds=2`, { method: "POST" })).status, 200);
      const graph = async (client: XRayClient) => {
        const now = sandbox.clock.now();
        const answer = await client.send(new GetServiceGraphCommand({ StartTime: new Date(now - 600_000), EndTime: new Date(now + 1000) }));
        return (answer.Services ?? []).map((s) => s.Name ?? "");
      };
      const westNames = await graph(west.xray);
      const eastNames = await graph(east.xray);
      assert.ok(westNames.includes("scale-3/gateway"), `eu-west-1's graph has its gateway (${westNames.join(", ")})`);
      assert.ok(!westNames.some((n) => n.startsWith("demo/")), "and nothing of us-east-1's demo");
      assert.ok(eastNames.includes("demo/ingress-gw"), `us-east-1's graph has the demo (${eastNames.join(", ")})`);
      assert.ok(!eastNames.some((n) => n.startsWith("scale-3/")), "and nothing of eu-west-1's mesh");
    } finally {
      [east, west].forEach((c) => c.destroy());
      await sandbox.close();
    }
  });

  test("the state file keeps every region across a restart", async () => {
    const stateFile = join(dir, "regions.json");
    const first = await Sandbox.start({ seed: "empty", seeds: { "eu-west-1": "scale:1" }, stateFile, tickMs: 0 });
    const firstWest = clients(first.url, "eu-west-1");
    const firstSouth = clients(first.url, "ap-south-1");
    await firstSouth.appMesh.send(new CreateMeshCommand({ meshName: "made-in-mumbai" }));
    firstWest.destroy();
    firstSouth.destroy();
    await first.close();

    const second = await Sandbox.start({ seed: "demo", stateFile, tickMs: 0 });
    const east = clients(second.url, "us-east-1");
    const west = clients(second.url, "eu-west-1");
    const south = clients(second.url, "ap-south-1");
    try {
      assert.deepEqual(await meshNames(east.appMesh), [], "saved state wins over the seed");
      assert.deepEqual(await meshNames(west.appMesh), ["scale-1"]);
      assert.deepEqual(await meshNames(south.appMesh), ["made-in-mumbai"]);
      assert.equal((await south.appMesh.send(new DescribeMeshCommand({ meshName: "made-in-mumbai" }))).mesh?.metadata?.arn, "arn:aws:appmesh:ap-south-1:111122223333:mesh/made-in-mumbai");
    } finally {
      [east, west, south].forEach((c) => c.destroy());
      await second.close();
    }
  });

  test("a state file of one region (written before regions were kept apart) is read as us-east-1's", async () => {
    const stateFile = join(dir, "legacy.json");
    const now = Date.now() / 1000;
    const arn = "arn:aws:appmesh:us-east-1:111122223333:mesh/old";
    const metadata = { arn, version: 3, uid: "u-1", createdAt: now, lastUpdatedAt: now, meshOwner: "111122223333", resourceOwner: "111122223333" };
    const legacy = {
      appMesh: { resources: [{ kind: "Mesh", meshName: "old", name: "old", spec: { egressFilter: { type: "DROP_ALL" } }, metadata, status: "ACTIVE" }], tags: {}, tokens: { "createMesh:t-1": arn } },
      cloudMap: { version: 1, sequence: 0, namespaces: [], services: [], operations: [] },
      profiles: {},
    };
    writeFileSync(stateFile, JSON.stringify(legacy));
    const sandbox = await Sandbox.start({ seed: "demo", stateFile, tickMs: 0 });
    const east = clients(sandbox.url, "us-east-1");
    const west = clients(sandbox.url, "eu-west-1");
    try {
      assert.deepEqual(await meshNames(east.appMesh), ["old"]);
      assert.equal((await east.appMesh.send(new DescribeMeshCommand({ meshName: "old" }))).mesh?.metadata?.version, 3);
      assert.deepEqual(await meshNames(west.appMesh), []);
    } finally {
      [east, west].forEach((c) => c.destroy());
      await sandbox.close();
    }
  });

  test("seed options are checked: region names, and REGION=SEED flags", () => {
    assert.deepEqual([...seedsByRegion("demo", { "eu-west-1": "scale:3" })], [["us-east-1", "demo"], ["eu-west-1", "scale:3"]]);
    assert.deepEqual([...seedsByRegion("demo", { "us-east-1": "empty" })], [["us-east-1", "empty"]], "a seed for us-east-1 replaces the plain one");
    assert.deepEqual([...seedsByRegion(undefined, undefined)], []);
    assert.throws(() => seedsByRegion("demo", { Europe: "demo" }), /not a region name/);
    assert.deepEqual(parseSeedFlags(["eu-west-1=scale:3", "empty", "ap-south-1=file:/tmp/a=b"]), { seed: "empty", seeds: { "eu-west-1": "scale:3", "ap-south-1": "file:/tmp/a=b" } });
    assert.deepEqual(parseSeedFlags(["file:/defs/x=y"]), { seed: "file:/defs/x=y", seeds: {} }, "what precedes = must be a region name");
    assert.deepEqual(parseSeedFlags([]), { seeds: {} });
  });

  test("the command line takes --seed REGION=SEED next to the default region's demo", async () => {
    const child = spawn(process.execPath, [join(ROOT, "dist", "sandbox.js"), "--port", "0", "--tick-ms", "0", "--seed", "eu-west-1=scale:2"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
      });
      const url = line.replace("sandbox ready ", "");
      const east = clients(url, "us-east-1");
      const west = clients(url, "eu-west-1");
      assert.deepEqual(await meshNames(east.appMesh), ["demo", "payments"], "us-east-1 keeps the default seed");
      assert.deepEqual(await meshNames(west.appMesh), ["scale-2"]);
      [east, west].forEach((c) => c.destroy());
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
