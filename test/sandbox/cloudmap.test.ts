// The Cloud Map sandbox driven by the real AWS SDK v3 client over HTTP: what a user of the extension
// would see listed, discovered and reported, and which exception class each failure arrives as.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CreateHttpNamespaceCommand,
  CreateServiceCommand,
  CustomHealthNotFound,
  DeleteNamespaceCommand,
  DeleteServiceCommand,
  DeregisterInstanceCommand,
  DiscoverInstancesCommand,
  DuplicateRequest,
  GetInstanceCommand,
  GetInstancesHealthStatusCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  GetServiceCommand,
  InstanceNotFound,
  InvalidInput,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListServicesCommand,
  NamespaceAlreadyExists,
  NamespaceNotFound,
  OperationNotFound,
  RegisterInstanceCommand,
  ResourceInUse,
  ServiceDiscoveryClient,
  ServiceDiscoveryServiceException,
  ServiceNotFound,
  UpdateInstanceCustomHealthStatusCommand,
  paginateGetInstancesHealthStatus,
  paginateListInstances,
} from "@aws-sdk/client-servicediscovery";
import { CloudMapService } from "../../src/sandbox/cloudmap";
import type { Clock } from "../../src/sandbox/protocol";
import { serveService } from "./serveService";

const START = Date.UTC(2025, 0, 15, 12, 0, 0);

interface Fixture {
  cloudMap: CloudMapService;
  client: ServiceDiscoveryClient;
  ids: { namespace: string; other: string; payments: string; orders: string; inventory: string };
}

async function withCloudMap(run: (fixture: Fixture) => Promise<void>): Promise<void> {
  const clock: Clock = { now: () => START };
  const cloudMap = new CloudMapService(clock);
  const shop = cloudMap.addNamespace("shop.local");
  const other = cloudMap.addNamespace("ops.internal", "DNS_PRIVATE");
  const payments = cloudMap.addService(shop.id, "payments");
  const orders = cloudMap.addService(shop.id, "orders");
  const inventory = cloudMap.addService(other.id, "inventory");
  cloudMap.registerInstance(payments.id, "payments-1", { AWS_INSTANCE_IPV4: "10.0.1.10", AWS_INSTANCE_PORT: "8080", version: "v1" });
  cloudMap.registerInstance(payments.id, "payments-2", { AWS_INSTANCE_IPV4: "10.0.1.11", AWS_INSTANCE_PORT: "8080", version: "v2" });
  cloudMap.registerInstance(payments.id, "payments-3", { AWS_INSTANCE_IPV4: "10.0.1.12", AWS_INSTANCE_PORT: "8080", version: "v2" }, "UNHEALTHY");
  cloudMap.registerInstance(inventory.id, "inventory-1", { AWS_INSTANCE_IPV4: "10.0.2.10" });
  const served = await serveService(cloudMap);
  const client = new ServiceDiscoveryClient({
    endpoint: served.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  try {
    await run({
      cloudMap,
      client,
      ids: { namespace: shop.id, other: other.id, payments: payments.id, orders: orders.id, inventory: inventory.id },
    });
  } finally {
    client.destroy();
    await served.close();
  }
}

// Every assert.ok carries a message: under tsx on Node 20, assert.ok's generated message (it re-reads
// the call site's source) can hang the test instead of failing it.
function assertKind(error: ServiceDiscoveryServiceException, kind: abstract new (...args: never[]) => Error): void {
  assert.ok(error instanceof kind, `expected ${kind.name}, got ${error.name}: ${error.message}`);
}

/** Runs a command that must fail and returns the exception for instanceof and message checks. */
async function failure(promise: Promise<unknown>): Promise<ServiceDiscoveryServiceException> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ServiceDiscoveryServiceException, `expected a service exception, got ${String(error)}`);
    return error;
  }
  assert.fail("the call succeeded but should have failed");
}

test("seeded namespaces, services and instances are listed with their details", async () => {
  await withCloudMap(async ({ client, ids }) => {
    const namespaces = await client.send(new ListNamespacesCommand({}));
    assert.deepEqual(
      namespaces.Namespaces?.map((namespace) => [namespace.Name, namespace.Type, namespace.ServiceCount]),
      [
        ["shop.local", "HTTP", 2],
        ["ops.internal", "DNS_PRIVATE", 1],
      ],
    );
    const shop = namespaces.Namespaces![0];
    assert.equal(shop.Id, ids.namespace);
    assert.match(shop.Id!, /^ns-[a-z2-7]{16}$/);
    assert.equal(shop.Arn, `arn:aws:servicediscovery:us-east-1:111122223333:namespace/${ids.namespace}`);
    assert.equal(shop.Properties?.HttpProperties?.HttpName, "shop.local");
    assert.ok(shop.CreateDate instanceof Date, "CreateDate arrives as a Date");
    assert.equal(shop.CreateDate.getTime(), START);
    assert.equal(namespaces.NextToken, undefined);

    const dns = await client.send(new GetNamespaceCommand({ Id: ids.other }));
    assert.equal(dns.Namespace?.Name, "ops.internal");
    assert.match(dns.Namespace?.Properties?.DnsProperties?.HostedZoneId ?? "", /^Z[A-Z2-7]{20}$/);

    const service = await client.send(new GetServiceCommand({ Id: ids.payments }));
    assert.equal(service.Service?.Name, "payments");
    assert.equal(service.Service?.NamespaceId, ids.namespace);
    assert.equal(service.Service?.InstanceCount, 3);
    assert.equal(service.Service?.HealthCheckCustomConfig?.FailureThreshold, 1);
    assert.equal(service.Service?.Arn, `arn:aws:servicediscovery:us-east-1:111122223333:service/${ids.payments}`);

    const instances = await client.send(new ListInstancesCommand({ ServiceId: ids.payments }));
    assert.deepEqual(
      instances.Instances?.map((instance) => [instance.Id, instance.Attributes?.AWS_INSTANCE_IPV4, instance.Attributes?.version]),
      [
        ["payments-1", "10.0.1.10", "v1"],
        ["payments-2", "10.0.1.11", "v2"],
        ["payments-3", "10.0.1.12", "v2"],
      ],
    );
    const one = await client.send(new GetInstanceCommand({ ServiceId: ids.payments, InstanceId: "payments-2" }));
    assert.equal(one.Instance?.Attributes?.AWS_INSTANCE_PORT, "8080");
  });
});

test("ListServices filters by NAMESPACE_ID", async () => {
  await withCloudMap(async ({ client, ids }) => {
    const all = await client.send(new ListServicesCommand({}));
    assert.deepEqual(all.Services?.map((service) => service.Name), ["payments", "orders", "inventory"]);

    const shop = await client.send(
      new ListServicesCommand({ Filters: [{ Name: "NAMESPACE_ID", Values: [ids.namespace], Condition: "EQ" }] }),
    );
    assert.deepEqual(shop.Services?.map((service) => [service.Name, service.InstanceCount]), [
      ["payments", 3],
      ["orders", 0],
    ]);
    const ops = await client.send(new ListServicesCommand({ Filters: [{ Name: "NAMESPACE_ID", Values: [ids.other] }] }));
    assert.deepEqual(ops.Services?.map((service) => service.Id), [ids.inventory]);
    assert.equal(ops.Services?.[0].Type, "DNS_HTTP");

    const bad = await failure(
      client.send(new ListServicesCommand({ Filters: [{ Name: "NAMESPACE_ID", Values: [ids.namespace], Condition: "BEGINS_WITH" }] })),
    );
    assertKind(bad, InvalidInput);
    assert.match(bad.message, /BEGINS_WITH/);
  });
});

test("ListNamespaces filters by type and name", async () => {
  await withCloudMap(async ({ client }) => {
    const http = await client.send(new ListNamespacesCommand({ Filters: [{ Name: "TYPE", Values: ["HTTP"] }] }));
    assert.deepEqual(http.Namespaces?.map((namespace) => namespace.Name), ["shop.local"]);
    const prefix = await client.send(
      new ListNamespacesCommand({ Filters: [{ Name: "NAME", Values: ["ops"], Condition: "BEGINS_WITH" }] }),
    );
    assert.deepEqual(prefix.Namespaces?.map((namespace) => namespace.Name), ["ops.internal"]);
  });
});

test("ListInstances and GetInstancesHealthStatus page through 25 instances 10 at a time", async () => {
  await withCloudMap(async ({ client, cloudMap, ids }) => {
    const expected: string[] = [];
    for (let i = 1; i <= 25; i++) {
      const id = `orders-${String(i).padStart(2, "0")}`;
      expected.push(id);
      cloudMap.registerInstance(ids.orders, id, { AWS_INSTANCE_IPV4: `10.0.3.${i}` }, i % 5 === 0 ? "UNHEALTHY" : "HEALTHY");
    }

    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListInstancesCommand({ ServiceId: ids.orders, MaxResults: 10, NextToken: token }));
      pages.push(page.Instances!.map((instance) => instance.Id!));
      token = page.NextToken;
    } while (token && pages.length < 10); // bounded, so a token that never ends fails instead of hanging
    assert.deepEqual(pages.map((page) => page.length), [10, 10, 5]);
    assert.deepEqual(pages.flat(), expected);

    const viaPaginator: string[] = [];
    for await (const page of paginateListInstances({ client, pageSize: 10 }, { ServiceId: ids.orders })) {
      viaPaginator.push(...page.Instances!.map((instance) => instance.Id!));
    }
    assert.deepEqual(viaPaginator, expected);

    const statuses: Record<string, string> = {};
    let healthPages = 0;
    for await (const page of paginateGetInstancesHealthStatus({ client, pageSize: 10 }, { ServiceId: ids.orders })) {
      healthPages += 1;
      for (const [id, status] of Object.entries(page.Status ?? {})) {
        assert.equal(statuses[id], undefined, `${id} reported twice`);
        statuses[id] = status;
      }
    }
    assert.equal(healthPages, 3);
    assert.deepEqual(Object.keys(statuses).sort(), expected);
    assert.equal(statuses["orders-05"], "UNHEALTHY");
    assert.equal(statuses["orders-06"], "HEALTHY");
    assert.equal(Object.values(statuses).filter((status) => status === "UNHEALTHY").length, 5);

    const badToken = await failure(client.send(new ListInstancesCommand({ ServiceId: ids.orders, NextToken: "not-a-token" })));
    assertKind(badToken, InvalidInput);
    assert.match(badToken.message, /NextToken/);
    const tooMany = await failure(client.send(new ListInstancesCommand({ ServiceId: ids.orders, MaxResults: 101 })));
    assertKind(tooMany, InvalidInput);
    assert.match(tooMany.message, /MaxResults must be between 1 and 100/);
  });
});

test("DiscoverInstances honours HealthStatus, QueryParameters and OptionalParameters", async () => {
  await withCloudMap(async ({ client }) => {
    const discover = async (input: Partial<ConstructorParameters<typeof DiscoverInstancesCommand>[0]>) => {
      const output = await client.send(new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "payments", ...input }));
      return output.Instances!.map((instance) => instance.InstanceId).sort();
    };
    assert.deepEqual(await discover({}), ["payments-1", "payments-2"]);
    assert.deepEqual(await discover({ HealthStatus: "HEALTHY" }), ["payments-1", "payments-2"]);
    assert.deepEqual(await discover({ HealthStatus: "UNHEALTHY" }), ["payments-3"]);
    assert.deepEqual(await discover({ HealthStatus: "ALL" }), ["payments-1", "payments-2", "payments-3"]);
    assert.deepEqual(await discover({ HealthStatus: "HEALTHY_OR_ELSE_ALL" }), ["payments-1", "payments-2"]);
    assert.deepEqual(await discover({ HealthStatus: "ALL", QueryParameters: { version: "v2" } }), ["payments-2", "payments-3"]);
    assert.deepEqual(await discover({ HealthStatus: "ALL", OptionalParameters: { version: "v1" } }), ["payments-1"]);
    assert.deepEqual(await discover({ HealthStatus: "ALL", OptionalParameters: { version: "v9" } }), ["payments-1", "payments-2", "payments-3"]);
    assert.deepEqual(await discover({ HealthStatus: "ALL", MaxResults: 2 }), ["payments-1", "payments-2"]);

    const full = await client.send(
      new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "payments", HealthStatus: "UNHEALTHY" }),
    );
    assert.deepEqual(full.Instances, [
      {
        InstanceId: "payments-3",
        NamespaceName: "shop.local",
        ServiceName: "payments",
        HealthStatus: "UNHEALTHY",
        Attributes: { AWS_INSTANCE_IPV4: "10.0.1.12", AWS_INSTANCE_PORT: "8080", version: "v2" },
      },
    ]);
    assert.equal(typeof full.InstancesRevision, "number");
  });
});

test("HEALTHY_OR_ELSE_ALL fails open when no instance is healthy", async () => {
  await withCloudMap(async ({ client, ids }) => {
    for (const id of ["payments-1", "payments-2"]) {
      await client.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: ids.payments, InstanceId: id, Status: "UNHEALTHY" }));
    }
    const healthy = await client.send(new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "payments" }));
    assert.deepEqual(healthy.Instances, []);
    const open = await client.send(
      new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "payments", HealthStatus: "HEALTHY_OR_ELSE_ALL" }),
    );
    assert.equal(open.Instances?.length, 3);
  });
});

test("marking an instance UNHEALTHY shows in GetInstancesHealthStatus and DiscoverInstances", async () => {
  await withCloudMap(async ({ client, cloudMap, ids }) => {
    const before = await client.send(new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "payments" }));
    await client.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: ids.payments, InstanceId: "payments-1", Status: "UNHEALTHY" }));

    const status = await client.send(new GetInstancesHealthStatusCommand({ ServiceId: ids.payments }));
    assert.deepEqual(status.Status, { "payments-1": "UNHEALTHY", "payments-2": "HEALTHY", "payments-3": "UNHEALTHY" });
    const some = await client.send(new GetInstancesHealthStatusCommand({ ServiceId: ids.payments, Instances: ["payments-2"] }));
    assert.deepEqual(some.Status, { "payments-2": "HEALTHY" });

    const after = await client.send(new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "payments" }));
    assert.deepEqual(after.Instances?.map((instance) => instance.InstanceId), ["payments-2"]);
    assert.ok(after.InstancesRevision! > before.InstancesRevision!, "the instances revision moves on a health change");
    assert.equal(cloudMap.findService("shop.local", "payments")?.instances.find((instance) => instance.id === "payments-1")?.health, "UNHEALTHY");

    await client.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: ids.payments, InstanceId: "payments-1", Status: "HEALTHY" }));
    const back = await client.send(new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "payments" }));
    assert.deepEqual(back.Instances?.map((instance) => instance.InstanceId).sort(), ["payments-1", "payments-2"]);
  });
});

test("register and deregister round trip, with operations that report SUCCESS", async () => {
  await withCloudMap(async ({ client, ids }) => {
    const registered = await client.send(
      new RegisterInstanceCommand({
        ServiceId: ids.orders,
        InstanceId: "orders-a",
        CreatorRequestId: "req-1",
        Attributes: { AWS_INSTANCE_IPV4: "10.0.4.1", AWS_INSTANCE_PORT: "9090", zone: "us-east-1a" },
      }),
    );
    assert.ok(registered.OperationId, "RegisterInstance answers an OperationId");
    const operation = await client.send(new GetOperationCommand({ OperationId: registered.OperationId }));
    assert.equal(operation.Operation?.Status, "SUCCESS");
    assert.equal(operation.Operation?.Type, "REGISTER_INSTANCE");
    assert.deepEqual(operation.Operation?.Targets, { SERVICE: ids.orders, INSTANCE: "orders-a" });
    assert.equal(operation.Operation?.CreateDate?.getTime(), START);

    const retried = await client.send(
      new RegisterInstanceCommand({ ServiceId: ids.orders, InstanceId: "orders-a", CreatorRequestId: "req-1", Attributes: { AWS_INSTANCE_IPV4: "10.0.4.1" } }),
    );
    assert.equal(retried.OperationId, registered.OperationId, "a retried request answers the same operation");

    const discovered = await client.send(new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "orders" }));
    assert.deepEqual(discovered.Instances?.map((instance) => [instance.InstanceId, instance.HealthStatus, instance.Attributes?.zone]), [
      ["orders-a", "HEALTHY", "us-east-1a"],
    ]);

    await client.send(
      new RegisterInstanceCommand({ ServiceId: ids.orders, InstanceId: "orders-a", Attributes: { AWS_INSTANCE_IPV4: "10.0.4.2" } }),
    );
    const updated = await client.send(new GetInstanceCommand({ ServiceId: ids.orders, InstanceId: "orders-a" }));
    assert.deepEqual(updated.Instance?.Attributes, { AWS_INSTANCE_IPV4: "10.0.4.2" }, "re-registering replaces the attributes");

    const deregistered = await client.send(new DeregisterInstanceCommand({ ServiceId: ids.orders, InstanceId: "orders-a" }));
    const gone = await client.send(new GetOperationCommand({ OperationId: deregistered.OperationId }));
    assert.equal(gone.Operation?.Type, "DEREGISTER_INSTANCE");
    assert.equal(gone.Operation?.Status, "SUCCESS");
    const after = await client.send(new ListInstancesCommand({ ServiceId: ids.orders }));
    assert.deepEqual(after.Instances, []);
    const again = await failure(client.send(new DeregisterInstanceCommand({ ServiceId: ids.orders, InstanceId: "orders-a" })));
    assertKind(again, InstanceNotFound);
  });
});

test("namespaces and services created over the API are usable, and in-use ones can't be deleted", async () => {
  await withCloudMap(async ({ client }) => {
    const created = await client.send(new CreateHttpNamespaceCommand({ Name: "lab.local", CreatorRequestId: "ns-req" }));
    const operation = await client.send(new GetOperationCommand({ OperationId: created.OperationId }));
    assert.equal(operation.Operation?.Type, "CREATE_NAMESPACE");
    const namespaceId = operation.Operation?.Targets?.NAMESPACE;
    assert.ok(namespaceId, "the operation names the new namespace");

    const service = await client.send(
      new CreateServiceCommand({ Name: "echo", NamespaceId: namespaceId, HealthCheckCustomConfig: { FailureThreshold: 1 } }),
    );
    assert.equal(service.Service?.NamespaceId, namespaceId);
    assert.equal(service.Service?.Type, "HTTP");
    await client.send(new RegisterInstanceCommand({ ServiceId: service.Service!.Id, InstanceId: "echo-1", Attributes: { color: "blue" } }));
    const found = await client.send(new DiscoverInstancesCommand({ NamespaceName: "lab.local", ServiceName: "echo" }));
    assert.deepEqual(found.Instances?.map((instance) => instance.InstanceId), ["echo-1"]);

    const inUse = await failure(client.send(new DeleteServiceCommand({ Id: service.Service!.Id })));
    assertKind(inUse, ResourceInUse);
    assert.match(inUse.message, /1 registered instance/);
    const namespaceInUse = await failure(client.send(new DeleteNamespaceCommand({ Id: namespaceId })));
    assertKind(namespaceInUse, ResourceInUse);

    await client.send(new DeregisterInstanceCommand({ ServiceId: service.Service!.Id, InstanceId: "echo-1" }));
    await client.send(new DeleteServiceCommand({ Id: service.Service!.Id }));
    await client.send(new DeleteNamespaceCommand({ Id: namespaceId }));
    const left = await client.send(new ListNamespacesCommand({}));
    assert.deepEqual(left.Namespaces?.map((namespace) => namespace.Name), ["shop.local", "ops.internal"]);

    const duplicate = await failure(client.send(new CreateHttpNamespaceCommand({ Name: "shop.local" })));
    assertKind(duplicate, NamespaceAlreadyExists);
    assert.match(duplicate.message, /shop\.local/);
  });
});

test("each failure arrives as the SDK's exception class with a message", async () => {
  await withCloudMap(async ({ client, ids }) => {
    const noNamespace = await failure(client.send(new GetNamespaceCommand({ Id: "ns-doesnotexist0000" })));
    assertKind(noNamespace, NamespaceNotFound);
    assert.equal(noNamespace.name, "NamespaceNotFound");
    assert.equal(noNamespace.$metadata.httpStatusCode, 404);
    assert.match(noNamespace.message, /ns-doesnotexist0000/);

    const discoverNoNamespace = await failure(client.send(new DiscoverInstancesCommand({ NamespaceName: "nowhere.local", ServiceName: "payments" })));
    assertKind(discoverNoNamespace, NamespaceNotFound);
    assert.match(discoverNoNamespace.message, /nowhere\.local/);

    const noService = await failure(client.send(new GetServiceCommand({ Id: "srv-doesnotexist000" })));
    assertKind(noService, ServiceNotFound);
    assert.equal(noService.$metadata.httpStatusCode, 404);
    assert.match(noService.message, /srv-doesnotexist000/);

    const discoverNoService = await failure(client.send(new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "billing" })));
    assertKind(discoverNoService, ServiceNotFound);
    assert.match(discoverNoService.message, /billing/);

    const noInstance = await failure(
      client.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: ids.payments, InstanceId: "payments-9", Status: "HEALTHY" })),
    );
    assertKind(noInstance, InstanceNotFound);
    assert.equal(noInstance.$metadata.httpStatusCode, 404);
    assert.match(noInstance.message, /payments-9/);

    const healthOfUnknown = await failure(client.send(new GetInstancesHealthStatusCommand({ ServiceId: ids.payments, Instances: ["payments-9"] })));
    assertKind(healthOfUnknown, InstanceNotFound);

    const badStatus = await failure(
      client.send(
        new UpdateInstanceCustomHealthStatusCommand({ ServiceId: ids.payments, InstanceId: "payments-1", Status: "SICK" as "HEALTHY" }),
      ),
    );
    assertKind(badStatus, InvalidInput);
    assert.equal(badStatus.$metadata.httpStatusCode, 400);
    assert.match(badStatus.message, /Status must be one of HEALTHY, UNHEALTHY/);

    const badIp = await failure(
      client.send(new RegisterInstanceCommand({ ServiceId: ids.payments, InstanceId: "payments-4", Attributes: { AWS_INSTANCE_IPV4: "10.0.0.300" } })),
    );
    assertKind(badIp, InvalidInput);
    assert.match(badIp.message, /AWS_INSTANCE_IPV4/);

    const missing = await failure(client.send(new ListInstancesCommand({} as { ServiceId: string })));
    assertKind(missing, InvalidInput);
    assert.match(missing.message, /ServiceId is required/);

    await client.send(new RegisterInstanceCommand({ ServiceId: ids.payments, InstanceId: "payments-4", CreatorRequestId: "same", Attributes: {} }));
    const duplicate = await failure(
      client.send(new RegisterInstanceCommand({ ServiceId: ids.payments, InstanceId: "payments-5", CreatorRequestId: "same", Attributes: {} })),
    );
    assertKind(duplicate, DuplicateRequest);
    assert.equal(duplicate.$metadata.httpStatusCode, 409);
    assert.match(duplicate.message, /same/);

    const noOperation = await failure(client.send(new GetOperationCommand({ OperationId: "nothing-here" })));
    assertKind(noOperation, OperationNotFound);
    assert.match(noOperation.message, /nothing-here/);
  });
});

test("custom health can't be set on a service without a custom health check", async () => {
  await withCloudMap(async ({ client, ids }) => {
    const plain = await client.send(new CreateServiceCommand({ Name: "static", NamespaceId: ids.namespace }));
    await client.send(new RegisterInstanceCommand({ ServiceId: plain.Service!.Id, InstanceId: "static-1", Attributes: {} }));
    const error = await failure(
      client.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: plain.Service!.Id, InstanceId: "static-1", Status: "UNHEALTHY" })),
    );
    assertKind(error, CustomHealthNotFound);
    assert.match(error.message, /custom health check/);
    // Without a health check every instance is discovered, whatever the filter, and reports UNKNOWN.
    const found = await client.send(
      new DiscoverInstancesCommand({ NamespaceName: "shop.local", ServiceName: "static", HealthStatus: "UNHEALTHY" }),
    );
    assert.deepEqual(found.Instances?.map((instance) => [instance.InstanceId, instance.HealthStatus]), [["static-1", "UNKNOWN"]]);
  });
});

test("snapshot and restore carry the whole state, and the seeding API is idempotent", async () => {
  await withCloudMap(async ({ cloudMap, client, ids }) => {
    await client.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: ids.payments, InstanceId: "payments-2", Status: "UNHEALTHY" }));
    const snapshot = cloudMap.snapshot();
    const text = JSON.stringify(snapshot);
    assert.deepEqual(JSON.parse(text), snapshot, "the snapshot is plain JSON");

    const restored = new CloudMapService({ now: () => START + 60_000 });
    restored.restore(JSON.parse(text));
    assert.deepEqual(restored.findService("shop.local", "payments"), cloudMap.findService("shop.local", "payments"));
    const view = restored.findService("shop.local", "payments")!;
    assert.equal(view.service.id, ids.payments);
    assert.equal(view.namespace.id, ids.namespace);
    assert.deepEqual(view.instances.map((instance) => [instance.id, instance.health]), [
      ["payments-1", "HEALTHY"],
      ["payments-2", "UNHEALTHY"],
      ["payments-3", "UNHEALTHY"],
    ]);
    assert.equal(restored.findService("shop.local", "nothing"), undefined);

    // New ids after a restore don't collide with restored ones.
    const fresh = restored.addNamespace("fresh.local");
    assert.ok(![ids.namespace, ids.other].includes(fresh.id), `new namespace id ${fresh.id} collides`);
    assert.deepEqual(restored.addNamespace("shop.local"), { id: ids.namespace, arn: `arn:aws:servicediscovery:us-east-1:111122223333:namespace/${ids.namespace}` });
    assert.equal(restored.addService(ids.namespace, "payments").id, ids.payments);
    assert.throws(() => restored.addService("ns-missing", "x"), /Namespace ns-missing not found/);
    assert.throws(() => restored.restore({ version: 2 } as never), /version 1/);
  });
});
