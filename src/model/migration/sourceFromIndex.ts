// Migration sources from the workspace's definitions, as the index reads them: one per mesh, each
// resource with the line it is defined at. References written as intrinsic functions (!GetAtt,
// !Ref) or as Kubernetes object names are filled in with the App Mesh names they resolve to, so a
// CloudFormation template migrates like the CLI input of the same mesh.
import { isKnown, type MeshResource } from "../resources";
import type { WorkspaceIndex } from "../workspaceIndex";
import type { MigrationSource, Obj } from "./migrationSource";

/** `lineOf(uri, offset)` gives a 0-based line; `keep` picks the resources (a mesh, a file). */
export function sourcesFromIndex(index: WorkspaceIndex, lineOf: (uri: string, offset: number) => number, keep: (resource: MeshResource) => boolean = () => true): MigrationSource[] {
  const byMesh = new Map<string, MigrationSource>();
  const seen = new Set<string>();
  for (const resource of index.resources()) {
    if (!isKnown(resource.meshName) || !isKnown(resource.name) || !keep(resource)) continue;
    // Several files may define one resource: the first one read counts (as for drift).
    const key = [resource.meshName, resource.kind, isKnown(resource.parentName) ? resource.parentName : "", resource.name].join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    const source = byMesh.get(resource.meshName) ?? { meshName: resource.meshName, resources: [] };
    byMesh.set(resource.meshName, source);
    source.resources.push({
      kind: resource.kind,
      name: resource.name,
      ...(isKnown(resource.parentName) && resource.parentName ? { parentName: resource.parentName } : {}),
      spec: resolvedSpec(index, resource),
      origin: { uri: resource.uri, line: lineOf(resource.uri, resource.nameSpan.start) },
    });
  }
  return [...byMesh.values()].sort((a, b) => a.meshName.localeCompare(b.meshName));
}

/** The spec as plain data, each reference set to the App Mesh name of what it resolves to. */
function resolvedSpec(index: WorkspaceIndex, resource: MeshResource): Obj {
  const spec = JSON.parse(JSON.stringify(resource.spec, (_key, value: unknown) => (typeof value === "symbol" ? undefined : value))) as Obj;
  for (const reference of resource.references) {
    const resolution = index.resolve(reference);
    const name = resolution && "resource" in resolution && isKnown(resolution.resource.name) ? resolution.resource.name : undefined;
    if (!name) continue;
    const keys = reference.path.replace(/^spec\./, "").split(".");
    let at: Obj | unknown[] = spec;
    for (let i = 0; i < keys.length - 1 && at && typeof at === "object"; i++) {
      const key = keys[i];
      let next: unknown = Array.isArray(at) ? at[Number(key)] : at[key];
      if (next === undefined || next === null) {
        next = /^\d+$/.test(keys[i + 1]) ? [] : {};
        if (Array.isArray(at)) at[Number(key)] = next;
        else at[key] = next;
      }
      at = next as Obj | unknown[];
    }
    const last = keys[keys.length - 1];
    if (at && typeof at === "object") {
      if (Array.isArray(at)) at[Number(last)] = name;
      else at[last] = name;
    }
  }
  return spec;
}
