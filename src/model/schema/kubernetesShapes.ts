// The App Mesh controller's Kubernetes dialect (appmesh.k8s.aws/v1beta2) as an overlay on the API
// shapes: same-named shapes are replaced, new ones added. References become {name, namespace}
// objects or ARNs, a few members are spelled differently, and specs gain controller fields.
import { API_SHAPES } from "./apiShapes";
import type { Shape, ShapeTable, StructureShape } from "./types";

function extend(
  base: string,
  members: StructureShape["members"],
  drop: string[] = [],
  exactlyOne?: StructureShape["exactlyOne"],
): StructureShape {
  const shape = API_SHAPES[base] as StructureShape;
  const kept = Object.fromEntries(Object.entries(shape.members).filter(([name]) => !drop.includes(name)));
  return { type: shape.type, members: { ...kept, ...members }, exactlyOne: exactlyOne ?? shape.exactlyOne };
}

const controllerFields = {
  awsName: { target: "ResourceName" },
  meshRef: { target: "K8sMeshRef" },
} as const;

const OVERLAY: Record<string, Shape> = {
  // Object references and label selectors.
  K8sRef: { type: "structure", members: { name: { target: "ResourceName", required: true }, namespace: { target: "String" } } },
  K8sMeshRef: { type: "structure", members: { name: { target: "ResourceName", required: true }, uid: { target: "String", required: true } } },
  K8sVirtualGatewayRef: {
    type: "structure",
    members: { name: { target: "ResourceName", required: true }, namespace: { target: "String" }, uid: { target: "String" } },
  },
  K8sLabels: { type: "map", value: "String" },
  K8sSelectorOperator: { type: "string", enum: ["In", "NotIn", "Exists", "DoesNotExist"] },
  K8sSelectorRequirement: {
    type: "structure",
    members: {
      key: { target: "String", required: true },
      operator: { target: "K8sSelectorOperator", required: true },
      values: { target: "K8sStrings" },
    },
  },
  K8sStrings: { type: "list", member: "String" },
  K8sSelectorRequirements: { type: "list", member: "K8sSelectorRequirement" },
  K8sLabelSelector: {
    type: "structure",
    members: { matchLabels: { target: "K8sLabels" }, matchExpressions: { target: "K8sSelectorRequirements" } },
  },
  K8sRefs: { type: "list", member: "K8sRef" },

  // Specs of each kind.
  MeshSpec: {
    type: "structure",
    members: {
      awsName: { target: "ResourceName" },
      namespaceSelector: { target: "K8sLabelSelector" },
      egressFilter: { target: "EgressFilter" },
      meshServiceDiscovery: { target: "MeshServiceDiscovery" },
      meshOwner: { target: "AccountId" },
    },
  },
  VirtualNodeSpec: extend("VirtualNodeSpec", {
    ...controllerFields,
    podSelector: { target: "K8sLabelSelector" },
    backendGroups: { target: "K8sRefs" },
  }),
  VirtualServiceSpec: extend("VirtualServiceSpec", controllerFields),
  VirtualRouterSpec: extend("VirtualRouterSpec", { ...controllerFields, routes: { target: "K8sRoutes" } }),
  K8sRoutes: { type: "list", member: "K8sRoute" },
  K8sRoute: extend("RouteSpec", { name: { target: "ResourceName", required: true } }),
  VirtualGatewaySpec: extend("VirtualGatewaySpec", {
    ...controllerFields,
    namespaceSelector: { target: "K8sLabelSelector" },
    podSelector: { target: "K8sLabelSelector" },
    gatewayRouteSelector: { target: "K8sLabelSelector" },
  }),
  GatewayRouteSpec: extend("GatewayRouteSpec", { ...controllerFields, virtualGatewayRef: { target: "K8sVirtualGatewayRef" } }),
  BackendGroupSpec: {
    type: "structure",
    members: { meshRef: { target: "K8sMeshRef" }, virtualservices: { target: "K8sRefs" } },
  },

  // References as {name, namespace} objects or ARNs, exactly one of the two.
  WeightedTarget: {
    type: "structure",
    members: {
      virtualNodeRef: { target: "K8sRef" },
      virtualNodeARN: { target: "Arn" },
      weight: { target: "PercentInt", required: true },
      port: { target: "ListenerPort" },
    },
    exactlyOne: [["virtualNodeRef", "virtualNodeARN"]],
  },
  VirtualNodeServiceProvider: {
    type: "structure",
    members: { virtualNodeRef: { target: "K8sRef" }, virtualNodeARN: { target: "Arn" } },
    exactlyOne: [["virtualNodeRef", "virtualNodeARN"]],
  },
  VirtualRouterServiceProvider: {
    type: "structure",
    members: { virtualRouterRef: { target: "K8sRef" }, virtualRouterARN: { target: "Arn" } },
    exactlyOne: [["virtualRouterRef", "virtualRouterARN"]],
  },
  VirtualServiceBackend: extend(
    "VirtualServiceBackend",
    { virtualServiceRef: { target: "K8sRef" }, virtualServiceARN: { target: "Arn" } },
    ["virtualServiceName"],
    [["virtualServiceRef", "virtualServiceARN"]],
  ),
  GatewayRouteVirtualService: {
    type: "structure",
    members: { virtualServiceRef: { target: "K8sRef" }, virtualServiceARN: { target: "Arn" } },
    exactlyOne: [["virtualServiceRef", "virtualServiceARN"]],
  },

  // Spelled with upper-case ARN in the CRDs.
  ListenerTlsAcmCertificate: { type: "structure", members: { certificateARN: { target: "Arn", required: true } } },
  VirtualGatewayListenerTlsAcmCertificate: { type: "structure", members: { certificateARN: { target: "Arn", required: true } } },
  TlsValidationContextAcmTrust: {
    type: "structure",
    members: { certificateAuthorityARNs: { target: "CertificateAuthorityArns", required: true } },
  },
  VirtualGatewayTlsValidationContextAcmTrust: {
    type: "structure",
    members: { certificateAuthorityARNs: { target: "VirtualGatewayCertificateAuthorityArns", required: true } },
  },

  // The CRDs allow ACM trust on gateway listeners, and only the *_ONLY IP preferences mesh-wide.
  VirtualGatewayListenerTlsValidationContextTrust: extend("VirtualGatewayListenerTlsValidationContextTrust", {
    acm: { target: "VirtualGatewayTlsValidationContextAcmTrust" },
  }),
  MeshServiceDiscovery: { type: "structure", members: { ipPreference: { target: "K8sMeshIpPreference" } } },
  K8sMeshIpPreference: { type: "string", enum: ["IPv6_ONLY", "IPv4_ONLY"] },

  // The CRDs have no ipPreference on a node's own discovery.
  DnsServiceDiscovery: extend("DnsServiceDiscovery", {}, ["ipPreference"]),
  AwsCloudMapServiceDiscovery: extend("AwsCloudMapServiceDiscovery", {}, ["ipPreference"]),
};

export const KUBERNETES_SHAPES: ShapeTable = { ...API_SHAPES, ...OVERLAY };

/** Our descriptions of the fields only the Kubernetes dialect has. */
export const KUBERNETES_DESCRIPTIONS: Readonly<Record<string, string>> = {
  "K8sRef.name": "Name of the Kubernetes object referred to.",
  "K8sRef.namespace": "Namespace of the object referred to; defaults to this object's namespace.",
  "K8sMeshRef.name": "Name of the Mesh object. Set by the controller from the namespace's labels; do not write it yourself.",
  "K8sMeshRef.uid": "UID of the Mesh object. Set by the controller.",
  "K8sVirtualGatewayRef.name": "Name of the VirtualGateway this route belongs to.",
  "K8sVirtualGatewayRef.namespace": "Namespace of that VirtualGateway; defaults to this object's namespace.",
  "K8sVirtualGatewayRef.uid": "UID of the VirtualGateway. Normally filled in by the controller.",
  "K8sLabelSelector.matchLabels": "Labels that must all be present with these values.",
  "K8sLabelSelector.matchExpressions": "Set-based requirements on labels (In, NotIn, Exists, DoesNotExist).",
  "K8sSelectorRequirement.key": "Label key the requirement applies to.",
  "K8sSelectorRequirement.operator": "How the label's value is compared with `values`.",
  "K8sSelectorRequirement.values": "Values for In and NotIn; empty for Exists and DoesNotExist.",
  "MeshSpec.awsName": "Name of the mesh in AWS. Defaults to the object name; cannot change after creation.",
  "MeshSpec.namespaceSelector": "Namespaces whose App Mesh objects join this mesh.",
  "MeshSpec.egressFilter": "Whether proxies may reach destinations outside the mesh (ALLOW_ALL) or only mesh services (DROP_ALL, the default).",
  "MeshSpec.meshServiceDiscovery": "Mesh-wide service discovery preferences, such as the IP version to use.",
  "MeshSpec.meshOwner": "Account that owns a shared mesh, when it is not your own.",
  "VirtualNodeSpec.awsName": "Name in AWS. Defaults to name_namespace; cannot change after creation.",
  "VirtualNodeSpec.meshRef": "The mesh this node belongs to. The controller sets it; do not write it yourself.",
  "VirtualNodeSpec.podSelector": "Pods that this virtual node represents; their Envoy sidecars get its configuration.",
  "VirtualNodeSpec.backendGroups": "BackendGroups whose virtual services this node may call.",
  "VirtualServiceSpec.awsName": "Name in AWS, usually the service's DNS name. Defaults to name.namespace.",
  "VirtualServiceSpec.meshRef": "The mesh this service belongs to. Set by the controller.",
  "VirtualRouterSpec.awsName": "Name in AWS. Defaults to name_namespace; cannot change after creation.",
  "VirtualRouterSpec.meshRef": "The mesh this router belongs to. Set by the controller.",
  "VirtualRouterSpec.routes": "Routes of this router, each with a name; the controller creates one App Mesh route per item.",
  "K8sRoute.name": "Name of the route within its router.",
  "VirtualGatewaySpec.awsName": "Name in AWS. Defaults to name_namespace; cannot change after creation.",
  "VirtualGatewaySpec.meshRef": "The mesh this gateway belongs to. Set by the controller.",
  "VirtualGatewaySpec.namespaceSelector": "Namespaces whose GatewayRoutes attach to this gateway.",
  "VirtualGatewaySpec.podSelector": "Gateway pods (Envoy) that serve this virtual gateway.",
  "VirtualGatewaySpec.gatewayRouteSelector": "Labels a GatewayRoute must carry to attach to this gateway.",
  "GatewayRouteSpec.awsName": "Name in AWS. Defaults to name_namespace; cannot change after creation.",
  "GatewayRouteSpec.meshRef": "The mesh this gateway route belongs to. Set by the controller.",
  "GatewayRouteSpec.virtualGatewayRef": "The VirtualGateway this route belongs to, when selectors do not decide it.",
  "BackendGroupSpec.meshRef": "The mesh this group belongs to. Set by the controller.",
  "BackendGroupSpec.virtualservices": "Virtual services in the group; a name of \"*\" means every service in the namespace.",
  "WeightedTarget.virtualNodeRef": "The VirtualNode object that receives this share of traffic.",
  "WeightedTarget.virtualNodeARN": "ARN of a virtual node outside this cluster, instead of virtualNodeRef.",
  "VirtualNodeServiceProvider.virtualNodeRef": "The VirtualNode object that serves this virtual service.",
  "VirtualNodeServiceProvider.virtualNodeARN": "ARN of the providing virtual node, instead of virtualNodeRef.",
  "VirtualRouterServiceProvider.virtualRouterRef": "The VirtualRouter object that routes this virtual service.",
  "VirtualRouterServiceProvider.virtualRouterARN": "ARN of the providing virtual router, instead of virtualRouterRef.",
  "VirtualServiceBackend.virtualServiceRef": "The VirtualService object this node calls.",
  "VirtualServiceBackend.virtualServiceARN": "ARN of the virtual service this node calls, instead of virtualServiceRef.",
  "GatewayRouteVirtualService.virtualServiceRef": "The VirtualService object that receives the matched traffic.",
  "GatewayRouteVirtualService.virtualServiceARN": "ARN of the target virtual service, instead of virtualServiceRef.",
  "VirtualGatewayListenerTlsValidationContextTrust.acm": "Trust client certificates issued by these ACM Private CAs.",
  K8sMeshIpPreference: "IP version the mesh's proxies use; the controller accepts only the *_ONLY choices here.",
  "ListenerTlsAcmCertificate.certificateARN": "ARN of the ACM certificate the listener presents.",
  "VirtualGatewayListenerTlsAcmCertificate.certificateARN": "ARN of the ACM certificate the gateway listener presents.",
  "TlsValidationContextAcmTrust.certificateAuthorityARNs": "ARNs of ACM Private CAs whose certificates are trusted.",
  "VirtualGatewayTlsValidationContextAcmTrust.certificateAuthorityARNs": "ARNs of ACM Private CAs whose certificates are trusted.",
};

/** Root spec shape of each Kubernetes kind. */
export const KUBERNETES_SPEC_SHAPES: Readonly<Record<string, string>> = {
  Mesh: "MeshSpec",
  VirtualNode: "VirtualNodeSpec",
  VirtualService: "VirtualServiceSpec",
  VirtualRouter: "VirtualRouterSpec",
  VirtualGateway: "VirtualGatewaySpec",
  GatewayRoute: "GatewayRouteSpec",
  BackendGroup: "BackendGroupSpec",
};
