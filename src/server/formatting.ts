// Formatting that keeps comments: YAML is re-printed from its syntax tree (comments, anchors and
// document markers survive); JSON is re-indented only when it is strict JSON. Broken input is left alone.
import { parseAllDocuments } from "yaml";
import type { TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";

export function format(doc: TextDocument, tabSize: number): TextEdit[] {
  const text = doc.getText();
  let formatted: string;
  if (doc.uri.endsWith(".json")) {
    try {
      formatted = JSON.stringify(JSON.parse(text), null, tabSize) + "\n";
    } catch {
      return [];
    }
  } else {
    const documents = parseAllDocuments(text, { keepSourceTokens: false });
    if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) return [];
    formatted = documents.map((d) => d.toString({ indent: tabSize, lineWidth: 0, indentSeq: true })).join("");
  }
  if (formatted === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: formatted }];
}
