// Parses YAML and JSON text (JSON is read as YAML flow syntax) into position-keeping documents,
// with shell placeholders masked so that `${MESH_NAME}` or a bare `$NAMESPACE` never breaks parsing.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type YAMLMap } from "yaml";
import type { ModelDiagnostic, Span } from "../resources";

/** `$NAME`, `${NAME}` and `${NAME:-default}` as written by envsubst, shells and templates. */
export const PLACEHOLDER_PATTERN = /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[^}\n]*)\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * Replaces the braces and flow indicators of `${...}` placeholders with `_`, keeping every offset,
 * so the YAML parser reads them as plain scalars. Values are read back from the original text.
 */
export function maskPlaceholders(text: string): string {
  if (!text.includes("${")) return text;
  return text.replace(/\$\{[^}\n]*\}/g, (match) => "$" + match.slice(1).replace(/[{}[\],:#"']/g, "_"));
}

export interface ParsedText {
  text: string;
  documents: Document.Parsed[];
  syntaxErrors: ModelDiagnostic[];
}

export function parseYamlText(text: string): ParsedText {
  const documents = parseAllDocuments(maskPlaceholders(text), { strict: false, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const syntaxErrors: ModelDiagnostic[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      const [start, end] = error.pos;
      syntaxErrors.push({
        span: { start, end: Math.max(end, start + 1) },
        severity: "error",
        code: "syntax",
        message: cleanMessage(error.message),
      });
    }
  }
  return { text, documents: list, syntaxErrors };
}

function cleanMessage(message: string): string {
  const firstLine = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return firstLine.endsWith(".") ? firstLine : `${firstLine}.`;
}

export function spanOf(node: Node | null | undefined): Span | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** The placeholders in a scalar's original text, or an empty list. */
export function placeholdersIn(text: string, span: Span): string[] {
  return text.slice(span.start, span.end).match(PLACEHOLDER_PATTERN) ?? [];
}

/** A map's value at a plain string key, with the key node. */
export function getPair(map: YAMLMap, key: string): { key: Node; value: Node | null } | undefined {
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key) {
      return { key: item.key as Node, value: (item.value as Node | null) ?? null };
    }
  }
  return undefined;
}

/** A scalar's string value, if it is a plain string scalar. */
export function stringValue(node: Node | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === "string" ? node.value : undefined;
}

export { isMap, isScalar, isSeq, isPair };
