// Inline Kubernetes routes belong to the VirtualRouter object they are written in; several
// definitions of one router (v1 and v2 of a canary) each keep their own routes.
import type { MeshResource } from "../resources";

/** For each inline Kubernetes route, the router object it was read from. */
export function kubernetesRouterObjects(all: readonly MeshResource[]): Map<MeshResource, MeshResource> {
  const routersByUri = new Map<string, MeshResource[]>();
  for (const router of all) {
    if (router.dialect !== "kubernetes" || router.kind !== "VirtualRouter") continue;
    const list = routersByUri.get(router.uri);
    if (list) list.push(router);
    else routersByUri.set(router.uri, [router]);
  }
  const out = new Map<MeshResource, MeshResource>();
  for (const route of all) {
    if (route.dialect !== "kubernetes" || route.kind !== "Route") continue;
    const router = routersByUri.get(route.uri)?.find((r) => r.span.start <= route.span.start && route.span.end <= r.span.end);
    if (router) out.set(route, router);
  }
  return out;
}
