// Which mesh a Kubernetes object joins, as the controller decides it: its meshRef, the Mesh whose
// namespaceSelector picks its namespace's labels, or the only mesh there is. Per-environment copies
// of one Mesh count once, and the nearest Mesh and Namespace definitions are preferred.
import type { ParsedDefinitions } from "../parseDefinitions";
import { UNKNOWN, type MeshResource } from "../resources";
import { sameMesh } from "./identity";
import { byProximity } from "./proximity";

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined);

interface NamespaceDefinition {
  uri: string;
  name: string;
  labels: Record<string, string>;
}

export function assignKubernetesMeshes(all: readonly MeshResource[], files: Iterable<ParsedDefinitions>): void {
  const meshes = all.filter((r) => r.dialect === "kubernetes" && r.kind === "Mesh");
  const onlyMesh = new Set(meshes.map((m) => m.name)).size === 1 ? meshes[0] : undefined;
  const namespaces: NamespaceDefinition[] = [];
  for (const file of files) for (const [name, labels] of file.namespaces) namespaces.push({ uri: file.uri, name, labels });
  // Nearness depends on the file only: order the candidates once per file.
  const nearMeshes = memoByUri((uri) => byProximity(uri, meshes));
  const nearNamespaces = memoByUri((uri) => byProximity(uri, namespaces));
  const labelsOf = (resource: MeshResource) => {
    const name = resource.k8s?.namespace ?? "default";
    return nearNamespaces(resource.uri).find((n) => n.name === name)?.labels;
  };

  for (const resource of all) {
    if (resource.dialect !== "kubernetes" || resource.kind === "Mesh") continue;
    const near = nearMeshes(resource.uri);
    const meshRef = asObject(resource.k8s?.controller?.meshRef);
    const byRef = meshRef ? near.find((m) => m.k8s?.name === meshRef.name) : undefined;
    const labels = labelsOf(resource);
    const bySelector = labels
      ? near.find((m) => {
          const wanted = asObject(asObject(m.k8s?.controller?.namespaceSelector)?.matchLabels);
          return wanted !== undefined && Object.entries(wanted).every(([k, v]) => labels[k] === v);
        })
      : undefined;
    const mesh = byRef ?? bySelector ?? onlyMesh;
    resource.meshName = mesh ? mesh.name : UNKNOWN;
  }

  // A GatewayRoute without virtualGatewayRef joins the gateway whose selectors pick it.
  const gateways = all.filter((r) => r.dialect === "kubernetes" && r.kind === "VirtualGateway");
  for (const route of all) {
    if (route.dialect !== "kubernetes" || route.kind !== "GatewayRoute" || route.parentName !== undefined) continue;
    const namespaceLabels = labelsOf(route) ?? {};
    const candidates = byProximity(
      route.uri,
      gateways.filter(
        (gateway) =>
          sameMesh(gateway, route) &&
          selects(gateway.k8s?.controller?.namespaceSelector, namespaceLabels) &&
          selects(gateway.k8s?.controller?.gatewayRouteSelector, route.k8s?.labels ?? {}),
      ),
    );
    // Several definitions of one gateway are still one gateway.
    if (candidates.length > 0 && new Set(candidates.map((g) => g.name)).size === 1) route.parentName = candidates[0].name;
  }
}

function memoByUri<T>(compute: (uri: string) => T): (uri: string) => T {
  const cache = new Map<string, T>();
  return (uri) => {
    if (!cache.has(uri)) cache.set(uri, compute(uri));
    return cache.get(uri)!;
  };
}

/** True when a label selector (matchLabels only) is absent or matches the labels. */
function selects(selector: unknown, labels: Record<string, string>): boolean {
  const wanted = asObject(asObject(selector)?.matchLabels);
  return wanted === undefined || Object.entries(wanted).every(([k, v]) => labels[k] === v);
}
