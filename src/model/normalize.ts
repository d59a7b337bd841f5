// A spec's canonical form, and comparing specs the way App Mesh would: keys in any order, the
// defaults the service fills in counted as written. Drift ("same as live") rests on this.
import type { ResourceKind } from "./resources";
import { transformValue } from "./writers/transformSpec";

/**
 * Spec members App Mesh fills in when a request leaves them out, so a describe returns them. Only
 * values the service is known to report belong here: documented behaviour defaults (a 15 s request
 * timeout, say) are Envoy's and never show up in a describe.
 */
const SERVICE_FILLED_DEFAULTS: Partial<Record<ResourceKind, Readonly<Record<string, unknown>>>> = {
  Mesh: { egressFilter: { type: "DROP_ALL" } },
};

/**
 * The spec as plain JSON in canonical form: structure and union members in the schema's order,
 * lists in their order, the service's defaults filled in, members the schema does not know last
 * in sorted order. Equal specs have byte-identical JSON.stringify output.
 */
export function canonicalSpec(kind: ResourceKind, spec: unknown): Record<string, unknown> {
  const written = spec && typeof spec === "object" && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {};
  const withDefaults: Record<string, unknown> = { ...written };
  for (const [member, value] of Object.entries(SERVICE_FILLED_DEFAULTS[kind] ?? {})) {
    if (withDefaults[member] === undefined || withDefaults[member] === null) withDefaults[member] = value;
  }
  const ordered = transformValue(withDefaults, `${kind}Spec`, (_shape, member, value) => [member, value]) ?? {};
  // Through JSON, so values the source could not know (placeholders) drop out as in a request body.
  return JSON.parse(JSON.stringify(ordered)) as Record<string, unknown>;
}

export function sameSpec(kind: ResourceKind, a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalSpec(kind, a)) === JSON.stringify(canonicalSpec(kind, b));
}
