// AWS Cloud Map in memory, spoken over awsJson1_1 (POST / with X-Amz-Target) so the unmodified SDK
// client works against it: namespaces, services, instances, custom health, discovery and operations.
// The seed loader uses the in-process methods (addNamespace, addService, registerInstance) and
// snapshot/restore for the state file. One instance per region; its ARNs name that region.
import { createHash } from "node:crypto";
import {
  DEFAULT_REGION,
  SANDBOX_ACCOUNT,
  ServiceError,
  type Clock,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
} from "../protocol";
import {
  checkAttributes,
  inputObject,
  invalidInput,
  isObject,
  optAttributes,
  optEnum,
  optInt,
  optList,
  optObject,
  optString,
  optStringList,
  paginate,
  reqEnum,
  reqString,
  type JsonObject,
} from "./input";

export const TARGET_PREFIX = "Route53AutoNaming_v20170314.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

export type NamespaceType = "HTTP" | "DNS_PRIVATE" | "DNS_PUBLIC";
export type ServiceType = "HTTP" | "DNS_HTTP" | "DNS";
export type HealthStatus = "HEALTHY" | "UNHEALTHY" | "UNKNOWN";
export type CustomHealthStatus = "HEALTHY" | "UNHEALTHY";
type OperationType =
  | "CREATE_NAMESPACE"
  | "DELETE_NAMESPACE"
  | "UPDATE_NAMESPACE"
  | "UPDATE_SERVICE"
  | "REGISTER_INSTANCE"
  | "DEREGISTER_INSTANCE";

const HEALTH_FILTERS = ["HEALTHY", "UNHEALTHY", "ALL", "HEALTHY_OR_ELSE_ALL"] as const;
const CUSTOM_HEALTH = ["HEALTHY", "UNHEALTHY"] as const;
const RECORD_TYPES = ["SRV", "A", "AAAA", "CNAME"] as const;
const ID = { max: 64 };
const NAMESPACE_NAME = /^[!-~]{1,1024}$/;
const SERVICE_NAME =
  /^(?=.{1,127}$)([a-zA-Z0-9_][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$|^\.$/;
const INSTANCE_ID = /^[0-9a-zA-Z_/:.@-]+$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** Cloud Map's quota of instances per service. */
const MAX_INSTANCES_PER_SERVICE = 1000;
/** Finished operations kept for GetOperation; older ones are forgotten first. */
const MAX_OPERATIONS = 2000;

export interface NamespaceRecord {
  id: string;
  arn: string;
  name: string;
  type: NamespaceType;
  description?: string;
  creatorRequestId?: string;
  /** Milliseconds since the epoch. */
  createDate: number;
  hostedZoneId?: string;
  soaTtl?: number;
}

export interface DnsConfigRecord {
  RoutingPolicy: "MULTIVALUE" | "WEIGHTED";
  DnsRecords: { Type: (typeof RECORD_TYPES)[number]; TTL: number }[];
}

export interface ServiceRecord {
  id: string;
  arn: string;
  name: string;
  namespaceId: string;
  type: ServiceType;
  description?: string;
  creatorRequestId?: string;
  createDate: number;
  dnsConfig?: DnsConfigRecord;
  healthCheckConfig?: { Type: "HTTP" | "HTTPS" | "TCP"; ResourcePath?: string; FailureThreshold?: number };
  healthCheckCustomConfig?: { FailureThreshold?: number };
  /** Bumped on every change to the service's instances or their health (DiscoverInstances' InstancesRevision). */
  revision: number;
}

export interface InstanceRecord {
  id: string;
  attributes: Record<string, string>;
  creatorRequestId?: string;
  health: HealthStatus;
}

export interface OperationRecord {
  id: string;
  type: OperationType;
  status: "SUBMITTED" | "PENDING" | "SUCCESS" | "FAIL";
  createDate: number;
  updateDate: number;
  targets: Partial<Record<"NAMESPACE" | "SERVICE" | "INSTANCE", string>>;
  creatorRequestId?: string;
}

/** Plain JSON: what the sandbox writes to its state file. */
export interface CloudMapSnapshot {
  version: 1;
  sequence: number;
  namespaces: NamespaceRecord[];
  services: (ServiceRecord & { instances: InstanceRecord[] })[];
  operations: OperationRecord[];
}

/** A service as the seed loader and the simulator see it. */
export interface CloudMapServiceView {
  namespace: { id: string; arn: string; name: string; type: NamespaceType };
  service: { id: string; arn: string; name: string; type: ServiceType; healthCheck: "CUSTOM" | "ROUTE53" | "NONE" };
  instances: { id: string; attributes: Record<string, string>; health: HealthStatus }[];
}

type Handler = (input: JsonObject) => unknown;

export class CloudMapService implements SandboxService {
  readonly name = "servicediscovery";
  readonly protocol = "awsJson1_1" as const;
  readonly throttleError = { type: "RequestLimitExceeded", status: 429 };
  /** The model declares no server error; awsJson services answer InternalFailure. */
  readonly serverError = { type: "InternalFailure", status: 500 };

  private sequence = 0;
  private namespaces = new Map<string, NamespaceRecord>();
  private services = new Map<string, ServiceRecord>();
  /** Service id → instance id → instance, in registration order. */
  private instances = new Map<string, Map<string, InstanceRecord>>();
  private operations = new Map<string, OperationRecord>();

  private readonly handlers: Record<string, Handler> = {
    ListNamespaces: (input) => this.listNamespaces(input),
    GetNamespace: (input) => ({ Namespace: this.renderNamespace(this.requireNamespace(reqString(input, "Id", { max: 255 })), true) }),
    CreateHttpNamespace: (input) => this.createNamespace(input, "HTTP"),
    CreatePrivateDnsNamespace: (input) => this.createNamespace(input, "DNS_PRIVATE"),
    CreatePublicDnsNamespace: (input) => this.createNamespace(input, "DNS_PUBLIC"),
    DeleteNamespace: (input) => this.deleteNamespace(input),
    ListServices: (input) => this.listServices(input),
    GetService: (input) => ({ Service: this.renderService(this.requireService(reqString(input, "Id", { max: 255 })), true) }),
    CreateService: (input) => this.createService(input),
    DeleteService: (input) => this.deleteService(input),
    ListInstances: (input) => this.listInstances(input),
    GetInstance: (input) => this.getInstance(input),
    DiscoverInstances: (input) => this.discoverInstances(input),
    DiscoverInstancesRevision: (input) => this.discoverInstancesRevision(input),
    GetInstancesHealthStatus: (input) => this.getInstancesHealthStatus(input),
    RegisterInstance: (input) => this.registerInstanceRequest(input),
    DeregisterInstance: (input) => this.deregisterInstanceRequest(input),
    UpdateInstanceCustomHealthStatus: (input) => this.updateInstanceCustomHealthStatus(input),
    GetOperation: (input) => this.getOperation(input),
    ListOperations: (input) => this.listOperations(input),
  };

  constructor(
    private readonly clock: Clock,
    /** Called after every change made over HTTP, before the answer goes out (state files hook in here). */
    private readonly onChange: () => void = () => undefined,
    readonly region: string = DEFAULT_REGION,
  ) {}

  owns(request: SandboxRequest): boolean {
    if (request.method !== "POST" || request.path !== "/") return false;
    return header(request, "x-amz-target")?.startsWith(TARGET_PREFIX) ?? false;
  }

  handle(request: SandboxRequest): SandboxResponse {
    const target = header(request, "x-amz-target") ?? "";
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
    const handler = Object.hasOwn(this.handlers, operation) ? this.handlers[operation] : undefined;
    if (!handler) {
      throw new ServiceError(
        "UnknownOperationException",
        400,
        operation ? `The Cloud Map sandbox does not implement ${operation}.` : `X-Amz-Target '${target}' names no Cloud Map operation.`,
      );
    }
    const output = handler(inputObject(request.body));
    return { status: 200, headers: { "content-type": CONTENT_TYPE }, body: output ?? {} };
  }

  // ---------------------------------------------------------------- in-process API (seed loader)

  /** Creates a namespace, or returns the one of that name and type that exists already. */
  addNamespace(name: string, type: "HTTP" | "DNS_PRIVATE" = "HTTP"): { id: string; arn: string } {
    checkName(name, "Name", NAMESPACE_NAME, type === "HTTP" ? 1024 : 253);
    const existing = this.namespaceByName(name);
    if (existing) {
      if (existing.type !== type) {
        throw new ServiceError("NamespaceAlreadyExists", 400, `Namespace '${name}' exists already as ${existing.type}.`);
      }
      return { id: existing.id, arn: existing.arn };
    }
    const namespace = this.insertNamespace(name, type, {});
    return { id: namespace.id, arn: namespace.arn };
  }

  /** Creates a service with a custom health check, or returns the one of that name in the namespace. */
  addService(namespaceId: string, name: string): { id: string; arn: string } {
    const namespace = this.requireNamespace(namespaceId);
    checkName(name, "Name", SERVICE_NAME, 127);
    const existing = this.serviceByName(namespace.id, name);
    if (existing) return { id: existing.id, arn: existing.arn };
    const dnsConfig: DnsConfigRecord | undefined =
      namespace.type === "HTTP" ? undefined : { RoutingPolicy: "MULTIVALUE", DnsRecords: [{ Type: "A", TTL: 60 }] };
    const service = this.insertService(namespace, name, { dnsConfig, healthCheckCustomConfig: { FailureThreshold: 1 } });
    return { id: service.id, arn: service.arn };
  }

  /** Registers (or re-registers, replacing the attributes of) an instance; health applies to health-checked services. */
  registerInstance(serviceId: string, instanceId: string, attributes: Record<string, string>, health?: CustomHealthStatus): void {
    const service = this.requireService(serviceId);
    checkName(instanceId, "InstanceId", INSTANCE_ID, 64);
    const instance = this.upsertInstance(service, instanceId, checkInstanceAttributes(attributes), undefined);
    if (health && instance.health !== "UNKNOWN" && instance.health !== health) {
      instance.health = health;
    }
  }

  /** Sets an instance's health the way UpdateInstanceCustomHealthStatus does (for the simulator). */
  setInstanceHealth(serviceId: string, instanceId: string, health: CustomHealthStatus): void {
    const service = this.requireService(serviceId);
    this.changeHealth(service, this.requireInstance(service, instanceId), health);
  }

  deregisterInstance(serviceId: string, instanceId: string): void {
    const service = this.requireService(serviceId);
    this.requireInstance(service, instanceId);
    this.instancesOf(service.id).delete(instanceId);
    service.revision += 1;
  }

  findService(namespaceName: string, serviceName: string): CloudMapServiceView | undefined {
    const namespace = this.namespaceByName(namespaceName);
    const service = namespace && this.serviceByName(namespace.id, serviceName);
    if (!namespace || !service) return undefined;
    return {
      namespace: { id: namespace.id, arn: namespace.arn, name: namespace.name, type: namespace.type },
      service: { id: service.id, arn: service.arn, name: service.name, type: service.type, healthCheck: healthMode(service) },
      instances: [...this.instancesOf(service.id).values()].map((instance) => ({
        id: instance.id,
        attributes: { ...instance.attributes },
        health: instance.health,
      })),
    };
  }

  snapshot(): CloudMapSnapshot {
    const snapshot: CloudMapSnapshot = {
      version: 1,
      sequence: this.sequence,
      namespaces: [...this.namespaces.values()],
      services: [...this.services.values()].map((service) => ({ ...service, instances: [...this.instancesOf(service.id).values()] })),
      operations: [...this.operations.values()],
    };
    return JSON.parse(JSON.stringify(snapshot)) as CloudMapSnapshot;
  }

  restore(snapshot: CloudMapSnapshot): void {
    if (!isObject(snapshot) || snapshot.version !== 1) throw new Error("Not a Cloud Map sandbox snapshot (version 1).");
    for (const key of ["namespaces", "services", "operations"] as const) {
      if (!Array.isArray(snapshot[key])) throw new Error(`Cloud Map snapshot: ${key} must be a list.`);
    }
    const copy = JSON.parse(JSON.stringify(snapshot)) as CloudMapSnapshot;
    this.sequence = typeof copy.sequence === "number" ? copy.sequence : 0;
    this.namespaces = new Map(copy.namespaces.map((namespace) => [namespace.id, namespace]));
    this.services = new Map();
    this.instances = new Map();
    for (const { instances, ...service } of copy.services) {
      if (!this.namespaces.has(service.namespaceId)) {
        throw new Error(`Cloud Map snapshot: service ${service.id} names a missing namespace ${service.namespaceId}.`);
      }
      this.services.set(service.id, { ...service, revision: service.revision ?? 0 });
      this.instances.set(service.id, new Map((instances ?? []).map((instance) => [instance.id, instance])));
    }
    this.operations = new Map(copy.operations.map((operation) => [operation.id, operation]));
  }

  // ---------------------------------------------------------------- namespaces

  private listNamespaces(input: JsonObject): unknown {
    const maxResults = optInt(input, "MaxResults", 1, 100) ?? 100;
    const nextToken = optString(input, "NextToken", { max: 4096 });
    let namespaces = [...this.namespaces.values()];
    for (const filter of filters(input, ["TYPE", "NAME", "HTTP_NAME"])) {
      const { Name: name, Values: values, Condition: condition } = filter;
      if (condition === "BETWEEN" || (condition === "IN" && name !== "TYPE")) {
        throw invalidInput(`Condition ${condition} is not supported for the namespace filter ${name}.`);
      }
      if (condition !== "IN" && values.length !== 1) throw invalidInput(`Condition ${condition} takes exactly one value.`);
      namespaces = namespaces.filter((namespace) => {
        const field = name === "TYPE" ? namespace.type : namespace.name; // HTTP_NAME equals the name here
        return condition === "BEGINS_WITH" ? field.startsWith(values[0]) : values.includes(field);
      });
    }
    const { page, nextToken: next } = paginate(namespaces, "ListNamespaces", nextToken, maxResults);
    return { Namespaces: page.map((namespace) => this.renderNamespace(namespace, false)), NextToken: next };
  }

  private createNamespace(input: JsonObject, type: NamespaceType): unknown {
    const name = reqString(input, "Name", { max: type === "HTTP" ? 1024 : 253, pattern: NAMESPACE_NAME });
    const creatorRequestId = optString(input, "CreatorRequestId", ID);
    const description = optString(input, "Description", { max: 1024 });
    checkTags(input);
    let soaTtl: number | undefined;
    if (type === "DNS_PRIVATE") reqString(input, "Vpc", ID);
    if (type !== "HTTP") {
      const soa = optObject(optObject(optObject(input, "Properties") ?? {}, "DnsProperties") ?? {}, "SOA");
      soaTtl = soa ? optInt(soa, "TTL", 0, 2147483647) : undefined;
    }
    const existing = this.namespaceByName(name);
    if (existing) {
      const earlier = creatorRequestId && this.operationFor("CREATE_NAMESPACE", creatorRequestId, { NAMESPACE: existing.id });
      if (earlier) return { OperationId: earlier.id };
      throw new ServiceError("NamespaceAlreadyExists", 400, `A namespace named '${name}' exists already (${existing.id}).`);
    }
    this.checkCreatorRequestId("CREATE_NAMESPACE", creatorRequestId);
    const namespace = this.insertNamespace(name, type, { description, creatorRequestId, soaTtl });
    const operation = this.recordOperation("CREATE_NAMESPACE", { NAMESPACE: namespace.id }, creatorRequestId);
    this.onChange();
    return { OperationId: operation.id };
  }

  private deleteNamespace(input: JsonObject): unknown {
    const namespace = this.requireNamespace(reqString(input, "Id", { max: 255 }));
    const count = this.servicesIn(namespace.id).length;
    if (count > 0) {
      throw new ServiceError("ResourceInUse", 409, `Namespace ${namespace.id} still holds ${count} service(s); delete them first.`);
    }
    this.namespaces.delete(namespace.id);
    const operation = this.recordOperation("DELETE_NAMESPACE", { NAMESPACE: namespace.id });
    this.onChange();
    return { OperationId: operation.id };
  }

  private insertNamespace(
    name: string,
    type: NamespaceType,
    options: { description?: string; creatorRequestId?: string; soaTtl?: number },
  ): NamespaceRecord {
    const id = this.newId("ns-", 16);
    const namespace: NamespaceRecord = {
      id,
      arn: `arn:aws:servicediscovery:${this.region}:${SANDBOX_ACCOUNT}:namespace/${id}`,
      name,
      type,
      createDate: this.clock.now(),
    };
    if (options.description !== undefined) namespace.description = options.description;
    if (options.creatorRequestId !== undefined) namespace.creatorRequestId = options.creatorRequestId;
    if (type !== "HTTP") {
      namespace.hostedZoneId = this.newId("Z", 20).toUpperCase();
      namespace.soaTtl = options.soaTtl ?? 15;
    }
    this.namespaces.set(id, namespace);
    return namespace;
  }

  private renderNamespace(namespace: NamespaceRecord, full: boolean): JsonObject {
    const dnsProperties: JsonObject = {};
    if (namespace.hostedZoneId) dnsProperties.HostedZoneId = namespace.hostedZoneId;
    if (namespace.soaTtl !== undefined) dnsProperties.SOA = { TTL: namespace.soaTtl };
    const rendered: JsonObject = {
      Id: namespace.id,
      Arn: namespace.arn,
      Name: namespace.name,
      Type: namespace.type,
      Description: namespace.description,
      ServiceCount: this.servicesIn(namespace.id).length,
      Properties: { DnsProperties: dnsProperties, HttpProperties: { HttpName: namespace.name } },
      CreateDate: seconds(namespace.createDate),
    };
    if (full) rendered.CreatorRequestId = namespace.creatorRequestId;
    return rendered;
  }

  // ---------------------------------------------------------------- services

  private listServices(input: JsonObject): unknown {
    const maxResults = optInt(input, "MaxResults", 1, 100) ?? 100;
    const nextToken = optString(input, "NextToken", { max: 4096 });
    let services = [...this.services.values()];
    for (const filter of filters(input, ["NAMESPACE_ID"])) {
      if (filter.Condition !== "EQ") throw invalidInput(`Condition ${filter.Condition} is not supported for NAMESPACE_ID; use EQ.`);
      if (filter.Values.length !== 1) throw invalidInput("Condition EQ takes exactly one namespace ID.");
      const namespace = this.namespaces.get(filter.Values[0]) ?? this.namespaceByArn(filter.Values[0]);
      services = services.filter((service) => service.namespaceId === namespace?.id);
    }
    const { page, nextToken: next } = paginate(services, "ListServices", nextToken, maxResults);
    return { Services: page.map((service) => this.renderService(service, false)), NextToken: next };
  }

  private createService(input: JsonObject): unknown {
    const name = reqString(input, "Name", { pattern: SERVICE_NAME });
    const creatorRequestId = optString(input, "CreatorRequestId", ID);
    const description = optString(input, "Description", { max: 1024 });
    checkTags(input);
    const dnsInput = optObject(input, "DnsConfig");
    const namespaceId = optString(input, "NamespaceId", ID) ?? (dnsInput && optString(dnsInput, "NamespaceId", ID));
    if (!namespaceId) throw invalidInput("NamespaceId is required.");
    const namespace = this.requireNamespace(namespaceId);
    const type = optEnum(input, "Type", ["HTTP"] as const);
    let dnsConfig: DnsConfigRecord | undefined;
    if (dnsInput) {
      if (namespace.type === "HTTP") throw invalidInput(`Namespace ${namespace.id} is an HTTP namespace; a service in it takes no DnsConfig.`);
      if (type === "HTTP") throw invalidInput("A service of Type HTTP takes no DnsConfig.");
      dnsConfig = readDnsConfig(dnsInput);
    }
    const healthCheckInput = optObject(input, "HealthCheckConfig");
    const customInput = optObject(input, "HealthCheckCustomConfig");
    if (healthCheckInput && customInput) throw invalidInput("Specify HealthCheckConfig or HealthCheckCustomConfig, not both.");
    let healthCheckConfig: ServiceRecord["healthCheckConfig"];
    if (healthCheckInput) {
      if (namespace.type !== "DNS_PUBLIC") throw invalidInput("Route 53 health checks (HealthCheckConfig) need a public DNS namespace.");
      healthCheckConfig = { Type: reqEnum(healthCheckInput, "Type", ["HTTP", "HTTPS", "TCP"] as const) };
      const resourcePath = optString(healthCheckInput, "ResourcePath", { max: 255 });
      if (resourcePath !== undefined) healthCheckConfig.ResourcePath = resourcePath;
      healthCheckConfig.FailureThreshold = optInt(healthCheckInput, "FailureThreshold", 1, 10) ?? 3;
    }
    const healthCheckCustomConfig = customInput ? { FailureThreshold: 1 } : undefined;
    if (customInput) optInt(customInput, "FailureThreshold", 1, 10);

    const existing = this.serviceByName(namespace.id, name);
    if (existing) {
      if (creatorRequestId && existing.creatorRequestId === creatorRequestId) return { Service: this.renderService(existing, true) };
      throw new ServiceError("ServiceAlreadyExists", 400, `A service named '${name}' exists already in namespace ${namespace.id} (${existing.id}).`);
    }
    if (this.servicesIn(namespace.id).length >= 1000) {
      throw new ServiceError("ResourceLimitExceeded", 400, `Namespace ${namespace.id} holds the most services it may (1000).`);
    }
    const service = this.insertService(namespace, name, {
      type,
      description,
      creatorRequestId,
      dnsConfig,
      healthCheckConfig,
      healthCheckCustomConfig,
    });
    this.onChange();
    return { Service: this.renderService(service, true) };
  }

  private deleteService(input: JsonObject): unknown {
    const service = this.requireService(reqString(input, "Id", { max: 255 }));
    const count = this.instancesOf(service.id).size;
    if (count > 0) {
      throw new ServiceError("ResourceInUse", 409, `Service ${service.id} still has ${count} registered instance(s); deregister them first.`);
    }
    this.services.delete(service.id);
    this.instances.delete(service.id);
    this.onChange();
    return {};
  }

  private insertService(
    namespace: NamespaceRecord,
    name: string,
    options: {
      type?: "HTTP";
      description?: string;
      creatorRequestId?: string;
      dnsConfig?: DnsConfigRecord;
      healthCheckConfig?: ServiceRecord["healthCheckConfig"];
      healthCheckCustomConfig?: ServiceRecord["healthCheckCustomConfig"];
    },
  ): ServiceRecord {
    const id = this.newId("srv-", 16);
    const service: ServiceRecord = {
      id,
      arn: `arn:aws:servicediscovery:${this.region}:${SANDBOX_ACCOUNT}:service/${id}`,
      name,
      namespaceId: namespace.id,
      type: options.type ?? (options.dnsConfig ? "DNS_HTTP" : "HTTP"),
      createDate: this.clock.now(),
      revision: 1,
    };
    if (options.description !== undefined) service.description = options.description;
    if (options.creatorRequestId !== undefined) service.creatorRequestId = options.creatorRequestId;
    if (options.dnsConfig) service.dnsConfig = options.dnsConfig;
    if (options.healthCheckConfig) service.healthCheckConfig = options.healthCheckConfig;
    if (options.healthCheckCustomConfig) service.healthCheckCustomConfig = options.healthCheckCustomConfig;
    this.services.set(id, service);
    this.instances.set(id, new Map());
    return service;
  }

  private renderService(service: ServiceRecord, full: boolean): JsonObject {
    const rendered: JsonObject = {
      Id: service.id,
      Arn: service.arn,
      Name: service.name,
      Type: service.type,
      Description: service.description,
      InstanceCount: this.instancesOf(service.id).size,
      DnsConfig: service.dnsConfig && { NamespaceId: service.namespaceId, ...service.dnsConfig },
      HealthCheckConfig: service.healthCheckConfig,
      HealthCheckCustomConfig: service.healthCheckCustomConfig,
      CreateDate: seconds(service.createDate),
    };
    if (full) {
      rendered.NamespaceId = service.namespaceId;
      rendered.CreatorRequestId = service.creatorRequestId;
    }
    return rendered;
  }

  // ---------------------------------------------------------------- instances

  private listInstances(input: JsonObject): unknown {
    const service = this.requireService(reqString(input, "ServiceId", { max: 255 }));
    const maxResults = optInt(input, "MaxResults", 1, 100) ?? 100;
    const nextToken = optString(input, "NextToken", { max: 4096 });
    const { page, nextToken: next } = paginate([...this.instancesOf(service.id).values()], "ListInstances", nextToken, maxResults);
    return { Instances: page.map((instance) => ({ Id: instance.id, Attributes: instance.attributes })), NextToken: next };
  }

  private getInstance(input: JsonObject): unknown {
    const service = this.requireService(reqString(input, "ServiceId", { max: 255 }));
    const instance = this.requireInstance(service, reqString(input, "InstanceId", ID));
    return { Instance: { Id: instance.id, CreatorRequestId: instance.creatorRequestId, Attributes: instance.attributes } };
  }

  private discoverTarget(input: JsonObject): ServiceRecord {
    const namespaceName = reqString(input, "NamespaceName", { max: 1024, pattern: NAMESPACE_NAME });
    const serviceName = reqString(input, "ServiceName", { pattern: SERVICE_NAME });
    const namespace = this.namespaceByName(namespaceName);
    if (!namespace) throw new ServiceError("NamespaceNotFound", 404, `No namespace named '${namespaceName}'.`);
    const service = this.serviceByName(namespace.id, serviceName);
    if (!service) throw new ServiceError("ServiceNotFound", 404, `No service named '${serviceName}' in namespace '${namespaceName}'.`);
    return service;
  }

  private discoverInstances(input: JsonObject): unknown {
    const service = this.discoverTarget(input);
    const maxResults = optInt(input, "MaxResults", 1, 1000) ?? 100;
    const query = optAttributes(input, "QueryParameters") ?? {};
    const optional = optAttributes(input, "OptionalParameters") ?? {};
    const healthFilter = optEnum(input, "HealthStatus", HEALTH_FILTERS) ?? "HEALTHY";
    const matches = (instance: InstanceRecord, wanted: Record<string, string>) =>
      Object.entries(wanted).every(([key, value]) => instance.attributes[key] === value);

    // QueryParameters must all match (Envoy in App Mesh sends a node's awsCloudMap attributes here).
    let found = [...this.instancesOf(service.id).values()].filter((instance) => matches(instance, query));
    // Health is ignored for services without a health check: their instances are all returned.
    if (healthMode(service) !== "NONE") {
      const healthy = found.filter((instance) => instance.health === "HEALTHY");
      if (healthFilter === "HEALTHY") found = healthy;
      else if (healthFilter === "UNHEALTHY") found = found.filter((instance) => instance.health === "UNHEALTHY");
      else if (healthFilter === "HEALTHY_OR_ELSE_ALL" && healthy.length > 0) found = healthy;
    }
    // OptionalParameters narrow what would be returned, only when some of it matches: applied last,
    // so they never take away the answer the health filter chose.
    const narrowed = found.filter((instance) => matches(instance, optional));
    if (narrowed.length > 0) found = narrowed;
    const namespace = this.namespaces.get(service.namespaceId)!;
    return {
      Instances: found.slice(0, maxResults).map((instance) => ({
        InstanceId: instance.id,
        NamespaceName: namespace.name,
        ServiceName: service.name,
        HealthStatus: instance.health,
        Attributes: instance.attributes,
      })),
      InstancesRevision: service.revision,
    };
  }

  private discoverInstancesRevision(input: JsonObject): unknown {
    return { InstancesRevision: this.discoverTarget(input).revision };
  }

  private getInstancesHealthStatus(input: JsonObject): unknown {
    const service = this.requireService(reqString(input, "ServiceId", { max: 255 }));
    const wanted = optStringList(input, "Instances", ID);
    const maxResults = optInt(input, "MaxResults", 1, 100) ?? 100;
    const nextToken = optString(input, "NextToken", { max: 4096 });
    if (wanted !== undefined && wanted.length === 0) throw invalidInput("Instances must name at least one instance.");
    const registered = this.instancesOf(service.id);
    const selected = wanted
      ? [...new Set(wanted)].map((id) => this.requireInstance(service, id))
      : [...registered.values()];
    const { page, nextToken: next } = paginate(selected, "GetInstancesHealthStatus", nextToken, maxResults);
    const status: Record<string, HealthStatus> = {};
    for (const instance of page) status[instance.id] = instance.health;
    return { Status: status, NextToken: next };
  }

  private registerInstanceRequest(input: JsonObject): unknown {
    const service = this.requireService(reqString(input, "ServiceId", { max: 255 }));
    const instanceId = reqString(input, "InstanceId", { max: 64, pattern: INSTANCE_ID });
    const creatorRequestId = optString(input, "CreatorRequestId", ID);
    const attributes = optAttributes(input, "Attributes");
    if (attributes === undefined) throw invalidInput("Attributes is required.");
    checkInstanceAttributes(attributes);
    const targets = { SERVICE: service.id, INSTANCE: instanceId };
    if (creatorRequestId) {
      const earlier = this.operationFor("REGISTER_INSTANCE", creatorRequestId, targets);
      if (earlier) return { OperationId: earlier.id };
      this.checkCreatorRequestId("REGISTER_INSTANCE", creatorRequestId);
    }
    this.upsertInstance(service, instanceId, attributes, creatorRequestId);
    const operation = this.recordOperation("REGISTER_INSTANCE", targets, creatorRequestId);
    this.onChange();
    return { OperationId: operation.id };
  }

  private deregisterInstanceRequest(input: JsonObject): unknown {
    const service = this.requireService(reqString(input, "ServiceId", { max: 255 }));
    const instanceId = reqString(input, "InstanceId", ID);
    this.deregisterInstance(service.id, instanceId);
    const operation = this.recordOperation("DEREGISTER_INSTANCE", { SERVICE: service.id, INSTANCE: instanceId });
    this.onChange();
    return { OperationId: operation.id };
  }

  private updateInstanceCustomHealthStatus(input: JsonObject): unknown {
    const service = this.requireService(reqString(input, "ServiceId", { max: 255 }));
    const instance = this.requireInstance(service, reqString(input, "InstanceId", ID));
    const status = reqEnum(input, "Status", CUSTOM_HEALTH);
    this.changeHealth(service, instance, status);
    this.onChange();
    return {};
  }

  private changeHealth(service: ServiceRecord, instance: InstanceRecord, health: CustomHealthStatus): void {
    if (healthMode(service) !== "CUSTOM") {
      throw new ServiceError(
        "CustomHealthNotFound",
        404,
        `Service ${service.id} has no custom health check (HealthCheckCustomConfig), so instance ${instance.id}'s health can't be set.`,
      );
    }
    if (instance.health !== health) {
      instance.health = health;
      service.revision += 1;
    }
  }

  private upsertInstance(
    service: ServiceRecord,
    instanceId: string,
    attributes: Record<string, string>,
    creatorRequestId: string | undefined,
  ): InstanceRecord {
    const registered = this.instancesOf(service.id);
    const existing = registered.get(instanceId);
    if (!existing && registered.size >= MAX_INSTANCES_PER_SERVICE) {
      throw new ServiceError(
        "ResourceLimitExceeded",
        400,
        `Service ${service.id} has the most instances it may (${MAX_INSTANCES_PER_SERVICE}).`,
      );
    }
    const instance: InstanceRecord = {
      id: instanceId,
      attributes: { ...attributes },
      health: existing?.health ?? (healthMode(service) === "NONE" ? "UNKNOWN" : "HEALTHY"),
    };
    if (creatorRequestId !== undefined) instance.creatorRequestId = creatorRequestId;
    registered.set(instanceId, instance);
    service.revision += 1;
    return instance;
  }

  // ---------------------------------------------------------------- operations

  private getOperation(input: JsonObject): unknown {
    const id = reqString(input, "OperationId", { max: 255 });
    const operation = this.operations.get(id);
    if (!operation) throw new ServiceError("OperationNotFound", 404, `No operation with ID ${id}.`);
    return { Operation: renderOperation(operation) };
  }

  private listOperations(input: JsonObject): unknown {
    const maxResults = optInt(input, "MaxResults", 1, 100) ?? 100;
    const nextToken = optString(input, "NextToken", { max: 4096 });
    let operations = [...this.operations.values()];
    for (const { Name: name, Values: values, Condition: condition } of filters(input, ["NAMESPACE_ID", "SERVICE_ID", "STATUS", "TYPE", "UPDATE_DATE"])) {
      if (name === "UPDATE_DATE") {
        if (condition !== "BETWEEN" || values.length !== 2) throw invalidInput("UPDATE_DATE takes Condition BETWEEN and two timestamps.");
        const [from, to] = values.map((value) => Number(value) * 1000);
        operations = operations.filter((operation) => operation.updateDate >= from && operation.updateDate <= to);
        continue;
      }
      if (condition === "BETWEEN" || condition === "BEGINS_WITH") throw invalidInput(`Condition ${condition} is not supported for ${name}.`);
      if (condition === "EQ" && values.length !== 1) throw invalidInput("Condition EQ takes exactly one value.");
      operations = operations.filter((operation) => {
        const field =
          name === "NAMESPACE_ID" ? operation.targets.NAMESPACE
          : name === "SERVICE_ID" ? operation.targets.SERVICE
          : name === "STATUS" ? operation.status
          : operation.type;
        return field !== undefined && values.includes(field);
      });
    }
    const { page, nextToken: next } = paginate(operations, "ListOperations", nextToken, maxResults);
    return { Operations: page.map((operation) => ({ Id: operation.id, Status: operation.status })), NextToken: next };
  }

  private recordOperation(type: OperationType, targets: OperationRecord["targets"], creatorRequestId?: string): OperationRecord {
    const now = this.clock.now();
    const id = `${this.newId("", 32)}-${this.newId("", 8)}`;
    const operation: OperationRecord = { id, type, status: "SUCCESS", createDate: now, updateDate: now, targets };
    if (creatorRequestId !== undefined) operation.creatorRequestId = creatorRequestId;
    this.operations.set(id, operation);
    while (this.operations.size > MAX_OPERATIONS) {
      this.operations.delete(this.operations.keys().next().value!);
    }
    return operation;
  }

  /** The earlier operation a retried request (same CreatorRequestId, same targets) stands for. */
  private operationFor(type: OperationType, creatorRequestId: string, targets: OperationRecord["targets"]): OperationRecord | undefined {
    for (const operation of this.operations.values()) {
      if (
        operation.type === type &&
        operation.creatorRequestId === creatorRequestId &&
        JSON.stringify(sortKeys(operation.targets)) === JSON.stringify(sortKeys(targets))
      ) {
        return operation;
      }
    }
    return undefined;
  }

  /** A CreatorRequestId reused for a different request is a duplicate. */
  private checkCreatorRequestId(type: OperationType, creatorRequestId: string | undefined): void {
    if (creatorRequestId === undefined) return;
    for (const operation of this.operations.values()) {
      if (operation.type === type && operation.creatorRequestId === creatorRequestId) {
        throw new ServiceError(
          "DuplicateRequest",
          409,
          `CreatorRequestId '${creatorRequestId}' was already used by operation ${operation.id} for a different request.`,
        );
      }
    }
  }

  // ---------------------------------------------------------------- lookups

  private newId(prefix: string, length: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    for (;;) {
      this.sequence += 1;
      // The region is part of the digest, so two regions never hand out the same ID.
      const digest = createHash("sha256").update(`cloudmap:${this.region}:${prefix}:${this.sequence}`).digest();
      let id = prefix;
      for (let i = 0; i < length; i++) id += alphabet[digest[i % digest.length] % 32];
      if (!this.namespaces.has(id) && !this.services.has(id) && !this.operations.has(id)) return id;
    }
  }

  private requireNamespace(idOrArn: string): NamespaceRecord {
    const namespace = this.namespaces.get(idOrArn) ?? this.namespaceByArn(idOrArn);
    if (!namespace) throw new ServiceError("NamespaceNotFound", 404, `Namespace ${idOrArn} not found.`);
    return namespace;
  }

  private requireService(idOrArn: string): ServiceRecord {
    const service = this.services.get(idOrArn) ?? [...this.services.values()].find((candidate) => candidate.arn === idOrArn);
    if (!service) throw new ServiceError("ServiceNotFound", 404, `Service ${idOrArn} not found.`);
    return service;
  }

  private requireInstance(service: ServiceRecord, instanceId: string): InstanceRecord {
    const instance = this.instancesOf(service.id).get(instanceId);
    if (!instance) throw new ServiceError("InstanceNotFound", 404, `Instance ${instanceId} is not registered with service ${service.id}.`);
    return instance;
  }

  private namespaceByArn(arn: string): NamespaceRecord | undefined {
    return [...this.namespaces.values()].find((namespace) => namespace.arn === arn);
  }

  private namespaceByName(name: string): NamespaceRecord | undefined {
    return [...this.namespaces.values()].find((namespace) => namespace.name === name);
  }

  private serviceByName(namespaceId: string, name: string): ServiceRecord | undefined {
    const lower = name.toLowerCase();
    return this.servicesIn(namespaceId).find((service) => service.name.toLowerCase() === lower);
  }

  private servicesIn(namespaceId: string): ServiceRecord[] {
    return [...this.services.values()].filter((service) => service.namespaceId === namespaceId);
  }

  private instancesOf(serviceId: string): Map<string, InstanceRecord> {
    let registered = this.instances.get(serviceId);
    if (!registered) {
      registered = new Map();
      this.instances.set(serviceId, registered);
    }
    return registered;
  }
}

function header(request: SandboxRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function healthMode(service: ServiceRecord): "CUSTOM" | "ROUTE53" | "NONE" {
  if (service.healthCheckCustomConfig) return "CUSTOM";
  if (service.healthCheckConfig) return "ROUTE53";
  return "NONE";
}

function seconds(milliseconds: number): number {
  return milliseconds / 1000;
}

function sortKeys(record: Record<string, string | undefined>): [string, string | undefined][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

function checkName(value: string, member: string, pattern: RegExp, max: number): void {
  if (typeof value !== "string" || value.length > max || !pattern.test(value)) {
    throw invalidInput(`${member} '${String(value)}' is not valid.`);
  }
}

/** Cloud Map checks the reserved AWS_* attributes it puts into DNS records. */
function checkInstanceAttributes(attributes: Record<string, string>): Record<string, string> {
  const checked = checkAttributes(attributes, "Attributes");
  const ipv4 = checked.AWS_INSTANCE_IPV4;
  if (ipv4 !== undefined && !IPV4.test(ipv4)) throw invalidInput(`AWS_INSTANCE_IPV4 '${ipv4}' is not an IPv4 address.`);
  const port = checked.AWS_INSTANCE_PORT;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw invalidInput(`AWS_INSTANCE_PORT '${port}' is not a port number (1-65535).`);
  }
  const custom = Object.keys(checked).filter((key) => !key.startsWith("AWS_"));
  if (custom.length > 30) throw invalidInput(`An instance takes at most 30 custom attributes, not ${custom.length}.`);
  return checked;
}

interface Filter {
  Name: string;
  Values: string[];
  Condition: "EQ" | "IN" | "BETWEEN" | "BEGINS_WITH";
}

function filters(input: JsonObject, names: readonly string[]): Filter[] {
  return (optList(input, "Filters") ?? []).map((item, index) => {
    if (!isObject(item)) throw invalidInput(`Filters[${index}] must be an object.`);
    const name = reqEnum(item, "Name", names);
    const values = optStringList(item, "Values", { min: 1, max: 255 });
    if (!values || values.length === 0) throw invalidInput(`Filters[${index}].Values needs at least one value.`);
    const condition = optEnum(item, "Condition", ["EQ", "IN", "BETWEEN", "BEGINS_WITH"] as const) ?? "EQ";
    return { Name: name, Values: values, Condition: condition };
  });
}

function readDnsConfig(input: JsonObject): DnsConfigRecord {
  const records = optList(input, "DnsRecords");
  if (!records || records.length === 0) throw invalidInput("DnsConfig.DnsRecords needs at least one record.");
  return {
    RoutingPolicy: optEnum(input, "RoutingPolicy", ["MULTIVALUE", "WEIGHTED"] as const) ?? "MULTIVALUE",
    DnsRecords: records.map((record, index) => {
      if (!isObject(record)) throw invalidInput(`DnsConfig.DnsRecords[${index}] must be an object.`);
      const ttl = optInt(record, "TTL", 0, 2147483647);
      if (ttl === undefined) throw invalidInput(`DnsConfig.DnsRecords[${index}].TTL is required.`);
      return { Type: reqEnum(record, "Type", RECORD_TYPES), TTL: ttl };
    }),
  };
}

function checkTags(input: JsonObject): void {
  const tags = optList(input, "Tags") ?? [];
  if (tags.length > 200) throw new ServiceError("TooManyTagsException", 400, `A resource takes at most 200 tags, not ${tags.length}.`);
  tags.forEach((tag, index) => {
    if (!isObject(tag)) throw invalidInput(`Tags[${index}] must be an object.`);
    reqString(tag, "Key", { min: 1, max: 128 });
    reqString(tag, "Value", { max: 256 });
  });
}

function renderOperation(operation: OperationRecord): JsonObject {
  return {
    Id: operation.id,
    Type: operation.type,
    Status: operation.status,
    CreateDate: seconds(operation.createDate),
    UpdateDate: seconds(operation.updateDate),
    Targets: operation.targets,
  };
}
