// Migration sources from the workspace's definitions, as the index reads them: one per mesh, each
// resource with the line it is defined at. The index's analysis has filled references written as
// intrinsic functions (!GetAtt, !Ref) or Kubernetes object names with the App Mesh names they
// resolve to, so a CloudFormation template migrates like the CLI input of the same mesh.
import { isKnown, resourceKey, type MeshResource } from "../resources";
import type { WorkspaceIndex } from "../workspaceIndex";
import type { MigrationSource, Obj } from "./migrationSource";

/** `lineOf(uri, offset)` gives a 0-based line; `keep` picks the resources (a mesh, a file). */
export function sourcesFromIndex(index: WorkspaceIndex, lineOf: (uri: string, offset: number) => number, keep: (resource: MeshResource) => boolean = () => true): MigrationSource[] {
  const byMesh = new Map<string, MigrationSource>();
  const seen = new Set<string>();
  for (const resource of index.resources()) {
    if (!isKnown(resource.meshName) || !isKnown(resource.name) || !keep(resource)) continue;
    // Several files may define one resource: the first one read counts (as for drift).
    const key = resourceKey(resource.kind, resource.meshName, isKnown(resource.parentName) ? resource.parentName : undefined, resource.name);
    if (seen.has(key)) continue;
    seen.add(key);
    const source = byMesh.get(resource.meshName) ?? { meshName: resource.meshName, resources: [] };
    byMesh.set(resource.meshName, source);
    source.resources.push({
      kind: resource.kind,
      name: resource.name,
      ...(isKnown(resource.parentName) && resource.parentName ? { parentName: resource.parentName } : {}),
      spec: plainSpec(resource),
      origin: { uri: resource.uri, line: lineOf(resource.uri, resource.nameSpan.start) },
    });
  }
  return [...byMesh.values()].sort((a, b) => a.meshName.localeCompare(b.meshName));
}

/** The spec as plain data (values that cannot be known left out); the index's analysis has already written resolved reference names into it. */
function plainSpec(resource: MeshResource): Obj {
  return JSON.parse(JSON.stringify(resource.spec, (_key, value: unknown) => (typeof value === "symbol" ? undefined : value))) as Obj;
}
