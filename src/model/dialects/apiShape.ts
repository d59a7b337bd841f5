// The API's own request shape, as in `aws appmesh create-… --cli-input-json|yaml` files and this
// extension's export: `meshName`, a `<kind>Name`, `spec`, optional `tags`.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
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
export function apiShapeKind(root: YAMLMap, uri = ""): ResourceKind | undefined {
  if (!getPair(root, "spec")) return undefined;
  const has = (key: string) => getPair(root, key) !== undefined;
  if (has("gatewayRouteName")) return "GatewayRoute";
  if (has("routeName")) return "Route";
  for (const kind of RESOURCE_KINDS) if (kind !== "Mesh" && has(NAME_KEY[kind])) return kind;
  if (has("meshName")) return "Mesh";
  return specOnlyKind(root, uri);
}

/** Keys a CLI input file may hold beside the spec when the names come from the command line. */
const SPEC_ONLY_KEYS = new Set(["spec", "tags", "clientToken", "meshOwner"]);

/**
 * The kind of a CLI input file that holds only a spec, from the members only that kind's spec has
 * (`--mesh-name … --virtual-node-name … --cli-input-json file://node.json`); undefined when no kind fits.
 */
function specOnlyKind(root: YAMLMap, uri: string): ResourceKind | undefined {
  if (!root.items.every((pair) => isScalar(pair.key) && SPEC_ONLY_KEYS.has(String(pair.key.value)))) return undefined;
  const spec = getPair(root, "spec")?.value;
  if (!isMap(spec)) return undefined;
  const has = (key: string) => getPair(spec, key) !== undefined;
  const routeTypes = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"].filter(has);
  if (routeTypes.length) {
    // A gateway route's action names a target service; a route's, weighted targets.
    const action = getPair(getPair(spec, routeTypes[0])?.value as YAMLMap, "action")?.value;
    return isMap(action) && getPair(action, "target") ? "GatewayRoute" : "Route";
  }
  if (has("provider")) return "VirtualService";
  if (has("egressFilter")) return "Mesh";
  if (has("serviceDiscovery") || has("backends")) return "VirtualNode";
  if (has("listeners")) {
    // Routers' listeners hold a port mapping only; gateways log and have backend defaults like nodes.
    const listeners = getPair(spec, "listeners")?.value;
    const onlyPorts = isSeq(listeners) && listeners.items.every((l) => isMap(l) && l.items.every((p) => isScalar(p.key) && p.key.value === "portMapping"));
    if (onlyPorts && !has("logging") && !has("backendDefaults")) return "VirtualRouter";
    // Nodes and gateways share every other member: only the file's name can tell them apart.
    const file = uri.slice(uri.lastIndexOf("/") + 1).toLowerCase();
    if (/gateway|(^|[-_.])vg([-_.]|$)/.test(file)) return "VirtualGateway";
    if (/node|(^|[-_.])vn([-_.]|$)/.test(file)) return "VirtualNode";
    return undefined;
  }
  return undefined;
}

/** The command-line option that can give a name a CLI input file leaves out. */
const COMMAND_LINE_OPTION: Readonly<Record<string, string>> = {
  meshName: "--mesh-name",
  virtualRouterName: "--virtual-router-name",
  virtualGatewayName: "--virtual-gateway-name",
};

/** The options that give a resource's own name, for files that hold only its spec. */
const OWN_NAME_OPTION: Readonly<Record<string, string>> = {
  virtualNodeName: "--virtual-node-name",
  virtualServiceName: "--virtual-service-name",
  routeName: "--route-name",
  gatewayRouteName: "--gateway-route-name",
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
  // A file holding only the spec (every name on the command line) may leave out the own name too.
  const specOnly = root.items.every((pair) => isScalar(pair.key) && !String(pair.key.value).endsWith("Name"));
  const options: Record<string, string> = specOnly ? { ...COMMAND_LINE_OPTION, ...OWN_NAME_OPTION } : COMMAND_LINE_OPTION;
  const fromCommandLine = (shape: string, key: string) => shape === inputShape && (specOnly || key !== NAME_KEY[kind]) && key in options;
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
  for (const key of Object.keys(options)) {
    if (!fromCommandLine(inputShape, key) || !API_VIEW.field(inputShape, key)?.required || getPair(root, key)) continue;
    ctx.diagnostics.push({
      span: nameKeySpan,
      severity: "information",
      code: DiagnosticCode.required,
      message: `"${key}" is not in this file: give it on the command line (${options[key]}) or add it here.`,
      data: { field: key, shape: API_VIEW.field(inputShape, key)!.shape, commandLine: options[key] },
    });
  }

  const value = (key: string) => {
    const v = input?.[key];
    return typeof v === "string" || v === UNKNOWN ? v : undefined;
  };
  resource.name = value(NAME_KEY[kind]) ?? (specOnly ? UNKNOWN : "");
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
