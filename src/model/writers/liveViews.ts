// A live resource as a document in the dialect the user asked for: the API's request shape (what
// UpdateX takes), a Kubernetes controller manifest or a CloudFormation resource. Read back, the
// manifest's references come out as the controller would name them (`color-v1_default`); those
// that were there when the document was made keep their live names (`color-v1`).
import type { MeshResource, ResourceKind } from "../resources";
import { API_REFERENCE_FIELDS } from "../schema/references";
import { transformValue } from "./transformSpec";
import { toApiShape, toCloudFormation, toKubernetes, toYaml } from "./writers";

export type LiveView = "api" | "kubernetes" | "cloudformation";

/** The namespace the Kubernetes view writes (awsName keeps the live name whatever it is). */
const VIEW_NAMESPACE = "default";

export function liveViewText(resource: MeshResource, view: LiveView): string {
  if (view === "kubernetes") return toYaml(toKubernetes([resource], VIEW_NAMESPACE));
  if (view === "cloudformation") return toYaml([toCloudFormation([resource])]);
  return toYaml([toApiShape(resource)]);
}

/** The reference values of a spec, in the schema's order (the same order for specs of the same shape). */
function referenceValues(kind: ResourceKind, spec: unknown): string[] {
  const out: string[] = [];
  transformValue(spec, `${kind}Spec`, (shape, member, value) => {
    if (API_REFERENCE_FIELDS[`${shape}.${member}`] && typeof value === "string") out.push(value);
    return [member, value];
  });
  return out;
}

/**
 * The edited spec with each reference the view's read-back renamed (`readBack`, the live spec as
 * the view reads it back) given its live name again; references the user added stay as read.
 */
export function restoreReferenceNames(kind: ResourceKind, liveSpec: Record<string, unknown>, readBack: Record<string, unknown>, edited: Record<string, unknown>): Record<string, unknown> {
  const live = referenceValues(kind, liveSpec);
  const read = referenceValues(kind, readBack);
  const names = new Map<string, string>();
  read.forEach((name, i) => {
    if (live[i] !== undefined && name !== live[i]) names.set(name, live[i]);
  });
  if (!names.size) return edited;
  return transformValue(edited, `${kind}Spec`, (shape, member, value) => [member, API_REFERENCE_FIELDS[`${shape}.${member}`] && typeof value === "string" ? (names.get(value) ?? value) : value]) as Record<string, unknown>;
}
