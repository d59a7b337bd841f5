// Route semantics, written once: the route types, where a route's weighted targets and a gateway
// route's service sit in a spec, and every reference a spec in the API shape holds. The tree,
// dependents, the sandbox's store and simulator, and the checks all read specs through here.
import type { ResourceKind } from "./resources";

export const ROUTE_TYPES = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"] as const;
export type RouteType = (typeof ROUTE_TYPES)[number];
/** Gateway routes have no TCP type. */
export const GATEWAY_ROUTE_TYPES = ["httpRoute", "http2Route", "grpcRoute"] as const;
export const ROUTE_PROTOCOL: Readonly<Record<RouteType, string>> = { httpRoute: "http", http2Route: "http2", grpcRoute: "grpc", tcpRoute: "tcp" };

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The route type a route or gateway route spec uses (the first one set). */
export function routeType(spec: Obj): RouteType | undefined {
  return ROUTE_TYPES.find((type) => spec[type] !== undefined);
}

export interface WeightedTarget {
  /** Index in the weightedTargets list. */
  index: number;
  /** The node's name, or whatever the spec holds there when it is not a string (a placeholder). */
  virtualNode: unknown;
  weight: unknown;
  port?: unknown;
}

/** A route's weighted targets, in the order written. */
export function weightedTargets(spec: Obj): WeightedTarget[] {
  const type = routeType(spec);
  if (!type) return [];
  return asList(asObject(asObject(spec[type]).action).weightedTargets).map((target, index) => {
    const t = asObject(target);
    return { index, virtualNode: t.virtualNode, weight: t.weight, ...(t.port !== undefined ? { port: t.port } : {}) };
  });
}

/** The virtual service a gateway route sends to. */
export function gatewayRouteService(spec: Obj): unknown {
  const type = GATEWAY_ROUTE_TYPES.find((t) => spec[t] !== undefined);
  if (!type) return undefined;
  return asObject(asObject(asObject(asObject(spec[type]).action).target).virtualService).virtualServiceName;
}

export interface SpecReference {
  kind: ResourceKind;
  name: string;
  /** Why the spec names it. */
  role: "target" | "provider" | "backend";
  /** API path of the field inside the spec, e.g. "httpRoute.action.weightedTargets.0.virtualNode". */
  path: string;
}

/** Every resource a spec of `kind` names (string names only: placeholders refer to nothing known). */
export function specReferences(kind: ResourceKind, spec: Obj): SpecReference[] {
  const out: SpecReference[] = [];
  const add = (target: ResourceKind, name: unknown, role: SpecReference["role"], path: string) => {
    if (typeof name === "string" && name) out.push({ kind: target, name, role, path });
  };
  if (kind === "Route") {
    const type = routeType(spec);
    for (const t of weightedTargets(spec)) add("VirtualNode", t.virtualNode, "target", `${type}.action.weightedTargets.${t.index}.virtualNode`);
  }
  if (kind === "GatewayRoute") {
    const type = GATEWAY_ROUTE_TYPES.find((t) => spec[t] !== undefined);
    add("VirtualService", gatewayRouteService(spec), "target", `${type}.action.target.virtualService.virtualServiceName`);
  }
  if (kind === "VirtualService") {
    const provider = asObject(spec.provider);
    add("VirtualNode", asObject(provider.virtualNode).virtualNodeName, "provider", "provider.virtualNode.virtualNodeName");
    add("VirtualRouter", asObject(provider.virtualRouter).virtualRouterName, "provider", "provider.virtualRouter.virtualRouterName");
  }
  if (kind === "VirtualNode") {
    asList(spec.backends).forEach((backend, i) =>
      add("VirtualService", asObject(asObject(backend).virtualService).virtualServiceName, "backend", `backends.${i}.virtualService.virtualServiceName`),
    );
  }
  return out;
}
