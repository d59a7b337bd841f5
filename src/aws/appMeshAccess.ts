// Typed access to App Mesh for the Meshes explorer: pages of references, descriptions cached by
// ARN and version, bounded parallel describes, and create/update/delete. Every call goes through
// AwsConnection.send, so it is timed, logged, retried by the SDK and mapped to AccessError.
import { randomUUID } from "node:crypto";
import {
  ListTagsForResourceCommand,
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteGatewayRouteCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualGatewayCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DeleteVirtualServiceCommand,
  DescribeGatewayRouteCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeVirtualServiceCommand,
  ListGatewayRoutesCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListVirtualGatewaysCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  ListVirtualServicesCommand,
  UpdateGatewayRouteCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualGatewayCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  UpdateVirtualServiceCommand,
  type AppMeshClient,
} from "@aws-sdk/client-app-mesh";
import type { ResourceKind } from "../model/resources";
import { mapWithConcurrency } from "./concurrency";
import type { AwsConnection } from "./connection";
import { AccessError } from "./errors";

export interface ResourceRef {
  kind: ResourceKind;
  meshName: string;
  /** Virtual router of a route, virtual gateway of a gateway route. */
  parentName?: string;
  name: string;
  arn: string;
  version: number;
  createdAt?: Date;
  lastUpdatedAt?: Date;
  meshOwner?: string;
  resourceOwner?: string;
}

export interface ResourceDetail extends ResourceRef {
  /** The spec as plain JSON in the API's shape (no undefined members). */
  spec: Record<string, unknown>;
  /** ACTIVE, INACTIVE or DELETED. */
  status: string;
  uid?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export type ChildKind = Exclude<ResourceKind, "Mesh">;

/** What identifies a resource for describe; arn, version and meshOwner are used when present. */
export type ResourceIdentity = Pick<ResourceRef, "kind" | "meshName" | "parentName" | "name"> & { version?: number; arn?: string; meshOwner?: string };

export interface DescribeOptions {
  /** Always call DescribeX, neither answering from the cache nor joining a describe under way (a read right before a write). */
  fresh?: boolean;
}

export interface AppMeshAccessOptions {
  /** Items per list call, 1–100 (default 100). */
  pageSize?: number;
  /** Describe calls in flight at once in describeMany (default 8). */
  concurrency?: number;
}

type Input = Record<string, unknown>;
type Call = (client: AppMeshClient, input: Input) => Promise<unknown>;

/** The SDK command inputs are typed per command; the table below builds them generically. */
const as = <T>(input: Input): T => input as T;

interface KindApi {
  /** Name member (virtualNodeName) and the parent's (virtualRouterName). */
  nameKey: string;
  parentKey?: "virtualRouterName" | "virtualGatewayName";
  /** Member of the list output (virtualNodes) and of the other outputs (virtualNode). */
  collection: string;
  member: string;
  /** Operation names: List<plural>, Describe<singular>, … */
  plural: string;
  list: Call;
  describe: Call;
  create: Call;
  update: Call;
  delete: Call;
}

const API: Record<ResourceKind, KindApi> = {
  Mesh: {
    nameKey: "meshName",
    collection: "meshes",
    member: "mesh",
    plural: "Meshes",
    list: (c, i) => c.send(new ListMeshesCommand(as(i))),
    describe: (c, i) => c.send(new DescribeMeshCommand(as(i))),
    create: (c, i) => c.send(new CreateMeshCommand(as(i))),
    update: (c, i) => c.send(new UpdateMeshCommand(as(i))),
    delete: (c, i) => c.send(new DeleteMeshCommand(as(i))),
  },
  VirtualNode: {
    nameKey: "virtualNodeName",
    collection: "virtualNodes",
    member: "virtualNode",
    plural: "VirtualNodes",
    list: (c, i) => c.send(new ListVirtualNodesCommand(as(i))),
    describe: (c, i) => c.send(new DescribeVirtualNodeCommand(as(i))),
    create: (c, i) => c.send(new CreateVirtualNodeCommand(as(i))),
    update: (c, i) => c.send(new UpdateVirtualNodeCommand(as(i))),
    delete: (c, i) => c.send(new DeleteVirtualNodeCommand(as(i))),
  },
  VirtualService: {
    nameKey: "virtualServiceName",
    collection: "virtualServices",
    member: "virtualService",
    plural: "VirtualServices",
    list: (c, i) => c.send(new ListVirtualServicesCommand(as(i))),
    describe: (c, i) => c.send(new DescribeVirtualServiceCommand(as(i))),
    create: (c, i) => c.send(new CreateVirtualServiceCommand(as(i))),
    update: (c, i) => c.send(new UpdateVirtualServiceCommand(as(i))),
    delete: (c, i) => c.send(new DeleteVirtualServiceCommand(as(i))),
  },
  VirtualRouter: {
    nameKey: "virtualRouterName",
    collection: "virtualRouters",
    member: "virtualRouter",
    plural: "VirtualRouters",
    list: (c, i) => c.send(new ListVirtualRoutersCommand(as(i))),
    describe: (c, i) => c.send(new DescribeVirtualRouterCommand(as(i))),
    create: (c, i) => c.send(new CreateVirtualRouterCommand(as(i))),
    update: (c, i) => c.send(new UpdateVirtualRouterCommand(as(i))),
    delete: (c, i) => c.send(new DeleteVirtualRouterCommand(as(i))),
  },
  Route: {
    nameKey: "routeName",
    parentKey: "virtualRouterName",
    collection: "routes",
    member: "route",
    plural: "Routes",
    list: (c, i) => c.send(new ListRoutesCommand(as(i))),
    describe: (c, i) => c.send(new DescribeRouteCommand(as(i))),
    create: (c, i) => c.send(new CreateRouteCommand(as(i))),
    update: (c, i) => c.send(new UpdateRouteCommand(as(i))),
    delete: (c, i) => c.send(new DeleteRouteCommand(as(i))),
  },
  VirtualGateway: {
    nameKey: "virtualGatewayName",
    collection: "virtualGateways",
    member: "virtualGateway",
    plural: "VirtualGateways",
    list: (c, i) => c.send(new ListVirtualGatewaysCommand(as(i))),
    describe: (c, i) => c.send(new DescribeVirtualGatewayCommand(as(i))),
    create: (c, i) => c.send(new CreateVirtualGatewayCommand(as(i))),
    update: (c, i) => c.send(new UpdateVirtualGatewayCommand(as(i))),
    delete: (c, i) => c.send(new DeleteVirtualGatewayCommand(as(i))),
  },
  GatewayRoute: {
    nameKey: "gatewayRouteName",
    parentKey: "virtualGatewayName",
    collection: "gatewayRoutes",
    member: "gatewayRoute",
    plural: "GatewayRoutes",
    list: (c, i) => c.send(new ListGatewayRoutesCommand(as(i))),
    describe: (c, i) => c.send(new DescribeGatewayRouteCommand(as(i))),
    create: (c, i) => c.send(new CreateGatewayRouteCommand(as(i))),
    update: (c, i) => c.send(new UpdateGatewayRouteCommand(as(i))),
    delete: (c, i) => c.send(new DeleteGatewayRouteCommand(as(i))),
  },
};

const PARENT_KIND: Partial<Record<ResourceKind, string>> = { Route: "virtual router", GatewayRoute: "virtual gateway" };

export class AppMeshAccess {
  private readonly pageSize: number;
  private readonly concurrency: number;
  /** Latest description known per ARN; a describe asking for that version is answered from here. */
  private readonly cache = new Map<string, ResourceDetail>();
  /** ARN per identity (kind, mesh, parent, name), learned from lists and describes. */
  private readonly arns = new Map<string, string>();
  /** Describes under way, so the same resource and version is fetched once at a time. */
  private readonly pending = new Map<string, Promise<ResourceDetail>>();
  /** Owner account per mesh name, learned from ListMeshes (needed for meshes shared by another account). */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly connection: AwsConnection,
    options: AppMeshAccessOptions = {},
  ) {
    this.pageSize = clamp(Math.floor(options.pageSize ?? 100), 1, 100);
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  }

  async listMeshes(nextToken?: string): Promise<Page<ResourceRef>> {
    const output = await this.call("Mesh", "list", "ListMeshes", { limit: this.pageSize, nextToken: nextToken || undefined });
    const page = this.toPage("Mesh", output);
    for (const mesh of page.items) if (mesh.meshOwner) this.owners.set(mesh.name, mesh.meshOwner);
    return page;
  }

  /** One page of a kind in a mesh; routes need their virtual router, gateway routes their virtual gateway. */
  async list(kind: ChildKind, meshName: string, parentName?: string, nextToken?: string): Promise<Page<ResourceRef>> {
    const api = API[kind];
    const operation = `List${api.plural}`;
    const input: Input = { meshName, limit: this.pageSize, nextToken: nextToken || undefined, meshOwner: this.owners.get(meshName) };
    if (api.parentKey) input[api.parentKey] = requireParent(kind, parentName, operation);
    return this.toPage(kind, await this.call(kind, "list", operation, input));
  }

  /** Every item of a kind, following nextToken page by page. */
  async listAll(kind: ChildKind, meshName: string, parentName?: string): Promise<ResourceRef[]> {
    return this.allPages(`List${API[kind].plural}`, (token) => this.list(kind, meshName, parentName, token));
  }

  /** Every item of a paged operation, following nextToken page by page (a token seen twice is an error, not a loop). */
  private async allPages<T>(operation: string, page: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const answer = await page(token);
      items.push(...answer.items);
      token = answer.nextToken;
      if (token !== undefined) {
        if (seen.has(token)) throw new AccessError({ kind: "service", operation, message: `${operation} failed: the service returned the same nextToken twice.` });
        seen.add(token);
      }
    } while (token);
    return items;
  }

  /**
   * The resource with its spec and status. With a version, an earlier answer for that ARN and
   * version is returned without a call; without one, the current state is fetched.
   */
  async describe(ref: ResourceIdentity, options: DescribeOptions = {}): Promise<ResourceDetail> {
    const api = API[ref.kind];
    const operation = `Describe${ref.kind}`;
    const parentName = api.parentKey ? requireParent(ref.kind, ref.parentName, operation) : undefined;
    const identity = identityOf(ref.kind, ref.meshName, parentName, ref.name);
    const arn = ref.arn ?? this.arns.get(identity);
    if (options.fresh) {
      // A read of its own: neither the cache nor a describe already under way answers it.
      const input = this.identityInput(ref.kind, ref.meshName, parentName, ref.name, operation, ref.meshOwner);
      return copy(this.remember(this.toDetail(ref.kind, await this.call(ref.kind, "describe", operation, input), operation)));
    }
    if (ref.version !== undefined && arn !== undefined) {
      const cached = this.cache.get(arn);
      if (cached && cached.version === ref.version) return copy(cached);
    }
    const key = `${identity}\u0000${ref.version ?? "latest"}`;
    let pending = this.pending.get(key);
    if (!pending) {
      const input = this.identityInput(ref.kind, ref.meshName, parentName, ref.name, operation, ref.meshOwner);
      pending = this.call(ref.kind, "describe", operation, input)
        .then((output) => this.remember(this.toDetail(ref.kind, output, operation)))
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return copy(await pending);
  }

  /** Describes each reference, at most `concurrency` at a time; results in the order given. */
  describeMany(refs: ResourceIdentity[]): Promise<PromiseSettledResult<ResourceDetail>[]> {
    return mapWithConcurrency(refs, this.concurrency, (ref) => this.describe(ref));
  }

  /** A resource's tags, every page of ListTagsForResource, in the order the service keeps them. */
  async tagsOf(arn: string): Promise<{ key: string; value: string }[]> {
    return this.allPages("ListTagsForResource", async (token) => {
      // The tag list's limit is 1–50, below the other lists' 100.
      const input = { resourceArn: arn, limit: Math.min(this.pageSize, 50), ...(token ? { nextToken: token } : {}) };
      const output = await this.connection.send("appmesh", "ListTagsForResource", () => this.connection.appMesh().send(new ListTagsForResourceCommand(input)), arn);
      const items = (output.tags ?? []).flatMap((tag) => (typeof tag.key === "string" ? [{ key: tag.key, value: tag.value ?? "" }] : []));
      return output.nextToken ? { items, nextToken: output.nextToken } : { items };
    });
  }

  /** The tags of each resource, at most `concurrency` calls at a time; results in the order given. */
  tagsOfMany(arns: string[]): Promise<PromiseSettledResult<{ key: string; value: string }[]>[]> {
    return mapWithConcurrency(arns, this.concurrency, (arn) => this.tagsOf(arn));
  }

  /** Creates a resource (for a mesh, meshName and name are the same; parentName only for routes and gateway routes). */
  async create(kind: ResourceKind, meshName: string, parentName: string | undefined, name: string, spec: Record<string, unknown> | undefined, tags?: { key: string; value: string }[]): Promise<ResourceDetail> {
    const operation = `Create${kind}`;
    const input = this.identityInput(kind, meshName, parentName, name, operation);
    if (kind === "Mesh") delete input.meshOwner; // CreateMesh takes no owner
    Object.assign(input, { spec, tags: tags?.length ? tags : undefined, clientToken: randomUUID() });
    if (kind !== "Mesh" && spec === undefined) input.spec = {};
    return this.remember(this.toDetail(kind, await this.call(kind, "create", operation, input), operation));
  }

  /**
   * Replaces a resource's spec; the answer carries the new version. `clientToken` makes a repeated
   * request (the same token and input) answer the first result instead of writing twice; a fresh
   * token is made when none is given.
   */
  async update(kind: ResourceKind, meshName: string, parentName: string | undefined, name: string, spec: Record<string, unknown> | undefined, clientToken?: string): Promise<ResourceDetail> {
    const operation = `Update${kind}`;
    const input = { ...this.identityInput(kind, meshName, parentName, name, operation), spec: spec ?? (kind === "Mesh" ? undefined : {}), clientToken: clientToken ?? randomUUID() };
    return this.remember(this.toDetail(kind, await this.call(kind, "update", operation, input), operation));
  }

  /** Deletes a resource; the answer describes it with status DELETED. */
  async delete(kind: ResourceKind, meshName: string, parentName: string | undefined, name: string): Promise<ResourceDetail> {
    const operation = `Delete${kind}`;
    const input = this.identityInput(kind, meshName, parentName, name, operation);
    const detail = this.toDetail(kind, await this.call(kind, "delete", operation, input), operation);
    this.forget(detail);
    return copy(detail);
  }

  clearCache(): void {
    this.cache.clear();
    this.arns.clear();
  }

  // ---------------------------------------------------------------- internals

  private call(kind: ResourceKind, verb: "list" | "describe" | "create" | "update" | "delete", operation: string, input: Input): Promise<unknown> {
    const client = this.connection.appMesh();
    return this.connection.send("appmesh", operation, () => API[kind][verb](client, withoutUndefined(input)), subjectOf(kind, verb, input));
  }

  private identityInput(kind: ResourceKind, meshName: string, parentName: string | undefined, name: string, operation: string, meshOwner?: string): Input {
    const api = API[kind];
    const input: Input = { meshName: kind === "Mesh" ? name || meshName : meshName, meshOwner: meshOwner ?? this.owners.get(meshName) };
    if (kind !== "Mesh") input[api.nameKey] = name;
    if (api.parentKey) input[api.parentKey] = requireParent(kind, parentName, operation);
    return input;
  }

  private toPage(kind: ResourceKind, output: unknown): Page<ResourceRef> {
    const out = (output ?? {}) as Record<string, unknown>;
    const list = out[API[kind].collection];
    const items = (Array.isArray(list) ? list : []).map((item) => toRef(kind, item as Record<string, unknown>));
    for (const item of items) this.arns.set(identityOf(kind, item.meshName, item.parentName, item.name), item.arn);
    const nextToken = typeof out.nextToken === "string" && out.nextToken !== "" ? out.nextToken : undefined;
    return nextToken === undefined ? { items } : { items, nextToken };
  }

  private toDetail(kind: ResourceKind, output: unknown, operation: string): ResourceDetail {
    const data = ((output ?? {}) as Record<string, unknown>)[API[kind].member] as Record<string, unknown> | undefined;
    if (!data || typeof data !== "object") {
      throw new AccessError({ kind: "service", operation, message: `${operation} failed: the answer holds no ${API[kind].member}.` });
    }
    const ref = toRef(kind, data);
    const metadata = (data.metadata ?? {}) as Record<string, unknown>;
    const status = (data.status as { status?: unknown } | undefined)?.status;
    const spec = plain(data.spec ?? {}) as Record<string, unknown>;
    return withoutUndefined({ ...ref, spec, status: typeof status === "string" ? status : "UNKNOWN", uid: str(metadata.uid) }) as ResourceDetail;
  }

  /** Keeps the newest description per ARN (never replacing a newer version with an older one). */
  private remember(detail: ResourceDetail): ResourceDetail {
    if (!detail.arn) return detail;
    this.arns.set(identityOf(detail.kind, detail.meshName, detail.parentName, detail.name), detail.arn);
    const known = this.cache.get(detail.arn);
    if (detail.status === "DELETED") this.forget(detail);
    else if (!known || known.version <= detail.version) this.cache.set(detail.arn, detail);
    return detail;
  }

  private forget(detail: ResourceDetail): void {
    this.cache.delete(detail.arn);
    this.arns.delete(identityOf(detail.kind, detail.meshName, detail.parentName, detail.name));
  }
}

/** A list item (flat metadata) or a describe answer (metadata member) as a ResourceRef. */
function toRef(kind: ResourceKind, item: Record<string, unknown>): ResourceRef {
  const api = API[kind];
  const meta = (item.metadata && typeof item.metadata === "object" ? item.metadata : item) as Record<string, unknown>;
  const meshName = str(item.meshName) ?? "";
  return withoutUndefined({
    kind,
    meshName,
    parentName: api.parentKey ? str(item[api.parentKey]) : undefined,
    name: kind === "Mesh" ? meshName : (str(item[api.nameKey]) ?? ""),
    arn: str(meta.arn) ?? "",
    version: typeof meta.version === "number" ? meta.version : 0,
    createdAt: date(meta.createdAt),
    lastUpdatedAt: date(meta.lastUpdatedAt),
    meshOwner: str(meta.meshOwner),
    resourceOwner: str(meta.resourceOwner),
  }) as ResourceRef;
}

function requireParent(kind: ResourceKind, parentName: string | undefined, operation: string): string {
  if (parentName) return parentName;
  throw new AccessError({
    kind: "invalid-request",
    operation,
    message: `${operation} failed: a ${kind} belongs to a ${PARENT_KIND[kind] ?? "parent"}; its name (parentName) is required.`,
  });
}

function identityOf(kind: ResourceKind, meshName: string, parentName: string | undefined, name: string): string {
  return [kind, meshName, parentName ?? "", name].join("\u0000");
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function date(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "number") return new Date(value * 1000);
  if (typeof value === "string") {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }
  return undefined;
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : high;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** SDK output as plain JSON: no undefined members, dates as ISO strings, bytes as base64. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(plain);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = plain(v);
  return out;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/** "mesh demo · VirtualRouter color-router · Route color-canary" for the call log. */
function subjectOf(kind: ResourceKind, verb: string, input: Input): string {
  const api = API[kind];
  const parts = [`mesh ${String(input.meshName ?? "")}`];
  const parent = api.parentKey ? input[api.parentKey] : undefined;
  if (typeof parent === "string") parts.push(`${kind === "Route" ? "VirtualRouter" : "VirtualGateway"} ${parent}`);
  const name = kind === "Mesh" ? undefined : input[api.nameKey];
  if (typeof name === "string") parts.push(`${kind} ${name}`);
  else if (verb === "list" && kind !== "Mesh") parts.push(`${api.plural}`);
  return kind === "Mesh" && verb === "list" ? "meshes" : parts.join(" · ");
}
