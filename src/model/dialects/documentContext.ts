// What every dialect reader shares while it reads one file: the text, the diagnostics it collects,
// and a factory for resources whose spans and references it fills as it walks.
import type { Node } from "yaml";
import type { Dialect, MeshResource, ModelDiagnostic, ResourceKind, Span } from "../resources";
import { reportPlaceholder, SchemaWalker, type WalkSink } from "../schemaWalker";
import type { SchemaView } from "../schema/views";
import { sourceString } from "../source/yamlText";

/**
 * A name read outside the schema walk (Kubernetes metadata, namespace labels): its text as written,
 * whether it holds a placeholder (reported once, as the walk reports those of values), and its span.
 */
export function readName(ctx: DocumentContext, node: Node | null | undefined): { value: string; placeholder: boolean; span: Span } | undefined {
  const read = sourceString(ctx.text, node);
  if (!read) return undefined;
  if (read.placeholders.length > 0) reportPlaceholder(ctx, read.span, read.placeholders);
  return { value: read.value, placeholder: read.placeholders.length > 0, span: read.span };
}

export interface DocumentContext {
  uri: string;
  text: string;
  diagnostics: ModelDiagnostic[];
  reportedPlaceholders: Set<number>;
  /** Offsets of the template control lines blanked before parsing (see source/yamlText templateLines). */
  templateLines?: readonly number[];
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
  optional?: WalkSink["optional"],
): unknown {
  const walker = new SchemaWalker({
    text: ctx.text,
    view,
    diagnostics: ctx.diagnostics,
    keySpans: resource.keySpans,
    valueSpans: resource.valueSpans,
    reportedPlaceholders: ctx.reportedPlaceholders,
    templateLines: ctx.templateLines,
    special,
    optional,
  });
  return walker.walk(node, shape, path, keySpan);
}
