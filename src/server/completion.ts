// Completions: keys valid at the cursor (with snippets for required sub-fields), enum values,
// names of resources for references (workspace and live), listener ports, and skeletons.
import { isMap, isScalar, parseAllDocuments, type Node } from "yaml";
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from "vscode-languageserver";
import { cursorAt, type CursorContext } from "../model/cursor";
import { isKnown, type Dialect, type MeshResource, type ResourceKind } from "../model/resources";
import { API_REFERENCE_FIELDS, KUBERNETES_REFERENCE_FIELDS } from "../model/schema/references";
import type { SchemaView } from "../model/schema/views";
import { listenersOf } from "../model/semantics/resourceChecks";
import { maskPlaceholders } from "../model/source/yamlText";
import { liveMeshNames, liveNames, type LiveSnapshot, type WorkspaceIndex } from "../model/workspaceIndex";
import { skeletons } from "../model/writers/skeletons";
import { describeShape } from "./schemaText";

const MARKER = "__appmesh_cursor__";

export interface CompletionRequest {
  index: WorkspaceIndex;
  live: LiveSnapshot;
  uri: string;
  text: string;
  offset: number;
}

export function complete(request: CompletionRequest): CompletionItem[] {
  const { text, offset } = request;
  if (text.replace(/#.*$/gm, "").trim() === "") return skeletonItems(request.uri);

  // Only the YAML document under the cursor is parsed again, with a marker at the cursor.
  const { start, end } = documentAround(request);
  const local = offset - start;
  const slice = text.slice(start, end);
  const lineStart = slice.lastIndexOf("\n", local - 1) + 1;
  const lineEndIndex = slice.indexOf("\n", local);
  const before = slice.slice(lineStart, local);
  const after = slice.slice(local, lineEndIndex < 0 ? slice.length : lineEndIndex);
  // On a line that holds no key yet, the marker becomes a key of its own ("marker:"), so that it
  // cannot run on into the next line as one multi-line scalar.
  const keyLine = !before.replace(/^\s*-\s*/, "").includes(":") && after.trim() === "";
  const marked = maskPlaceholders(slice.slice(0, local) + MARKER + (keyLine ? ":" : "") + slice.slice(local));
  const documents = parseAllDocuments(marked, { strict: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [];
  const document = list.find((d) => d.range[0] <= local && local <= d.range[2]) ?? list[list.length - 1];
  if (!document) return [];
  const ctx = cursorAt(document, local);
  if (!ctx) return [];
  const json = isMap(document.contents) && (document.contents as { flow?: boolean }).flow === true;

  if (ctx.on === "key" || ctx.on === "none") return keyItems(ctx, json);
  if (ctx.on === "value" && ctx.field) return valueItems(ctx, request);
  return [];
}

/** The span of the YAML document holding the cursor, from the index's parse of the current text. */
function documentAround(request: CompletionRequest): { start: number; end: number } {
  const file = request.index.get(request.uri);
  if (file?.text === request.text) {
    const docs = file.documents.map((d) => d.document);
    const holder = docs.find((d, i) => d.range[0] <= request.offset && (request.offset <= d.range[2] || i === docs.length - 1));
    if (holder) {
      // Include the separator line before the next document's content, but no other document.
      const next = docs[docs.indexOf(holder) + 1];
      return { start: holder.range[0], end: next ? next.range[0] : request.text.length };
    }
  }
  return { start: 0, end: request.text.length };
}

function keyItems(ctx: CursorContext, json: boolean): CompletionItem[] {
  const present = new Set(ctx.siblings.filter((key) => !key.includes(MARKER)));
  return ctx.view
    .fields(ctx.shape)
    .filter((field) => !present.has(field.key))
    .map((field) => ({
      label: field.key,
      kind: CompletionItemKind.Property,
      detail: describeShape(ctx.view, field.shape) + (field.required ? " (required)" : ""),
      documentation: { kind: "markdown", value: ctx.view.describe(ctx.shape, field.member) ?? "" },
      sortText: `${field.required ? "0" : "1"}${field.key}`,
      filterText: field.key,
      insertTextFormat: InsertTextFormat.Snippet,
      insertText: json ? `"${field.key}": ${jsonValueSnippet(ctx.view, field.shape)}` : `${field.key}:${yamlValueSnippet(ctx.view, field.shape)}`,
    }));
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function yamlValueSnippet(view: SchemaView, shapeName: string): string {
  const shape = view.shape(shapeName);
  switch (shape.type) {
    case "string":
      return shape.enum ? ` \${1|${shape.enum.map(escapeSnippet).join(",")}|}` : " $1";
    case "boolean":
      return " ${1|true,false|}";
    case "list": {
      const item = view.shape(shape.member);
      if (item.type === "structure") {
        const required = view.fields(shape.member).filter((f) => f.required);
        if (required.length) return `\n  - ${required.map((f, i) => `${f.key}:${i === 0 ? " $1" : " "}`).join("\n    ")}`;
      }
      return "\n  - $1";
    }
    case "structure": {
      const required = view.fields(shapeName).filter((f) => f.required);
      return required.length ? `\n  ${required.map((f, i) => `${f.key}: \${${i + 1}}`).join("\n  ")}` : "\n  $1";
    }
    case "union":
    case "map":
      return "\n  $1";
    default:
      return " $1";
  }
}

function jsonValueSnippet(view: SchemaView, shapeName: string): string {
  const shape = view.shape(shapeName);
  if (shape.type === "string") return shape.enum ? `"\${1|${shape.enum.map(escapeSnippet).join(",")}|}"` : '"$1"';
  if (shape.type === "list") return "[$1]";
  if (shape.type === "structure" || shape.type === "union" || shape.type === "map") return "{$1}";
  return "$1";
}

function valueItems(ctx: CursorContext, request: CompletionRequest): CompletionItem[] {
  const field = ctx.field!;
  const shape = ctx.view.shape(field.shape);
  if (shape.type === "string" && shape.enum) {
    return shape.enum.map((value) => ({ label: value, kind: CompletionItemKind.EnumMember, detail: ctx.view.describe(field.shape) }));
  }
  if (shape.type === "boolean") return ["true", "false"].map((label) => ({ label, kind: CompletionItemKind.Value }));

  const referenceKind = referenceKindAt(ctx);
  if (referenceKind) return nameItems(referenceKind, ctx.dialect, request);
  if (field.member === "port") return portItems(ctx, request);
  return [];
}

/** The kind of resource the value at the cursor names, if it is a reference. */
function referenceKindAt(ctx: CursorContext): ResourceKind | undefined {
  const field = ctx.field!;
  if (ctx.dialect === "kubernetes") {
    if (field.member !== "name" || !ctx.parentShape || !ctx.parentField) return undefined;
    const reference = KUBERNETES_REFERENCE_FIELDS[`${ctx.parentShape}.${ctx.parentField.member}`];
    return reference?.form === "ref" ? reference.kind : undefined;
  }
  return API_REFERENCE_FIELDS[`${ctx.shape}.${field.member}`];
}

/**
 * Names a reference of `kind` can take, from the workspace and the live meshes, limited to the mesh
 * of the resource being edited (a reference cannot leave its mesh). For Kubernetes, names in the
 * resource's own namespace sort first: a reference elsewhere also needs a namespace.
 */
function nameItems(kind: ResourceKind, dialect: Dialect, request: CompletionRequest): CompletionItem[] {
  const all = request.index.resources(); // first, so that Kubernetes objects have their mesh assigned
  const editing = resourceAt(request);
  const mesh = editing && isKnown(editing.meshName) ? editing.meshName : undefined;
  const inMesh = (resource: MeshResource) => mesh === undefined || !isKnown(resource.meshName) || resource.meshName === mesh;
  const namespace = editing?.k8s?.namespace ?? "default";
  const items = new Map<string, CompletionItem>();
  for (const resource of all) {
    if (resource.kind !== kind || !inMesh(resource)) continue;
    if (dialect === "kubernetes" && resource.dialect === "kubernetes" && resource.k8s) {
      const resourceNamespace = resource.k8s.namespace ?? "default";
      const near = resourceNamespace === namespace;
      const known = items.get(resource.k8s.name);
      if (known && (known.sortText?.startsWith("0") || !near)) continue; // one item per name, the own namespace's if any
      items.set(resource.k8s.name, {
        label: resource.k8s.name,
        kind: CompletionItemKind.Reference,
        detail: `${kind} in ${resourceNamespace} (${fileName(resource.uri)})`,
        sortText: `${near ? "0" : "1"}${resource.k8s.name}`,
      });
    } else if (dialect !== "kubernetes" && resource.dialect !== "kubernetes" && isKnown(resource.name) && !items.has(resource.name)) {
      const detail = `${kind} in mesh ${isKnown(resource.meshName) ? resource.meshName : "?"} (${fileName(resource.uri)})`;
      items.set(resource.name, { label: resource.name, kind: CompletionItemKind.Reference, detail });
    }
  }
  // Live names are AWS names ("cart_shop"), which a Kubernetes reference does not use.
  if (dialect !== "kubernetes") {
    for (const liveMesh of mesh !== undefined ? [mesh] : liveMeshNames(request.live)) {
      for (const name of liveNames(request.live, liveMesh, kind)) {
        if (!items.has(name)) items.set(name, { label: name, kind: CompletionItemKind.Reference, detail: `${kind} in live mesh ${liveMesh}` });
      }
    }
  }
  return [...items.values()];
}

/** The innermost resource of the edited file around the cursor (a route rather than its router). */
function resourceAt(request: CompletionRequest): MeshResource | undefined {
  const file = request.index.get(request.uri);
  if (file?.text !== request.text) return undefined;
  const around = file.resources.filter((r) => r.span.start <= request.offset && request.offset <= r.span.end);
  return around.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
}

/** Ports of the listeners that a port field can name: the target node's, or the router's for a match. */
function portItems(ctx: CursorContext, request: CompletionRequest): CompletionItem[] {
  const container = ctx.container;
  let listeners: ReturnType<typeof listenersOf> = [];
  if (ctx.shape === "WeightedTarget" && isMap(container)) {
    const nodeName = readSiblingName(container, ctx.dialect);
    const node = request.index.resources().find((r) => r.kind === "VirtualNode" && (r.k8s?.name === nodeName || r.name === nodeName));
    if (node) listeners = listenersOf(node.spec);
  } else if (ctx.shape.endsWith("RouteMatch")) {
    const file = request.index.get(request.uri);
    const route = file?.resources.find((r) => r.kind === "Route" && r.span.start <= request.offset && request.offset <= r.span.end);
    const router = route && request.index.resources().find((r) => r.kind === "VirtualRouter" && r.name === route.parentName);
    if (router) listeners = listenersOf(router.spec);
  }
  return listeners
    .filter((l) => l.port !== undefined)
    .map((l) => ({ label: String(l.port), kind: CompletionItemKind.Value, detail: `listener ${l.index + 1}${l.protocol ? ` (${l.protocol})` : ""}` }));
}

function readSiblingName(container: Node, dialect: Dialect): string | undefined {
  if (!isMap(container)) return undefined;
  for (const pair of container.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value).toLowerCase();
    if (dialect === "kubernetes" && key === "virtualnoderef" && isMap(pair.value)) {
      const name = (pair.value as { items: { key: unknown; value: unknown }[] }).items.find((p) => isScalar(p.key) && p.key.value === "name");
      return name && isScalar(name.value) ? String(name.value.value) : undefined;
    }
    if (key === "virtualnode" && isScalar(pair.value)) return String(pair.value.value);
  }
  return undefined;
}

function skeletonItems(uri: string): CompletionItem[] {
  const preferred: Dialect = uri.endsWith(".json") ? "api" : /cfn|cloudformation|template|stack/i.test(uri) ? "cloudformation" : "kubernetes";
  const dialects: Dialect[] = [preferred, ...(["kubernetes", "cloudformation", "api"] as const).filter((d) => d !== preferred)];
  const label: Record<Dialect, string> = { kubernetes: "Kubernetes", cloudformation: "CloudFormation", api: "CLI input" };
  return dialects.flatMap((dialect, rank) =>
    skeletons(dialect).map(({ kind, text }) => ({
      label: `${kind} (${label[dialect]})`,
      kind: CompletionItemKind.Snippet,
      detail: `New App Mesh ${kind} as ${label[dialect]} YAML`,
      documentation: { kind: "markdown", value: "```yaml\n" + text + "```" },
      insertTextFormat: InsertTextFormat.PlainText,
      insertText: text,
      sortText: `${rank}${kind}`,
    })),
  );
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf("/") + 1);
}
