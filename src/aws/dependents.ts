// What refers to a live resource, so a delete confirmation can name it: services provided by a node
// or router, routes that target a node, gateway routes that target a service, and children.
import type { ResourceKind } from "../model/resources";
import { specReferences } from "../model/routeSemantics";
import type { AppMeshAccess, ResourceRef } from "./appMeshAccess";


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
  // Who names the resource, read through the model's route semantics.
  const names = (kind: ResourceKind, spec: Record<string, unknown>, role: "provider" | "target") =>
    specReferences(kind, spec).some((r) => r.role === role && r.kind === ref.kind && r.name === ref.name);
  if (ref.kind === "VirtualNode" || ref.kind === "VirtualRouter") {
    const services = await access.describeMany(await access.listAll("VirtualService", mesh));
    for (const result of services) {
      if (result.status === "fulfilled" && names("VirtualService", result.value.spec, "provider")) out.push(`VirtualService ${result.value.name} (provider)`);
    }
  }
  if (ref.kind === "VirtualNode" || ref.kind === "VirtualService") {
    const parentKind = ref.kind === "VirtualNode" ? "VirtualRouter" : "VirtualGateway";
    const childKind = ref.kind === "VirtualNode" ? "Route" : "GatewayRoute";
    for (const parent of await access.listAll(parentKind, mesh)) {
      const routes = await access.describeMany(await access.listAll(childKind, mesh, parent.name));
      for (const result of routes) {
        if (result.status === "fulfilled" && names(childKind, result.value.spec, "target")) out.push(`${childKind} ${parent.name}/${result.value.name} (target)`);
      }
    }
  }
  return out;
}
