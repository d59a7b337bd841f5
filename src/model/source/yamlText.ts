// Parses YAML and JSON text (JSON is read as YAML flow syntax) into position-keeping documents,
// with placeholders masked so that `${MESH_NAME}`, a bare `$NAMESPACE`, a Helm `{{ .Values.x }}` or
// a documentation stand-in such as `<your-account-id>` never breaks parsing. Masking keeps every
// offset, so spans point into the original text and values are read back from it.
import { parse as parseJson, printParseErrorCode, type ParseError } from "jsonc-parser";
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type YAMLMap } from "yaml";
import type { ModelDiagnostic, Span } from "../resources";

const SHELL = String.raw`\$\{[A-Za-z_][A-Za-z0-9_]*[^}\n]*\}|\$[A-Za-z_][A-Za-z0-9_]*`;
const TEMPLATE_ACTION = String.raw`\{\{(?:(?!\}\})[^\n])*\}\}`;
// Not after `?` or `k`: `(?<name>…)` and `\k<name>` are regular expression groups, not stand-ins.
const STAND_IN = String.raw`(?<![?k\\])<[A-Za-z][A-Za-z0-9_.\- ]*>`;

/**
 * Placeholders as written in the wild: `${NAME}`, `${NAME:-default}`, `$NAME` and `$_NAME_`
 * (envsubst, shells, CI), `{{ .Values.name }}` (Helm and other Go templates) and `<REGION>` or
 * `<your-account-id>` (stand-ins that documentation asks the reader to replace).
 */
export const PLACEHOLDER_PATTERN = new RegExp(`${SHELL}|${TEMPLATE_ACTION}|${STAND_IN}`, "g");

/** True when the text holds a placeholder of any form. */
export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER_PATTERN.lastIndex = 0;
  const found = PLACEHOLDER_PATTERN.test(text);
  PLACEHOLDER_PATTERN.lastIndex = 0;
  return found;
}

/** A line holding nothing but template actions, such as `{{- if .Values.tls }}` or `{{- end }}`. */
const ACTION_LINE = new RegExp(String.raw`^[ \t]*(?:${TEMPLATE_ACTION}[ \t]*)+\r?$`, "gm");
const ACTION_ONLY = new RegExp(String.raw`^[ \t]*(?:${TEMPLATE_ACTION}[ \t]*)+\r?$`);
const CONTENT_LINE = /^([ \t]*)(\S.*)$/;

const blank = (text: string) => text.replace(/[^\r\n]/g, " ");

/**
 * Offsets (of the first `{{`) of the lines that hold only template control actions, which are
 * blanked before parsing: `{{- if … }}`, `{{- range … }}`, `{{- end }}`, or an include among the
 * keys of a map. A line that is the value of the key above it (`podSelector:` then
 * `{{- toYaml .Values.selector | nindent 4 }}`) is a value, read as a placeholder instead.
 */
export function templateLines(text: string): number[] {
  if (!text.includes("{{")) return [];
  const out: number[] = [];
  for (const match of text.matchAll(ACTION_LINE)) {
    const start = match.index;
    const indent = match[0].length - match[0].trimStart().length;
    if (!isValueLine(text, start, indent)) out.push(start + indent);
  }
  return out;
}

/** True when the action line at `start` is the value of a `key:` line just above it. */
function isValueLine(text: string, start: number, indent: number): boolean {
  const previous = neighbourLine(text, start, -1);
  if (!previous || previous.indent >= indent || !/:\s*(#.*)?$/.test(previous.content) || previous.content.startsWith("#")) return false;
  const next = neighbourLine(text, start, 1);
  return !next || next.indent <= previous.indent;
}

/** The nearest line above (-1) or below (1) with content other than a comment or another action line. */
function neighbourLine(text: string, start: number, direction: -1 | 1): { indent: number; content: string } | undefined {
  let at = start;
  for (;;) {
    if (direction < 0) {
      if (at === 0) return undefined;
      const end = at - 1;
      at = text.lastIndexOf("\n", end - 1) + 1;
      const line = text.slice(at, end).replace(/\r$/, "");
      const found = meaningful(line);
      if (found) return found;
    } else {
      const end = text.indexOf("\n", at);
      if (end < 0) return undefined;
      at = end + 1;
      const stop = text.indexOf("\n", at);
      const line = text.slice(at, stop < 0 ? text.length : stop).replace(/\r$/, "");
      const found = meaningful(line);
      if (found) return found;
      if (stop < 0) return undefined;
    }
  }
}

function meaningful(line: string): { indent: number; content: string } | undefined {
  const match = CONTENT_LINE.exec(line);
  if (!match || match[2].startsWith("#")) return undefined;
  if (ACTION_ONLY.test(line)) return undefined;
  return { indent: match[1].length, content: match[2].trimEnd() };
}

/**
 * Makes placeholders readable as plain YAML scalars, keeping every offset: template control lines
 * become blank, and the braces, quotes and flow indicators of `${…}` and `{{ … }}` become `_`.
 */
export function maskPlaceholders(text: string, blankedLines: readonly number[] = templateLines(text)): string {
  let out = blankLines(text, blankedLines);
  if (out.includes("{{")) out = out.replace(new RegExp(TEMPLATE_ACTION, "g"), (match) => match.replace(/[{}[\],:#"'`]/g, "_"));
  if (out.includes("${")) out = out.replace(/\$\{[^}\n]*\}/g, (match) => "$" + match.slice(1).replace(/[{}[\],:#"'`]/g, "_"));
  return out;
}

/** The text with the lines starting at these offsets (to their end) made blank. */
function blankLines(text: string, starts: readonly number[]): string {
  if (starts.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const start of starts) {
    const end = text.indexOf("\n", start);
    const stop = end < 0 ? text.length : end;
    parts.push(text.slice(at, start), blank(text.slice(start, stop)));
    at = stop;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

export interface ParsedText {
  text: string;
  documents: Document.Parsed[];
  syntaxErrors: ModelDiagnostic[];
  /** Offsets of the template control lines blanked before parsing (see templateLines). */
  templateLines: number[];
}

export function parseYamlText(text: string, json = false): ParsedText {
  const blankedLines = templateLines(text);
  const masked = maskPlaceholders(text, blankedLines);
  // With `{{- if }}` … `{{- else }}` a key may appear once per branch; the walker tells those apart.
  const list = parseDocuments(masked, 0, masked.length, blankedLines.length === 0);
  // YAML accepts more than JSON (single quotes, comments); a .json file is also held to JSON's rules.
  const syntaxErrors: ModelDiagnostic[] = json ? strictJsonErrors(text, blankedLines) : [];
  for (const doc of list) {
    // The first error of a document is the real one; those after it mostly follow from it.
    for (const error of doc.errors.slice(0, 1)) {
      const [start, end] = error.code === "MISSING_CHAR" && /quote/i.test(error.message) ? unclosedQuote(doc, error.pos) : error.pos;
      syntaxErrors.push({
        span: { start, end: Math.max(end, start + 1) },
        severity: "error",
        code: "syntax",
        message: cleanMessage(error.message),
      });
    }
  }
  return { text, documents: list, syntaxErrors, templateLines: blankedLines };
}

/**
 * Where an unclosed quote opens: the parser notices it only where the text (or the document) ends,
 * which may be many lines later.
 */
function unclosedQuote(doc: Document.Parsed, pos: [number, number]): [number, number] {
  let found: [number, number] | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const range = node.range;
      if (range && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && range[0] < pos[0] && range[1] >= pos[0]) {
        found = [range[0], range[0] + 1];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found ?? pos;
}

/** A `---` (or `...`) marker at the start of a line: where a new document begins (or one ends). */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * The documents of `source` between `start` and `end`, at their offsets in `source`. A document with
 * a syntax error that ran on past a document marker (an unclosed quote or bracket) is cut at the
 * marker and each part read on its own: one broken document must not take the next ones with it.
 */
function parseDocuments(source: string, start: number, end: number, uniqueKeys: boolean): Document.Parsed[] {
  const text = start === 0 && end === source.length ? source : blank(source.slice(0, start)) + source.slice(start, end);
  const parsed = parseAllDocuments(text, { strict: false, prettyErrors: false, uniqueKeys });
  const documents = Array.isArray(parsed) ? parsed : [];
  const out: Document.Parsed[] = [];
  for (const doc of documents) {
    const marker = doc.errors.length > 0 ? markerWithin(source, doc.range[0], Math.min(doc.range[2], end)) : undefined;
    if (marker === undefined) {
      out.push(doc);
      continue;
    }
    out.push(...parseDocuments(source, doc.range[0], marker, uniqueKeys), ...parseDocuments(source, marker, end, uniqueKeys));
    break; // the second part holds every document that followed
  }
  return out;
}

/** The first document marker after the first line of [from, to), if any. */
function markerWithin(source: string, from: number, to: number): number | undefined {
  const firstLineEnd = source.indexOf("\n", from);
  if (firstLineEnd < 0 || firstLineEnd >= to) return undefined;
  DOCUMENT_MARKER.lastIndex = firstLineEnd + 1;
  const match = DOCUMENT_MARKER.exec(source);
  return match && match.index < to ? match.index : undefined;
}

/** A bare placeholder where JSON wants a value: `"port": $PORT`, `"name": {{ .Values.name }}`, `"account": <ACCOUNT_ID>`. */
const BARE_JSON_PLACEHOLDER = new RegExp(String.raw`([:[,]\s*)(${SHELL}|${TEMPLATE_ACTION}|<[A-Za-z][A-Za-z0-9_.\- ]*>)`, "g");

/** JSON syntax errors, with bare placeholders read as values and template control lines as blank. */
function strictJsonErrors(text: string, blankedLines: readonly number[]): ModelDiagnostic[] {
  const masked = blankLines(text, blankedLines).replace(BARE_JSON_PLACEHOLDER, (_m, lead: string, placeholder: string) =>
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

/**
 * A scalar's string as written: the original text (without quotes) when it holds a placeholder,
 * which the parser only saw masked; otherwise its string value.
 */
export function sourceString(text: string, node: Node | null | undefined): { value: string; placeholders: string[]; span: Span } | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === "object") return undefined;
  const span = spanOf(node);
  if (!span) return undefined;
  const placeholders = placeholdersIn(text, span);
  if (placeholders.length === 0) return typeof node.value === "string" ? { value: node.value, placeholders, span } : undefined;
  const raw = text.slice(span.start, span.end).trim();
  const unquoted = /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
  return { value: unquoted, placeholders, span };
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
