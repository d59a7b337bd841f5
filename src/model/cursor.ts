// Finds where an offset sits in a definitions document, in schema terms: the resource, the shape of
// the object around it, and the field whose key or value it is on. Completion and hover build on it.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from "yaml";
import { NAME_KEY, apiShapeKind } from "./dialects/apiShape";
import { isAppMeshTemplate } from "./dialects/cloudformation";
import { isAppMeshManifest } from "./dialects/kubernetes";
import { RESOURCE_KINDS, type Dialect, type ResourceKind } from "./resources";
import { KUBERNETES_SPEC_SHAPES } from "./schema/kubernetesShapes";
import { viewFor, type SchemaView, type ViewField } from "./schema/views";
import { getPair, stringValue } from "./source/yamlText";

export interface CursorContext {
  dialect: Dialect;
  view: SchemaView;
  /** App Mesh kind of the resource the cursor is in. */
  kind: ResourceKind | "BackendGroup";
  /** Shape of the object that holds the cursor's key (or whose member's value holds the cursor). */
  shape: string;
  /** The field whose key or value the cursor is on, if it is a known one. */
  field?: ViewField;
  /** Shape of the field that contains `shape` (e.g. WeightedTarget when in virtualNodeRef). */
  parentShape?: string;
  parentField?: ViewField;
  on: "key" | "value" | "none";
  /** The scalar under the cursor, if any. */
  scalar?: Node;
  /** The object around the cursor (a YAML map), when there is one. */
  container?: Node;
  /** Keys already present in the object around the cursor. */
  siblings: string[];
  /** API-ish path of keys from the resource root (dialect spelling), for display and tests. */
  keys: string[];
}

const within = (node: Node | null | undefined, offset: number) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];

/** The schema context at `offset` in `document`, or undefined outside App Mesh content. */
export function cursorAt(document: Document.Parsed, offset: number): CursorContext | undefined {
  const root = document.contents as Node | null;
  if (!isMap(root)) return undefined;
  if (isAppMeshManifest(root)) {
    const kind = stringValue(getPair(root, "kind")?.value);
    const spec = getPair(root, "spec");
    if (!kind || !KUBERNETES_SPEC_SHAPES[kind] || !spec || !within(spec.value, offset)) return undefined;
    return descend(viewFor("kubernetes"), kind as ResourceKind, spec.value, KUBERNETES_SPEC_SHAPES[kind], offset, ["spec"]);
  }
  if (isAppMeshTemplate(root)) {
    const resources = getPair(root, "Resources")?.value;
    if (!isMap(resources)) return undefined;
    for (const pair of resources.items) {
      const body = pair.value as Node | null;
      if (!isMap(body) || !within(body, offset)) continue;
      const type = stringValue(getPair(body, "Type")?.value) ?? "";
      const kind = type.slice("AWS::AppMesh::".length) as ResourceKind;
      const properties = getPair(body, "Properties");
      if (!type.startsWith("AWS::AppMesh::") || !RESOURCE_KINDS.includes(kind) || !properties || !within(properties.value, offset)) return undefined;
      return descend(viewFor("cloudformation"), kind, properties.value, `Cfn${kind}Properties`, offset, ["Properties"]);
    }
    return undefined;
  }
  const kind = apiShapeKind(root);
  if (kind) return descend(viewFor("api"), kind, root, `Create${kind}Input`, offset, []);
  return undefined;
}

function descend(view: SchemaView, kind: ResourceKind | "BackendGroup", start: Node | null, startShape: string, offset: number, keys: string[]): CursorContext | undefined {
  let node = start;
  let shape = startShape;
  let parent: { shape: string; field: ViewField } | undefined;
  for (;;) {
    const resolved = view.shape(shape);
    if (resolved.type === "list" && isSeq(node)) {
      const item = node.items.find((i) => within(i as Node, offset)) as Node | undefined;
      if (!item) return { dialect: view.dialect, view, kind, shape, on: "none", siblings: [], keys, parentShape: parent?.shape, parentField: parent?.field };
      node = item;
      shape = resolved.member;
      keys = [...keys, "[]"];
      continue;
    }
    if ((resolved.type === "structure" || resolved.type === "union") && isMap(node)) {
      const siblings = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : "")).filter(Boolean);
      const pair = node.items.find((p) => within(p.key as Node, offset) || within(p.value as Node, offset)) as Pair<Node, Node | null> | undefined;
      const base = { dialect: view.dialect, view, kind, shape, siblings, keys, container: node, parentShape: parent?.shape, parentField: parent?.field };
      if (!pair || !isScalar(pair.key)) return { ...base, on: "none" };
      const key = String(pair.key.value);
      const field = view.field(shape, key);
      if (within(pair.key, offset)) return { ...base, field, on: "key", scalar: pair.key };
      const value = pair.value;
      if (!field) return { ...base, on: "value" };
      if (isScalar(value) || value === null) return { ...base, field, on: "value", scalar: value ?? undefined };
      parent = { shape, field };
      node = value;
      shape = field.shape;
      keys = [...keys, key];
      continue;
    }
    return { dialect: view.dialect, view, kind, shape, on: "none", siblings: [], keys, parentShape: parent?.shape, parentField: parent?.field };
  }
}

/** The name key of a kind in a dialect, e.g. VirtualNodeName in CloudFormation. */
export function nameKey(dialect: Dialect, kind: ResourceKind): string {
  const key = NAME_KEY[kind];
  return dialect === "cloudformation" ? viewFor(dialect).keyFor(`Cfn${kind}Properties`, key) : key;
}
