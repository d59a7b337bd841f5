// Reading awsJson1_1 request members the way Cloud Map checks them: a wrong type, a missing required
// member, a value out of range or a bad pattern is an InvalidInput (400) naming the member.
import { ServiceError } from "../protocol";

export type JsonObject = Record<string, unknown>;

export function invalidInput(message: string): ServiceError {
  return new ServiceError("InvalidInput", 400, message);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The request body as an object; an absent body is an empty input. */
export function inputObject(body: unknown): JsonObject {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) throw invalidInput("The request body must be a JSON object.");
  return body;
}

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

export function optString(input: JsonObject, name: string, rule: StringRule = {}): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidInput(`${name} must be a string.`);
  checkString(value, name, rule);
  return value;
}

export function reqString(input: JsonObject, name: string, rule: StringRule = {}): string {
  const value = optString(input, name, rule);
  if (value === undefined) throw invalidInput(`${name} is required.`);
  return value;
}

function checkString(value: string, name: string, rule: StringRule): void {
  if (rule.min !== undefined && value.length < rule.min) {
    throw invalidInput(`${name} must be at least ${rule.min} characters long.`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw invalidInput(`${name} must be at most ${rule.max} characters long.`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw invalidInput(`${name} '${value}' does not match the pattern ${rule.pattern.source}.`);
  }
}

export function optInt(input: JsonObject, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalidInput(`${name} must be an integer.`);
  if (value < min || value > max) throw invalidInput(`${name} must be between ${min} and ${max}, not ${value}.`);
  return value;
}

export function optEnum<T extends string>(input: JsonObject, name: string, values: readonly T[]): T | undefined {
  const value = optString(input, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw invalidInput(`${name} must be one of ${values.join(", ")}, not '${value}'.`);
  }
  return value as T;
}

export function reqEnum<T extends string>(input: JsonObject, name: string, values: readonly T[]): T {
  const value = optEnum(input, name, values);
  if (value === undefined) throw invalidInput(`${name} is required.`);
  return value;
}

export function optList(input: JsonObject, name: string): unknown[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidInput(`${name} must be a list.`);
  return value;
}

export function optStringList(input: JsonObject, name: string, rule: StringRule = {}): string[] | undefined {
  const list = optList(input, name);
  if (list === undefined) return undefined;
  return list.map((item, index) => {
    if (typeof item !== "string") throw invalidInput(`${name}[${index}] must be a string.`);
    checkString(item, `${name}[${index}]`, rule);
    return item;
  });
}

export function optObject(input: JsonObject, name: string): JsonObject | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidInput(`${name} must be an object.`);
  return value;
}

// Attribute keys and values as the model constrains them (printable ASCII; values may hold inner blanks).
const ATTRIBUTE_KEY = /^[a-zA-Z0-9!-~]+$/;
const ATTRIBUTE_VALUE = /^([a-zA-Z0-9!-~][ \ta-zA-Z0-9!-~]*){0,1}[a-zA-Z0-9!-~]{0,1}$/;

export function checkAttributes(attributes: Record<string, unknown>, name: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key.length > 255 || !ATTRIBUTE_KEY.test(key)) throw invalidInput(`${name} key '${key}' is not a valid attribute name.`);
    if (typeof value !== "string") throw invalidInput(`${name}.${key} must be a string.`);
    if (value.length > 1024 || !ATTRIBUTE_VALUE.test(value)) {
      throw invalidInput(`${name}.${key} value '${value}' is not a valid attribute value.`);
    }
    result[key] = value;
  }
  return result;
}

export function optAttributes(input: JsonObject, name: string): Record<string, string> | undefined {
  const value = optObject(input, name);
  return value === undefined ? undefined : checkAttributes(value, name);
}

/** Offset-based page tokens, bound to the operation that issued them. */
export function paginate<T>(
  items: readonly T[],
  operation: string,
  nextToken: string | undefined,
  maxResults: number,
): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined && nextToken !== "") {
    offset = decodeToken(nextToken, operation);
  }
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < items.length ? { page, nextToken: encodeToken(operation, next) } : { page };
}

function encodeToken(operation: string, offset: number): string {
  return Buffer.from(JSON.stringify({ op: operation, offset }), "utf8").toString("base64url");
}

function decodeToken(token: string, operation: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (isObject(parsed) && parsed.op === operation && typeof parsed.offset === "number" && parsed.offset >= 0) {
      return parsed.offset;
    }
  } catch {
    // fall through
  }
  throw invalidInput("NextToken is not valid for this request; start again without it.");
}
