// Go to definition, find references and rename, across every definitions file of the workspace.
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Location, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { NAME_KEY } from "../model/dialects/apiShape";
import type { MeshResource, Span } from "../model/resources";
import type { WorkspaceIndex } from "../model/workspaceIndex";
import { innerSpan, toRange } from "./positions";

const contains = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/** The resource named or referred to at `offset`, with the span the cursor is on. */
export function targetAt(index: WorkspaceIndex, uri: string, offset: number): { resource: MeshResource; span: Span } | undefined {
  const file = index.get(uri);
  if (!file) return undefined;
  for (const resource of file.resources) {
    if (contains(resource.nameSpan, offset) && resource.nameSpan.end > resource.nameSpan.start) return { resource, span: resource.nameSpan };
    for (const reference of resource.references) {
      if (!contains(reference.span, offset)) continue;
      const resolution = index.resolve(reference);
      if (resolution && "resource" in resolution) return { resource: resolution.resource, span: reference.span };
    }
  }
  return undefined;
}

function textOf(index: WorkspaceIndex, uri: string): TextDocument {
  return TextDocument.create(uri, "yaml", 0, index.get(uri)?.text ?? "");
}

function location(index: WorkspaceIndex, uri: string, span: Span, docs: Map<string, TextDocument>): Location {
  let doc = docs.get(uri);
  if (!doc) docs.set(uri, (doc = textOf(index, uri)));
  return { uri, range: toRange(doc, span) };
}

export function definition(index: WorkspaceIndex, uri: string, offset: number): Location | undefined {
  const target = targetAt(index, uri, offset);
  return target ? location(index, target.resource.uri, target.resource.nameSpan, new Map()) : undefined;
}

export function references(index: WorkspaceIndex, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const target = targetAt(index, uri, offset);
  if (!target) return [];
  const docs = new Map<string, TextDocument>();
  const out = index.referencesTo(target.resource).map(({ from, reference }) => location(index, from.uri, reference.span, docs));
  if (includeDeclaration) out.unshift(location(index, target.resource.uri, target.resource.nameSpan, docs));
  return out;
}

/** Why a rename at `offset` cannot be done, or the span to rename. */
export function prepareRename(index: WorkspaceIndex, uri: string, offset: number): { span: Span } | { error: string } {
  const target = targetAt(index, uri, offset);
  if (!target) return { error: "Place the cursor on an App Mesh resource's name or on a reference to one." };
  const { resource } = target;
  if (resource.dialect === "cloudformation" && !resource.valueSpans.has(NAME_KEY[resource.kind])) {
    return { error: `${resource.logicalId} has no name property; CloudFormation names it. Add one to rename it.` };
  }
  return { span: innerSpan(index.get(uri)!.text, target.span) };
}

export function rename(index: WorkspaceIndex, uri: string, offset: number, newName: string): WorkspaceEdit | { error: string } {
  const prepared = prepareRename(index, uri, offset);
  if ("error" in prepared) return prepared;
  const target = targetAt(index, uri, offset)!;
  const edits = new Map<string, TextEdit[]>();
  const docs = new Map<string, TextDocument>();
  const add = (fileUri: string, span: Span) => {
    const inner = innerSpan(index.get(fileUri)!.text, span);
    const list = edits.get(fileUri) ?? [];
    list.push({ range: location(index, fileUri, inner, docs).range, newText: newName });
    edits.set(fileUri, list);
  };
  add(target.resource.uri, target.resource.nameSpan);
  for (const { from, reference } of index.referencesTo(target.resource)) {
    if (!reference.logicalId) add(from.uri, reference.span); // !Ref/!GetAtt keep pointing at the logical id
  }
  return { changes: Object.fromEntries(edits) };
}
