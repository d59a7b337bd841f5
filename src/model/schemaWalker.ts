// Walks one YAML node against a shape of a dialect's schema view: reports schema diagnostics
// (types, required, unknown keys, enums, ranges, lengths, patterns, unions) with precise spans and
// builds the value in the API's shape, recording every value's span by API path on the way.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import { closest, confidentMatch } from "./didYouMean";
import { DiagnosticCode } from "./diagnosticCodes";
import { UNKNOWN, type ModelDiagnostic, type Span } from "./resources";
import type { SchemaView, ViewField } from "./schema/views";
import { placeholdersIn, spanOf } from "./source/yamlText";

export interface WalkSink {
  text: string;
  view: SchemaView;
  diagnostics: ModelDiagnostic[];
  keySpans: Map<string, Span>;
  valueSpans: Map<string, Span>;
  /**
   * Called for fields the dialect treats specially (references, renamed or controller-only
   * members). Returns the API member and value to store, or undefined to fall back to the default.
   */
  special?: (field: ViewField, parentShape: string, node: Node | null, path: string, keySpan: Span) => { member?: string; value?: unknown; skip?: boolean } | undefined;
  /** Placeholder occurrences already reported, by start offset (each is reported once). */
  reportedPlaceholders: Set<number>;
  /** Offsets of template control lines (`{{- if … }}`) blanked before parsing: a map holding one may get more keys. */
  templateLines?: readonly number[];
  /** Required fields that may be given elsewhere (a CLI input's `meshName` on the command line): not reported. */
  optional?: (shapeName: string, key: string) => boolean;
}

const INTRINSIC_KEYS = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

/** True for a CloudFormation intrinsic function: a short tag (!Ref …) or a one-key Ref/Fn:: map. */
export function isIntrinsic(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (typeof node.tag === "string" && node.tag.startsWith("!") && node.tag !== "!") return true;
  if (isMap(node) && node.items.length === 1) {
    const key = (node.items[0] as Pair).key;
    return isScalar(key) && typeof key.value === "string" && INTRINSIC_KEYS.test(key.value);
  }
  return false;
}

function typeName(node: Node | null): string {
  if (node === null) return "nothing";
  if (isMap(node)) return "an object";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return "nothing";
    if (typeof value === "number") return `the number ${value}`;
    if (typeof value === "boolean") return `the boolean ${value}`;
    return `the string "${String(value)}"`;
  }
  return "an alias";
}

export class SchemaWalker {
  private blankedLineStarts: Set<number> | undefined;

  constructor(private readonly sink: WalkSink) {}

  private report(span: Span | undefined, code: string, message: string, severity: ModelDiagnostic["severity"] = "error", data?: Record<string, unknown>): void {
    if (span) this.sink.diagnostics.push({ span, severity, code, message, data });
  }

  /** Reports and returns true when the node stands for a value that cannot be known here. */
  private unknownValue(node: Node | null): boolean {
    if (!node) return false;
    if (this.sink.view.dialect === "cloudformation" && isIntrinsic(node)) return true;
    if (isScalar(node)) {
      const span = spanOf(node);
      if (!span) return false;
      const placeholders = placeholdersIn(this.sink.text, span);
      if (placeholders.length === 0) return false;
      reportPlaceholder(this.sink, span, placeholders);
      return true;
    }
    return false;
  }

  /**
   * Validates `node` against `shapeName` and returns its value in the API's shape (UNKNOWN for
   * placeholders and intrinsics). `keySpan` is the span of the key holding the node, where
   * "missing field" and union diagnostics land.
   */
  walk(node: Node | null, shapeName: string, path: string, keySpan: Span | undefined): unknown {
    const view = this.sink.view;
    const span = spanOf(node) ?? keySpan;
    if (span) this.sink.valueSpans.set(path, span);
    if (keySpan) this.sink.keySpans.set(path, keySpan);
    if (node === null || (isScalar(node) && node.value === null && !(node as Scalar).source)) return undefined;
    if (this.unknownValue(node)) return UNKNOWN;
    const shape = view.shape(shapeName);
    const lenient = view.dialect === "cloudformation"; // CloudFormation converts scalars between types

    switch (shape.type) {
      case "string": {
        let value: unknown = isScalar(node) ? node.value : undefined;
        if (lenient && (typeof value === "number" || typeof value === "boolean")) value = String(value);
        if (typeof value !== "string") {
          this.report(span, DiagnosticCode.type, `Expected a string, found ${typeName(node)}.`);
          return undefined;
        }
        if (shape.enum && !shape.enum.includes(value)) {
          const suggestion = closest(value, shape.enum);
          this.report(
            span,
            DiagnosticCode.enum,
            `"${value}" is not allowed here. Use one of: ${shape.enum.join(", ")}.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
            "error",
            { allowed: shape.enum, suggestion },
          );
        }
        if (shape.min !== undefined && value.length < shape.min) {
          this.report(span, DiagnosticCode.length, shape.min === 1 ? "Must not be empty." : `Must be at least ${shape.min} characters long (it has ${value.length}).`);
        } else if (shape.max !== undefined && value.length > shape.max) {
          this.report(span, DiagnosticCode.length, `Must be at most ${shape.max} characters long (it has ${value.length}).`);
        }
        if (shape.pattern && !matches(shape.pattern, value)) {
          this.report(span, DiagnosticCode.pattern, `"${value}" does not have the required form (${shape.pattern}).`);
        }
        return value;
      }
      case "integer":
      case "long": {
        let value: unknown = isScalar(node) ? node.value : undefined;
        if (lenient && typeof value === "string" && /^-?\d+$/.test(value.trim())) value = Number(value);
        if (typeof value !== "number" || !Number.isInteger(value)) {
          this.report(span, DiagnosticCode.type, `Expected a whole number, found ${typeName(node)}.`);
          return undefined;
        }
        if ((shape.min !== undefined && value < shape.min) || (shape.max !== undefined && value > shape.max)) {
          const bounds = shape.max !== undefined ? `between ${shape.min ?? 0} and ${shape.max}` : `at least ${shape.min}`;
          this.report(span, DiagnosticCode.range, `${value} is out of range: must be ${bounds}.`, "error", { min: shape.min, max: shape.max });
        }
        return value;
      }
      case "boolean": {
        let value: unknown = isScalar(node) ? node.value : undefined;
        if (lenient && (value === "true" || value === "false")) value = value === "true";
        if (typeof value !== "boolean") {
          this.report(span, DiagnosticCode.type, `Expected true or false, found ${typeName(node)}.`);
          return undefined;
        }
        return value;
      }
      case "list": {
        if (!isSeq(node)) {
          this.report(span, DiagnosticCode.type, `Expected a list, found ${typeName(node)}.`);
          return undefined;
        }
        const count = node.items.length;
        if (this.templated(node)) {
          // `{{- range … }}` makes the items; their number is not known here.
        } else if (shape.min !== undefined && count < shape.min) {
          this.report(keySpan ?? span, DiagnosticCode.length, `Needs at least ${shape.min} item${shape.min === 1 ? "" : "s"} (it has ${count}).`);
        } else if (shape.max !== undefined && count > shape.max) {
          this.report(keySpan ?? span, DiagnosticCode.length, `Allows at most ${shape.max} item${shape.max === 1 ? "" : "s"} (it has ${count}).`);
        }
        return node.items.map((item, index) => this.walk(item as Node | null, shape.member, joinPath(path, index), undefined));
      }
      case "map": {
        if (!isMap(node)) {
          this.report(span, DiagnosticCode.type, `Expected an object of string values, found ${typeName(node)}.`);
          return undefined;
        }
        const out: Record<string, unknown> = {};
        for (const pair of node.items) {
          if (isScalar(pair.key)) out[String(pair.key.value)] = this.walk(pair.value as Node | null, shape.value, joinPath(path, String(pair.key.value)), spanOf(pair.key as Node));
        }
        return out;
      }
      case "structure":
      case "union":
        return this.walkObject(node, shapeName, path, keySpan ?? span);
    }
  }

  private walkObject(node: Node, shapeName: string, path: string, keySpan: Span | undefined): unknown {
    const view = this.sink.view;
    if (!isMap(node)) {
      this.report(spanOf(node), DiagnosticCode.type, `Expected an object, found ${typeName(node)}.`);
      return undefined;
    }
    const shape = view.shape(shapeName);
    const fields = view.fields(shapeName);
    const out: Record<string, unknown> = {};
    const present: { field: ViewField; keySpan: Span }[] = [];
    const misspelt: string[] = [];
    const keys = new Set<string>();
    const items = (node as YAMLMap).items;
    for (const pair of items) if (isScalar(pair.key)) keys.add(String(pair.key.value));
    // Keys may come from template actions on lines of their own (`{{- include … | nindent 2 }}`,
    // `{{- if … }}` … `{{- else }}`): a required key may be there, and a key may appear per branch.
    const templated = this.templated(node);
    const seen = new Set<string>();

    for (const pair of items) {
      const keyNode = pair.key as Node | null;
      if (!isScalar(keyNode)) continue;
      const key = String(keyNode.value);
      const keyNodeSpan = spanOf(keyNode)!;
      if (seen.has(key)) {
        if (!templated) this.report(keyNodeSpan, DiagnosticCode.syntax, "Map keys must be unique.");
        continue;
      }
      seen.add(key);
      const valueNode = (pair.value as Node | null) ?? null;
      const field = fields.find((f) => f.key === key);
      if (!field) {
        const suggestion = closest(key, fields.map((f) => f.key));
        if (suggestion) misspelt.push(suggestion);
        this.report(
          keyNodeSpan,
          DiagnosticCode.unknownKey,
          `Unknown field "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ` Expected one of: ${fields.map((f) => f.key).join(", ")}.`}`,
          "error",
          { key, suggestion },
        );
        this.checkAsMeant(key, valueNode, fields, keys, path, keyNodeSpan);
        continue;
      }
      const isEmpty = valueNode === null || (isScalar(valueNode) && valueNode.value === null);
      if (!isEmpty) present.push({ field, keySpan: keyNodeSpan });
      const special = this.sink.special?.(field, shapeName, valueNode, path, keyNodeSpan);
      const childPath = joinPath(path, special?.member ?? field.member);
      const value = this.walk(valueNode, field.shape, childPath, keyNodeSpan);
      if (special?.skip) continue;
      const member = special?.member ?? field.member;
      const stored = special && "value" in special ? special.value : value;
      if (stored !== undefined) out[member] = stored;
    }

    if (templated) return out;
    const presentKeys = new Set(present.map((p) => p.field.key));
    // A misspelt key already has its diagnostic; the field it was meant to be is not missing too.
    const meant = new Set(misspelt);
    for (const field of fields) {
      if (field.required && !presentKeys.has(field.key) && !meant.has(field.key) && !this.sink.optional?.(shapeName, field.key)) {
        this.report(keySpan, DiagnosticCode.required, `Missing required field "${field.key}".`, "error", { field: field.key, shape: field.shape });
      }
    }
    const choicesMeant = (keys: readonly string[]) => keys.some((key) => meant.has(key));
    const unionKeys = fields.map((f) => f.key);
    if (shape.type === "union" && !choicesMeant(unionKeys)) this.checkExactlyOne(unionKeys, present, keySpan, "union");
    for (const group of view.exactlyOne(shapeName)) if (!choicesMeant(group)) this.checkExactlyOne([...group], present, keySpan, "group");
    return out;
  }

  /**
   * An unknown key that is surely a typo of a field (`weightedTarget`, `httpRote`, `HttpRout`) still
   * has its value checked as that field's, so that mistakes beneath it are found at their lines.
   * Only diagnostics come of it: nothing is stored, no span or reference is recorded, and the model
   * keeps the resource as written.
   */
  private checkAsMeant(key: string, valueNode: Node | null, fields: ViewField[], keys: Set<string>, path: string, keySpan: Span): void {
    const meant = confidentMatch(key, fields.map((f) => f.key));
    const field = meant === undefined || keys.has(meant) ? undefined : fields.find((f) => f.key === meant);
    if (!field || !valueNode || !this.fits(valueNode, field.shape)) return;
    const shadow = new SchemaWalker({ ...this.sink, keySpans: new Map(), valueSpans: new Map(), special: undefined });
    shadow.walk(valueNode, field.shape, joinPath(path, field.member), keySpan);
  }

  /** True when the node is of the kind the shape wants (object, list or scalar), or a placeholder. */
  private fits(node: Node, shapeName: string): boolean {
    const type = this.sink.view.shape(shapeName).type;
    if (isScalar(node)) return true; // a scalar is checked (or found to be a placeholder) as it is
    if (isSeq(node)) return type === "list";
    return isMap(node) && (type === "structure" || type === "union" || type === "map" || this.sink.view.dialect === "cloudformation");
  }

  /**
   * True when a template control line sits among the node's entries, at the column of its first key
   * or item: between them, or on the lines just before or after them.
   */
  private templated(node: Node): boolean {
    const lines = this.sink.templateLines;
    if (!lines?.length || !node.range || !(isMap(node) || isSeq(node)) || node.flow) return false;
    const text = this.sink.text;
    const lineStart = (offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
    const column = (offset: number) => offset - lineStart(offset);
    const blanked = (this.blankedLineStarts ??= new Set(lines.map(lineStart)));
    const skippable = (start: number, end: number) => blanked.has(start) || text.slice(start, end).trim() === "";
    let from = lineStart(node.range[0]);
    while (from > 0) {
      const previous = lineStart(from - 1);
      if (!skippable(previous, from - 1)) break;
      from = previous;
    }
    let to = node.range[2];
    for (let next = text.indexOf("\n", to); next >= 0; ) {
      const after = text.indexOf("\n", next + 1);
      const end = after < 0 ? text.length : after;
      if (!skippable(next + 1, end)) break;
      to = end;
      next = after;
    }
    const first = node.items[0] as Pair | Node | undefined;
    const firstNode = (isMap(node) ? (first as Pair | undefined)?.key : first) as Node | undefined;
    const itemStart = firstNode?.range?.[0];
    const itemColumn = itemStart === undefined ? undefined : isSeq(node) ? column(text.lastIndexOf("-", itemStart)) : column(itemStart);
    return lines.some((offset) => offset >= from && offset <= to && (itemColumn === undefined || column(offset) === itemColumn));
  }

  private checkExactlyOne(keys: string[], present: { field: ViewField; keySpan: Span }[], keySpan: Span | undefined, kind: "union" | "group"): void {
    const set = present.filter((p) => keys.includes(p.field.key));
    const choices = keys.join(", ");
    if (set.length === 0) {
      this.report(keySpan, DiagnosticCode.union, `Set exactly one of: ${choices}.`, "error", { choices: keys, kind });
    } else {
      for (const extra of set.slice(1)) {
        this.report(extra.keySpan, DiagnosticCode.union, `Only one of ${choices} may be set; "${set[0].field.key}" is already set.`, "error", { choices: keys, kind });
      }
    }
  }
}

/** Reports the placeholders of a value once, as information: the value is checked once they are filled in. */
export function reportPlaceholder(sink: Pick<WalkSink, "diagnostics" | "reportedPlaceholders">, span: Span, placeholders: string[]): void {
  if (sink.reportedPlaceholders.has(span.start)) return;
  sink.reportedPlaceholders.add(span.start);
  const names = placeholders.length === 1 ? `${placeholders[0]} is a placeholder` : `${placeholders.join(", ")} are placeholders`;
  sink.diagnostics.push({ span, severity: "information", code: DiagnosticCode.placeholder, message: `${names}; this value is checked once it is substituted.`, data: { placeholders } });
}

/** "spec" + "listeners" → "spec.listeners"; the root path is "". */
export function joinPath(path: string, member: string | number): string {
  return path === "" ? String(member) : `${path}.${member}`;
}

const patternCache = new Map<string, RegExp | null>();
function matches(pattern: string, value: string): boolean {
  let regex = patternCache.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, "u");
    } catch {
      regex = null; // a pattern JavaScript cannot express is not enforced
    }
    patternCache.set(pattern, regex);
  }
  return regex === null || regex.test(value);
}
