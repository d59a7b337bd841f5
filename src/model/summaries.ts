// One-line summaries of resources for tree labels, descriptions and tooltips: a route's targets and
// weights, a service's provider, a node's discovery and ports, a mesh's egress filter.
import type { ResourceKind } from "./resources";
import { routeType } from "./routeSemantics";
import { scaleWeights } from "./routeWeights";
import { listenersOf } from "./listeners";

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {});
const asList = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : []);

/** "color-v1 90% · color-v2 10%" for a route, "→ color.demo.local" for a gateway route. */
export function targetsSummary(kind: ResourceKind, spec: Obj): string {
  const type = routeType(spec);
  if (!type) return "";
  const action = asObject(asObject(spec[type]).action);
  if (kind === "GatewayRoute") {
    const service = asObject(asObject(action.target).virtualService).virtualServiceName;
    return typeof service === "string" ? `→ ${service}` : "";
  }
  const targets = asList(action.weightedTargets);
  const weights = targets.map((t) => (typeof t.weight === "number" ? t.weight : 0));
  const total = weights.reduce((sum, w) => sum + w, 0);
  // Shares of the route's traffic, whole percents that add up to 100 (the weights themselves when they do).
  const shares = total === 100 || total === 0 ? weights : scaleWeights(weights, 100);
  return targets.map((t, i) => `${String(t.virtualNode)} ${shares[i]}%`).join(" · ");
}

/** "http prefix /" — a route's type and what it matches. */
export function matchSummary(spec: Obj): string {
  const type = routeType(spec);
  if (!type) return "";
  const match = asObject(asObject(spec[type]).match);
  const protocol = type.replace("Route", "");
  const parts: string[] = [protocol];
  if (typeof match.prefix === "string") parts.push(`prefix ${match.prefix}`);
  const path = asObject(match.path);
  if (typeof path.exact === "string") parts.push(`path ${path.exact}`);
  if (typeof path.regex === "string") parts.push(`path ~${path.regex}`);
  if (typeof match.serviceName === "string") parts.push(`service ${match.serviceName}${typeof match.methodName === "string" ? `/${match.methodName}` : ""}`);
  const hostname = asObject(match.hostname);
  if (typeof hostname.exact === "string") parts.push(`host ${hostname.exact}`);
  if (typeof hostname.suffix === "string") parts.push(`host *${hostname.suffix}`);
  if (asList(match.headers).length) parts.push(`${asList(match.headers).length} header match${asList(match.headers).length === 1 ? "" : "es"}`);
  if (typeof match.port === "number") parts.push(`port ${match.port}`);
  return parts.join(" ");
}

/** "router color-router" or "node front". */
export function providerSummary(spec: Obj): string {
  const provider = asObject(spec.provider);
  const node = asObject(provider.virtualNode).virtualNodeName;
  if (typeof node === "string") return `node ${node}`;
  const router = asObject(provider.virtualRouter).virtualRouterName;
  if (typeof router === "string") return `router ${router}`;
  return "no provider";
}

export interface DiscoverySummary {
  text: string;
  /**
   * Cloud Map namespace and service, when the node uses Cloud Map, with the attributes that pick the
   * node's own instances out of a service shared by several nodes (absent when it names none).
   */
  cloudMap?: { namespaceName: string; serviceName: string; attributes?: Record<string, string> };
}

/** "DNS front.demo.svc.cluster.local", "Cloud Map color.demo.local" or "Cloud Map color.demo.local (version=v1)". */
export function discoverySummary(spec: Obj): DiscoverySummary {
  const discovery = asObject(spec.serviceDiscovery);
  const dns = asObject(discovery.dns);
  if (typeof dns.hostname === "string") return { text: `DNS ${dns.hostname}` };
  const cloudMap = asObject(discovery.awsCloudMap);
  if (typeof cloudMap.namespaceName === "string" && typeof cloudMap.serviceName === "string") {
    const { namespaceName, serviceName } = cloudMap;
    // The API shape is a list of {key, value}; a key given twice keeps its last value, as a map would.
    const pairs = asList(cloudMap.attributes).filter((a) => typeof a.key === "string" && typeof a.value === "string");
    const attributes = Object.fromEntries(pairs.map((a) => [a.key as string, a.value as string]));
    const names = Object.entries(attributes).map(([key, value]) => `${key}=${value}`);
    return {
      text: `Cloud Map ${serviceName}.${namespaceName}${names.length ? ` (${names.join(", ")})` : ""}`,
      cloudMap: { namespaceName, serviceName, ...(names.length ? { attributes } : {}) },
    };
  }
  return { text: "" };
}

/** "8080/http, 9090/grpc". */
export function portsSummary(spec: Obj): string {
  return listenersOf(spec)
    .filter((l) => l.port !== undefined)
    .map((l) => `${l.port}/${l.protocol ?? "?"}`)
    .join(", ");
}

/** Virtual service names a node calls. */
export function backendNames(spec: Obj): string[] {
  return asList(spec.backends)
    .map((b) => asObject(b.virtualService).virtualServiceName)
    .filter((n): n is string => typeof n === "string");
}

export function egressSummary(spec: Obj): string {
  const type = asObject(spec.egressFilter).type;
  return typeof type === "string" ? `egress ${type}` : "egress DROP_ALL";
}
