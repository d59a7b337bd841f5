// Writing generated files into a folder the user picks (Save as Definitions, Plan Migration): the
// folder dialog opens at the workspace, and files that exist are overwritten only after a modal
// that lists them.
import * as vscode from "vscode";

/** At most this many existing files are named in the question; the rest are counted. */
const LISTED = 12;

export async function pickFolder(title: string): Promise<vscode.Uri | undefined> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const folders = await vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: "Save Here", ...(base ? { defaultUri: base } : {}) });
  return folders?.[0];
}

/** Writes the files; false (and nothing written) when some exist and the user did not agree to overwrite them. */
export async function writeConfirmingOverwrite(targets: { uri: vscode.Uri; text: string }[]): Promise<boolean> {
  const existing: string[] = [];
  for (const t of targets) if (await vscode.workspace.fs.stat(t.uri).then(() => true, () => false)) existing.push(vscode.workspace.asRelativePath(t.uri));
  if (existing.length) {
    const list = existing.slice(0, LISTED).join("\n") + (existing.length > LISTED ? `\n… and ${existing.length - LISTED} more` : "");
    const answer = await vscode.window.showWarningMessage(`Overwrite ${existing.length} existing file${existing.length === 1 ? "" : "s"}?`, { modal: true, detail: list }, "Overwrite");
    if (answer !== "Overwrite") return false;
  }
  for (const t of targets) await vscode.workspace.fs.writeFile(t.uri, new TextEncoder().encode(t.text));
  return true;
}
