// App Mesh's REST API (restJson1 under /v20190125) over the sandbox's store: list, describe,
// create, update and delete for every kind, tags, pagination, meshOwner and client tokens.
import type { ResourceKind } from "../../model/resources";
import { ServiceError, SANDBOX_ACCOUNT, type SandboxRequest, type SandboxResponse, type SandboxService } from "../protocol";
import { requestFingerprint } from "./clientTokens";
import { KINDS, PARENT_SEGMENT } from "./kinds";
import type { MeshStore, ResourceData } from "./store";
import { validateInput } from "./validateRequest";

const PREFIX = "/v20190125";

interface Target {
  kind: ResourceKind;
  mesh: string;
  parent?: string;
  /** Undefined for a collection URL. */
  name?: string;
}

/** Maps a path to the resource or collection it names; undefined when it is no App Mesh resource path. */
function parsePath(path: string): Target | undefined {
  const parts = path.slice(PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== "meshes") return undefined;
  if (parts.length === 1) return { kind: "Mesh", mesh: "" };
  const mesh = parts[1];
  if (parts.length === 2) return { kind: "Mesh", mesh, name: mesh };
  for (const kind of ["VirtualNode", "VirtualService", "VirtualRouter", "VirtualGateway"] as const) {
    if (parts[2] === KINDS[kind].collection && parts.length <= 4) return { kind, mesh, name: parts[3] };
  }
  for (const kind of ["Route", "GatewayRoute"] as const) {
    const parentKind = KINDS[kind].parent!;
    if (parts[2] === PARENT_SEGMENT[parentKind] && parts[4] === KINDS[kind].collection && parts.length <= 6) {
      return { kind, mesh, parent: parts[3], name: parts[5] };
    }
  }
  return undefined;
}

export class AppMeshService implements SandboxService {
  readonly name = "appmesh";
  readonly protocol = "restJson1" as const;
  readonly throttleError = { type: "TooManyRequestsException", status: 429 };
  readonly serverError = { type: "InternalServerErrorException", status: 500 };

  constructor(
    private readonly store: MeshStore,
    /** Called after every acknowledged change, before the answer goes out (state files hook in here). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  owns(request: SandboxRequest): boolean {
    return request.path.startsWith(`${PREFIX}/`);
  }

  /** The mesh a request is about, for per-mesh faults (forbidden meshes). */
  meshOf(request: SandboxRequest): string | undefined {
    const target = parsePath(request.path);
    if (target?.mesh) return target.mesh;
    const arn = request.query.get("resourceArn");
    return arn ? /:mesh\/([^/]+)/.exec(arn)?.[1] : undefined;
  }

  handle(request: SandboxRequest): SandboxResponse {
    const path = request.path;
    if (path === `${PREFIX}/tags` && request.method === "GET") return this.listTags(request);
    if ((path === `${PREFIX}/tag` || path === `${PREFIX}/untag`) && request.method === "PUT") return this.changeTags(request, path.endsWith("/untag"));
    const target = parsePath(path);
    if (!target) throw new ServiceError("NotFoundException", 404, `No App Mesh operation at ${request.method} ${path}.`);
    this.checkOwner(request, target);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const collection = target.name === undefined;

    if (collection) {
      if (request.method === "GET") return this.list(target, request);
      if (request.method === "PUT") return this.create(target, body);
    } else {
      if (request.method === "GET") return ok(this.render(this.store.require(target.kind, target.mesh, target.parent, target.name!)));
      if (request.method === "PUT") return this.update(target, body);
      if (request.method === "DELETE") {
        const deleted = this.store.delete(target.kind, target.mesh, target.parent, target.name!);
        this.onChange();
        return ok(this.render(deleted));
      }
    }
    throw new ServiceError("BadRequestException", 400, `${request.method} is not supported on ${path}.`);
  }

  private checkOwner(request: SandboxRequest, target: Target): void {
    const owner = request.query.get("meshOwner");
    if (owner && owner !== SANDBOX_ACCOUNT) {
      throw new ServiceError("NotFoundException", 404, `Mesh ${target.mesh} owned by ${owner} is not shared with account ${SANDBOX_ACCOUNT}.`);
    }
  }

  private list(target: Target, request: SandboxRequest): SandboxResponse {
    const limitText = request.query.get("limit");
    const limit = limitText === null ? 100 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ServiceError("BadRequestException", 400, `limit must be between 1 and 100 (got ${limitText}).`);
    if (target.kind !== "Mesh") this.store.requireMesh(target.mesh);
    if (target.parent) this.store.require(KINDS[target.kind].parent!, target.mesh, undefined, target.parent);
    const all = target.kind === "Mesh" ? this.store.list("Mesh") : this.store.list(target.kind, target.mesh, target.parent);
    const start = decodeToken(request.query.get("nextToken"), all.length);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? encodeToken(start + limit) : undefined;
    return ok({ [KINDS[target.kind].collection]: page.map((r) => this.reference(r)), ...(next ? { nextToken: next } : {}) });
  }

  private create(target: Target, body: Record<string, unknown>): SandboxResponse {
    const kind = target.kind;
    const name = String(body[KINDS[kind].nameKey] ?? "");
    const mesh = kind === "Mesh" ? name : target.mesh;
    return this.idempotent(`create${kind}`, target, body, () => {
      validateInput(kind, { meshName: mesh, parentName: target.parent, name }, body);
      const spec = withDefaults(kind, (body.spec as Record<string, unknown>) ?? {});
      return this.store.create(kind, mesh, target.parent, name, spec, body.tags as { key: string; value: string }[] | undefined);
    });
  }

  private update(target: Target, body: Record<string, unknown>): SandboxResponse {
    return this.idempotent(`update${target.kind}`, target, body, () => {
      this.store.require(target.kind, target.mesh, target.parent, target.name!);
      validateInput(target.kind, { meshName: target.mesh, parentName: target.parent, name: target.name! }, { spec: body.spec });
      return this.store.update(target.kind, target.mesh, target.parent, target.name!, withDefaults(target.kind, (body.spec as Record<string, unknown>) ?? {}));
    });
  }

  /**
   * Applies a create or update once per client token: a retry of the same request gets the first
   * answer again (the version does not move twice); the token with another request is a conflict.
   */
  private idempotent(operation: string, target: Target, body: Record<string, unknown>, apply: () => ResourceData): SandboxResponse {
    const token = typeof body.clientToken === "string" ? body.clientToken : undefined;
    const { clientToken: _token, ...request } = body;
    const fingerprint = requestFingerprint({ mesh: target.mesh, parent: target.parent, name: target.name, request });
    const earlier = this.store.tokens.recall(operation, token, fingerprint);
    if (earlier) return ok(this.render(earlier));
    const resource = apply();
    this.store.tokens.remember(operation, token, fingerprint, resource);
    this.onChange();
    return ok(this.render(resource));
  }

  private listTags(request: SandboxRequest): SandboxResponse {
    const arn = requireArn(request);
    const tags = this.store.tagsOf(arn);
    // ListTagsForResource pages by at most 50 (TagsLimit), not the other lists' 100.
    const limitText = request.query.get("limit");
    const limit = limitText === null ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new ServiceError("BadRequestException", 400, `limit must be between 1 and 50 (got ${limitText}).`);
    const start = decodeToken(request.query.get("nextToken"), tags.length);
    const next = start + limit < tags.length ? encodeToken(start + limit) : undefined;
    return ok({ tags: tags.slice(start, start + limit), ...(next ? { nextToken: next } : {}) });
  }

  private changeTags(request: SandboxRequest, untag: boolean): SandboxResponse {
    const arn = requireArn(request);
    const body = (request.body ?? {}) as { tags?: { key: string; value: string }[]; tagKeys?: string[] };
    if (untag) this.store.untag(arn, body.tagKeys ?? []);
    else this.store.tag(arn, body.tags ?? []);
    this.onChange();
    return ok({});
  }

  /** The resource as describe/create/update/delete return it. */
  render(resource: ResourceData): Record<string, unknown> {
    const info = KINDS[resource.kind];
    const out: Record<string, unknown> = { meshName: resource.meshName };
    if (info.parent) out[KINDS[info.parent].nameKey] = resource.parentName;
    if (resource.kind !== "Mesh") out[info.nameKey] = resource.name;
    out.spec = resource.spec;
    out.metadata = resource.metadata;
    out.status = { status: resource.status };
    return out;
  }

  /** The resource as list operations return it: names and metadata, never the spec. */
  private reference(resource: ResourceData): Record<string, unknown> {
    const info = KINDS[resource.kind];
    const { arn, version, createdAt, lastUpdatedAt, meshOwner, resourceOwner } = resource.metadata;
    const out: Record<string, unknown> = { meshName: resource.meshName };
    if (info.parent) out[KINDS[info.parent].nameKey] = resource.parentName;
    if (resource.kind !== "Mesh") out[info.nameKey] = resource.name;
    return { ...out, meshOwner, resourceOwner, arn, version, createdAt, lastUpdatedAt };
  }
}

function ok(body: unknown): SandboxResponse {
  return { status: 200, body };
}

function requireArn(request: SandboxRequest): string {
  const arn = request.query.get("resourceArn");
  if (!arn) throw new ServiceError("BadRequestException", 400, "resourceArn is required.");
  return arn;
}

/** A mesh without an egress filter is DROP_ALL, as the API reports it. */
function withDefaults(kind: ResourceKind, spec: Record<string, unknown>): Record<string, unknown> {
  if (kind === "Mesh" && spec.egressFilter === undefined) return { ...spec, egressFilter: { type: "DROP_ALL" } };
  return spec;
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

function decodeToken(token: string | null, length: number): number {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset: number };
    if (Number.isInteger(offset) && offset >= 0 && offset <= length) return offset;
  } catch {
    // fall through
  }
  throw new ServiceError("BadRequestException", 400, "The nextToken is not valid.");
}
