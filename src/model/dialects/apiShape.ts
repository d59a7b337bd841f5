// The API's own request shape, as in `aws appmesh create-… --cli-input-json|yaml` files and this
// extension's export: `meshName`, a `<kind>Name`, `spec`, optional `tags`.
import { isScalar, type Node, type YAMLMap } from "yaml";
import { RESOURCE_KINDS, UNKNOWN, type MeshResource, type ResourceKind } from "../resources";
import { API_REFERENCE_FIELDS } from "../schema/references";
import { joinPath } from "../schemaWalker";
import { API_VIEW } from "../schema/views";
import { getPair, spanOf } from "../source/yamlText";
import { newResource, walkInto, type DocumentContext } from "./documentContext";

/** The kind's own name key in the API shape (virtualNodeName, routeName, …). */
export const NAME_KEY: Readonly<Record<ResourceKind, string>> = {
  Mesh: "meshName",
  VirtualNode: "virtualNodeName",
  VirtualService: "virtualServiceName",
  VirtualRouter: "virtualRouterName",
  Route: "routeName",
  VirtualGateway: "virtualGatewayName",
  GatewayRoute: "gatewayRouteName",
};

/** Parent name key of the kinds that live under another resource. */
export const PARENT_KEY: Partial<Record<ResourceKind, { key: string; kind: ResourceKind }>> = {
  Route: { key: "virtualRouterName", kind: "VirtualRouter" },
  GatewayRoute: { key: "virtualGatewayName", kind: "VirtualGateway" },
};

/** The kind of an API-shape document, judged by its keys; undefined when it is not one. */
export function apiShapeKind(root: YAMLMap): ResourceKind | undefined {
  if (!getPair(root, "spec")) return undefined;
  const has = (key: string) => getPair(root, key) !== undefined;
  if (has("gatewayRouteName")) return "GatewayRoute";
  if (has("routeName")) return "Route";
  for (const kind of RESOURCE_KINDS) if (kind !== "Mesh" && has(NAME_KEY[kind])) return kind;
  return has("meshName") ? "Mesh" : undefined;
}

export function readApiShapeDocument(ctx: DocumentContext, root: YAMLMap, kind: ResourceKind): MeshResource {
  const resource = newResource(ctx, "api", kind, spanOf(root as Node)!);
  const input = walkInto(ctx, resource, API_VIEW, root as Node, `Create${kind}Input`, "", undefined, (field, parentShape, node, path) => {
    const referenceKind = API_REFERENCE_FIELDS[`${parentShape}.${field.member}`];
    if (referenceKind && isScalar(node) && typeof node.value === "string" && !node.value.includes("$")) {
      resource.references.push({ kind: referenceKind, name: node.value, path: joinPath(path, field.member), span: spanOf(node)! });
    }
    return undefined;
  }) as Record<string, unknown> | undefined;

  const value = (key: string) => {
    const v = input?.[key];
    return typeof v === "string" || v === UNKNOWN ? v : undefined;
  };
  resource.name = value(NAME_KEY[kind]) ?? "";
  resource.nameSpan = resource.valueSpans.get(NAME_KEY[kind]) ?? resource.span;
  resource.meshName = value("meshName");
  resource.spec = (input?.spec as Record<string, unknown>) ?? {};
  resource.tags = input?.tags as MeshResource["tags"];
  const parent = PARENT_KEY[kind];
  if (parent) {
    resource.parentName = value(parent.key);
    const name = resource.parentName;
    const span = resource.valueSpans.get(parent.key);
    if (typeof name === "string" && span && !name.includes("$")) resource.references.push({ kind: parent.kind, name, path: parent.key, span });
  }
  return resource;
}
