// Cloud Map discovery by attributes, the way Envoy in App Mesh does it: a virtual node's
// awsCloudMap attributes go to DiscoverInstances as QueryParameters, so color-v1 and color-v2, which
// share one Cloud Map service, each see only their own instances. Through the real SDK client, the
// extension's CloudMapAccess and botocore, against the sandbox's demo seed.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppMeshClient, DescribeVirtualNodeCommand } from "@aws-sdk/client-app-mesh";
import { DiscoverInstancesCommand, ServiceDiscoveryClient, type DiscoverInstancesCommandInput } from "@aws-sdk/client-servicediscovery";
import { CloudMapAccess } from "../../src/aws/cloudMapAccess";
import { AwsConnection, type CallLogEntry } from "../../src/aws/connection";
import { discoverySummary } from "../../src/model/summaries";
import { Sandbox } from "../../src/sandbox/sandbox";
import { botocoreMissing, runBotocore } from "./botocore";

const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };

describe("Cloud Map discovery by a node's attributes (demo seed)", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let appMesh: AppMeshClient;
  let cloudMap: ServiceDiscoveryClient;

  before(async () => {
    sandbox = await Sandbox.start({ seed: "demo", tickMs: 0 });
    appMesh = new AppMeshClient({ endpoint: sandbox.url, region: "us-east-1", credentials, maxAttempts: 1 });
    cloudMap = new ServiceDiscoveryClient({ endpoint: sandbox.url, region: "us-east-1", credentials, disableHostPrefix: true, maxAttempts: 1 });
  });

  after(async () => {
    appMesh?.destroy();
    cloudMap?.destroy();
    await sandbox?.close();
  });

  const nodeSpec = async (name: string) => (await appMesh.send(new DescribeVirtualNodeCommand({ meshName: "demo", virtualNodeName: name }))).virtualNode!.spec as Record<string, unknown>;
  const discover = async (input: Partial<DiscoverInstancesCommandInput>) => {
    const output = await cloudMap.send(new DiscoverInstancesCommand({ NamespaceName: "demo.local", ServiceName: "color", ...input }));
    return (output.Instances ?? []).map((i) => `${i.InstanceId} ${i.HealthStatus}`).sort();
  };

  test("discoverySummary reads a node's Cloud Map attributes and names them", async () => {
    assert.deepEqual(discoverySummary(await nodeSpec("color-v1")), {
      text: "Cloud Map color.demo.local (version=v1)",
      cloudMap: { namespaceName: "demo.local", serviceName: "color", attributes: { version: "v1" } },
    });
    assert.deepEqual(discoverySummary(await nodeSpec("color-v2")).cloudMap?.attributes, { version: "v2" });
    assert.deepEqual(discoverySummary(await nodeSpec("front")), { text: "DNS front.demo.svc.cluster.local" });
    const plain = discoverySummary({ serviceDiscovery: { awsCloudMap: { namespaceName: "shop.local", serviceName: "cart", attributes: [] } } });
    assert.deepEqual(plain, { text: "Cloud Map cart.shop.local", cloudMap: { namespaceName: "shop.local", serviceName: "cart" } }, "no attributes: none reported");
    const two = discoverySummary({ serviceDiscovery: { awsCloudMap: { namespaceName: "n", serviceName: "s", attributes: [{ key: "version", value: "v1" }, { key: "zone", value: "a" }] } } });
    assert.equal(two.text, "Cloud Map s.n (version=v1, zone=a)");
  });

  test("each color node's attributes, sent as QueryParameters, find only its own instances with their health", async () => {
    const expected: Record<string, string[]> = {
      "color-v1": ["color-v1-a HEALTHY", "color-v1-b HEALTHY", "color-v1-c HEALTHY"],
      "color-v2": ["color-v2-a HEALTHY", "color-v2-b UNHEALTHY"],
    };
    for (const [node, instances] of Object.entries(expected)) {
      const { attributes } = discoverySummary(await nodeSpec(node)).cloudMap!;
      assert.ok(attributes, `${node} names attributes`);
      assert.deepEqual(await discover({ QueryParameters: attributes, HealthStatus: "ALL" }), instances, node);
    }
    assert.equal((await discover({ HealthStatus: "ALL" })).length, 5, "the service itself holds both versions");
  });

  test("HealthStatus HEALTHY, UNHEALTHY and HEALTHY_OR_ELSE_ALL apply after the query parameters", async () => {
    const v1 = { version: "v1" };
    const v2 = { version: "v2" };
    assert.deepEqual(await discover({ QueryParameters: v2 }), ["color-v2-a HEALTHY"], "HEALTHY is the default");
    assert.deepEqual(await discover({ QueryParameters: v2, HealthStatus: "UNHEALTHY" }), ["color-v2-b UNHEALTHY"]);
    assert.deepEqual(await discover({ QueryParameters: v2, HealthStatus: "HEALTHY_OR_ELSE_ALL" }), ["color-v2-a HEALTHY"]);
    assert.deepEqual(await discover({ QueryParameters: v1, HealthStatus: "UNHEALTHY" }), []);
    assert.deepEqual(await discover({ QueryParameters: { version: "v3" }, HealthStatus: "ALL" }), [], "query parameters are not opportunistic");
    assert.deepEqual(await discover({ QueryParameters: { version: "v2", AWS_INSTANCE_IPV4: "10.0.2.22" }, HealthStatus: "ALL" }), ["color-v2-b UNHEALTHY"], "every query parameter must match");

    // The unhealthy instance fails open once it is the only one of its version.
    const color = sandbox.cloudMap.findService("demo.local", "color")!;
    sandbox.cloudMap.setInstanceHealth(color.service.id, "color-v2-a", "UNHEALTHY");
    try {
      assert.deepEqual(await discover({ QueryParameters: v2, HealthStatus: "HEALTHY_OR_ELSE_ALL" }), ["color-v2-a UNHEALTHY", "color-v2-b UNHEALTHY"]);
      assert.deepEqual(await discover({ QueryParameters: v2, HealthStatus: "HEALTHY" }), []);
    } finally {
      sandbox.cloudMap.setInstanceHealth(color.service.id, "color-v2-a", "HEALTHY");
    }
  });

  test("OptionalParameters narrow the answer only when some of it matches, after health", async () => {
    assert.deepEqual(await discover({ OptionalParameters: { version: "v2" } }), ["color-v2-a HEALTHY"]);
    assert.equal((await discover({ OptionalParameters: { version: "v9" } })).length, 4, "no match: ignored, every healthy instance");
    // Only the unhealthy instance has this address: among the healthy answer nothing matches, so the
    // optional filter is dropped rather than leaving nothing.
    assert.equal((await discover({ OptionalParameters: { AWS_INSTANCE_IPV4: "10.0.2.22" } })).length, 4);
    assert.deepEqual(await discover({ OptionalParameters: { AWS_INSTANCE_IPV4: "10.0.2.22" }, HealthStatus: "ALL" }), ["color-v2-b UNHEALTHY"]);
    assert.deepEqual(await discover({ QueryParameters: { version: "v1" }, OptionalParameters: { AWS_INSTANCE_IPV4: "10.0.1.12" } }), ["color-v1-b HEALTHY"]);
  });

  test("CloudMapAccess.instances passes a node's attributes as QueryParameters", async () => {
    const log: CallLogEntry[] = [];
    const connection = new AwsConnection({ region: "us-east-1", endpoint: sandbox.url }, { credentials, log: (entry) => log.push(entry) });
    try {
      const access = new CloudMapAccess(connection);
      const of = async (attributes?: Record<string, string>) => (await access.instances("demo.local", "color", attributes)).map((i) => `${i.id} ${i.health}`);
      assert.deepEqual(await of({ version: "v1" }), ["color-v1-a HEALTHY", "color-v1-b HEALTHY", "color-v1-c HEALTHY"]);
      assert.deepEqual(await of({ version: "v2" }), ["color-v2-a HEALTHY", "color-v2-b UNHEALTHY"]);
      assert.equal((await of()).length, 5, "without attributes: every instance");
      assert.equal((await of({})).length, 5, "empty attributes: every instance");
      assert.deepEqual(
        log.map((e) => e.subject),
        ["Cloud Map color.demo.local (version=v1)", "Cloud Map color.demo.local (version=v2)", "Cloud Map color.demo.local", "Cloud Map color.demo.local"],
      );
    } finally {
      connection.dispose();
    }
  });

  test("botocore sees the same instances per attribute", { skip: botocoreMissing() }, async () => {
    const seen = await runBotocore<Record<string, string[]>>(
      sandbox.url,
      `
sd = client("servicediscovery", "us-east-1")
out = {}
for version in ["v1", "v2"]:
    answer = sd.discover_instances(NamespaceName="demo.local", ServiceName="color", HealthStatus="ALL", QueryParameters={"version": version})
    out[version] = sorted(i["InstanceId"] + " " + i["HealthStatus"] for i in answer["Instances"])
print(json.dumps(out))
`,
    );
    assert.deepEqual(seen, {
      v1: ["color-v1-a HEALTHY", "color-v1-b HEALTHY", "color-v1-c HEALTHY"],
      v2: ["color-v2-a HEALTHY", "color-v2-b UNHEALTHY"],
    });
  });
});
