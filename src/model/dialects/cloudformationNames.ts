// CloudFormation spelling of App Mesh names. The CloudFormation dialect is the API shape table with
// each member name's first letter upper-cased, except for the entries below.
//
// Sources: the CloudFormation Template Reference property-type and resource pages for
// AWS::AppMesh::{Mesh,VirtualNode,VirtualService,VirtualRouter,Route,VirtualGateway,GatewayRoute},
// cross-checked member by member against the CloudFormation registry schemas of those seven types
// (every structure/union reachable from the seven *Spec shapes was walked; no other differences).
// Only property names are listed here; CloudFormation's property-type names also differ from the
// API shape names in places (e.g. HealthCheckPolicy is "HealthCheck"), which does not affect keys.

/** CloudFormation property names that are not the API member name with its first letter upper-cased, keyed "Shape.member" (API shape names). */
export const CFN_MEMBER_NAMES: Readonly<Record<string, string>> = {
  // AWS::AppMesh::VirtualNode
  "ServiceDiscovery.awsCloudMap": "AWSCloudMap",
  "ServiceDiscovery.dns": "DNS",
  "ClientPolicy.tls": "TLS",
  "ClientTlsCertificate.sds": "SDS",
  "Listener.tls": "TLS",
  "ListenerTimeout.tcp": "TCP",
  "ListenerTimeout.http": "HTTP",
  "ListenerTimeout.http2": "HTTP2",
  "ListenerTimeout.grpc": "GRPC",
  "ListenerTlsCertificate.acm": "ACM",
  "ListenerTlsCertificate.sds": "SDS",
  "ListenerTlsValidationContextTrust.sds": "SDS",
  "TlsValidationContextTrust.acm": "ACM",
  "TlsValidationContextTrust.sds": "SDS",
  "VirtualNodeConnectionPool.tcp": "TCP",
  "VirtualNodeConnectionPool.http": "HTTP",
  "VirtualNodeConnectionPool.http2": "HTTP2",
  "VirtualNodeConnectionPool.grpc": "GRPC",
  // AWS::AppMesh::VirtualGateway
  "VirtualGatewayClientPolicy.tls": "TLS",
  "VirtualGatewayClientTlsCertificate.sds": "SDS",
  "VirtualGatewayConnectionPool.http": "HTTP",
  "VirtualGatewayConnectionPool.http2": "HTTP2",
  "VirtualGatewayConnectionPool.grpc": "GRPC",
  "VirtualGatewayListener.tls": "TLS",
  "VirtualGatewayListenerTlsCertificate.acm": "ACM",
  "VirtualGatewayListenerTlsCertificate.sds": "SDS",
  "VirtualGatewayListenerTlsValidationContextTrust.sds": "SDS",
  "VirtualGatewayTlsValidationContextTrust.acm": "ACM",
  "VirtualGatewayTlsValidationContextTrust.sds": "SDS",
};

// Top-level properties. The API's clientToken has no CloudFormation property, and CloudFormation's
// read-only attributes (Arn, Id, Uid, ResourceOwner; MeshOwner on Mesh) are not inputs, so neither
// appears here. CloudFormation makes the resource's own name optional (it generates one) except for
// VirtualService, although the API requires it.
// Required flags are as the pages show them; where a page's property list was not visible to us the
// flag comes from the type's CloudFormation registry schema, and the entry says so.

/** Top-level properties of each AWS::AppMesh::* resource type, keyed by the type's short name ("VirtualNode"), mapping CFN property name to the API member of the Create<Kind>Input shape it carries, with required flags. */
export const CFN_RESOURCE_PROPERTIES: Readonly<
  Record<string, Readonly<Record<string, { member: string; required: boolean }>>>
> = {
  Mesh: {
    MeshName: { member: "meshName", required: false },
    Spec: { member: "spec", required: false },
    Tags: { member: "tags", required: false },
  },
  VirtualNode: {
    // Not seen on the resource page (name and flag); from the registry schema.
    MeshName: { member: "meshName", required: true },
    // Not seen on the resource page (name and flag); from the registry schema.
    MeshOwner: { member: "meshOwner", required: false },
    // Not seen on the resource page (name and flag); from the registry schema.
    Spec: { member: "spec", required: true },
    // Not seen on the resource page (name and flag); from the registry schema.
    Tags: { member: "tags", required: false },
    // Not seen on the resource page (name and flag); from the registry schema.
    VirtualNodeName: { member: "virtualNodeName", required: false },
  },
  VirtualService: {
    MeshName: { member: "meshName", required: true },
    MeshOwner: { member: "meshOwner", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    Spec: { member: "spec", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    Tags: { member: "tags", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    VirtualServiceName: { member: "virtualServiceName", required: true },
  },
  VirtualRouter: {
    // Required flag not seen on the resource page; taken from the registry schema.
    MeshName: { member: "meshName", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    MeshOwner: { member: "meshOwner", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    Spec: { member: "spec", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    Tags: { member: "tags", required: false },
    // Not seen on the resource page (name and flag); from the registry schema.
    VirtualRouterName: { member: "virtualRouterName", required: false },
  },
  Route: {
    MeshName: { member: "meshName", required: true },
    MeshOwner: { member: "meshOwner", required: false },
    RouteName: { member: "routeName", required: false },
    Spec: { member: "spec", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    Tags: { member: "tags", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    VirtualRouterName: { member: "virtualRouterName", required: true },
  },
  VirtualGateway: {
    MeshName: { member: "meshName", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    MeshOwner: { member: "meshOwner", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    Spec: { member: "spec", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    Tags: { member: "tags", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    VirtualGatewayName: { member: "virtualGatewayName", required: false },
  },
  GatewayRoute: {
    GatewayRouteName: { member: "gatewayRouteName", required: false },
    MeshName: { member: "meshName", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    MeshOwner: { member: "meshOwner", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    Spec: { member: "spec", required: true },
    // Required flag not seen on the resource page; taken from the registry schema.
    Tags: { member: "tags", required: false },
    // Required flag not seen on the resource page; taken from the registry schema.
    VirtualGatewayName: { member: "virtualGatewayName", required: true },
  },
};
