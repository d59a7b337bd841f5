// A route against its router's listeners and its target nodes' listeners: the route type against
// the protocol, and ports where there are several listeners. A router or node may be defined more
// than once (v1/v2, step folders, environments); the route is fine when any definition fits, and
// otherwise is reported against the nearest one.
import { DiagnosticCode } from "../diagnosticCodes";
import { listenersOf } from "../listeners";
import type { MeshResource, Span } from "../resources";
import { ROUTE_PROTOCOL, routeType, type RouteType } from "../routeSemantics";
import { sameMesh } from "./identity";
import { isConcreteName } from "./placeholders";
import { byProximity } from "./proximity";
import type { WorkspaceFacts } from "./workspaceFacts";

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined);

interface Problem {
  span: Span | undefined;
  code: DiagnosticCode;
  message: string;
}

export function checkRoutes(facts: WorkspaceFacts): void {
  const routersByName = new Map<string, MeshResource[]>();
  for (const router of facts.all) {
    if (router.kind !== "VirtualRouter" || typeof router.name !== "string") continue;
    const list = routersByName.get(router.name);
    if (list) list.push(router);
    else routersByName.set(router.name, [router]);
  }
  for (const route of facts.all) {
    if (route.kind !== "Route") continue;
    const type = routeType(route.spec);
    if (!type) continue;
    const report = (problems: Problem[]) => problems.forEach((p) => facts.report(route, p.span, p.code, p.message));

    report(unlessAnyFits(routersOf(route, facts, routersByName).map((router) => routerProblems(route, type, router))));

    const routeBody = asObject(route.spec[type]) ?? {};
    const action = asObject(routeBody.action);
    const targets = Array.isArray(action?.weightedTargets) ? (action.weightedTargets as unknown[]) : [];
    targets.forEach((raw, index) => {
      const reference = route.references.find((r) => r.path === `spec.${type}.action.weightedTargets.${index}.virtualNode`);
      const nodes = reference ? (facts.definitions.get(reference) ?? []) : [];
      report(unlessAnyFits(nodes.map((node) => targetProblems(route, type, asObject(raw)?.port, index, node))));
    });
  }
}

/**
 * Nothing when some definition fits; otherwise the problems with the nearest definition that has
 * the port asked for (its complaint is the more telling one), or else with the nearest.
 */
function unlessAnyFits(options: Problem[][]): Problem[] {
  if (options.some((problems) => problems.length === 0)) return [];
  return options.find((problems) => !problems.some((p) => p.code === DiagnosticCode.portMismatch)) ?? options[0] ?? [];
}

/** An inline Kubernetes route's router is the object it is written in; other routes name theirs. */
function routersOf(route: MeshResource, facts: WorkspaceFacts, routersByName: ReadonlyMap<string, MeshResource[]>): MeshResource[] {
  if (route.dialect === "kubernetes") {
    const router = facts.routerObjectOf.get(route);
    return router ? [router] : [];
  }
  if (!isConcreteName(route.parentName)) return [];
  const routers = (routersByName.get(route.parentName) ?? []).filter((r) => sameMesh(r, route));
  return byProximity(route.uri, routers);
}

function routerProblems(route: MeshResource, type: RouteType, router: MeshResource): Problem[] {
  const protocol = ROUTE_PROTOCOL[type];
  const typeSpan = route.keySpans.get(`spec.${type}`);
  const listeners = listenersOf(router.spec);
  const name = String(router.name);
  if (listeners.length === 1) {
    const listener = listeners[0];
    if (listener.protocol && listener.protocol !== protocol) {
      return [{ span: typeSpan, code: DiagnosticCode.protocolMismatch, message: `A ${type} needs a router listener of protocol ${protocol}, but router "${name}" listens with ${listener.protocol}.` }];
    }
    return [];
  }
  if (listeners.length === 0) return [];
  const port = asObject(asObject(route.spec[type])?.match)?.port;
  if (port === undefined) {
    return [
      {
        span: route.keySpans.get(`spec.${type}.match`) ?? typeSpan,
        code: DiagnosticCode.portRequired,
        message: `Router "${name}" has ${listeners.length} listeners, so this route's match needs a port to pick one.`,
      },
    ];
  }
  if (typeof port !== "number") return [];
  const listener = listeners.find((l) => l.port === port);
  if (!listener) {
    return [
      {
        span: route.valueSpans.get(`spec.${type}.match.port`),
        code: DiagnosticCode.portMismatch,
        message: `Router "${name}" has no listener on port ${port} (it listens on ${listeners.map((l) => l.port).join(", ")}).`,
      },
    ];
  }
  if (listener.protocol && listener.protocol !== protocol) {
    return [{ span: typeSpan, code: DiagnosticCode.protocolMismatch, message: `Port ${port} of router "${name}" uses ${listener.protocol}, not ${protocol}.` }];
  }
  return [];
}

function targetProblems(route: MeshResource, type: RouteType, port: unknown, index: number, node: MeshResource): Problem[] {
  const base = `spec.${type}.action.weightedTargets.${index}`;
  const listeners = listenersOf(node.spec);
  const name = String(node.name);
  if (listeners.length > 1 && port === undefined) {
    return [{ span: route.valueSpans.get(base), code: DiagnosticCode.portRequired, message: `Node "${name}" has ${listeners.length} listeners, so this target needs a port.` }];
  }
  const listener = typeof port === "number" ? listeners.find((l) => l.port === port) : listeners.length === 1 ? listeners[0] : undefined;
  if (typeof port === "number" && !listener && listeners.length > 0) {
    return [{ span: route.valueSpans.get(`${base}.port`), code: DiagnosticCode.portMismatch, message: `Node "${name}" has no listener on port ${port}.` }];
  }
  const protocol = ROUTE_PROTOCOL[type];
  if (listener?.protocol && listener.protocol !== protocol) {
    return [{ span: route.keySpans.get(`spec.${type}`), code: DiagnosticCode.protocolMismatch, message: `Target node "${name}" listens with ${listener.protocol}, but this is a ${type}.` }];
  }
  return [];
}
