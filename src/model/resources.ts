// The domain in the API's shape: resource kinds, resources parsed from any dialect, references
// between them, and diagnostics with source offsets. Pure data; no editor or SDK types.

export const RESOURCE_KINDS = ["Mesh", "VirtualNode", "VirtualService", "VirtualRouter", "Route", "VirtualGateway", "GatewayRoute"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export type Dialect = "kubernetes" | "cloudformation" | "api";

/** Half-open character offsets into a document's text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = "error" | "warning" | "information" | "hint";

export interface ModelDiagnostic {
  span: Span;
  severity: Severity;
  code: string;
  message: string;
  /** Machine-readable detail for quick fixes (e.g. suggested key, expected field). */
  data?: Record<string, unknown>;
}

/** A value that cannot be known statically: a shell placeholder or a CloudFormation intrinsic. */
export const UNKNOWN: unique symbol = Symbol("unknown value");
export type Unknown = typeof UNKNOWN;

export interface Reference {
  /** Kind of the resource referred to. */
  kind: ResourceKind;
  /** Name as written (for Kubernetes, the object name; for CloudFormation, a resolved logical id's name). */
  name: string;
  /** Kubernetes namespace of the target, when the dialect has namespaces. */
  namespace?: string;
  /** CloudFormation logical id when the reference was !Ref/!GetAtt. */
  logicalId?: string;
  /** API path of the referring field in the referrer's spec, e.g. "spec.httpRoute.action.weightedTargets.0.virtualNode". */
  path: string;
  span: Span;
}

export interface MeshResource {
  kind: ResourceKind;
  /** Name in AWS (Kubernetes: awsName or its default). */
  name: string | Unknown;
  meshName: string | Unknown | undefined;
  /** Router of a route, gateway of a gateway route. */
  parentName?: string | Unknown;
  /** The spec in the API's shape; values that cannot be known are UNKNOWN. */
  spec: Record<string, unknown>;
  tags?: { key: string; value: string }[];
  dialect: Dialect;
  uri: string;
  /** Kubernetes identity (object name and namespace) and the controller-only spec fields. */
  k8s?: { name: string; namespace?: string; labels?: Record<string, string>; controller?: Record<string, unknown> };
  /** CloudFormation logical id. */
  logicalId?: string;
  /** Span of the whole resource and of its name. */
  span: Span;
  nameSpan: Span;
  /** Spans by API path ("spec.listeners.0.portMapping.port"): key and value. */
  keySpans: Map<string, Span>;
  valueSpans: Map<string, Span>;
  references: Reference[];
}

/** The identity used to detect duplicates and resolve references within one dialect. */
export function resourceKey(kind: ResourceKind, mesh: string, parent: string | undefined, name: string): string {
  return [kind, mesh, parent ?? "", name].join("\u0000");
}

/** Identity of a live resource within its mesh: kind, parent (router or gateway) and name. */
export function keyInMesh(kind: string, parent: string | undefined, name: string): string {
  return `${kind}/${parent ?? ""}/${name}`;
}

export function isKnown<T>(value: T | Unknown | undefined): value is T {
  return value !== UNKNOWN && value !== undefined;
}
