// The names of live resources the Meshes view has loaded, per region and mesh, for the language
// server's live snapshot (so references to live resources resolve and complete). The same mesh
// name in two regions stays two entries.
import type { ResourceKind } from "../model/resources";
import type { LiveSnapshot } from "../model/workspaceIndex";

export class LiveNames {
  private readonly byRegion = new Map<string, Map<string, Partial<Record<ResourceKind, string[]>>>>();

  constructor(private readonly publish: (snapshot: LiveSnapshot) => void) {}

  /** Records the names of one kind in a mesh (all loaded pages) and publishes the snapshot. */
  loaded(region: string, meshName: string, kind: ResourceKind, names: string[]): void {
    let meshes = this.byRegion.get(region);
    if (!meshes) this.byRegion.set(region, (meshes = new Map()));
    let kinds = meshes.get(meshName);
    if (!kinds) meshes.set(meshName, (kinds = {}));
    kinds[kind] = [...names];
    this.publish(this.snapshot());
  }

  /** Forgets everything (the connections changed). */
  clear(): void {
    this.byRegion.clear();
    this.publish(this.snapshot());
  }

  snapshot(): LiveSnapshot {
    return { sources: [...this.byRegion].map(([region, meshes]) => ({ region, meshes: Object.fromEntries(meshes) })) };
  }
}
