// The sandbox's App Mesh state: meshes and their resources with metadata and status as the API
// returns them, the rules between resources (references must exist, delete order), tags and
// client tokens. Plain data, so it can be saved to a file and loaded again. One store per region.
import { randomUUID } from "node:crypto";
import type { ResourceKind } from "../../model/resources";
import { specReferences, type SpecReference } from "../../model/routeSemantics";
import { DEFAULT_REGION, ServiceError, SANDBOX_ACCOUNT, type Clock } from "../protocol";
import { ClientTokens, type TokenEntry } from "./clientTokens";
import { KINDS } from "./kinds";

export interface ResourceData {
  kind: ResourceKind;
  meshName: string;
  /** Router of a route, gateway of a gateway route. */
  parentName?: string;
  name: string;
  spec: Record<string, unknown>;
  metadata: { arn: string; version: number; uid: string; createdAt: number; lastUpdatedAt: number; meshOwner: string; resourceOwner: string };
  status: "ACTIVE" | "INACTIVE" | "DELETED";
}

export interface StoreSnapshot {
  resources: ResourceData[];
  tags: Record<string, { key: string; value: string }[]>;
  tokens: Record<string, TokenEntry>;
}

export interface StoreLimits {
  meshes: number;
  resourcesPerMesh: number;
}

const key = (kind: ResourceKind, mesh: string, parent: string | undefined, name: string) => `${kind}\u0000${mesh}\u0000${parent ?? ""}\u0000${name}`;

/**
 * References that keep their target from being deleted (ResourceInUseException): a service's
 * provider, and the service a gateway route sends to. A route's targets and a node's backends do
 * not: App Mesh lets those dangle.
 */
const HOLDS_TARGET: Partial<Record<ResourceKind, SpecReference["role"]>> = { VirtualService: "provider", GatewayRoute: "target" };

export class MeshStore {
  private readonly resources = new Map<string, ResourceData>();
  private readonly tags = new Map<string, { key: string; value: string }[]>();
  /** Client tokens of creates and updates, with the answers they got. */
  readonly tokens = new ClientTokens();

  constructor(
    private readonly clock: Clock,
    readonly limits: StoreLimits = { meshes: 100, resourcesPerMesh: 20_000 },
    readonly region: string = DEFAULT_REGION,
  ) {}

  arnOf(kind: ResourceKind, mesh: string, parent: string | undefined, name: string): string {
    const base = `arn:aws:appmesh:${this.region}:${SANDBOX_ACCOUNT}:mesh/${mesh}`;
    if (kind === "Mesh") return base;
    const parentKind = KINDS[kind].parent;
    const parentPart = parentKind ? `/${KINDS[parentKind].arnSegment}/${parent}` : "";
    return `${base}${parentPart}/${KINDS[kind].arnSegment}/${name}`;
  }

  get(kind: ResourceKind, mesh: string, parent: string | undefined, name: string): ResourceData | undefined {
    return this.resources.get(key(kind, mesh, parent, name));
  }

  /** Like get, but a missing mesh, parent or resource is a NotFoundException naming what is missing. */
  require(kind: ResourceKind, mesh: string, parent: string | undefined, name: string): ResourceData {
    if (kind !== "Mesh") this.requireMesh(mesh);
    const parentKind = KINDS[kind].parent;
    if (parentKind) this.require(parentKind, mesh, undefined, parent!);
    const found = this.get(kind, mesh, parent, name);
    if (!found) throw notFound(kind, name, kind === "Mesh" ? undefined : mesh);
    return found;
  }

  requireMesh(mesh: string): ResourceData {
    const found = this.get("Mesh", mesh, undefined, mesh);
    if (!found) throw notFound("Mesh", mesh);
    return found;
  }

  /** Resources of a kind in a mesh (under a parent for routes), in creation order. */
  list(kind: ResourceKind, mesh?: string, parent?: string): ResourceData[] {
    const out: ResourceData[] = [];
    for (const resource of this.resources.values()) {
      if (resource.kind !== kind) continue;
      if (mesh !== undefined && resource.meshName !== mesh) continue;
      if (parent !== undefined && resource.parentName !== parent) continue;
      out.push(resource);
    }
    return out;
  }

  all(): ResourceData[] {
    return [...this.resources.values()];
  }

  create(kind: ResourceKind, mesh: string, parent: string | undefined, name: string, spec: Record<string, unknown>, tags: { key: string; value: string }[] | undefined): ResourceData {
    if (kind === "Mesh") {
      if (this.get("Mesh", mesh, undefined, mesh)) throw new ServiceError("ConflictException", 409, `Mesh with name ${mesh} already exists.`);
      if (this.list("Mesh").length >= this.limits.meshes) throw new ServiceError("LimitExceededException", 400, `This account already has ${this.limits.meshes} meshes, the most it may have.`);
    } else {
      this.requireMesh(mesh);
      const parentKind = KINDS[kind].parent;
      if (parentKind) this.require(parentKind, mesh, undefined, parent!);
      if (this.get(kind, mesh, parent, name)) throw new ServiceError("ConflictException", 409, `${kind} with name ${name} already exists in mesh ${mesh}.`);
      if (this.all().filter((r) => r.meshName === mesh).length >= this.limits.resourcesPerMesh) {
        throw new ServiceError("LimitExceededException", 400, `Mesh ${mesh} already holds ${this.limits.resourcesPerMesh} resources, the most it may have.`);
      }
    }
    if ((tags?.length ?? 0) > 50) throw new ServiceError("TooManyTagsException", 400, "A resource can have at most 50 tags.");
    this.checkReferences(kind, mesh, spec);
    const now = this.clock.now() / 1000;
    const arn = this.arnOf(kind, mesh, parent, name);
    const resource: ResourceData = {
      kind,
      meshName: mesh,
      parentName: parent,
      name,
      spec,
      metadata: { arn, version: 1, uid: randomUUID(), createdAt: now, lastUpdatedAt: now, meshOwner: SANDBOX_ACCOUNT, resourceOwner: SANDBOX_ACCOUNT },
      status: "ACTIVE",
    };
    this.resources.set(key(kind, mesh, parent, name), resource);
    if (tags?.length) this.tags.set(arn, [...tags]);
    return resource;
  }

  update(kind: ResourceKind, mesh: string, parent: string | undefined, name: string, spec: Record<string, unknown>): ResourceData {
    const resource = this.require(kind, mesh, parent, name);
    this.checkReferences(kind, mesh, spec);
    resource.spec = spec;
    resource.metadata.version += 1;
    resource.metadata.lastUpdatedAt = this.clock.now() / 1000;
    return resource;
  }

  delete(kind: ResourceKind, mesh: string, parent: string | undefined, name: string): ResourceData {
    const resource = this.require(kind, mesh, parent, name);
    this.checkDeletable(resource);
    this.resources.delete(key(kind, mesh, parent, name));
    this.tags.delete(resource.metadata.arn);
    return { ...resource, status: "DELETED" };
  }

  /** A route's targets, a service's provider and a gateway route's service must exist (NotFoundException); backends need not. */
  private checkReferences(kind: ResourceKind, mesh: string, spec: Record<string, unknown>): void {
    for (const reference of specReferences(kind, spec)) {
      if (reference.role === "backend") continue;
      if (!this.get(reference.kind, mesh, undefined, reference.name)) throw notFound(reference.kind, reference.name, mesh);
    }
  }

  /** Delete order, as App Mesh enforces it (ResourceInUseException). */
  private checkDeletable(resource: ResourceData): void {
    const inUse = (message: string) => new ServiceError("ResourceInUseException", 409, message);
    const { kind, meshName: mesh, name } = resource;
    if (kind === "Mesh") {
      const left = this.all().filter((r) => r.meshName === mesh && r.kind !== "Mesh");
      if (left.length) throw inUse(`Mesh ${mesh} still holds ${left.length} resource${left.length === 1 ? "" : "s"}; delete them first.`);
      return;
    }
    for (const [holderKind, role] of Object.entries(HOLDS_TARGET) as [ResourceKind, SpecReference["role"]][]) {
      const holder = this.list(holderKind, mesh).find((r) => specReferences(holderKind, r.spec).some((ref) => ref.role === role && ref.kind === kind && ref.name === name));
      if (!holder) continue;
      if (holderKind === "VirtualService") throw inUse(`${kind} ${name} provides virtual service ${holder.name}.`);
      throw inUse(`${kind} ${name} is the target of gateway route ${holder.name} of virtual gateway ${holder.parentName}.`);
    }
    if (kind === "VirtualRouter" && this.list("Route", mesh, name).length) throw inUse(`VirtualRouter ${name} still has routes.`);
    if (kind === "VirtualGateway" && this.list("GatewayRoute", mesh, name).length) throw inUse(`VirtualGateway ${name} still has gateway routes.`);
  }

  tagsOf(arn: string): { key: string; value: string }[] {
    this.requireArn(arn);
    return this.tags.get(arn) ?? [];
  }

  tag(arn: string, tags: { key: string; value: string }[]): void {
    this.requireArn(arn);
    const merged = new Map((this.tags.get(arn) ?? []).map((t) => [t.key, t.value]));
    for (const t of tags) merged.set(t.key, t.value);
    if (merged.size > 50) throw new ServiceError("TooManyTagsException", 400, "A resource can have at most 50 tags.");
    this.tags.set(arn, [...merged].map(([k, value]) => ({ key: k, value })));
  }

  untag(arn: string, keys: string[]): void {
    this.requireArn(arn);
    this.tags.set(arn, (this.tags.get(arn) ?? []).filter((t) => !keys.includes(t.key)));
  }

  private requireArn(arn: string): void {
    if (!this.all().some((r) => r.metadata.arn === arn)) throw new ServiceError("NotFoundException", 404, `No resource with ARN ${arn}.`);
  }

  snapshot(): StoreSnapshot {
    return { resources: this.all(), tags: Object.fromEntries(this.tags), tokens: this.tokens.snapshot() };
  }

  restore(snapshot: StoreSnapshot): void {
    this.resources.clear();
    for (const r of snapshot.resources) this.resources.set(key(r.kind, r.meshName, r.parentName, r.name), r);
    this.tags.clear();
    for (const [arn, tags] of Object.entries(snapshot.tags)) this.tags.set(arn, tags);
    this.tokens.restore(snapshot.tokens);
  }
}

export function notFound(kind: ResourceKind, name: string, mesh?: string): ServiceError {
  return new ServiceError("NotFoundException", 404, `${kind} ${name} not found${mesh ? ` in mesh ${mesh}` : ""}.`);
}
