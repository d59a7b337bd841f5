// The status bar item "App Mesh: <profile> · <region>": turns to the error colour when the
// credentials fail, says what fixes it, and opens the profile picker on click. It reads the
// session's label, so it shows before anything has loaded the AWS SDK.
import * as vscode from "vscode";
import { isAccessError } from "../aws/errors";
import type { Session } from "./session";

const CREDENTIAL_FAILURES = new Set(["credentials-missing", "credentials-expired", "credentials-invalid"]);

export class ConnectionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("appmesh.connection", vscode.StatusBarAlignment.Left, 50);
  private lastWarned = "";
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly session: Session) {
    this.item.name = "App Mesh Connection";
    this.item.command = "appmesh.selectProfile";
    this.disposables = [session.onDidChangeConnections(() => this.update()), session.onDidReportOutcome(({ connection, error }) => this.update(error, connection.connection.label()))];
    this.update();
  }

  update(error?: unknown, failedLabel?: string): void {
    const regions = this.session.headings().length;
    const label = error && failedLabel ? failedLabel : this.session.label();
    this.item.text = `$(type-hierarchy) App Mesh: ${label}${regions > 1 ? ` +${regions - 1} region${regions > 2 ? "s" : ""}` : ""}`;
    const failed = isAccessError(error) && CREDENTIAL_FAILURES.has(error.kind);
    this.item.backgroundColor = failed ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(failed ? `${error.message}\n\n${error.fix ?? ""}` : `Meshes come from ${label}.`);
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
    for (const d of this.disposables) d.dispose();
  }
}
