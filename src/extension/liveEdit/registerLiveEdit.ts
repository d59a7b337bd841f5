// "Edit Live Resource" on a live resource in the Meshes view: opens it as an editable YAML document
// (appmesh-live:, see liveEditFileSystem.ts) that the language server checks like any definitions
// file; saving it updates the resource through the edit pipeline. After a write the views showing
// the mesh are told, and the resource's item in the Meshes view is reloaded.
import * as vscode from "vscode";
import { refOf, regionOf } from "../meshes/meshesCommands";
import type { ExplorerNode } from "../meshes/explorerNode";
import type { MeshesTree } from "../meshes/meshesTree";
import { RouteNode } from "../meshes/resourceNodes";
import type { Session } from "../session";
import { LiveEditFileSystem } from "./liveEditFileSystem";
import { liveEditSaver } from "./liveEditSave";
import { LIVE_EDIT_SCHEME, liveEditUri, type LiveEditAddress } from "./liveEditUri";

export function registerLiveEdit(context: vscode.ExtensionContext, session: Session, tree: MeshesTree): void {
  /** The Meshes view item each document was opened from, to reload it after a write. */
  const openedFrom = new Map<string, ExplorerNode>();
  const keyOf = (address: LiveEditAddress) => liveEditUri(address).toString();

  const written = (address: LiveEditAddress) => {
    session.meshChanged(address.meshName, address.region);
    const node = openedFrom.get(keyOf(address));
    if (address.kind === "Route" && address.parentName) void tree.refreshRouter(address.meshName, address.parentName, address.region);
    else if (node instanceof RouteNode) void tree.refresh(node.parent); // a gateway route: its gateway lists it
    else if (node) void tree.refresh(node);
  };
  const files = new LiveEditFileSystem(session, liveEditSaver(session, written));

  context.subscriptions.push(
    files,
    vscode.workspace.registerFileSystemProvider(LIVE_EDIT_SCHEME, files, { isCaseSensitive: true }),
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (event.document.uri.scheme === LIVE_EDIT_SCHEME) files.willSave(event.document.uri, event.reason);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme !== LIVE_EDIT_SCHEME) return;
      files.forget(document.uri);
      openedFrom.delete(document.uri.toString());
    }),
    vscode.commands.registerCommand("appmesh.editLiveResource", (node: ExplorerNode) => open(node, undefined)),
    vscode.commands.registerCommand("appmesh.editLiveResourceAs", async (node: ExplorerNode) => {
      if (!refOf(node)) return;
      const picked = await vscode.window.showQuickPick(
        [
          { label: "API shape", description: "as UpdateX and the CLI take it", view: undefined },
          { label: "Kubernetes manifest", description: "as the App Mesh controller's custom resource", view: "kubernetes" as const },
          { label: "CloudFormation", description: "as an AWS::AppMesh resource's Properties", view: "cloudformation" as const },
        ],
        { title: "Edit Live Resource as", placeHolder: "How should the document be written?" },
      );
      if (picked) await open(node, picked.view);
    }),
  );

  async function open(node: ExplorerNode, view: LiveEditAddress["view"]): Promise<void> {
    const ref = refOf(node);
    if (!ref) return;
    const address: LiveEditAddress = { region: regionOf(node), kind: ref.kind, meshName: ref.meshName, parentName: ref.parentName, name: ref.name, ...(view ? { view } : {}) };
    const uri = liveEditUri(address);
    openedFrom.set(uri.toString(), node);
    // Not open in an editor: read it anew rather than from a closed document's state.
    if (!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) files.forget(uri);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== "yaml") await vscode.languages.setTextDocumentLanguage(document, "yaml");
      await vscode.window.showTextDocument(document, { preview: false });
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not open ${ref.kind} ${ref.name} for editing: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
