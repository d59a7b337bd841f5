// What the workspace-wide rules share while one analysis runs: every resource, how references
// resolved, and one way to report (its severity comes from the rules table).
import type { DiagnosticCode } from "../diagnosticCodes";
import type { MeshResource, Reference, Span } from "../resources";

/**
 * What a reference points at: a resource of the workspace (the nearest of its definitions), a live
 * resource, something outside App Mesh definitions (a CloudFormation parameter or other resource),
 * or a resource whose name is a placeholder and so could be it. Undefined: nothing known.
 */
export type Resolution = { resource: MeshResource } | { live: true } | { external: true } | { placeholder: MeshResource } | undefined;

export interface ReportOptions {
  data?: Record<string, unknown>;
  /** The rule's narrower case applies (see Rule.except). */
  exceptional?: boolean;
}

export type Report = (resource: MeshResource, span: Span | undefined, code: DiagnosticCode, message: string, options?: ReportOptions) => void;

export interface WorkspaceFacts {
  /** Every resource, files in URI order. */
  all: MeshResource[];
  /** The router object of each inline Kubernetes route. */
  routerObjectOf: Map<MeshResource, MeshResource>;
  resolutions: Map<Reference, Resolution>;
  /** Every definition a reference matches, nearest first. */
  definitions: Map<Reference, MeshResource[]>;
  report: Report;
}
