// Rewrites an API-shaped value member by member, following the API shapes, so each dialect's
// writer only says how one member is spelled.
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
    const out: Record<string, unknown> = {};
    for (const [member, memberValue] of Object.entries(value as Record<string, unknown>)) {
      const target = shape.members[member]?.target;
      const transformed = target ? transformValue(memberValue, target, rewrite) : memberValue;
      if (transformed === undefined) continue;
      const written = rewrite(shapeName, member, transformed);
      if (written) out[written[0]] = written[1];
    }
    return out;
  }
  return value;
}
