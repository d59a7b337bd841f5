// Update File from Live: the other direction of drift, next to Apply to Mesh. On a Definitions
// resource that differs from live, the language server rewrites only the members that differ, in
// the file's dialect; a diff of the file before and after, one question, and the file is edited and
// left unsaved. The live resource is read afresh, so the file gets what is live now.
import * as vscode from "vscode";
import type { ResourceKind } from "../../model/resources";
import type { DefinitionSummary, SpecFromLiveMethod, SpecFromLiveParams, SpecFromLiveResult } from "../../protocol/messages";
import { applyAndOfferSave, fileNameOf, textEdits, type FilePreviews } from "../filePreview";
import type { AppMeshLanguageClient } from "../languageClient";
import type { Session } from "../session";
import { compareTarget } from "./definitionsCommands";
import type { DefinitionsTree } from "./definitionsTree";

// The literal name, checked against the protocol's by its type (the protocol library loads with the client).
const SPEC_FROM_LIVE: SpecFromLiveMethod = "appmesh/specFromLiveEdits";
/** At most this many changed members are listed in the question; the diff shows them all. */
const LISTED_CHANGES = 12;

export function registerUpdateFileFromLive(
  tree: DefinitionsTree,
  view: vscode.TreeView<unknown>,
  session: Session,
  languageClient: AppMeshLanguageClient,
  previews: FilePreviews,
): vscode.Disposable[] {
  const definitions = () => languageClient.definitions();
  return [
    vscode.commands.registerCommand("appmesh.updateFileFromLive", async (node?: unknown) => {
      const summary = await compareTarget(node, view, definitions);
      if (!summary) return void vscode.window.showInformationMessage("Select a definition in the Definitions view (or put the cursor in one) to update it from the live resource.");
      try {
        await updateFromLive(summary, { tree, session, languageClient, previews });
      } catch (error) {
        void vscode.window.showErrorMessage(`Update File from Live: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  ];
}

interface Services {
  tree: DefinitionsTree;
  session: Session;
  languageClient: AppMeshLanguageClient;
  previews: FilePreviews;
}

async function updateFromLive(summary: DefinitionSummary, services: Services): Promise<void> {
  const label = `${summary.kind} ${summary.name}`;
  if (!summary.meshName) return void vscode.window.showInformationMessage(`${label} names no mesh, so there is no live resource to update it from.`);
  const { access, connection } = services.session.primary();
  let live;
  try {
    live = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading ${label} from ${connection.label()}…` }, () =>
      access.describe({ kind: summary.kind as ResourceKind, meshName: summary.meshName!, parentName: summary.parentName, name: summary.name }, { fresh: true }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return void vscode.window.showErrorMessage(`Could not read ${label} of mesh ${summary.meshName} at ${connection.label()}: ${message}`);
  }

  const uri = vscode.Uri.parse(summary.uri);
  const file = fileNameOf(uri);
  // Open (not shown) so the server edits the text the editor holds, unsaved changes included.
  const document = await vscode.workspace.openTextDocument(uri);
  const params: SpecFromLiveParams = { uri: summary.uri, resource: { kind: summary.kind, name: summary.name, ...(summary.meshName ? { meshName: summary.meshName } : {}), ...(summary.parentName ? { parentName: summary.parentName } : {}) }, liveSpec: live.spec };
  const client = await services.languageClient.start();
  const result = await client.sendRequest<SpecFromLiveResult>(SPEC_FROM_LIVE, params);
  if ("refused" in result) return void vscode.window.showWarningMessage(result.refused);
  if (!result.edits.length) {
    services.tree.refresh(true); // what the view compared with was older than what is live now
    return void vscode.window.showInformationMessage(`${label} in ${file} is already the same as live (version ${live.version}).`);
  }
  if (result.version !== null && result.version !== document.version) return void vscode.window.showWarningMessage(`${file} changed while the edit was prepared. Nothing was edited; run Update File from Live again.`);

  const edits = textEdits(result.edits);
  const version = document.version;
  const listed = result.changes.slice(0, LISTED_CHANGES).map((change) => `• ${change}`);
  if (result.changes.length > listed.length) listed.push(`… and ${result.changes.length - listed.length} more (see the diff)`);
  const confirmed = await services.previews.ask(document, edits, {
    title: `${file}: ${label} (now ↔ as live, version ${live.version})`,
    question: `Update ${file} from live? ${label}: ${result.changes.length} member${result.changes.length === 1 ? "" : "s"} to rewrite as ${connection.label()} has them (version ${live.version}).`,
    detail: `${listed.join("\n")}\n\nOnly these members are rewritten; comments and formatting elsewhere stay. The file is left unsaved for you to review, save and commit.`,
    action: "Update File",
  });
  if (!confirmed) return;
  if (document.version !== version) return void vscode.window.showWarningMessage(`${file} changed while the preview was open. Nothing was edited; run Update File from Live again.`);
  const edited = await applyAndOfferSave(document, edits, (wasDirty) => `Updated ${label} in ${file} from live version ${live.version} (not saved${wasDirty ? "; it already had unsaved changes" : ""}). Review it, then save and commit.`);
  if (!edited) return void vscode.window.showWarningMessage(`${file} could not be edited.`);
  services.session.log.info(`Update File from Live: ${label} in ${file} from version ${live.version}: ${result.changes.join("; ")}`);
}
