// What refers to a live resource, so a delete confirmation can name it: services provided by a node
// or router, routes that target a node, gateway routes that target a service, and children.
import type { ResourceKind } from "../model/resources";
import type { AppMeshAccess, ResourceRef } from "./appMeshAccess";

type Obj = Record<string, unknown>;
const get = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Obj)[key] : undefined), value);

export async function dependentsOf(access: AppMeshAccess, ref: Pick<ResourceRef, "kind" | "meshName" | "name">): Promise<string[]> {
  const mesh = ref.meshName;
  const out: string[] = [];
  const kinds: Exclude<ResourceKind, "Mesh">[] = ["VirtualNode", "VirtualService", "VirtualRouter", "VirtualGateway"];
  if (ref.kind === "Mesh") {
    for (const kind of kinds) for (const child of await access.listAll(kind, mesh)) out.push(`${kind} ${child.name}`);
    return out;
  }
  if (ref.kind === "VirtualRouter" || ref.kind === "VirtualGateway") {
    const childKind = ref.kind === "VirtualRouter" ? "Route" : "GatewayRoute";
    for (const child of await access.listAll(childKind, mesh, ref.name)) out.push(`${childKind} ${child.name}`);
  }
  if (ref.kind === "VirtualNode" || ref.kind === "VirtualRouter") {
    const services = await access.describeMany(await access.listAll("VirtualService", mesh));
    for (const result of services) {
      if (result.status !== "fulfilled") continue;
      const provider = ref.kind === "VirtualNode" ? get(result.value.spec, "provider", "virtualNode", "virtualNodeName") : get(result.value.spec, "provider", "virtualRouter", "virtualRouterName");
      if (provider === ref.name) out.push(`VirtualService ${result.value.name} (provider)`);
    }
  }
  if (ref.kind === "VirtualNode") {
    for (const router of await access.listAll("VirtualRouter", mesh)) {
      const routes = await access.describeMany(await access.listAll("Route", mesh, router.name));
      for (const result of routes) {
        if (result.status !== "fulfilled") continue;
        const spec = result.value.spec;
        const targets = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"].flatMap((t) => (get(spec, t, "action", "weightedTargets") as Obj[] | undefined) ?? []);
        if (targets.some((t) => t.virtualNode === ref.name)) out.push(`Route ${router.name}/${result.value.name} (target)`);
      }
    }
  }
  if (ref.kind === "VirtualService") {
    for (const gateway of await access.listAll("VirtualGateway", mesh)) {
      const routes = await access.describeMany(await access.listAll("GatewayRoute", mesh, gateway.name));
      for (const result of routes) {
        if (result.status !== "fulfilled") continue;
        const spec = result.value.spec;
        const targeted = ["httpRoute", "http2Route", "grpcRoute"].some((t) => get(spec, t, "action", "target", "virtualService", "virtualServiceName") === ref.name);
        if (targeted) out.push(`GatewayRoute ${gateway.name}/${result.value.name} (target)`);
      }
    }
  }
  return out;
}
