// AwsConnection: labels, region resolution, the clients it builds (lazily, one each, with the
// endpoint, retry and host-prefix settings), the default credential chain, and `send`'s log.
// Cloud Map and X-Ray access run here too, against the sandbox.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { CloudMapAccess } from "../../src/aws/cloudMapAccess";
import { AwsConnection, type CallLogEntry } from "../../src/aws/connection";
import { AccessError } from "../../src/aws/errors";
import { XRayAccess } from "../../src/aws/xrayAccess";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox } from "./support";

const ENV_KEYS = ["AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_EC2_METADATA_DISABLED"];
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
let dir: string;
let sandbox: Sandbox;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "aws-connection-"));
  writeFileSync(join(dir, "config"), ["[default]", "region = ap-south-1", "[profile dev]", "region = eu-west-1", "[profile ci]", "output = json"].join("\n"));
  writeFileSync(join(dir, "credentials"), ["[ci]", "aws_access_key_id = AKIDFROMFILE", "aws_secret_access_key = fromfile"].join("\n"));
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.AWS_CONFIG_FILE = join(dir, "config");
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
  process.env.AWS_EC2_METADATA_DISABLED = "true"; // the chain must not wait for instance metadata
  sandbox = await startSandbox();
});

after(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

describe("settings", () => {
  test("label names profile, region and endpoint", async () => {
    assert.equal(new AwsConnection({ profile: "dev", region: "eu-west-1", endpoint: "http://127.0.0.1:4566/" }).label(), "dev · eu-west-1 · http://127.0.0.1:4566");
    const plain = new AwsConnection({});
    assert.equal(plain.label(), "default · us-east-1");
    const dev = new AwsConnection({ profile: "dev" });
    await dev.resolvedRegion();
    assert.equal(dev.label(), "dev · eu-west-1", "the resolved region once known");
    assert.deepEqual(new AwsConnection({ profile: "", region: "", endpoint: " " }).settings, {}, "empty settings are absent");
  });

  test("region: setting, then the profile's region, then AWS_REGION, then us-east-1", async () => {
    process.env.AWS_REGION = "us-west-2";
    try {
      assert.equal(await new AwsConnection({ profile: "dev", region: "ca-central-1" }).resolvedRegion(), "ca-central-1");
      assert.equal(await new AwsConnection({ profile: "dev" }).resolvedRegion(), "eu-west-1");
      assert.equal(await new AwsConnection({}).resolvedRegion(), "ap-south-1", "the default profile's region");
      assert.equal(await new AwsConnection({ profile: "ci" }).resolvedRegion(), "us-west-2", "a profile without a region falls back to AWS_REGION");
      delete process.env.AWS_REGION;
      assert.equal(await new AwsConnection({ profile: "ci" }).resolvedRegion(), "us-east-1");
      process.env.AWS_PROFILE = "dev";
      assert.equal(await new AwsConnection({}).resolvedRegion(), "eu-west-1", "AWS_PROFILE picks the profile when the setting is empty");
    } finally {
      delete process.env.AWS_REGION;
      delete process.env.AWS_PROFILE;
    }
  });

  test("clients are made lazily, once each, with endpoint, adaptive retries and no host prefix for Cloud Map", async () => {
    const connection = new AwsConnection({ region: "eu-west-1", endpoint: "http://127.0.0.1:4566" }, { maxAttempts: 4, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" } });
    const appMesh = connection.appMesh();
    assert.equal(connection.appMesh(), appMesh, "one App Mesh client");
    assert.equal(connection.cloudMap(), connection.cloudMap(), "one Cloud Map client");
    assert.equal(connection.xray(), connection.xray(), "one X-Ray client");
    for (const client of [appMesh, connection.cloudMap(), connection.xray()]) {
      assert.equal(await client.config.region(), "eu-west-1");
      assert.equal(await client.config.maxAttempts(), 4);
      assert.equal(((await client.config.retryStrategy()) as { mode?: string }).mode, "adaptive");
      const endpoint = await client.config.endpoint!();
      assert.equal(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`, "http://127.0.0.1:4566");
    }
    assert.equal(connection.cloudMap().config.disableHostPrefix, true);
    const aws = new AwsConnection({ region: "eu-west-1" }, { credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" } });
    assert.equal(await aws.appMesh().config.maxAttempts(), 6, "six attempts by default");
    assert.equal(aws.cloudMap().config.disableHostPrefix, false, "AWS itself keeps the data- host prefix");
    connection.dispose();
    aws.dispose();
    assert.notEqual(connection.appMesh(), appMesh, "dispose drops the clients");
    connection.dispose();
  });
});

describe("credentials and calls", { timeout: 30_000 }, () => {
  test("without credentials in the options, the default chain reads the environment", async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDFROMENV";
    process.env.AWS_SECRET_ACCESS_KEY = "fromenv";
    try {
      const connection = new AwsConnection({ region: "us-east-1", endpoint: sandbox.url });
      assert.equal((await new AppMeshAccess(connection).listMeshes()).items.length, 2);
      connection.dispose();
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  test("a profile's static keys come from the shared credentials file", async () => {
    const connection = new AwsConnection({ profile: "ci", region: "us-east-1", endpoint: sandbox.url });
    assert.equal((await new AppMeshAccess(connection).listMeshes()).items.length, 2);
    const credentials = await connection.appMesh().config.credentials();
    assert.equal(credentials.accessKeyId, "AKIDFROMFILE");
    connection.dispose();
  });

  test("a profile with no credentials anywhere is credentials-missing", async () => {
    const log: CallLogEntry[] = [];
    const connection = new AwsConnection({ profile: "dev", region: "us-east-1", endpoint: sandbox.url }, { log: (e) => log.push(e) });
    await assert.rejects(new AppMeshAccess(connection).listMeshes(), (e: unknown) => {
      assert.ok(e instanceof AccessError, "an AccessError");
      assert.equal(e.kind, "credentials-missing");
      assert.equal(e.fix, "Choose a profile with App Mesh: Select Profile, or set AWS_PROFILE");
      return true;
    });
    assert.deepEqual(log.map((e) => e.outcome), ["credentials-missing"]);
    connection.dispose();
  });

  test("send logs one entry per call, and a failing logger does not fail the call", async () => {
    const { connection, log } = connect(sandbox.url);
    const access = new AppMeshAccess(connection);
    await access.listMeshes();
    assert.equal(log.length, 1);
    const [entry] = log;
    // What was logged: the call and what it was about, never credentials or bodies.
    assert.deepEqual(Object.keys(entry).sort(), ["attempts", "durationMs", "operation", "outcome", "service", "subject"]);
    assert.equal(entry.subject, "meshes");
    assert.equal(entry.service, "appmesh");
    assert.equal(entry.operation, "ListMeshes");
    assert.equal(entry.outcome, "ok");
    assert.equal(entry.attempts, 1);
    assert.ok(entry.durationMs >= 0 && entry.durationMs < 5000, `duration ${entry.durationMs} ms`);
    connection.dispose();

    const throwing = new AwsConnection({ region: "us-east-1", endpoint: sandbox.url }, {
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
      log: () => {
        throw new Error("logger broke");
      },
    });
    assert.equal((await new AppMeshAccess(throwing).listMeshes()).items.length, 2);
    throwing.dispose();
  });

  test("Cloud Map instances: every instance with attributes and health", async () => {
    const { connection, log } = connect(sandbox.url);
    const instances = await new CloudMapAccess(connection).instances("demo.local", "color");
    assert.deepEqual(
      instances.map((i) => [i.id, i.health, i.attributes.version]),
      [
        ["color-v1-a", "HEALTHY", "v1"],
        ["color-v1-b", "HEALTHY", "v1"],
        ["color-v1-c", "HEALTHY", "v1"],
        ["color-v2-a", "HEALTHY", "v2"],
        ["color-v2-b", "UNHEALTHY", "v2"],
      ],
    );
    assert.equal(instances[0].attributes.AWS_INSTANCE_IPV4, "10.0.1.11");
    assert.deepEqual(log.map((e) => [e.service, e.operation, e.outcome]), [["servicediscovery", "DiscoverInstances", "ok"]]);
    connection.dispose();
  });

  test("X-Ray service graph of simulated traffic", async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/tick?seconds=30`, { method: "POST" });
    assert.equal(response.status, 200);
    const { connection, log } = connect(sandbox.url);
    const now = sandbox.clock.now();
    const { services } = await new XRayAccess(connection).serviceGraph(new Date(now - 3_600_000), new Date(now + 1000));
    const names = services.map((s) => s.name);
    for (const name of ["demo/ingress-gw", "demo/front", "demo/color-v1", "demo/color-v2"]) assert.ok(names.includes(name), `${name} is in the graph`);
    const front = services.find((s) => s.name === "demo/front");
    assert.ok((front?.edges.length ?? 0) > 0, "front has edges");
    const empty = await new XRayAccess(connection).serviceGraph(new Date(now - 7_200_000), new Date(now - 3_700_000));
    assert.deepEqual(empty.services, [], "an empty window is an empty array");
    assert.deepEqual(log.map((e) => e.operation), ["GetServiceGraph", "GetServiceGraph"]);
    connection.dispose();
  });
});
