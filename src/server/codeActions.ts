// Quick fixes for the model's diagnostics: did-you-mean for keys, values and names, add a missing
// required field, normalise route weights to 100, and move v1beta1 manifests to v1beta2.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from "vscode-languageserver";
import { scaleWeights } from "../model/routeWeights";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { closest } from "../model/didYouMean";
import { DiagnosticCode } from "../model/diagnosticCodes";
import { isKnown, type MeshResource, type ResourceKind } from "../model/resources";
import { routeType, weightedTargets } from "../model/routeSemantics";
import { liveNames, type LiveSnapshot, type WorkspaceIndex } from "../model/workspaceIndex";
import { DIAGNOSTIC_SOURCE } from "../protocol/messages";
import { innerSpan, toDiagnostic } from "./positions";

/**
 * Quick fixes for `range` (the cursor or selection). `contextDiagnostics` are those the client
 * found overlapping the range (VS Code sends no others); a fix that belongs to a whole block (the
 * route weights) looks up its diagnostic itself, so that it is offered anywhere in the block.
 */
export function codeActions(index: WorkspaceIndex, live: LiveSnapshot, doc: TextDocument, range: Range, contextDiagnostics: Diagnostic[]): CodeAction[] {
  const diagnostics = [...contextDiagnostics, ...weightSumDiagnosticsAround(index, doc, range, contextDiagnostics)];
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
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
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
        const suggestion = closest(name, nameCandidates(index, live, doc, diagnostic, kind));
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

/**
 * Names a reference of `kind` could mean, in the dialect and mesh of the resource that holds the
 * diagnostic: Kubernetes object names for manifests, AWS names (workspace and live) otherwise.
 */
function nameCandidates(index: WorkspaceIndex, live: LiveSnapshot, doc: TextDocument, diagnostic: Diagnostic, kind: ResourceKind): Set<string> {
  const offset = doc.offsetAt(diagnostic.range.start);
  const from = index.resources().find((r) => r.uri === doc.uri && r.span.start <= offset && offset <= r.span.end);
  const mesh = from && isKnown(from.meshName) ? from.meshName : undefined;
  const kubernetes = from?.dialect === "kubernetes";
  const candidates = new Set<string>();
  for (const r of index.resources()) {
    if (r.kind !== kind || (r.dialect === "kubernetes") !== kubernetes) continue;
    if (mesh !== undefined && isKnown(r.meshName) && r.meshName !== mesh) continue;
    const name = kubernetes ? r.k8s?.name : isKnown(r.name) ? r.name : undefined;
    if (name) candidates.add(name);
  }
  // Live names are AWS names ("cart_shop"), which a Kubernetes reference does not use.
  if (!kubernetes) for (const name of liveNames(live, mesh, kind)) candidates.add(name);
  return candidates;
}

/**
 * The weight-sum diagnostics of routes whose weighted targets (the key line through the last
 * target) share a line with `range`, unless the client already sent them.
 */
function weightSumDiagnosticsAround(index: WorkspaceIndex, doc: TextDocument, range: Range, sent: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const model of index.diagnostics(doc.uri)) {
    if (model.code !== DiagnosticCode.weightSum) continue;
    const diagnostic = toDiagnostic(doc, model);
    if (sent.some((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character)) continue;
    const route = routeOfWeightSum(index, doc, diagnostic);
    const lines = route && weightedTargetsLines(doc, route);
    if (lines && range.start.line <= lines.last && range.end.line >= lines.first) out.push(diagnostic);
  }
  return out;
}

/** The route a weight-sum diagnostic is about: the one whose weightedTargets key it sits on. */
function routeOfWeightSum(index: WorkspaceIndex, doc: TextDocument, diagnostic: Diagnostic): MeshResource | undefined {
  const offset = doc.offsetAt(diagnostic.range.start);
  return index.get(doc.uri)?.resources.find((r) => {
    const type = r.kind === "Route" ? routeType(r.spec) : undefined;
    return type !== undefined && r.keySpans.get(`spec.${type}.action.weightedTargets`)?.start === offset;
  });
}

/** First and last line of a route's weightedTargets: its key and every target below it. */
function weightedTargetsLines(doc: TextDocument, route: MeshResource): { first: number; last: number } | undefined {
  const path = `spec.${routeType(route.spec)}.action.weightedTargets`;
  const key = route.keySpans.get(path);
  const value = route.valueSpans.get(path);
  if (!key) return undefined;
  const end = doc.positionAt(Math.max(key.end, value?.end ?? 0));
  // A block sequence's span ends after its last line break; that next line is not part of it.
  const last = end.character === 0 && end.line > 0 ? end.line - 1 : end.line;
  return { first: doc.positionAt(key.start).line, last };
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
  const route = routeOfWeightSum(index, doc, diagnostic);
  if (!route) return undefined;
  const type = routeType(route.spec);
  const weights = weightedTargets(route.spec).map((t) => (typeof t.weight === "number" ? t.weight : NaN));
  if (!weights.length || weights.some(Number.isNaN)) return undefined;
  // Largest remainder, so the result adds up to exactly 100; all-zero weights become an even split.
  const scaled = scaleWeights(weights, 100);
  const edits: TextEdit[] = [];
  scaled.forEach((weight, i) => {
    const span = route.valueSpans.get(`spec.${type}.action.weightedTargets.${i}.weight`);
    if (span) edits.push({ range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) }, newText: String(weight) });
  });
  return edits.length === weights.length ? edits : undefined;
}

