// Names of live resources, one source per region shown: per mesh and kind, routes and gateway
// routes as "parent/name". Keyed by region because the same mesh name can exist in two regions.
import type { ResourceKind } from "../resources";

export interface LiveSnapshot {
  sources: { region: string; meshes: Record<string, Partial<Record<ResourceKind, string[]>>> }[];
}

/**
 * Live names of `kind` in meshes named `meshName`, merged over every region (a name counts as live
 * when any region's mesh of that name lists it). `meshName` undefined: every live mesh.
 */
export function liveNames(snapshot: LiveSnapshot, meshName: string | undefined, kind: ResourceKind): string[] {
  const names = new Set<string>();
  for (const source of snapshot.sources) {
    for (const [mesh, kinds] of Object.entries(source.meshes)) {
      if (meshName !== undefined && mesh !== meshName) continue;
      for (const name of kinds[kind] ?? []) names.add(name);
    }
  }
  return [...names];
}

/** True when any region has a live mesh of this name. */
export function isLiveMesh(snapshot: LiveSnapshot, meshName: string): boolean {
  return snapshot.sources.some((source) => Object.hasOwn(source.meshes, meshName));
}

/** Names of the live meshes over every region, each once. */
export function liveMeshNames(snapshot: LiveSnapshot): string[] {
  return [...new Set(snapshot.sources.flatMap((source) => Object.keys(source.meshes)))];
}
