import * as vscode from "vscode";
import { selectProfile, selectRegion, setEndpoint } from "./connectionCommands";
import { AppMeshLanguageClient } from "./languageClient";
import { affectsConnection } from "./settings";
import { EmptyTree } from "./views/emptyTree";

// Activation stays cheap: register views and commands; everything else loads when first used.
export function activate(context: vscode.ExtensionContext): void {
  const languageClient = new AppMeshLanguageClient(context);
  languageClient.startWhenNeeded();
  const meshes = new EmptyTree();
  const definitions = new EmptyTree();

  context.subscriptions.push(
    languageClient,
    vscode.window.registerTreeDataProvider("appmesh.meshes", meshes),
    vscode.window.registerTreeDataProvider("appmesh.definitions", definitions),
    vscode.commands.registerCommand("appmesh.meshes.refresh", () => meshes.refresh()),
    vscode.commands.registerCommand("appmesh.definitions.refresh", () => definitions.refresh()),
    vscode.commands.registerCommand("appmesh.selectProfile", selectProfile),
    vscode.commands.registerCommand("appmesh.selectRegion", selectRegion),
    vscode.commands.registerCommand("appmesh.setEndpoint", setEndpoint),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsConnection(event)) meshes.refresh();
    }),
  );
}

export function deactivate(): void {
  // Nothing to release beyond context.subscriptions.
}
