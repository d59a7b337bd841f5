// The appmesh/specFromLiveEdits request: Update File from Live. Finds the resource in the file as
// the index reads it now and hands it, with the rest of its mesh, to the model's rewrite.
import { TextDocument } from "vscode-languageserver-textdocument";
import { changeText } from "../model/specChanges";
import { isKnown, type MeshResource } from "../model/resources";
import type { WorkspaceIndex } from "../model/workspaceIndex";
import { specFromLive } from "../model/writers/specFromLive";
import type { SpecFromLiveParams, SpecFromLiveResult } from "../protocol/messages";
import { toRange } from "./positions";

export function specFromLiveEdits(index: WorkspaceIndex, params: SpecFromLiveParams, openVersion: number | undefined): SpecFromLiveResult {
  const file = index.get(params.uri);
  const { kind, name, parentName, meshName } = params.resource;
  const fileName = decodeURIComponent(params.uri.slice(params.uri.lastIndexOf("/") + 1));
  if (!file?.isAppMesh) return { refused: `${fileName} holds no App Mesh definitions now.` };
  const all = index.resources();
  const known = (value: unknown) => (isKnown(value) ? value : undefined);
  const matches = (r: MeshResource) => r.kind === kind && known(r.name) === name && known(r.parentName) === parentName && (meshName === undefined || known(r.meshName) === meshName);
  const resource = all.find((r) => r.uri === params.uri && matches(r));
  if (!resource) return { refused: `${kind} ${name} is no longer in ${fileName}: the file changed. Nothing was edited.` };
  const others = all.filter((r) => r !== resource && known(r.meshName) === known(resource.meshName));
  const uris = new Set(others.map((r) => r.uri));
  const files = [...uris].flatMap((uri) => {
    const text = index.get(uri)?.text;
    return text === undefined ? [] : [{ uri, text }];
  });
  const result = specFromLive(file.text, resource, params.liveSpec, { others, files });
  if ("refused" in result) return result;
  const positions = TextDocument.create(params.uri, "yaml", 0, file.text);
  return {
    edits: result.edits.map((edit) => ({ range: toRange(positions, edit.span), newText: edit.newText })),
    version: openVersion ?? null,
    changes: result.changes.map(changeText),
  };
}
