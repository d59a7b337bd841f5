// The API's own request shape, as in `aws appmesh create-… --cli-input-json|yaml` files and this
// extension's export: `meshName`, a `<kind>Name`, `spec`, optional `tags`.
import { isScalar, type Node, type YAMLMap } from "yaml";
import { DiagnosticCode } from "../diagnosticCodes";
import { RESOURCE_KINDS, UNKNOWN, type MeshResource, type ResourceKind } from "../resources";
import { API_REFERENCE_FIELDS } from "../schema/references";
import { joinPath } from "../schemaWalker";
import { API_VIEW } from "../schema/views";
import { getPair, hasPlaceholder, spanOf } from "../source/yamlText";
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

/** The command-line option that can give a name a CLI input file leaves out. */
const COMMAND_LINE_OPTION: Readonly<Record<string, string>> = {
  meshName: "--mesh-name",
  virtualRouterName: "--virtual-router-name",
  virtualGatewayName: "--virtual-gateway-name",
};

const holdsPlaceholder = (text: string, node: Node | null) => {
  const span = spanOf(node);
  return span !== undefined && hasPlaceholder(text.slice(span.start, span.end));
};

export function readApiShapeDocument(ctx: DocumentContext, root: YAMLMap, kind: ResourceKind): MeshResource {
  const resource = newResource(ctx, "api", kind, spanOf(root as Node)!);
  const inputShape = `Create${kind}Input`;
  // `aws appmesh create-route --mesh-name … --virtual-router-name … --cli-input-json file://…`: the
  // mesh and parent names often come from the command line, so the file may leave them out.
  const fromCommandLine = (shape: string, key: string) => shape === inputShape && key !== NAME_KEY[kind] && key in COMMAND_LINE_OPTION;
  const input = walkInto(
    ctx,
    resource,
    API_VIEW,
    root as Node,
    inputShape,
    "",
    undefined,
    (field, parentShape, node, path) => {
      const referenceKind = API_REFERENCE_FIELDS[`${parentShape}.${field.member}`];
      if (referenceKind && isScalar(node) && typeof node.value === "string" && !holdsPlaceholder(ctx.text, node)) {
        resource.references.push({ kind: referenceKind, name: node.value, path: joinPath(path, field.member), span: spanOf(node)! });
      }
      return undefined;
    },
    fromCommandLine,
  ) as Record<string, unknown> | undefined;
  const nameKeySpan = resource.keySpans.get(NAME_KEY[kind]) ?? resource.span;
  for (const key of Object.keys(COMMAND_LINE_OPTION)) {
    if (!fromCommandLine(inputShape, key) || !API_VIEW.field(inputShape, key)?.required || getPair(root, key)) continue;
    ctx.diagnostics.push({
      span: nameKeySpan,
      severity: "information",
      code: DiagnosticCode.required,
      message: `"${key}" is not in this file: give it on the command line (${COMMAND_LINE_OPTION[key]}) or add it here.`,
      data: { field: key, shape: API_VIEW.field(inputShape, key)!.shape, commandLine: COMMAND_LINE_OPTION[key] },
    });
  }

  const value = (key: string) => {
    const v = input?.[key];
    return typeof v === "string" || v === UNKNOWN ? v : undefined;
  };
  resource.name = value(NAME_KEY[kind]) ?? "";
  resource.nameSpan = resource.valueSpans.get(NAME_KEY[kind]) ?? resource.span;
  // Left out of the file, a name comes from the command line: unknown here.
  resource.meshName = value("meshName") ?? (kind === "Mesh" ? undefined : UNKNOWN);
  resource.spec = (input?.spec as Record<string, unknown>) ?? {};
  resource.tags = input?.tags as MeshResource["tags"];
  const parent = PARENT_KEY[kind];
  if (parent) {
    resource.parentName = value(parent.key) ?? UNKNOWN;
    const name = resource.parentName;
    const span = resource.valueSpans.get(parent.key);
    if (typeof name === "string" && span && !hasPlaceholder(ctx.text.slice(span.start, span.end))) resource.references.push({ kind: parent.kind, name, path: parent.key, span });
  }
  return resource;
}
