// What makes two definitions the same resource. Kubernetes: kind, namespace and object name (an
// inline route: its router's object and its own name). Other dialects: kind, mesh, parent and the
// AWS name. Placeholder names and namespaces leave the identity unknown: they never collide.
import { isKnown, type MeshResource } from "../resources";
import { isConcreteName, isPlaceholderName } from "./placeholders";

export function identityOf(resource: MeshResource): string | undefined {
  if (resource.dialect === "kubernetes") {
    const name = resource.k8s?.name;
    const namespace = resource.k8s?.namespace ?? "default";
    if (!isConcreteName(name) || isPlaceholderName(namespace)) return undefined;
    if (resource.kind === "Route") return isConcreteName(resource.name) ? ["k8s-route", namespace, name, resource.name].join("\u0000") : undefined;
    return ["k8s", resource.kind, namespace, name].join("\u0000");
  }
  if (!isConcreteName(resource.name)) return undefined;
  const mesh = isConcreteName(resource.meshName) ? resource.meshName : "?";
  const parent = resource.parentName === undefined ? "" : isConcreteName(resource.parentName) ? resource.parentName : "?";
  return [resource.kind, mesh, parent, resource.name].join("\u0000");
}

/** The mesh a resource is in, when known. */
export function meshOf(resource: MeshResource): string | undefined {
  return isConcreteName(resource.meshName) ? resource.meshName : undefined;
}

/** False only when both meshes are known and differ. */
export function sameMesh(a: MeshResource, b: MeshResource): boolean {
  return meshMatches(meshOf(a), b.meshName);
}

/** True when `mesh` (undefined: any) could be `other`. */
export function meshMatches(mesh: string | undefined, other: MeshResource["meshName"]): boolean {
  return mesh === undefined || !isConcreteName(other) || other === mesh;
}

/** Namespaces match when equal or when either is a placeholder. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  const left = a ?? "default";
  const right = b ?? "default";
  return left === right || isPlaceholderName(left) || isPlaceholderName(right);
}

export function displayName(resource: MeshResource): string {
  if (resource.dialect === "kubernetes" && resource.kind !== "Route") return resource.k8s?.name ?? String(resource.name);
  return isKnown(resource.name) ? resource.name : resource.logicalId ?? "(unnamed)";
}
