// App Mesh conformance found by botocore and the AWS CLI v2: client tokens (a token reused with a
// different request is a ConflictException; the same update with the same token is applied once)
// and delete order (a virtual service a gateway route targets is in use). Through the SDK client,
// and through botocore where it is installed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  AppMeshClient,
  ConflictException,
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteGatewayRouteCommand,
  DeleteVirtualServiceCommand,
  DescribeVirtualNodeCommand,
  ResourceInUseException,
  UpdateGatewayRouteCommand,
  UpdateVirtualNodeCommand,
} from "@aws-sdk/client-app-mesh";
import { Sandbox } from "../../src/sandbox/sandbox";
import { botocoreMissing, runBotocore } from "./botocore";

const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };
const node = (hostname: string) => ({ listeners: [{ portMapping: { port: 8080, protocol: "http" as const } }], serviceDiscovery: { dns: { hostname } } });
const conflict = (e: unknown) => e instanceof ConflictException && e.$metadata.httpStatusCode === 409;

describe("client tokens", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let east: AppMeshClient;
  let west: AppMeshClient;

  before(async () => {
    sandbox = await Sandbox.start({ seed: "empty", tickMs: 0 });
    east = new AppMeshClient({ endpoint: sandbox.url, region: "us-east-1", credentials, maxAttempts: 1 });
    west = new AppMeshClient({ endpoint: sandbox.url, region: "eu-west-1", credentials, maxAttempts: 1 });
    for (const client of [east, west]) await client.send(new CreateMeshCommand({ meshName: "tokens" }));
  });

  after(async () => {
    east?.destroy();
    west?.destroy();
    await sandbox?.close();
  });

  test("a token reused with a different create request is a ConflictException", async () => {
    const token = "create-token-1";
    await east.send(new CreateVirtualNodeCommand({ meshName: "tokens", virtualNodeName: "a", spec: node("a.local"), clientToken: token }));
    await assert.rejects(east.send(new CreateVirtualNodeCommand({ meshName: "tokens", virtualNodeName: "b", spec: node("b.local"), clientToken: token })), conflict, "another node");
    await assert.rejects(east.send(new CreateVirtualNodeCommand({ meshName: "tokens", virtualNodeName: "a", spec: node("changed.local"), clientToken: token })), conflict, "another spec");
    await assert.rejects(east.send(new DescribeVirtualNodeCommand({ meshName: "tokens", virtualNodeName: "b" })), /not found/, "the conflicting request made nothing");
    // Per operation: the same token on another operation is a new request.
    await east.send(new CreateVirtualRouterCommand({ meshName: "tokens", virtualRouterName: "r", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] }, clientToken: token }));
    // Per region: the same token in eu-west-1 is a new request there.
    const there = await west.send(new CreateVirtualNodeCommand({ meshName: "tokens", virtualNodeName: "b", spec: node("b.local"), clientToken: token }));
    assert.equal(there.virtualNode?.metadata?.arn, "arn:aws:appmesh:eu-west-1:111122223333:mesh/tokens/virtualNode/b");
  });

  test("the same update with the same token is applied once and answered the same", async () => {
    const input = { meshName: "tokens", virtualNodeName: "a", spec: node("a2.local"), clientToken: "update-token-1" };
    const first = await east.send(new UpdateVirtualNodeCommand(input));
    assert.equal(first.virtualNode?.metadata?.version, 2);
    const again = await east.send(new UpdateVirtualNodeCommand(input));
    assert.equal(again.virtualNode?.metadata?.version, 2, "the version moves once");
    assert.deepEqual(again.virtualNode, first.virtualNode, "the second answer is the first one");
    const stored = await east.send(new DescribeVirtualNodeCommand({ meshName: "tokens", virtualNodeName: "a" }));
    assert.equal(stored.virtualNode?.metadata?.version, 2);

    await assert.rejects(east.send(new UpdateVirtualNodeCommand({ ...input, spec: node("a3.local") })), conflict, "the token with another spec");
    const next = await east.send(new UpdateVirtualNodeCommand({ ...input, spec: node("a3.local"), clientToken: "update-token-2" }));
    assert.equal(next.virtualNode?.metadata?.version, 3, "a new token is a new update");
    // A retry of the first update after a later one still gets the first answer, and changes nothing.
    const late = await east.send(new UpdateVirtualNodeCommand(input));
    assert.equal(late.virtualNode?.metadata?.version, 2);
    assert.equal((await east.send(new DescribeVirtualNodeCommand({ meshName: "tokens", virtualNodeName: "a" }))).virtualNode?.spec?.serviceDiscovery?.dns?.hostname, "a3.local");
  });

  test("updates without the same token each apply (the SDK makes a new token per call)", async () => {
    const input = { meshName: "tokens", virtualNodeName: "a", spec: node("a4.local") };
    const one = await east.send(new UpdateVirtualNodeCommand(input));
    const two = await east.send(new UpdateVirtualNodeCommand(input));
    assert.equal(two.virtualNode!.metadata!.version, one.virtualNode!.metadata!.version! + 1);
  });

  test("tokens survive a restart with the state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-tokens-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await Sandbox.start({ seed: "empty", stateFile, tickMs: 0 });
      const client = new AppMeshClient({ endpoint: first.url, region: "us-east-1", credentials, maxAttempts: 1 });
      const input = { meshName: "kept", clientToken: "mesh-token-1" };
      const created = await client.send(new CreateMeshCommand(input));
      client.destroy();
      await first.close();

      const second = await Sandbox.start({ seed: "empty", stateFile, tickMs: 0 });
      const again = new AppMeshClient({ endpoint: second.url, region: "us-east-1", credentials, maxAttempts: 1 });
      try {
        const replay = await again.send(new CreateMeshCommand(input));
        assert.equal(replay.mesh?.metadata?.uid, created.mesh?.metadata?.uid);
        await assert.rejects(again.send(new CreateMeshCommand({ meshName: "other", clientToken: "mesh-token-1" })), conflict);
      } finally {
        again.destroy();
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("botocore: a reused token is a ConflictException, a repeated update applies once", { skip: botocoreMissing() }, async () => {
    const seen = await runBotocore<{ versions: number[]; same: boolean; conflict: [string, number] }>(
      sandbox.url,
      `
am = client("appmesh", "us-east-1")
spec = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}], "serviceDiscovery": {"dns": {"hostname": "boto.local"}}}
am.create_virtual_node(meshName="tokens", virtualNodeName="boto", spec=spec)
first = am.update_virtual_node(meshName="tokens", virtualNodeName="boto", spec=spec, clientToken="boto-token-1")["virtualNode"]
second = am.update_virtual_node(meshName="tokens", virtualNodeName="boto", spec=spec, clientToken="boto-token-1")["virtualNode"]
other = dict(spec, serviceDiscovery={"dns": {"hostname": "other.local"}})
conflict = error_code(lambda: am.update_virtual_node(meshName="tokens", virtualNodeName="boto", spec=other, clientToken="boto-token-1"))
described = am.describe_virtual_node(meshName="tokens", virtualNodeName="boto")["virtualNode"]
print(json.dumps({"versions": [first["metadata"]["version"], second["metadata"]["version"], described["metadata"]["version"]],
                  "same": first == second, "conflict": conflict}))
`,
    );
    assert.deepEqual(seen, { versions: [2, 2, 2], same: true, conflict: ["ConflictException", 409] });
  });
});

describe("delete order: gateway routes hold their virtual service", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let client: AppMeshClient;

  before(async () => {
    sandbox = await Sandbox.start({ seed: "demo", tickMs: 0 });
    client = new AppMeshClient({ endpoint: sandbox.url, region: "us-east-1", credentials, maxAttempts: 1 });
  });

  after(async () => {
    client?.destroy();
    await sandbox?.close();
  });

  test("deleting a virtual service a gateway route targets is a ResourceInUseException", async () => {
    const inUse = (e: unknown) => e instanceof ResourceInUseException && e.$metadata.httpStatusCode === 409 && /gateway route to-front of virtual gateway ingress-gw/.test(e.message);
    await assert.rejects(client.send(new DeleteVirtualServiceCommand({ meshName: "demo", virtualServiceName: "front.demo.local" })), inUse);
    await client.send(new DeleteGatewayRouteCommand({ meshName: "demo", virtualGatewayName: "ingress-gw", gatewayRouteName: "to-front" }));
    const deleted = await client.send(new DeleteVirtualServiceCommand({ meshName: "demo", virtualServiceName: "front.demo.local" }));
    assert.equal(deleted.virtualService?.status?.status, "DELETED");
  });

  test("every route type's gateway route counts, and services only called as backends do not", async () => {
    await client.send(new CreateMeshCommand({ meshName: "grpc-gw" }));
    await client.send(new CreateVirtualNodeCommand({ meshName: "grpc-gw", virtualNodeName: "api", spec: { listeners: [{ portMapping: { port: 50051, protocol: "grpc" } }], serviceDiscovery: { dns: { hostname: "api.local" } } } }));
    await client.send(new CreateVirtualServiceCommand({ meshName: "grpc-gw", virtualServiceName: "api.local", spec: { provider: { virtualNode: { virtualNodeName: "api" } } } }));
    await client.send(new CreateVirtualServiceCommand({ meshName: "grpc-gw", virtualServiceName: "called.local", spec: {} }));
    await client.send(new CreateVirtualNodeCommand({ meshName: "grpc-gw", virtualNodeName: "caller", spec: { backends: [{ virtualService: { virtualServiceName: "called.local" } }] } }));
    await client.send(new CreateVirtualGatewayCommand({ meshName: "grpc-gw", virtualGatewayName: "gw", spec: { listeners: [{ portMapping: { port: 50051, protocol: "grpc" } }] } }));
    await client.send(
      new CreateGatewayRouteCommand({
        meshName: "grpc-gw",
        virtualGatewayName: "gw",
        gatewayRouteName: "to-api",
        spec: { grpcRoute: { match: { serviceName: "api.Api" }, action: { target: { virtualService: { virtualServiceName: "api.local" } } } } },
      }),
    );
    await assert.rejects(client.send(new DeleteVirtualServiceCommand({ meshName: "grpc-gw", virtualServiceName: "api.local" })), ResourceInUseException);
    await client.send(new DeleteVirtualServiceCommand({ meshName: "grpc-gw", virtualServiceName: "called.local" })); // backends may dangle
    // Pointing the gateway route elsewhere frees the service: the check reads the current specs.
    await client.send(new CreateVirtualServiceCommand({ meshName: "grpc-gw", virtualServiceName: "api2.local", spec: { provider: { virtualNode: { virtualNodeName: "api" } } } }));
    await client.send(
      new UpdateGatewayRouteCommand({
        meshName: "grpc-gw",
        virtualGatewayName: "gw",
        gatewayRouteName: "to-api",
        spec: { grpcRoute: { match: { serviceName: "api.Api" }, action: { target: { virtualService: { virtualServiceName: "api2.local" } } } } },
      }),
    );
    await client.send(new DeleteVirtualServiceCommand({ meshName: "grpc-gw", virtualServiceName: "api.local" }));
    await assert.rejects(client.send(new DeleteVirtualServiceCommand({ meshName: "grpc-gw", virtualServiceName: "api2.local" })), ResourceInUseException, "the new target");
  });

  test("botocore gets ResourceInUseException for a virtual service behind a gateway route", { skip: botocoreMissing() }, async () => {
    const code = await runBotocore<[string, number]>(
      sandbox.url,
      `print(json.dumps(error_code(lambda: client("appmesh", "us-east-1").delete_virtual_service(meshName="demo", virtualServiceName="color.demo.local"))))`,
    );
    assert.deepEqual(code, ["ResourceInUseException", 409]);
  });
});
