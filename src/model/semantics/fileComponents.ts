// Which files can change each other's workspace diagnostics. Two files meet when they share a name
// (a resource's AWS name, Kubernetes object name, parent or mesh, or a name a reference asks for),
// hold CloudFormation templates of one folder (one stack for Copilot's addons/), or when one holds a
// placeholder-named resource of a kind the other refers to. Files that do not meet, directly or
// through others, are analysed apart, and an edit re-checks only its own group. The keys err on the
// side of meeting: a group too large costs time, never a missed diagnostic.
import type { ParsedDefinitions } from "../parseDefinitions";
import { hasPlaceholderName } from "./placeholders";

/** Groups of files (in the order given) that must be analysed together. */
export function fileComponents(files: readonly ParsedDefinitions[]): ParsedDefinitions[][] {
  const parent = files.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // A reference meets a placeholder-named resource of its kind, not every other reference.
  const placeholderKinds = new Set(files.flatMap((f) => [...keysOf(f).placeholderKinds]));
  const owner = new Map<string, number>();
  files.forEach((file, i) => {
    const { names, referencedKinds } = keysOf(file);
    const keys = [...names, ...[...referencedKinds].filter((k) => placeholderKinds.has(k)).map((k) => `placeholder:${k}`), ...assignedNames(file)];
    for (const key of keys) {
      const first = owner.get(key);
      if (first === undefined) owner.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  const groups = new Map<number, ParsedDefinitions[]>();
  files.forEach((file, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(file);
    else groups.set(root, [file]);
  });
  return [...groups.values()];
}

interface FileKeys {
  /** Names, stacks and placeholder kinds this file defines or asks for (as parsed). */
  names: Set<string>;
  referencedKinds: Set<string>;
  placeholderKinds: Set<string>;
}

/** Parent and mesh names, which the workspace assigns after parsing (selectors, namespaces): read fresh. */
function assignedNames(file: ParsedDefinitions): string[] {
  const out: string[] = [];
  for (const resource of file.resources) {
    if (typeof resource.parentName === "string") out.push(`name:${resource.parentName}`);
    if (typeof resource.meshName === "string") out.push(`name:${resource.meshName}`);
  }
  return out;
}

/** Computed once per parse (a file's parse is replaced, never changed, when its text changes). */
const keysByFile = new WeakMap<ParsedDefinitions, FileKeys>();

function keysOf(file: ParsedDefinitions): FileKeys {
  const known = keysByFile.get(file);
  if (known) return known;
  const keys: FileKeys = { names: new Set(), referencedKinds: new Set(), placeholderKinds: new Set() };
  const name = (value: unknown) => {
    if (typeof value === "string") keys.names.add(`name:${value}`);
  };
  for (const resource of file.resources) {
    name(resource.name);
    name(resource.k8s?.name);
    const meshRef = resource.k8s?.controller?.meshRef as { name?: unknown } | undefined;
    name(meshRef?.name);
    if (resource.dialect === "cloudformation") keys.names.add(`stack:${folderOf(file.uri)}`);
    if (hasPlaceholderName(resource)) {
      keys.placeholderKinds.add(resource.kind);
      keys.names.add(`placeholder:${resource.kind}`);
    }
    for (const reference of resource.references) {
      name(reference.name);
      keys.referencedKinds.add(reference.kind);
      if (reference.logicalId) keys.names.add(`stack:${folderOf(file.uri)}`);
    }
  }
  keysByFile.set(file, keys);
  return keys;
}

/** The folder of a file: CloudFormation templates of one folder may be one stack. */
function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf("/"));
}
