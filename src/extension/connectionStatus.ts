// The status bar item "App Mesh: <profile> · <region>": turns to the error colour when the
// credentials fail, says what fixes it, and opens the profile picker on click.
import * as vscode from "vscode";
import { AccessError } from "../aws/errors";
import type { AwsConnection } from "../aws/connection";

const CREDENTIAL_FAILURES = new Set(["credentials-missing", "credentials-expired", "credentials-invalid"]);

export class ConnectionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("appmesh.connection", vscode.StatusBarAlignment.Left, 50);
  private lastWarned = "";

  constructor() {
    this.item.name = "App Mesh Connection";
    this.item.command = "appmesh.selectProfile";
  }

  update(connection: AwsConnection, error?: unknown, regions = 1): void {
    this.item.text = `$(type-hierarchy) App Mesh: ${connection.label()}${regions > 1 ? ` +${regions - 1} region${regions > 2 ? "s" : ""}` : ""}`;
    const failed = error instanceof AccessError && CREDENTIAL_FAILURES.has(error.kind);
    this.item.backgroundColor = failed ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(failed ? `${error.message}\n\n${error.fix ?? ""}` : `Meshes come from ${connection.label()}.`);
    tooltip.appendMarkdown("\n\nClick to choose another profile.");
    this.item.tooltip = tooltip;
    this.item.show();
    // One clear message per distinct credential failure, not one per failed call.
    if (failed && this.lastWarned !== error.message) {
      this.lastWarned = error.message;
      void vscode.window.showErrorMessage(`App Mesh: ${error.message}${error.fix ? ` ${error.fix}` : ""}`, "Select Profile").then((choice) => {
        if (choice) void vscode.commands.executeCommand("appmesh.selectProfile");
      });
    }
    if (!failed) this.lastWarned = "";
  }

  dispose(): void {
    this.item.dispose();
  }
}
