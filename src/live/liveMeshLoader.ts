// What the views load of a live mesh, without the views: a category lists names only (one page),
// its specs follow with bounded concurrency (and, for virtual nodes that use Cloud Map, their
// instances as Envoy would discover them); a router or gateway lists its routes with their specs;
// and a whole mesh loads once for drift and apply. The tree, Definitions' drift, the tests and the
// explorer benchmark all load through here, so "one load" means the same calls everywhere.
import type { AppMeshAccess, ResourceDetail, ResourceRef } from "../aws/appMeshAccess";
import type { CloudMapAccess, CloudMapInstance } from "../aws/cloudMapAccess";
import { mapWithConcurrency } from "../aws/concurrency";
import { AccessError } from "../aws/errors";
import { keyInMesh, type ResourceKind } from "../model/resources";
import { discoverySummary } from "../model/summaries";

export type CategoryKind = "VirtualService" | "VirtualRouter" | "VirtualNode" | "VirtualGateway";
export const CATEGORY_KINDS: CategoryKind[] = ["VirtualService", "VirtualRouter", "VirtualNode", "VirtualGateway"];

/** Cloud Map discovery calls at once (DiscoverInstances is a data-plane call with its own limits). */
const DISCOVERY_CONCURRENCY = 4;

/** A virtual node's Cloud Map instances, found with the node's discovery attributes. */
export interface NodeInstances {
  service: string;
  instances: CloudMapInstance[];
  healthy: number;
}

export interface LoadedResource {
  detail?: ResourceDetail;
  detailError?: unknown;
  /** Set for virtual nodes whose discovery is Cloud Map. */
  instances?: NodeInstances;
  instancesError?: unknown;
}

export interface CategoryPage {
  refs: ResourceRef[];
  nextToken?: string;
  /** What stands behind the page's names, loading in the background, in the order of `refs`. */
  loaded: Promise<LoadedResource[]>;
}

export interface LoadedRoute {
  ref: ResourceRef;
  detail?: ResourceDetail;
  error?: unknown;
}

/** Every resource of a live mesh (the mesh itself included) by keyInMesh. */
export type LiveMesh = Map<string, ResourceDetail>;

export class LiveMeshLoader {
  private readonly readingMeshes = new Map<string, Promise<LiveMesh | undefined>>();
  constructor(
    private readonly access: AppMeshAccess,
    private readonly cloudMap?: CloudMapAccess,
  ) {}

  /** One page of a category: a List call; the Describes (and discoveries) start but are not awaited. */
  async category(meshName: string, kind: CategoryKind, nextToken?: string): Promise<CategoryPage> {
    const page = await this.access.list(kind, meshName, undefined, nextToken);
    const loaded = this.resources(page.items);
    loaded.catch(() => undefined); // failures are per item, reported where the item is drawn
    return { refs: page.items, nextToken: page.nextToken, loaded };
  }

  /**
   * The specs behind references (and Cloud Map instances for virtual nodes). With `fresh`, the
   * current state is fetched even when a version is known (a refresh).
   */
  async resources(refs: ResourceRef[], fresh = false): Promise<LoadedResource[]> {
    const details = await this.access.describeMany(fresh ? refs.map((r) => ({ ...r, version: undefined })) : refs);
    const out: LoadedResource[] = details.map((result) => (result.status === "fulfilled" ? { detail: result.value } : { detailError: result.reason }));
    const withDiscovery = out.filter((r) => r.detail?.kind === "VirtualNode" && discoverySummary(r.detail.spec).cloudMap);
    await mapWithConcurrency(withDiscovery, DISCOVERY_CONCURRENCY, async (resource) => {
      try {
        resource.instances = await this.instances(resource.detail!);
      } catch (error) {
        resource.instancesError = error;
      }
    });
    return out;
  }

  /** The Cloud Map instances Envoy would see for a virtual node (its attributes as query parameters). */
  async instances(detail: ResourceDetail): Promise<NodeInstances | undefined> {
    const cloudMap = discoverySummary(detail.spec).cloudMap;
    if (!cloudMap || !this.cloudMap) return undefined;
    const instances = await this.cloudMap.instances(cloudMap.namespaceName, cloudMap.serviceName, cloudMap.attributes);
    return { service: `${cloudMap.serviceName}.${cloudMap.namespaceName}`, instances, healthy: instances.filter((i) => i.health === "HEALTHY").length };
  }

  /** Routes of a router (or gateway routes of a gateway) with the details that hold their weights. */
  async routesOf(meshName: string, parent: ResourceRef): Promise<LoadedRoute[]> {
    const kind: ResourceKind = parent.kind === "VirtualRouter" ? "Route" : "GatewayRoute";
    const refs = await this.access.listAll(kind as "Route" | "GatewayRoute", meshName, parent.name);
    const details = await this.access.describeMany(refs);
    return refs.map((ref, i) => {
      const result = details[i];
      return result.status === "fulfilled" ? { ref, detail: result.value } : { ref, error: result.reason };
    });
  }

  /**
   * A whole live mesh for drift, apply and tests: the mesh, every page of every category and every
   * route, with specs. Undefined when the mesh does not exist there (an expected answer, not an error).
   */
  liveMesh(meshName: string): Promise<LiveMesh | undefined> {
    // Two asking at once (a map and its migration map side by side) share one read.
    let reading = this.readingMeshes.get(meshName);
    if (!reading) {
      reading = this.readMesh(meshName).finally(() => this.readingMeshes.delete(meshName));
      this.readingMeshes.set(meshName, reading);
    }
    return reading;
  }

  private async readMesh(meshName: string): Promise<LiveMesh | undefined> {
    let mesh: ResourceDetail;
    try {
      mesh = await this.access.describe({ kind: "Mesh", meshName, name: meshName });
    } catch (error) {
      if (error instanceof AccessError && error.kind === "not-found") return undefined;
      throw error;
    }
    const refs: ResourceRef[] = [];
    for (const kind of CATEGORY_KINDS) refs.push(...(await this.access.listAll(kind, meshName)));
    for (const parent of refs.filter((r) => r.kind === "VirtualRouter" || r.kind === "VirtualGateway")) {
      refs.push(...(await this.access.listAll(parent.kind === "VirtualRouter" ? "Route" : "GatewayRoute", meshName, parent.name)));
    }
    const out: LiveMesh = new Map([[keyInMesh("Mesh", undefined, meshName), mesh]]);
    for (const result of await this.access.describeMany(refs)) {
      if (result.status === "rejected") throw result.reason;
      out.set(keyInMesh(result.value.kind, result.value.parentName, result.value.name), result.value);
    }
    return out;
  }
}
