// The live → files commands on the Meshes view.
import * as vscode from "vscode";
import type { ExplorerNode } from "../meshes/explorerNode";
import type { Session } from "../session";
import { saveAsDefinitions } from "./saveAsDefinitions";

export function registerRoundTrip(session: Session): vscode.Disposable[] {
  return [vscode.commands.registerCommand("appmesh.saveAsDefinitions", (node: ExplorerNode | undefined) => saveAsDefinitions(node, session))];
}
