// Conversions between the model's character offsets and LSP positions.
import type { Diagnostic, DiagnosticSeverity, Range } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ModelDiagnostic, Span } from "../model/resources";
import { DIAGNOSTIC_SOURCE } from "../protocol/messages";

/** Something that turns offsets into positions: an open TextDocument or a file's text. */
export type Positioner = Pick<TextDocument, "positionAt" | "offsetAt">;

export function toRange(doc: Positioner, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

const SEVERITY: Record<ModelDiagnostic["severity"], DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

export function toDiagnostic(doc: Positioner, diagnostic: ModelDiagnostic): Diagnostic {
  return {
    range: toRange(doc, diagnostic.span),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
    data: diagnostic.data,
  };
}

/** The span without surrounding quotes, for edits that replace a scalar's content. */
export function innerSpan(text: string, span: Span): Span {
  const first = text[span.start];
  if ((first === '"' || first === "'") && text[span.end - 1] === first && span.end - span.start >= 2) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}
