// What the Meshes view loads, without the view: a category lists names only (one page), its specs
// follow with bounded concurrency, and a router or gateway lists its routes and describes them for
// their weights. The tree, its tests and the explorer benchmark all load through here.
import type { AppMeshAccess, ResourceDetail, ResourceRef } from "../aws/appMeshAccess";
import type { ResourceKind } from "../model/resources";

export type CategoryKind = "VirtualService" | "VirtualRouter" | "VirtualNode" | "VirtualGateway";
export const CATEGORY_KINDS: CategoryKind[] = ["VirtualService", "VirtualRouter", "VirtualNode", "VirtualGateway"];

export interface CategoryPage {
  refs: ResourceRef[];
  nextToken?: string;
  /** The specs behind the page, loading in the background (bounded by the access layer). */
  details: Promise<PromiseSettledResult<ResourceDetail>[]>;
}

export interface LoadedRoute {
  ref: ResourceRef;
  detail?: ResourceDetail;
  error?: unknown;
}

export class LiveMeshLoader {
  constructor(private readonly access: AppMeshAccess) {}

  /** One page of a category: a List call; the Describes start but are not awaited. */
  async category(meshName: string, kind: CategoryKind, nextToken?: string): Promise<CategoryPage> {
    const page = await this.access.list(kind, meshName, undefined, nextToken);
    const details = this.access.describeMany(page.items);
    details.catch(() => undefined); // failures are per item, reported where the item is drawn
    return { refs: page.items, nextToken: page.nextToken, details };
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

  /** Everything the tree can show of a mesh, for tests and benchmarks: every page of every category with specs, and every route. */
  async wholeMesh(meshName: string): Promise<{ resources: ResourceDetail[]; routes: LoadedRoute[] }> {
    const resources: ResourceDetail[] = [];
    const routes: LoadedRoute[] = [];
    for (const kind of CATEGORY_KINDS) {
      let token: string | undefined;
      do {
        const page = await this.category(meshName, kind, token);
        for (const result of await page.details) {
          if (result.status === "rejected") throw result.reason;
          resources.push(result.value);
        }
        token = page.nextToken;
        if (kind === "VirtualRouter" || kind === "VirtualGateway") {
          for (const ref of page.refs) routes.push(...(await this.routesOf(meshName, ref)));
        }
      } while (token);
    }
    const failed = routes.find((r) => r.error);
    if (failed) throw failed.error;
    return { resources, routes };
  }
}
