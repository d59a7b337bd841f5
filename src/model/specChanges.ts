// What differs between two specs of one resource, member by member in the schema's order: the
// confirmation of a live edit names these, and Update File from Live rewrites exactly these.
import { canonicalSpec } from "./normalize";
import type { ResourceKind } from "./resources";

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => !!value && typeof value === "object" && !Array.isArray(value);

/** One changed member of the spec, by its path in canonical order. */
export interface FieldChange {
  /** "listeners[0].timeout.http.perRequest.value" */
  path: string;
  /** The same path as keys and list positions: ["listeners", 0, "timeout", …]. */
  keys: (string | number)[];
  change: "changed" | "added" | "removed";
  /** The value live now (undefined when added). */
  before?: unknown;
  /** The value asked for (undefined when removed). */
  after?: unknown;
}

/** What differs from `before` to `after`, member by member in canonical order (the schema's). */
export function specChanges(kind: ResourceKind, before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diff(canonicalSpec(kind, before), canonicalSpec(kind, after), "", [], out);
  return out;
}

/** "listeners[0].timeout.http.perRequest.value: 15 → 30; logging: removed" */
export function changesText(changes: readonly FieldChange[]): string {
  return changes.map(changeText).join("; ");
}

export function changeText(change: FieldChange): string {
  if (change.change === "added") return `${change.path}: added ${valueText(change.after)}`;
  if (change.change === "removed") return `${change.path}: removed (was ${valueText(change.before)})`;
  return `${change.path}: ${valueText(change.before)} → ${valueText(change.after)}`;
}

export function valueText(value: unknown, max = 80): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function diff(before: unknown, after: unknown, path: string, keys: (string | number)[], out: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of mergedKeys(Object.keys(before), Object.keys(after))) {
      const at = path ? `${path}.${key}` : key;
      const atKeys = [...keys, key];
      if (!Object.hasOwn(after, key)) out.push({ path: at, keys: atKeys, change: "removed", before: before[key] });
      else if (!Object.hasOwn(before, key)) out.push({ path: at, keys: atKeys, change: "added", after: after[key] });
      else diff(before[key], after[key], at, atKeys, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const at = `${path}[${i}]`;
      const atKeys = [...keys, i];
      if (i >= after.length) out.push({ path: at, keys: atKeys, change: "removed", before: before[i] });
      else if (i >= before.length) out.push({ path: at, keys: atKeys, change: "added", after: after[i] });
      else diff(before[i], after[i], at, atKeys, out);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path: path || "spec", keys, change: "changed", before, after });
}

/** Two key lists in one order (both are in the schema's order, unknown members last): a merge. */
function mergedKeys(a: string[], b: string[]): string[] {
  const inA = new Set(a);
  const inB = new Set(b);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(a[i++]);
      j++;
    } else if (i < a.length && !inB.has(a[i])) out.push(a[i++]);
    else if (j < b.length && !inA.has(b[j])) out.push(b[j++]);
    else if (i < a.length) out.push(a[i++]); // orders disagree (not in canonical forms): keep going
    else out.push(b[j++]);
  }
  return [...new Set(out)];
}

