// Names that stand for a value filled in later: what the readers mark UNKNOWN, and strings that
// still hold a placeholder (`${NAME}`, `$NAME`, `{{ .Values.name }}`, `<your-account-id>`; the
// Kubernetes reader keeps metadata as written). A resource so named has no known identity.
import { UNKNOWN, type MeshResource } from "../resources";
import { hasPlaceholder } from "../source/yamlText";

export function isPlaceholderName(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  // Asked for every name on every analysis: skip the full pattern when no placeholder can start.
  return typeof value === "string" && /[$<{]/.test(value) && hasPlaceholder(value);
}

/** True when a resource's name (or Kubernetes object name) is a placeholder: its identity is unknown. */
export function hasPlaceholderName(resource: MeshResource): boolean {
  return isPlaceholderName(resource.name) || isPlaceholderName(resource.k8s?.name);
}

/** A name that is known and not a placeholder. */
export function isConcreteName(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !isPlaceholderName(value);
}
