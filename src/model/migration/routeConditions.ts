// A route's match conditions, as the targets can (or cannot) express them. Dropping a condition
// would widen a rule and take traffic meant for another, so a route with a condition the target
// lacks is not carried over as a rule; what each target lacks is the caller's to say.
import { asList, asObject, type Obj, type RouteRead } from "./migrationSource";

export interface HeaderCondition {
  name: string;
  kind: "exact" | "prefix" | "suffix" | "regex" | "range" | "present";
  value?: string;
  invert: boolean;
}

export interface RouteConditions {
  path?: { kind: "prefix" | "exact" | "regex"; value: string };
  headers: HeaderCondition[];
  method?: string;
  scheme?: string;
  port?: number;
  queryParameters: string[];
  /** gRPC: the service and method names; metadata as headers. */
  grpc?: { serviceName?: string; methodName?: string };
}

export function routeConditions(route: RouteRead): RouteConditions {
  const match: Obj = route.match;
  const out: RouteConditions = { headers: [], queryParameters: [] };
  if (route.type === "grpcRoute") {
    out.grpc = { ...(typeof match.serviceName === "string" ? { serviceName: match.serviceName } : {}), ...(typeof match.methodName === "string" ? { methodName: match.methodName } : {}) };
    out.headers = asList(match.metadata).map(header);
  } else if (route.type !== "tcpRoute") {
    const path = asObject(match.path);
    if (typeof match.prefix === "string") out.path = { kind: "prefix", value: match.prefix };
    else if (typeof path.exact === "string") out.path = { kind: "exact", value: path.exact };
    else if (typeof path.regex === "string") out.path = { kind: "regex", value: path.regex };
    out.headers = asList(match.headers).map(header);
    if (typeof match.method === "string") out.method = match.method;
    if (typeof match.scheme === "string") out.scheme = match.scheme;
    out.queryParameters = asList(match.queryParameters).flatMap((q) => (typeof asObject(q).name === "string" ? [asObject(q).name as string] : []));
  }
  if (typeof match.port === "number") out.port = match.port;
  return out;
}

function header(value: unknown): HeaderCondition {
  const h = asObject(value);
  const m = asObject(h.match);
  const name = typeof h.name === "string" ? h.name : "";
  const invert = h.invert === true;
  for (const kind of ["exact", "prefix", "suffix", "regex"] as const) if (typeof m[kind] === "string") return { name, kind, value: m[kind] as string, invert };
  if (m.range !== undefined) return { name, kind: "range", invert };
  return { name, kind: "present", invert };
}

/** "header x-canary (prefix)", for report lines. */
export function headerText(h: HeaderCondition): string {
  return `header ${h.name}${h.invert ? " (inverted)" : ""} (${h.kind}${h.value !== undefined ? ` "${h.value}"` : ""})`;
}
