// Tags of live resources, read for Save as Definitions (CloudFormation and CLI input carry them):
// ListTagsForResource over HTTP with the API's page limit (1–50, which the sandbox enforces like
// the service), every page followed, and a denied read rejected for that resource only.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppMeshClient, ListTagsForResourceCommand, TagResourceCommand } from "@aws-sdk/client-app-mesh";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { mergeFaults, NO_FAULTS } from "../../src/sandbox/faults";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox, TEST_CREDENTIALS } from "./support";

describe("tags of live resources", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());

  test("every page of a resource's tags, in order; each call asks for at most 50", async () => {
    const { connection, log } = connect(sandbox.url);
    const access = new AppMeshAccess(connection, { pageSize: 100 });
    const front = await access.describe({ kind: "VirtualNode", meshName: "demo", name: "front" });
    const other = new AppMeshClient({ region: "us-east-1", endpoint: sandbox.url, credentials: TEST_CREDENTIALS });
    const many = Array.from({ length: 45 }, (_, i) => ({ key: `k${String(i).padStart(2, "0")}`, value: `v${i}` }));
    await other.send(new TagResourceCommand({ resourceArn: front.arn, tags: many }));
    other.destroy();
    const before = log.length;
    const tags = await access.tagsOf(front.arn);
    assert.ok(tags.length >= 45, `${tags.length} tags`);
    assert.deepEqual(tags.filter((t) => t.key.startsWith("k")), many);
    assert.ok(log.slice(before).every((e) => e.operation === "ListTagsForResource" && e.outcome === "ok"));
    const small = new AppMeshAccess(connect(sandbox.url).connection, { pageSize: 10 });
    assert.deepEqual(await small.tagsOf(front.arn), tags, "in pages of 10, the same list");
    // The sandbox refuses what the service refuses.
    const client = new AppMeshClient({ region: "us-east-1", endpoint: sandbox.url, credentials: TEST_CREDENTIALS });
    await assert.rejects(client.send(new ListTagsForResourceCommand({ resourceArn: front.arn, limit: 100 })), { name: "BadRequestException" });
    client.destroy();
    connection.dispose();
  });

  test("the seeded demo mesh's tag comes back; a denied read fails for that resource alone", async () => {
    const access = new AppMeshAccess(connect(sandbox.url).connection);
    const mesh = await access.describe({ kind: "Mesh", meshName: "demo", name: "demo" });
    assert.deepEqual(await access.tagsOf(mesh.arn), [{ key: "team", value: "storefront" }], "the demo seed tags the mesh with its team");
    const nodes = await access.listAll("VirtualNode", "demo");
    sandbox.faults = mergeFaults(NO_FAULTS, { operationFaults: { ListTagsForResource: { status: 403, type: "AccessDeniedException", times: 1 } } });
    const once = await access.tagsOfMany(nodes.slice(0, 2).map((n) => n.arn));
    assert.deepEqual(once.map((t) => t.status).sort(), ["fulfilled", "rejected"]);
    sandbox.faults = NO_FAULTS;
  });
});
