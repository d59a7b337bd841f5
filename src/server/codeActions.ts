// Quick fixes for the model's diagnostics: did-you-mean for keys, values and names, add a missing
// required field, normalise route weights to 100, and move v1beta1 manifests to v1beta2.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { closest } from "../model/didYouMean";
import { DiagnosticCode } from "../model/diagnosticCodes";
import { isKnown, type ResourceKind } from "../model/resources";
import { routeType } from "../model/routeSemantics";
import type { LiveSnapshot, WorkspaceIndex } from "../model/workspaceIndex";
import { innerSpan } from "./positions";

export function codeActions(index: WorkspaceIndex, live: LiveSnapshot, doc: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const text = doc.getText();
  const fix = (title: string, diagnostic: Diagnostic, edits: TextEdit[], preferred = true): void => {
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [doc.uri]: edits } } });
  };
  const replaceSpan = (diagnostic: Diagnostic, newText: string): TextEdit => {
    const start = doc.offsetAt(diagnostic.range.start);
    const inner = innerSpan(text, { start, end: doc.offsetAt(diagnostic.range.end) });
    return { range: { start: doc.positionAt(inner.start), end: doc.positionAt(inner.end) }, newText };
  };

  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== "appmesh") continue;
    const data = (diagnostic.data ?? {}) as Record<string, unknown>;
    switch (diagnostic.code) {
      case DiagnosticCode.unknownKey:
      case DiagnosticCode.enum:
        if (typeof data.suggestion === "string") fix(`Change to "${data.suggestion}"`, diagnostic, [replaceSpan(diagnostic, data.suggestion)]);
        break;
      case DiagnosticCode.deprecatedVersion:
        if (typeof data.replacement === "string") fix(`Upgrade to ${data.replacement}`, diagnostic, [replaceSpan(diagnostic, data.replacement)]);
        break;
      case DiagnosticCode.unresolvedReference: {
        const kind = data.kind as ResourceKind | undefined;
        const name = typeof data.name === "string" ? data.name : undefined;
        if (!kind || !name) break;
        const candidates = new Set<string>();
        for (const r of index.resources()) if (r.kind === kind) candidates.add(r.dialect === "kubernetes" ? r.k8s?.name ?? "" : isKnown(r.name) ? r.name : "");
        for (const mesh of Object.values(live.meshes)) for (const n of mesh[kind] ?? []) candidates.add(n);
        candidates.delete("");
        const suggestion = closest(name, candidates);
        if (suggestion) fix(`Change to "${suggestion}"`, diagnostic, [replaceSpan(diagnostic, suggestion)]);
        break;
      }
      case DiagnosticCode.required: {
        const field = typeof data.field === "string" ? data.field : undefined;
        const edit = field ? insertField(doc, diagnostic, field) : undefined;
        if (edit) fix(`Add "${field}"`, diagnostic, [edit], false);
        break;
      }
      case DiagnosticCode.weightSum: {
        const edits = normaliseWeights(index, doc, diagnostic);
        if (edits) fix("Scale the weights to add up to 100", diagnostic, edits);
        break;
      }
    }
  }
  return actions;
}

/** Inserts `field: ` as the first member of the block map under the diagnostic's key line. */
function insertField(doc: TextDocument, diagnostic: Diagnostic, field: string): TextEdit | undefined {
  const text = doc.getText();
  const keyLine = diagnostic.range.start.line;
  const lineText = text.split("\n")[keyLine] ?? "";
  if (!/:\s*(#.*)?$/.test(lineText)) return undefined; // flow style or inline value: leave it to the user
  const baseIndent = /^(\s*)(-\s+)?/.exec(lineText)!;
  const indent = " ".repeat(baseIndent[0].length + 2);
  const lineEnd = { line: keyLine, character: lineText.length };
  return { range: { start: lineEnd, end: lineEnd }, newText: `\n${indent}${field}: ` };
}

function normaliseWeights(index: WorkspaceIndex, doc: TextDocument, diagnostic: Diagnostic): TextEdit[] | undefined {
  const offset = doc.offsetAt(diagnostic.range.start);
  const route = index.get(doc.uri)?.resources.find((r) => r.kind === "Route" && [...r.keySpans.values()].some((s) => s.start === offset));
  if (!route) return undefined;
  const type = routeType(route.spec);
  const targets = ((route.spec[type!] as Record<string, Record<string, unknown>>)?.action?.weightedTargets ?? []) as { weight?: unknown }[];
  const weights = targets.map((t) => (typeof t.weight === "number" ? t.weight : NaN));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!weights.length || weights.some(Number.isNaN)) return undefined;
  // Largest remainder, so the result adds up to exactly 100; all-zero weights become an even split.
  const exact = weights.map((w) => (sum === 0 ? 100 / weights.length : (w * 100) / sum));
  const scaled = exact.map(Math.floor);
  let missing = 100 - scaled.reduce((a, b) => a + b, 0);
  [...exact.keys()].sort((a, b) => (exact[b] % 1) - (exact[a] % 1)).forEach((i) => {
    if (missing-- > 0) scaled[i]++;
  });
  const edits: TextEdit[] = [];
  scaled.forEach((weight, i) => {
    const span = route.valueSpans.get(`spec.${type}.action.weightedTargets.${i}.weight`);
    if (span) edits.push({ range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) }, newText: String(weight) });
  });
  return edits.length === weights.length ? edits : undefined;
}

