// Runs inside VS Code desktop's extension host (loaded by @vscode/test-electron).
import assert from "node:assert/strict";
import * as vscode from "vscode";

export async function run(): Promise<void> {
  const extension = vscode.extensions.all.find((e) => e.packageJSON.name === "appmesh" && e.packageJSON.publisher === "appmesh-tools");
  assert.ok(extension, "the App Mesh extension is installed");
  await extension.activate();
  assert.ok(extension.isActive, "the extension activates");

  const commands = await vscode.commands.getCommands(true);
  for (const id of ["appmesh.selectProfile", "appmesh.selectRegion", "appmesh.setEndpoint", "appmesh.meshes.refresh", "appmesh.definitions.refresh"]) {
    assert.ok(commands.includes(id), `${id} is registered`);
  }

  // The connection settings round-trip through the user settings.
  const config = () => vscode.workspace.getConfiguration("appmesh");
  await config().update("endpoint", "http://127.0.0.1:4566", vscode.ConfigurationTarget.Global);
  assert.equal(config().get("endpoint"), "http://127.0.0.1:4566");
  await config().update("endpoint", undefined, vscode.ConfigurationTarget.Global);
}
