// Compares specs the way App Mesh would: plain JSON, keys in any order, defaults the API fills in.
import type { ResourceKind } from "./resources";

/** A spec with the API's defaults applied, as plain JSON with sorted keys. */
export function normalizedSpec(kind: ResourceKind, spec: unknown): unknown {
  const withDefaults = kind === "Mesh" && !(spec as Record<string, unknown> | undefined)?.egressFilter ? { ...(spec as object), egressFilter: { type: "DROP_ALL" } } : spec;
  return sortKeys(JSON.parse(JSON.stringify(withDefaults ?? {})));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

export function sameSpec(kind: ResourceKind, a: unknown, b: unknown): boolean {
  return JSON.stringify(normalizedSpec(kind, a)) === JSON.stringify(normalizedSpec(kind, b));
}
