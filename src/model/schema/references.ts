// Which schema fields name another resource, per dialect, and how Kubernetes fields map back to
// the API's members. Keys are "Shape.member" in the dialect's own shape table.
import type { ResourceKind } from "../resources";

/** API-shape members whose string value is the name of another resource (also CloudFormation's). */
export const API_REFERENCE_FIELDS: Readonly<Record<string, ResourceKind>> = {
  "WeightedTarget.virtualNode": "VirtualNode",
  "VirtualNodeServiceProvider.virtualNodeName": "VirtualNode",
  "VirtualRouterServiceProvider.virtualRouterName": "VirtualRouter",
  "VirtualServiceBackend.virtualServiceName": "VirtualService",
  "GatewayRouteVirtualService.virtualServiceName": "VirtualService",
};

/** Kubernetes reference fields: an object {name, namespace} or an ARN, and the API member each stands for. */
export const KUBERNETES_REFERENCE_FIELDS: Readonly<Record<string, { kind: ResourceKind; form: "ref" | "arn"; apiMember: string }>> = {
  "WeightedTarget.virtualNodeRef": { kind: "VirtualNode", form: "ref", apiMember: "virtualNode" },
  "WeightedTarget.virtualNodeARN": { kind: "VirtualNode", form: "arn", apiMember: "virtualNode" },
  "VirtualNodeServiceProvider.virtualNodeRef": { kind: "VirtualNode", form: "ref", apiMember: "virtualNodeName" },
  "VirtualNodeServiceProvider.virtualNodeARN": { kind: "VirtualNode", form: "arn", apiMember: "virtualNodeName" },
  "VirtualRouterServiceProvider.virtualRouterRef": { kind: "VirtualRouter", form: "ref", apiMember: "virtualRouterName" },
  "VirtualRouterServiceProvider.virtualRouterARN": { kind: "VirtualRouter", form: "arn", apiMember: "virtualRouterName" },
  "VirtualServiceBackend.virtualServiceRef": { kind: "VirtualService", form: "ref", apiMember: "virtualServiceName" },
  "VirtualServiceBackend.virtualServiceARN": { kind: "VirtualService", form: "arn", apiMember: "virtualServiceName" },
  "GatewayRouteVirtualService.virtualServiceRef": { kind: "VirtualService", form: "ref", apiMember: "virtualServiceName" },
  "GatewayRouteVirtualService.virtualServiceARN": { kind: "VirtualService", form: "arn", apiMember: "virtualServiceName" },
  "GatewayRouteSpec.virtualGatewayRef": { kind: "VirtualGateway", form: "ref", apiMember: "" },
};

/** Kubernetes members spelled differently from the API member they carry. */
export const KUBERNETES_RENAMES: Readonly<Record<string, string>> = {
  "ListenerTlsAcmCertificate.certificateARN": "certificateArn",
  "VirtualGatewayListenerTlsAcmCertificate.certificateARN": "certificateArn",
  "TlsValidationContextAcmTrust.certificateAuthorityARNs": "certificateAuthorityArns",
  "VirtualGatewayTlsValidationContextAcmTrust.certificateAuthorityARNs": "certificateAuthorityArns",
  "MeshSpec.meshServiceDiscovery": "serviceDiscovery",
};

/**
 * How Kubernetes spells an API member, keyed "Shape.apiMember" ("WeightedTarget.virtualNode" →
 * "virtualNodeRef"): the reference objects and renames above, read the other way round.
 */
export const KUBERNETES_SPELLING: Readonly<Record<string, string>> = Object.fromEntries([
  ...Object.entries(KUBERNETES_REFERENCE_FIELDS)
    .filter(([, reference]) => reference.form === "ref" && reference.apiMember)
    .map(([key, reference]) => [`${key.split(".")[0]}.${reference.apiMember}`, key.split(".")[1]]),
  ...Object.entries(KUBERNETES_RENAMES).map(([key, apiMember]) => [`${key.split(".")[0]}.${apiMember}`, key.split(".")[1]]),
]);

/** Kubernetes members that only the controller uses; they have no place in the API's spec. */
export const KUBERNETES_CONTROLLER_ONLY = new Set([
  "awsName", "meshRef", "podSelector", "namespaceSelector", "gatewayRouteSelector", "backendGroups", "routes", "virtualGatewayRef", "meshOwner",
]);

/** The resource name at the end of an App Mesh ARN (…:mesh/m/virtualNode/n → n). */
export function nameFromArn(arn: string): string | undefined {
  const match = /^arn:[^:]+:appmesh:[^:]*:[^:]*:mesh\/(.+)$/.exec(arn);
  if (!match) return undefined;
  const parts = match[1].split("/");
  return parts[parts.length - 1] || undefined;
}
