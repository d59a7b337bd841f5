// A definition file's edit shown before it is made: the file as it is (left) against the file after
// the edit (right), one modal question, then the edit applied and the file left unsaved for the
// user to review, save and commit. Shared by canary promotion in files and Update File from Live.
import * as vscode from "vscode";

export const FILE_PREVIEW_SCHEME = "appmesh-file-preview";

/** The right side of the diff: the file after the edit, held in memory while the question is open. */
export class FilePreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private count = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(FILE_PREVIEW_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "# This preview is no longer available.\n";
  }

  /**
   * Shows the diff titled `title`, asks `question` (with `detail`) in a modal with the button
   * `action`, and closes the diff again; true when the user chose `action`.
   */
  async ask(document: vscode.TextDocument, edits: vscode.TextEdit[], text: { title: string; question: string; detail: string; action: string }): Promise<boolean> {
    const file = fileNameOf(document.uri);
    const preview = vscode.Uri.from({ scheme: FILE_PREVIEW_SCHEME, path: `/${file}`, query: `preview=${++this.count}` });
    this.texts.set(preview.toString(), appliedText(document, edits));
    try {
      await vscode.commands.executeCommand("vscode.diff", document.uri, preview, text.title, { preview: true });
      return (await vscode.window.showInformationMessage(text.question, { modal: true, detail: text.detail }, text.action)) === text.action;
    } finally {
      const tabs = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === preview.toString());
      if (tabs.length) await vscode.window.tabGroups.close(tabs);
      this.texts.delete(preview.toString());
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}

/** Applies the edits to the open document, shows it at the first one and offers to save it (without waiting); false when the edit failed. */
export async function applyAndOfferSave(document: vscode.TextDocument, edits: vscode.TextEdit[], done: (wasDirty: boolean) => string): Promise<boolean> {
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, edits);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const first = [...edits].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start))[0];
  if (first) {
    editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
  }
  // The offer stays up until answered; the caller goes on.
  void vscode.window.showInformationMessage(done(wasDirty), "Save").then((answer) => (answer === "Save" ? document.save() : undefined));
  return true;
}

/** The document's text with the edits applied (they do not overlap). */
function appliedText(document: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  const text = document.getText();
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start))) {
    out += text.slice(at, document.offsetAt(edit.range.start)) + edit.newText;
    at = document.offsetAt(edit.range.end);
  }
  return out + text.slice(at);
}

export const fileNameOf = (uri: vscode.Uri) => decodeURIComponent(uri.path.slice(uri.path.lastIndexOf("/") + 1));

/** LSP edits as VS Code's. */
export function textEdits(edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): vscode.TextEdit[] {
  return edits.map((e) => new vscode.TextEdit(new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText));
}
