// The App Mesh resource kinds as the REST API names them: URL segments, name members, ARN parts.
import type { ResourceKind } from "../../model/resources";

export interface KindInfo {
  kind: ResourceKind;
  /** Collection segment in URLs (virtualNodes) and the list output's member. */
  collection: string;
  /** Singular member holding the resource in describe/create output (virtualNode). */
  member: string;
  /** The name member (virtualNodeName). */
  nameKey: string;
  /** ARN path segment (virtualNode). */
  arnSegment: string;
  parent?: ResourceKind;
}

export const KINDS: Record<ResourceKind, KindInfo> = {
  Mesh: { kind: "Mesh", collection: "meshes", member: "mesh", nameKey: "meshName", arnSegment: "mesh" },
  VirtualNode: { kind: "VirtualNode", collection: "virtualNodes", member: "virtualNode", nameKey: "virtualNodeName", arnSegment: "virtualNode" },
  VirtualService: { kind: "VirtualService", collection: "virtualServices", member: "virtualService", nameKey: "virtualServiceName", arnSegment: "virtualService" },
  VirtualRouter: { kind: "VirtualRouter", collection: "virtualRouters", member: "virtualRouter", nameKey: "virtualRouterName", arnSegment: "virtualRouter" },
  Route: { kind: "Route", collection: "routes", member: "route", nameKey: "routeName", arnSegment: "route", parent: "VirtualRouter" },
  VirtualGateway: { kind: "VirtualGateway", collection: "virtualGateways", member: "virtualGateway", nameKey: "virtualGatewayName", arnSegment: "virtualGateway" },
  GatewayRoute: { kind: "GatewayRoute", collection: "gatewayRoutes", member: "gatewayRoute", nameKey: "gatewayRouteName", arnSegment: "gatewayRoute", parent: "VirtualGateway" },
};

/** Singular parent segment used in child collection URLs ("virtualRouter", "virtualGateway"). */
export const PARENT_SEGMENT: Partial<Record<ResourceKind, string>> = { VirtualRouter: "virtualRouter", VirtualGateway: "virtualGateway" };
