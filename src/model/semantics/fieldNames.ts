// Field names as each dialect spells them, for messages about the API-shaped model.
import { CFN_MEMBER_NAMES } from "../dialects/cloudformationNames";
import type { Dialect } from "../resources";

const KUBERNETES_NAMES: Readonly<Record<string, string>> = {
  "WeightedTarget.virtualNode": "virtualNodeRef",
  "VirtualServiceBackend.virtualServiceName": "virtualServiceRef",
  "GatewayRouteVirtualService.virtualServiceName": "virtualServiceRef",
};

/** How `dialect` spells the API member `member` of shape `shape`. */
export function fieldName(dialect: Dialect, shape: string, member: string): string {
  if (dialect === "cloudformation") return CFN_MEMBER_NAMES[`${shape}.${member}`] ?? member.charAt(0).toUpperCase() + member.slice(1);
  if (dialect === "kubernetes") return KUBERNETES_NAMES[`${shape}.${member}`] ?? member;
  return member;
}
