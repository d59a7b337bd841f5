// Rules that need only one resource: listeners and their health checks, pools and timeouts
// against the listener protocol, route weights, HTTP matches and gateway rewrites.
import { DiagnosticCode } from "../diagnosticCodes";
import type { MeshResource, ModelDiagnostic, Span } from "../resources";
import { fieldName } from "./fieldNames";
import { severityOf } from "./severities";

import { listenersOf } from "../listeners";
import { routeType } from "../routeSemantics";

export { listenersOf, type Listener } from "../listeners";

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Appends the single-resource diagnostics of `resource` to `out`, each at its rule's severity. */
export function checkResource(resource: MeshResource, out: ModelDiagnostic[]): void {
  const report = (path: string, code: DiagnosticCode, message: string, useKey = true, data?: Record<string, unknown>, exceptional = false) => {
    const span: Span | undefined = (useKey ? resource.keySpans.get(path) : undefined) ?? resource.valueSpans.get(path);
    if (span) out.push({ span, severity: severityOf(code, exceptional), code, message, data });
  };
  const spec = resource.spec;
  const name = (shape: string, member: string) => fieldName(resource.dialect, shape, member);

  if (resource.kind === "VirtualNode" || resource.kind === "VirtualGateway") {
    const listeners = asList(spec.listeners);
    if (resource.kind === "VirtualNode" && listeners.length > 0 && spec.serviceDiscovery === undefined) {
      report(
        "spec.listeners",
        DiagnosticCode.listenerWithoutDiscovery,
        `A virtual node with a listener needs ${name("VirtualNodeSpec", "serviceDiscovery")} (DNS or Cloud Map), so that traffic can find it.`,
      );
    }
    listeners.forEach((raw, index) => {
      const listener = asObject(raw);
      const { port, protocol } = listenersOf(spec)[index];
      const base = `spec.listeners.${index}`;
      const healthPort = asObject(listener?.healthCheck)?.port;
      if (typeof healthPort === "number" && port !== undefined && healthPort !== port) {
        report(`${base}.healthCheck.port`, DiagnosticCode.healthCheckPort, `The health check port ${healthPort} must be the listener's port ${port}.`, false, { expected: port });
      }
      for (const block of ["connectionPool", "timeout"] as const) {
        const chosen = Object.keys(asObject(listener?.[block]) ?? {});
        for (const member of chosen) {
          if (protocol !== undefined && member !== protocol) {
            report(`${base}.${block}.${member}`, DiagnosticCode.listenerSettingsProtocol, `This ${block === "connectionPool" ? "connection pool" : "timeout"} is for ${member}, but the listener's protocol is ${protocol}.`);
          }
        }
      }
    });
  }

  if (resource.kind === "Route" || resource.kind === "GatewayRoute") {
    const type = routeType(spec);
    if (!type) return;
    const route = asObject(spec[type]) ?? {};
    const action = asObject(route.action);
    const match = asObject(route.match);
    if (resource.kind === "Route") {
      const targets = asList(action?.weightedTargets).map(asObject);
      const weights = targets.map((t) => t?.weight);
      if (weights.length > 0 && weights.every((w): w is number => typeof w === "number")) {
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0 || sum > 100) {
          report(
            `spec.${type}.action.weightedTargets`,
            DiagnosticCode.weightSum,
            sum === 0 ? "The weights add up to 0, so this route sends no traffic." : `The weights add up to ${sum}; they may add up to at most 100.`,
            true,
            { sum },
            sum === 0, // accepted by App Mesh, only pointless: see RULES
          );
        }
      }
      if ((type === "httpRoute" || type === "http2Route") && match) {
        const hasPrefix = match.prefix !== undefined;
        const hasPath = match.path !== undefined;
        if (hasPrefix === hasPath) {
          report(
            `spec.${type}.match`,
            DiagnosticCode.httpMatchPath,
            hasPrefix
              ? `Match on ${name("HttpRouteMatch", "prefix")} or ${name("HttpRouteMatch", "path")}, not both.`
              : `An HTTP route match needs ${name("HttpRouteMatch", "prefix")} or ${name("HttpRouteMatch", "path")}.`,
          );
        }
      }
    } else {
      const prefixValue = asObject(asObject(action?.rewrite)?.prefix)?.value;
      if (typeof prefixValue === "string" && !(prefixValue.startsWith("/") && prefixValue.endsWith("/"))) {
        report(`spec.${type}.action.rewrite.prefix.value`, DiagnosticCode.rewritePrefix, `A prefix rewrite must start and end with "/" (found "${prefixValue}").`, false);
      }
      if ((type === "httpRoute" || type === "http2Route") && match && match.prefix !== undefined && match.path !== undefined) {
        report(`spec.${type}.match`, DiagnosticCode.httpMatchPath, `Match on ${name("HttpGatewayRouteMatch", "prefix")} or ${name("HttpGatewayRouteMatch", "path")}, not both.`);
      }
    }
  }
}
