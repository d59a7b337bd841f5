// Links into the AWS console for App Mesh resources.
import type { ResourceKind } from "../model/resources";

export const SANDBOX_LIKE = "Show Details opens its definition instead.";

const CONSOLE_SEGMENT: Record<ResourceKind, string> = {
  Mesh: "",
  VirtualNode: "virtual-nodes",
  VirtualService: "virtual-services",
  VirtualRouter: "virtual-routers",
  Route: "virtual-routers",
  VirtualGateway: "virtual-gateways",
  GatewayRoute: "virtual-gateways",
};

export function consoleUrl(ref: { kind: ResourceKind; meshName: string; parentName?: string; name: string }, region: string): string {
  const base = `https://${region}.console.aws.amazon.com/appmesh/meshes/${encodeURIComponent(ref.meshName)}`;
  if (ref.kind === "Mesh") return `${base}?region=${region}`;
  const name = ref.kind === "Route" || ref.kind === "GatewayRoute" ? ref.parentName! : ref.name;
  return `${base}/${CONSOLE_SEGMENT[ref.kind]}/${encodeURIComponent(name)}?region=${region}`;
}
