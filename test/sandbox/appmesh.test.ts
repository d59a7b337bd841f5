// App Mesh conformance: every operation through the real @aws-sdk/client-app-mesh over HTTP to the
// sandbox, with the errors, pagination, versions, idempotency and delete order AWS has.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AppMeshClient,
  BadRequestException,
  ConflictException,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateGatewayRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualGatewayCommand,
  DeleteGatewayRouteCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DeleteVirtualServiceCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  DescribeGatewayRouteCommand,
  ForbiddenException,
  InternalServerErrorException,
  LimitExceededException,
  ListGatewayRoutesCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualGatewaysCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  ListVirtualServicesCommand,
  NotFoundException,
  ResourceInUseException,
  TagResourceCommand,
  TooManyRequestsException,
  TooManyTagsException,
  UntagResourceCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualNodeCommand,
  paginateListVirtualNodes,
} from "@aws-sdk/client-app-mesh";
import { parseDefinitions } from "../../src/model/parseDefinitions";
import { Sandbox } from "../../src/sandbox/sandbox";

const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };
const node = (hostname: string, port = 8080) => ({
  listeners: [{ portMapping: { port, protocol: "http" as const } }],
  serviceDiscovery: { dns: { hostname } },
});

describe("App Mesh API of the sandbox, through the AWS SDK", { timeout: 120_000 }, () => {
  let sandbox: Sandbox;
  let client: AppMeshClient;

  before(async () => {
    sandbox = await Sandbox.start({ seed: "empty", tickMs: 0, limits: { meshes: 5, resourcesPerMesh: 1000 } });
    client = new AppMeshClient({ endpoint: sandbox.url, region: "us-east-1", credentials, maxAttempts: 1 });
  });

  after(async () => {
    client?.destroy();
    await sandbox?.close();
  });

  test("create, describe, update and list a mesh; versions and timestamps move", async () => {
    const created = await client.send(new CreateMeshCommand({ meshName: "shop", tags: [{ key: "team", value: "web" }] }));
    assert.equal(created.mesh?.meshName, "shop");
    assert.equal(created.mesh?.metadata?.version, 1);
    assert.equal(created.mesh?.status?.status, "ACTIVE");
    assert.equal(created.mesh?.spec?.egressFilter?.type, "DROP_ALL", "the default egress filter");
    assert.ok(created.mesh?.metadata?.createdAt instanceof Date);
    assert.equal(created.mesh?.metadata?.arn, "arn:aws:appmesh:us-east-1:111122223333:mesh/shop");

    const updated = await client.send(new UpdateMeshCommand({ meshName: "shop", spec: { egressFilter: { type: "ALLOW_ALL" } } }));
    assert.equal(updated.mesh?.metadata?.version, 2);
    const described = await client.send(new DescribeMeshCommand({ meshName: "shop" }));
    assert.equal(described.mesh?.spec?.egressFilter?.type, "ALLOW_ALL");
    const list = await client.send(new ListMeshesCommand({}));
    assert.deepEqual(list.meshes?.map((m) => [m.meshName, m.version]), [["shop", 2]]);
  });

  test("every kind: create, describe, list and update", async () => {
    await client.send(new CreateVirtualNodeCommand({ meshName: "shop", virtualNodeName: "cart-v1", spec: node("cart-v1.local") }));
    await client.send(new CreateVirtualNodeCommand({ meshName: "shop", virtualNodeName: "cart-v2", spec: node("cart-v2.local") }));
    await client.send(new CreateVirtualRouterCommand({ meshName: "shop", virtualRouterName: "cart", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] } }));
    await client.send(
      new CreateRouteCommand({
        meshName: "shop",
        virtualRouterName: "cart",
        routeName: "split",
        spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "cart-v1", weight: 90 }, { virtualNode: "cart-v2", weight: 10 }] } } },
      }),
    );
    await client.send(new CreateVirtualServiceCommand({ meshName: "shop", virtualServiceName: "cart.local", spec: { provider: { virtualRouter: { virtualRouterName: "cart" } } } }));
    await client.send(new CreateVirtualGatewayCommand({ meshName: "shop", virtualGatewayName: "gw", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] } }));
    await client.send(
      new CreateGatewayRouteCommand({
        meshName: "shop",
        virtualGatewayName: "gw",
        gatewayRouteName: "to-cart",
        spec: { httpRoute: { match: { prefix: "/cart/" }, action: { target: { virtualService: { virtualServiceName: "cart.local" } }, rewrite: { prefix: { value: "/" } } } } },
      }),
    );

    const route = await client.send(new DescribeRouteCommand({ meshName: "shop", virtualRouterName: "cart", routeName: "split" }));
    assert.deepEqual(route.route?.spec?.httpRoute?.action?.weightedTargets?.map((t) => [t.virtualNode, t.weight]), [["cart-v1", 90], ["cart-v2", 10]]);
    assert.equal(route.route?.metadata?.arn, "arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualRouter/cart/route/split");
    const gatewayRoute = await client.send(new DescribeGatewayRouteCommand({ meshName: "shop", virtualGatewayName: "gw", gatewayRouteName: "to-cart" }));
    assert.equal(gatewayRoute.gatewayRoute?.spec?.httpRoute?.action?.target?.virtualService?.virtualServiceName, "cart.local");

    const names = async <T>(promise: Promise<T>, pick: (o: T) => (string | undefined)[]) => pick(await promise);
    assert.deepEqual(await names(client.send(new ListVirtualNodesCommand({ meshName: "shop" })), (o) => o.virtualNodes!.map((n) => n.virtualNodeName)), ["cart-v1", "cart-v2"]);
    assert.deepEqual(await names(client.send(new ListVirtualRoutersCommand({ meshName: "shop" })), (o) => o.virtualRouters!.map((n) => n.virtualRouterName)), ["cart"]);
    assert.deepEqual(await names(client.send(new ListRoutesCommand({ meshName: "shop", virtualRouterName: "cart" })), (o) => o.routes!.map((n) => n.routeName)), ["split"]);
    assert.deepEqual(await names(client.send(new ListVirtualServicesCommand({ meshName: "shop" })), (o) => o.virtualServices!.map((n) => n.virtualServiceName)), ["cart.local"]);
    assert.deepEqual(await names(client.send(new ListVirtualGatewaysCommand({ meshName: "shop" })), (o) => o.virtualGateways!.map((n) => n.virtualGatewayName)), ["gw"]);
    assert.deepEqual(await names(client.send(new ListGatewayRoutesCommand({ meshName: "shop", virtualGatewayName: "gw" })), (o) => o.gatewayRoutes!.map((n) => n.gatewayRouteName)), ["to-cart"]);

    const shifted = await client.send(
      new UpdateRouteCommand({
        meshName: "shop",
        virtualRouterName: "cart",
        routeName: "split",
        spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "cart-v1", weight: 50 }, { virtualNode: "cart-v2", weight: 50 }] } } },
      }),
    );
    assert.equal(shifted.route?.metadata?.version, 2);
    assert.deepEqual(shifted.route?.spec?.httpRoute?.action?.weightedTargets?.map((t) => t.weight), [50, 50]);
  });

  test("pagination returns every node once across several pages", async () => {
    await client.send(new CreateMeshCommand({ meshName: "many" }));
    for (let i = 0; i < 23; i++) await client.send(new CreateVirtualNodeCommand({ meshName: "many", virtualNodeName: `n-${String(i).padStart(2, "0")}`, spec: {} }));
    const first = await client.send(new ListVirtualNodesCommand({ meshName: "many", limit: 10 }));
    assert.equal(first.virtualNodes?.length, 10);
    assert.ok(first.nextToken);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListVirtualNodes({ client, pageSize: 10 }, { meshName: "many" })) {
      pages++;
      seen.push(...page.virtualNodes!.map((n) => n.virtualNodeName!));
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, Array.from({ length: 23 }, (_, i) => `n-${String(i).padStart(2, "0")}`));
    await assert.rejects(client.send(new ListVirtualNodesCommand({ meshName: "many", limit: 101 })), BadRequestException);
  });

  test("an idempotent retry with the same client token creates once", async () => {
    const input = { meshName: "shop", virtualNodeName: "search", spec: node("search.local"), clientToken: "token-search-1" };
    const first = await client.send(new CreateVirtualNodeCommand(input));
    const again = await client.send(new CreateVirtualNodeCommand(input));
    assert.equal(again.virtualNode?.metadata?.uid, first.virtualNode?.metadata?.uid);
    await assert.rejects(client.send(new CreateVirtualNodeCommand({ ...input, clientToken: "token-search-2" })), ConflictException);
  });

  test("an invalid spec is refused with the validator's own message", async () => {
    const spec = { listeners: [{ portMapping: { port: 70000, protocol: "http" as const } }], serviceDiscovery: { dns: { hostname: "bad.local" } } };
    const expected = parseDefinitions("x.json", JSON.stringify({ meshName: "shop", virtualNodeName: "bad", spec })).diagnostics.find((d) => d.severity === "error")!;
    const error = await client.send(new CreateVirtualNodeCommand({ meshName: "shop", virtualNodeName: "bad", spec })).catch((e: unknown) => e);
    assert.ok(error instanceof BadRequestException);
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.message, `1 validation error: spec.listeners.0.portMapping.port: ${expected.message}`);
  });

  test("errors arrive as the SDK's exception types with AWS's statuses", async () => {
    const notFound = await client.send(new DescribeVirtualNodeCommand({ meshName: "shop", virtualNodeName: "ghost" })).catch((e: unknown) => e);
    assert.ok(notFound instanceof NotFoundException);
    assert.equal(notFound.$metadata.httpStatusCode, 404);
    await assert.rejects(client.send(new DescribeMeshCommand({ meshName: "nope" })), NotFoundException);
    await assert.rejects(
      client.send(new CreateRouteCommand({ meshName: "shop", virtualRouterName: "cart", routeName: "bad", spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "missing", weight: 100 }] } } } })),
      (e: unknown) => e instanceof NotFoundException && /VirtualNode missing/.test(e.message),
      "a route whose target node does not exist",
    );
    await assert.rejects(client.send(new CreateMeshCommand({ meshName: "shop" })), ConflictException);
    const arn = "arn:aws:appmesh:us-east-1:111122223333:mesh/shop";
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    await assert.rejects(client.send(new TagResourceCommand({ resourceArn: arn, tags: tooMany })), TooManyTagsException);
    for (let i = 0; i < 3; i++) await client.send(new CreateMeshCommand({ meshName: `extra-${i}` }));
    await assert.rejects(client.send(new CreateMeshCommand({ meshName: "one-too-many" })), LimitExceededException);
    for (let i = 0; i < 3; i++) await client.send(new DeleteMeshCommand({ meshName: `extra-${i}` }));

    sandbox.faults = { ...sandbox.faults, throttle: 1 };
    await assert.rejects(client.send(new ListMeshesCommand({})), (e: unknown) => e instanceof TooManyRequestsException && e.$metadata.httpStatusCode === 429);
    sandbox.faults = { ...sandbox.faults, throttle: 0, error: 1 };
    await assert.rejects(client.send(new ListMeshesCommand({})), (e: unknown) => e instanceof InternalServerErrorException && e.$metadata.httpStatusCode === 500);
    sandbox.faults = { ...sandbox.faults, error: 0, forbiddenMeshes: ["shop"] };
    await assert.rejects(client.send(new ListVirtualNodesCommand({ meshName: "shop" })), (e: unknown) => e instanceof ForbiddenException && e.$metadata.httpStatusCode === 403);
    assert.ok((await client.send(new ListVirtualNodesCommand({ meshName: "many" }))).virtualNodes!.length > 0, "other meshes still answer");
    sandbox.faults = { ...sandbox.faults, forbiddenMeshes: [] };
  });

  test("tags: tag, list and untag", async () => {
    const arn = "arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualNode/cart-v1";
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "owner", value: "cart-team" }, { key: "tier", value: "1" }] }));
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["tier"] }));
    const tags = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    assert.deepEqual(tags.tags, [{ key: "owner", value: "cart-team" }]);
    await assert.rejects(client.send(new ListTagsForResourceCommand({ resourceArn: `${arn}-gone` })), NotFoundException);
  });

  test("delete order is enforced with ResourceInUseException", async () => {
    const inUse = (e: unknown) => e instanceof ResourceInUseException && e.$metadata.httpStatusCode === 409;
    await assert.rejects(client.send(new DeleteMeshCommand({ meshName: "shop" })), inUse, "a mesh that is not empty");
    await assert.rejects(client.send(new DeleteVirtualRouterCommand({ meshName: "shop", virtualRouterName: "cart" })), inUse, "a router with routes (and a service on it)");
    await assert.rejects(client.send(new DeleteVirtualGatewayCommand({ meshName: "shop", virtualGatewayName: "gw" })), inUse, "a gateway with gateway routes");
    await client.send(new CreateVirtualServiceCommand({ meshName: "shop", virtualServiceName: "search.local", spec: { provider: { virtualNode: { virtualNodeName: "search" } } } }));
    await assert.rejects(client.send(new DeleteVirtualNodeCommand({ meshName: "shop", virtualNodeName: "search" })), inUse, "a node that provides a service");

    await client.send(new DeleteGatewayRouteCommand({ meshName: "shop", virtualGatewayName: "gw", gatewayRouteName: "to-cart" }));
    await client.send(new DeleteVirtualGatewayCommand({ meshName: "shop", virtualGatewayName: "gw" }));
    await client.send(new DeleteVirtualServiceCommand({ meshName: "shop", virtualServiceName: "cart.local" }));
    await client.send(new DeleteVirtualServiceCommand({ meshName: "shop", virtualServiceName: "search.local" }));
    const deleted = await client.send(new DeleteRouteCommand({ meshName: "shop", virtualRouterName: "cart", routeName: "split" }));
    assert.equal(deleted.route?.status?.status, "DELETED");
    await client.send(new DeleteVirtualRouterCommand({ meshName: "shop", virtualRouterName: "cart" }));
    for (const name of ["cart-v1", "cart-v2", "search"]) await client.send(new DeleteVirtualNodeCommand({ meshName: "shop", virtualNodeName: name }));
    await client.send(new DeleteMeshCommand({ meshName: "shop" }));
    await assert.rejects(client.send(new DescribeMeshCommand({ meshName: "shop" })), NotFoundException);
  });

  test("updates of a node replace its whole spec", async () => {
    await client.send(new CreateVirtualNodeCommand({ meshName: "many", virtualNodeName: "replace-me", spec: node("a.local") }));
    const updated = await client.send(new UpdateVirtualNodeCommand({ meshName: "many", virtualNodeName: "replace-me", spec: { backends: [{ virtualService: { virtualServiceName: "x.local" } }] } }));
    assert.equal(updated.virtualNode?.spec?.listeners, undefined);
    assert.equal(updated.virtualNode?.metadata?.version, 2);
  });
});
