import * as vscode from "vscode";
import { registerFileCanary } from "./canary/fileCanary";
import { ConnectionStatus } from "./connectionStatus";
import { selectProfile, selectRegion, setEndpoint } from "./connectionCommands";
import { DefinitionsTree } from "./definitions/definitionsTree";
import { DRIFT_SCHEME, DriftDocuments, registerDefinitionsCommands } from "./definitions/definitionsCommands";
import { registerUpdateFileFromLive } from "./definitions/updateFileFromLive";
import { FilePreviews } from "./filePreview";
import { AppMeshLanguageClient } from "./languageClient";
import { registerLiveEdit } from "./liveEdit/registerLiveEdit";
import { definitionsMigrationSource, registerPlanMigration } from "./migration/planMigration";
import { LiveNames } from "./liveNames";
import { DETAILS_SCHEME, DetailsDocuments } from "./meshes/detailsDocument";
import { registerMeshesCommands } from "./meshes/meshesCommands";
import { MeshesTree } from "./meshes/meshesTree";
import { registerCanaryCommands } from "./canary/canaryCommands";
import { registerRoundTrip } from "./roundTrip/roundTripCommands";
import { registerServiceMap } from "./serviceMap/serviceMapCommands";
import { Session } from "./session";

// Activation stays cheap: views, commands and listeners. The language server starts with the first
// App Mesh document (its client library loads then), and the AWS layer (dist/live.js) loads when
// the Meshes view first asks for its children or a command first needs AWS (see lazyBundles.ts).
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("App Mesh", { log: true });
  const session = new Session(output);
  const languageClient = new AppMeshLanguageClient(context);
  languageClient.startWhenNeeded();
  const liveNames = new LiveNames((snapshot) => languageClient.notifyIfRunning(snapshot));
  const meshes = new MeshesTree(session, liveNames);
  const definitions = new DefinitionsTree(
    () => languageClient.definitions(),
    (mesh) => session.primary().loader.liveMesh(mesh),
    (line) => output.trace(line),
  );
  const definitionsView = vscode.window.createTreeView("appmesh.definitions", { treeDataProvider: definitions, showCollapseAll: true });
  const drift = new DriftDocuments();
  const previews = new FilePreviews();

  context.subscriptions.push(
    output,
    session,
    languageClient,
    new ConnectionStatus(session),
    meshes,
    definitions,
    definitionsView,
    languageClient.onDefinitionsChanged(() => definitions.refresh()),
    session.onDidChangeConnections(() => definitions.refresh(true)),
    vscode.workspace.registerTextDocumentContentProvider(DRIFT_SCHEME, drift),
    ...registerDefinitionsCommands(definitions, definitionsView, meshes, session, drift, () => languageClient.definitions()),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, new DetailsDocuments((region) => session.connection(region))),
    ...registerMeshesCommands(meshes, session),
    ...registerServiceMap(context, session, () => languageClient.definitions(), definitionsMigrationSource(languageClient), meshes),
    ...registerCanaryCommands(context, session, meshes, () => languageClient.definitions()),
    ...registerRoundTrip(session),
    ...registerPlanMigration(context, session, languageClient),
    previews,
    ...registerFileCanary(context, languageClient, previews),
    ...registerUpdateFileFromLive(definitions, definitionsView, session, languageClient, previews),
    vscode.commands.registerCommand("appmesh.selectProfile", () => selectProfile(session)),
    vscode.commands.registerCommand("appmesh.selectRegion", () => selectRegion(session)),
    vscode.commands.registerCommand("appmesh.setEndpoint", () => setEndpoint(session)),
  );
  registerLiveEdit(context, session, meshes);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
