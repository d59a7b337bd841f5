// Loads a live mesh's resources with their specs, for drift and apply: lists, then describes with
// the access layer's bounded concurrency and version cache.
import type { AppMeshAccess, ResourceDetail, ResourceRef } from "../../aws/appMeshAccess";
import { AccessError } from "../../aws/errors";
import { resourceKey } from "./definitionsTree";

export async function loadLiveMesh(access: AppMeshAccess, meshName: string): Promise<Map<string, ResourceDetail> | undefined> {
  let mesh: ResourceDetail;
  try {
    mesh = await access.describe({ kind: "Mesh", meshName, name: meshName });
  } catch (error) {
    if (error instanceof AccessError && error.kind === "not-found") return undefined;
    throw error;
  }
  const refs: ResourceRef[] = [];
  for (const kind of ["VirtualNode", "VirtualService", "VirtualRouter", "VirtualGateway"] as const) refs.push(...(await access.listAll(kind, meshName)));
  for (const router of refs.filter((r) => r.kind === "VirtualRouter")) refs.push(...(await access.listAll("Route", meshName, router.name)));
  for (const gateway of refs.filter((r) => r.kind === "VirtualGateway")) refs.push(...(await access.listAll("GatewayRoute", meshName, gateway.name)));
  const details = await access.describeMany(refs);
  const out = new Map<string, ResourceDetail>([[resourceKey("Mesh", undefined, meshName), mesh]]);
  details.forEach((result) => {
    if (result.status === "fulfilled") out.set(resourceKey(result.value.kind, result.value.parentName, result.value.name), result.value);
  });
  const failed = details.find((d) => d.status === "rejected");
  if (failed && failed.status === "rejected") throw failed.reason;
  return out;
}
