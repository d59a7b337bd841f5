// Rewrites an API-shaped value member by member, following the API shapes, so each dialect's
// writer only says how one member is spelled. Members come out in the schema's order whatever
// order the value was written in, so two specs that differ only in key order are written the same.
import { API_SHAPES } from "../schema/apiShapes";
import { BUILTIN_SHAPES, type Shape } from "../schema/types";

/** Returns the key and value to write for a member, or undefined to leave it out. */
export type MemberRewrite = (shape: string, member: string, value: unknown) => [string, unknown] | undefined;

export function transformValue(value: unknown, shapeName: string, rewrite: MemberRewrite): unknown {
  const shape: Shape | undefined = API_SHAPES[shapeName] ?? BUILTIN_SHAPES[shapeName];
  if (value === undefined || value === null || typeof value === "symbol") return undefined;
  if (!shape) return value;
  if (shape.type === "list" && Array.isArray(value)) return value.map((item) => transformValue(item, shape.member, rewrite));
  if ((shape.type === "structure" || shape.type === "union") && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    // Known members in the schema's order; members the schema does not know (typos, newer API
    // members) after them, sorted, so their order cannot make a difference either.
    const known = Object.keys(shape.members).filter((member) => Object.hasOwn(record, member));
    const unknown = Object.keys(record).filter((member) => !Object.hasOwn(shape.members, member)).sort();
    const out: Record<string, unknown> = {};
    for (const member of [...known, ...unknown]) {
      const target = shape.members[member]?.target;
      const transformed = target ? transformValue(record[member], target, rewrite) : withSortedKeys(record[member]);
      if (transformed === undefined) continue;
      const written = rewrite(shapeName, member, transformed);
      if (written) out[written[0]] = written[1];
    }
    return out;
  }
  return value;
}

/** A value outside the schema with its object keys sorted at every depth; lists keep their order. */
function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, withSortedKeys(record[key])]));
  }
  return value;
}
