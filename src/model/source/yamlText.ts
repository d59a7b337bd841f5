// Parses YAML and JSON text (JSON is read as YAML flow syntax) into position-keeping documents,
// with shell placeholders masked so that `${MESH_NAME}` or a bare `$NAMESPACE` never breaks parsing.
import { parse as parseJson, printParseErrorCode, type ParseError } from "jsonc-parser";
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

export function parseYamlText(text: string, json = false): ParsedText {
  const documents = parseAllDocuments(maskPlaceholders(text), { strict: false, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  // YAML accepts more than JSON (single quotes, comments); a .json file is also held to JSON's rules.
  const syntaxErrors: ModelDiagnostic[] = json ? strictJsonErrors(text) : [];
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

/** JSON syntax errors, with bare placeholders (`"port": $PORT`) read as values. */
function strictJsonErrors(text: string): ModelDiagnostic[] {
  const masked = text.replace(/([:[,]\s*)(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)/g, (_m, lead: string, placeholder: string) =>
    lead + (placeholder.length >= 2 ? `"${"x".repeat(placeholder.length - 2)}"` : "0"),
  );
  const errors: ParseError[] = [];
  parseJson(masked, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  // The first error is the real one; those after it mostly follow from it.
  return errors.slice(0, 1).map((error) => ({
    span: { start: error.offset, end: error.offset + Math.max(error.length, 1) },
    severity: "error" as const,
    code: "syntax",
    message: `Invalid JSON: ${printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}.`,
  }));
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
