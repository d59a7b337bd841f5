// The workspace's App Mesh resources as the Definitions view needs them: where each is named, the
// worst diagnostic inside it, and its body in the API's shape (for drift and apply).
import { TextDocument } from "vscode-languageserver-textdocument";
import { isKnown } from "../model/resources";
import type { WorkspaceIndex } from "../model/workspaceIndex";
import { displayName } from "../model/workspaceIndex";
import { toApiShape } from "../model/writers/writers";
import type { DefinitionSummary } from "../protocol/messages";
import { toRange } from "./positions";

/** Documents that are live resources opened for editing (the extension's appmesh-live: files), not definitions. */
const LIVE_DOCUMENT = /^appmesh-live:/;

export function definitionSummaries(index: WorkspaceIndex): DefinitionSummary[] {
  const out: DefinitionSummary[] = [];
  const resources = index.resources().filter((resource) => !LIVE_DOCUMENT.test(resource.uri));
  // One text document and one diagnostics list per file, not per resource: this runs after edits.
  const docs = new Map<string, TextDocument>();
  const diagnostics = new Map<string, ReturnType<WorkspaceIndex["diagnostics"]>>();
  for (const resource of resources) {
    let doc = docs.get(resource.uri);
    if (!doc) docs.set(resource.uri, (doc = TextDocument.create(resource.uri, "yaml", 0, index.get(resource.uri)?.text ?? "")));
    let fileDiagnostics = diagnostics.get(resource.uri);
    if (!fileDiagnostics) diagnostics.set(resource.uri, (fileDiagnostics = index.diagnostics(resource.uri)));
    const inside = fileDiagnostics.filter((d) => d.span.start >= resource.span.start && d.span.start <= resource.span.end);
    const severity = inside.some((d) => d.severity === "error") ? "error" : inside.some((d) => d.severity === "warning") ? "warning" : undefined;
    out.push({
      uri: resource.uri,
      kind: resource.kind,
      name: isKnown(resource.name) ? resource.name : displayName(resource),
      meshName: isKnown(resource.meshName) ? resource.meshName : undefined,
      parentName: isKnown(resource.parentName) ? resource.parentName : undefined,
      dialect: resource.dialect,
      range: toRange(doc, resource.nameSpan),
      severity,
      body: toApiShape(resource),
    });
  }
  return out;
}
