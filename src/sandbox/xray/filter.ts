// The subset of X-Ray's filter expression language the sandbox understands, and entity selectors.
//
//   expr     := or
//   or       := and (("OR" | "||") and)*
//   and      := unary (("AND" | "&&") unary)*
//   unary    := ("!" | "NOT") unary | primary
//   primary  := "(" expr ")"
//             | "service" "(" [selector] ")" ["{" expr "}"]
//             | "edge" "(" selector "," selector ")" ["{" expr "}"]
//             | "id" "(" idArgs ")" ["{" expr "}"]
//             | keyword [("=" | "!=") boolean]          keyword: ok error fault throttle partial
//                                                        inferred root
//             | field op value                           field: responsetime duration http.status
//                                                        http.url http.method http.useragent
//                                                        http.clientip annotation.<key>
//   selector := string | "id" "(" idArgs ")"
//   idArgs   := ["name" ":" string] ["," "type" ":" string] ...
//   op       := = != < <= > >= CONTAINS BEGINSWITH ENDSWITH

export interface Selector {
  name?: string;
  type?: string;
}

export type Keyword = "ok" | "error" | "fault" | "throttle" | "partial" | "inferred" | "root";
export type Operator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "contains" | "beginswith" | "endswith";
export type Scalar = string | number | boolean;

export type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr }
  | { kind: "keyword"; keyword: Keyword }
  | { kind: "compare"; field: string; op: Operator; value: Scalar }
  | { kind: "service"; selector: Selector; body: Expr | undefined }
  | { kind: "edge"; from: Selector; to: Selector; body: Expr | undefined };

export class FilterSyntaxError extends Error {}

type Token =
  | { t: "str"; v: string; at: number }
  | { t: "num"; v: number; at: number }
  | { t: "word"; v: string; at: number }
  | { t: "op"; v: string; at: number }
  | { t: "end"; at: number };

const OPERATORS = ["&&", "||", "!=", "<=", ">=", "=", "<", ">", "!", "(", ")", "{", "}", ",", ":"];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FilterSyntaxError(`unterminated string at ${i}`);
        const d = text[j];
        if (d === "\\" && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
        } else if (d === c) {
          break;
        } else {
          value += d;
          j++;
        }
      }
      tokens.push({ t: "str", v: value, at: i });
      i = j + 1;
      continue;
    }
    const number = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
    if (number && (c !== "-" || tokens.length === 0 || tokens[tokens.length - 1].t === "op")) {
      tokens.push({ t: "num", v: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ t: "word", v: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new FilterSyntaxError(`unexpected character '${c}' at ${i}`);
    tokens.push({ t: "op", v: op, at: i });
    i += op.length;
  }
  tokens.push({ t: "end", at: text.length });
  return tokens;
}

const KEYWORDS = new Set<string>(["ok", "error", "fault", "throttle", "partial", "inferred", "root"]);
const NUMERIC_FIELDS = new Set(["responsetime", "duration", "http.status"]);
const STRING_FIELDS = new Set(["http.url", "http.method", "http.useragent", "http.clientip"]);
const WORD_OPERATORS = new Set(["contains", "beginswith", "endswith"]);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.t === "op" && token.v === value;
  }

  private isWord(value: string): boolean {
    const token = this.peek();
    return token.t === "word" && token.v.toLowerCase() === value;
  }

  private expectOp(value: string): void {
    const token = this.next();
    if (token.t !== "op" || token.v !== value) throw this.error(token, `expected '${value}'`);
  }

  private error(token: Token, message: string): FilterSyntaxError {
    const found = token.t === "end" ? "end of expression" : `'${String(token.v)}'`;
    return new FilterSyntaxError(`${message} at position ${token.at}, found ${found}`);
  }

  parseExpression(): Expr {
    const expr = this.parseOr();
    const token = this.peek();
    if (token.t !== "end") throw this.error(token, "unexpected token");
    return expr;
  }

  parseSelectorExpression(): Expr {
    const expr = this.parsePrimary();
    const token = this.peek();
    if (token.t !== "end") throw this.error(token, "unexpected token");
    if ((expr.kind !== "service" && expr.kind !== "edge") || expr.body) {
      throw new FilterSyntaxError("an entity selector is one service(...), edge(...) or id(...)");
    }
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isOp("||") || this.isWord("or")) {
      this.next();
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseUnary();
    while (this.isOp("&&") || this.isWord("and")) {
      this.next();
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isOp("!") || this.isWord("not")) {
      this.next();
      return { kind: "not", expr: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parseBody(): Expr | undefined {
    if (!this.isOp("{")) return undefined;
    this.next();
    const body = this.parseOr();
    this.expectOp("}");
    return body;
  }

  private parsePrimary(): Expr {
    if (this.isOp("(")) {
      this.next();
      const expr = this.parseOr();
      this.expectOp(")");
      return expr;
    }
    const token = this.next();
    if (token.t !== "word") throw this.error(token, "expected a condition");
    const word = token.v.toLowerCase();
    if (word === "service") {
      this.expectOp("(");
      const selector = this.isOp(")") ? {} : this.parseSelector();
      this.expectOp(")");
      return { kind: "service", selector, body: this.parseBody() };
    }
    if (word === "edge") {
      this.expectOp("(");
      const from = this.parseSelector();
      this.expectOp(",");
      const to = this.parseSelector();
      this.expectOp(")");
      return { kind: "edge", from, to, body: this.parseBody() };
    }
    if (word === "id") {
      const selector = this.parseIdArguments();
      return { kind: "service", selector, body: this.parseBody() };
    }
    if (KEYWORDS.has(word)) {
      const keyword: Expr = { kind: "keyword", keyword: word as Keyword };
      if (this.isOp("=") || this.isOp("!=")) {
        const negate = (this.next() as { v: string }).v === "!=";
        const value = this.next();
        if (value.t !== "word" || !/^(true|false)$/i.test(value.v)) throw this.error(value, "expected true or false");
        return negate === (value.v.toLowerCase() === "true") ? { kind: "not", expr: keyword } : keyword;
      }
      return keyword;
    }
    if (NUMERIC_FIELDS.has(word) || STRING_FIELDS.has(word) || word.startsWith("annotation.")) {
      const field = word.startsWith("annotation.") ? `annotation.${token.v.slice("annotation.".length)}` : word;
      const opToken = this.next();
      let op: Operator;
      if (opToken.t === "op" && ["=", "!=", "<", "<=", ">", ">="].includes(opToken.v)) op = opToken.v as Operator;
      else if (opToken.t === "word" && WORD_OPERATORS.has(opToken.v.toLowerCase())) op = opToken.v.toLowerCase() as Operator;
      else throw this.error(opToken, `expected a comparison after ${token.v}`);
      const valueToken = this.next();
      let value: Scalar;
      if (valueToken.t === "num" || valueToken.t === "str") value = valueToken.v;
      else if (valueToken.t === "word" && /^(true|false)$/i.test(valueToken.v)) value = valueToken.v.toLowerCase() === "true";
      else throw this.error(valueToken, `expected a value after ${token.v} ${op}`);
      if (NUMERIC_FIELDS.has(field) && typeof value !== "number") {
        throw new FilterSyntaxError(`${field} compares with a number`);
      }
      if (STRING_FIELDS.has(field) && typeof value !== "string") {
        throw new FilterSyntaxError(`${field} compares with a string`);
      }
      if (WORD_OPERATORS.has(op) && typeof value !== "string") {
        throw new FilterSyntaxError(`${op.toUpperCase()} compares with a string`);
      }
      if (typeof value === "string" && ["<", "<=", ">", ">="].includes(op) && !field.startsWith("annotation.")) {
        throw new FilterSyntaxError(`${op} compares numbers`);
      }
      return { kind: "compare", field, op, value };
    }
    throw this.error(token, "unknown keyword or function");
  }

  private parseSelector(): Selector {
    const token = this.peek();
    if (token.t === "str") {
      this.next();
      return { name: token.v };
    }
    if (token.t === "word" && token.v.toLowerCase() === "id") {
      this.next();
      return this.parseIdArguments();
    }
    throw this.error(token, "expected a service name or id(...)");
  }

  private parseIdArguments(): Selector {
    this.expectOp("(");
    const selector: Selector = {};
    if (this.peek().t === "str") {
      selector.name = (this.next() as { v: string }).v;
    } else {
      while (!this.isOp(")")) {
        const key = this.next();
        if (key.t !== "word") throw this.error(key, "expected name:, type: or account.id:");
        this.expectOp(":");
        const value = this.next();
        if (value.t !== "str") throw this.error(value, "expected a string");
        const name = key.v.toLowerCase();
        if (name === "name") selector.name = value.v;
        else if (name === "type") selector.type = value.v;
        else if (name !== "account.id") throw this.error(key, "unknown id() argument");
        if (!this.isOp(")")) this.expectOp(",");
      }
    }
    this.expectOp(")");
    return selector;
  }
}

/** Parses a filter expression; throws FilterSyntaxError. */
export function parseFilter(text: string): Expr {
  return new Parser(tokenize(text)).parseExpression();
}

/** Parses an entity selector: service("a"), id(name: "a", type: "t") or edge("a", "b"). */
export function parseEntitySelector(text: string): Expr & { kind: "service" | "edge" } {
  return new Parser(tokenize(text)).parseSelectorExpression() as Expr & { kind: "service" | "edge" };
}

export function selects(selector: Selector, name: string, type: string): boolean {
  return (selector.name === undefined || selector.name === name) && (selector.type === undefined || selector.type === type);
}

/** What an expression is evaluated against: a whole trace, or one segment inside a service(){} body. */
export interface Subject {
  keyword(keyword: Keyword): boolean;
  /** The values of a field; empty when absent (a comparison with an absent field is false). */
  values(field: string): Scalar[];
  /** Subjects for the segments of matching services, or of the callee side of matching edges. */
  services(selector: Selector): Subject[];
  edges(from: Selector, to: Selector): Subject[];
}

function compare(actual: Scalar, op: Operator, expected: Scalar): boolean {
  switch (op) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "contains":
      return typeof actual === "string" && actual.includes(expected as string);
    case "beginswith":
      return typeof actual === "string" && actual.startsWith(expected as string);
    case "endswith":
      return typeof actual === "string" && actual.endsWith(expected as string);
  }
  if (typeof actual !== typeof expected) return false;
  switch (op) {
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
  }
}

export function evaluate(expr: Expr, subject: Subject): boolean {
  switch (expr.kind) {
    case "and":
      return evaluate(expr.left, subject) && evaluate(expr.right, subject);
    case "or":
      return evaluate(expr.left, subject) || evaluate(expr.right, subject);
    case "not":
      return !evaluate(expr.expr, subject);
    case "keyword":
      return subject.keyword(expr.keyword);
    case "compare":
      return subject.values(expr.field).some((value) => compare(value, expr.op, expr.value));
    case "service": {
      const matches = subject.services(expr.selector);
      const body = expr.body;
      return body ? matches.some((s) => evaluate(body, s)) : matches.length > 0;
    }
    case "edge": {
      const matches = subject.edges(expr.from, expr.to);
      const body = expr.body;
      return body ? matches.some((s) => evaluate(body, s)) : matches.length > 0;
    }
  }
}
