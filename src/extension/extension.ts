import * as vscode from "vscode";
import { ConnectionStatus } from "./connectionStatus";
import { selectProfile, selectRegion, setEndpoint } from "./connectionCommands";
import { AppMeshLanguageClient } from "./languageClient";
import { DETAILS_SCHEME, DetailsDocuments } from "./meshes/detailsDocument";
import { registerMeshesCommands } from "./meshes/meshesCommands";
import { MeshesTree } from "./meshes/meshesTree";
import { affectsConnection } from "./settings";
import { DefinitionsTree } from "./definitions/definitionsTree";
import { DRIFT_SCHEME, DriftDocuments, registerDefinitionsCommands } from "./definitions/definitionsCommands";
import { loadLiveMesh } from "./definitions/liveState";

// Activation stays cheap: views, commands and listeners; the language server starts with the first
// App Mesh document, and AWS is called only when the Meshes view asks for its children.
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("App Mesh", { log: true });
  const languageClient = new AppMeshLanguageClient(context);
  languageClient.startWhenNeeded();
  const status = new ConnectionStatus();
  const meshes = new MeshesTree(output, (snapshot) => languageClient.notifyIfRunning(snapshot));
  const definitions = new DefinitionsTree(
    () => languageClient.definitions(),
    (mesh) => loadLiveMesh(meshes.access, mesh),
  );
  languageClient.onDefinitionsChanged(() => definitions.refresh());
  const drift = new DriftDocuments();
  const details = new DetailsDocuments((region) => meshes.accessFor(region));
  status.update(meshes.currentConnection);
  const meshesView = vscode.window.createTreeView("appmesh.meshes", { treeDataProvider: meshes, showCollapseAll: true });

  context.subscriptions.push(
    output,
    languageClient,
    status,
    meshes,
    meshes.onDidChangeConnection(({ connection, error, regions }) => status.update(connection, error, regions)),
    meshesView,
    vscode.window.createTreeView("appmesh.definitions", { treeDataProvider: definitions, showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(DRIFT_SCHEME, drift),
    ...registerDefinitionsCommands(definitions, meshes, drift, () => languageClient.definitions(), output),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    ...registerMeshesCommands(meshes, meshesView),
    vscode.commands.registerCommand("appmesh.selectProfile", selectProfile),
    vscode.commands.registerCommand("appmesh.selectRegion", selectRegion),
    vscode.commands.registerCommand("appmesh.setEndpoint", setEndpoint),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsConnection(event) || event.affectsConfiguration("appmesh.pageSize") || event.affectsConfiguration("appmesh.regions")) {
        meshes.connect();
        definitions.refresh(true);
      }
    }),
  );
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
