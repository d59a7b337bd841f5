// Creates model resources in the sandbox's store in dependency order, through the same request
// validation as the API, so a seed is held to the rules a real mesh would be.
import { isKnown, type MeshResource, type ResourceKind } from "../../model/resources";
import { toApiShape } from "../../model/writers/writers";
import type { MeshStore } from "../appmesh/store";
import { validateInput } from "../appmesh/validateRequest";

const ORDER: ResourceKind[] = ["Mesh", "VirtualNode", "VirtualRouter", "Route", "VirtualService", "VirtualGateway", "GatewayRoute"];

export interface ApplyResult {
  created: number;
  skipped: { resource: string; reason: string }[];
}

export function applyDefinitions(store: MeshStore, resources: MeshResource[]): ApplyResult {
  const result: ApplyResult = { created: 0, skipped: [] };
  const sorted = [...resources].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  for (const resource of sorted) {
    const label = `${resource.kind} ${isKnown(resource.name) ? resource.name : "(unnamed)"}`;
    if (!isKnown(resource.name) || !isKnown(resource.meshName) || (resource.parentName !== undefined && !isKnown(resource.parentName))) {
      result.skipped.push({ resource: label, reason: "its name, mesh or parent is a placeholder or intrinsic" });
      continue;
    }
    const body = toApiShape(resource);
    try {
      validateInput(resource.kind, { meshName: resource.meshName, parentName: resource.parentName, name: resource.name }, body);
      store.create(resource.kind, resource.meshName, resource.parentName, resource.name, body.spec as Record<string, unknown>, resource.tags);
      result.created++;
    } catch (error) {
      result.skipped.push({ resource: label, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
