// What every dialect reader shares while it reads one file: the text, the diagnostics it collects,
// and a factory for resources whose spans and references it fills as it walks.
import type { Node } from "yaml";
import type { Dialect, MeshResource, ModelDiagnostic, ResourceKind, Span } from "../resources";
import { SchemaWalker, type WalkSink } from "../schemaWalker";
import type { SchemaView } from "../schema/views";

export interface DocumentContext {
  uri: string;
  text: string;
  diagnostics: ModelDiagnostic[];
  reportedPlaceholders: Set<number>;
}

export function newResource(ctx: DocumentContext, dialect: Dialect, kind: ResourceKind, span: Span): MeshResource {
  return {
    kind,
    name: "",
    meshName: undefined,
    spec: {},
    dialect,
    uri: ctx.uri,
    span,
    nameSpan: span,
    keySpans: new Map(),
    valueSpans: new Map(),
    references: [],
  };
}

/** Walks `node` as `shape` for `resource`, recording spans on the resource. */
export function walkInto(
  ctx: DocumentContext,
  resource: MeshResource,
  view: SchemaView,
  node: Node | null,
  shape: string,
  path: string,
  keySpan: Span | undefined,
  special?: WalkSink["special"],
): unknown {
  const walker = new SchemaWalker({
    text: ctx.text,
    view,
    diagnostics: ctx.diagnostics,
    keySpans: resource.keySpans,
    valueSpans: resource.valueSpans,
    reportedPlaceholders: ctx.reportedPlaceholders,
    special,
  });
  return walker.walk(node, shape, path, keySpan);
}
