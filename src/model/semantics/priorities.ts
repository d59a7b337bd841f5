// Two routes of one router (or gateway routes of one gateway) with the same priority. App Mesh
// accepts it, so it is a warning. Only routes deployed together are compared: the routes of one
// Kubernetes router object, of one CloudFormation stack, or of one folder otherwise. A route
// defined twice there (a base and its update) is one route, not two.
import { DiagnosticCode } from "../diagnosticCodes";
import type { MeshResource } from "../resources";
import { stackOf } from "./cloudFormationStacks";
import { displayName, identityOf, meshOf } from "./identity";
import { isConcreteName } from "./placeholders";
import { folderOf } from "./proximity";
import type { WorkspaceFacts } from "./workspaceFacts";

export function reportDuplicatePriorities(facts: WorkspaceFacts): void {
  const seen = new Map<string, MeshResource[]>();
  for (const route of facts.all) {
    const priority = route.spec.priority;
    if ((route.kind !== "Route" && route.kind !== "GatewayRoute") || typeof priority !== "number") continue;
    const scope = deploymentScope(route, facts);
    if (scope === undefined) continue;
    const key = [route.kind, scope, meshOf(route) ?? "?", String(route.parentName), priority].join("\u0000");
    const earlier = seen.get(key) ?? [];
    const identity = identityOf(route);
    // Unknown names could be the same route: say nothing rather than guess.
    const other = identity === undefined ? undefined : earlier.find((r) => identityOf(r) !== undefined && identityOf(r) !== identity);
    if (other) {
      const owner = route.kind === "Route" ? "router" : "gateway";
      facts.report(
        route,
        route.valueSpans.get("spec.priority"),
        DiagnosticCode.duplicatePriority,
        `${route.kind === "Route" ? "Route" : "Gateway route"} "${displayName(other)}" of the same ${owner} already has priority ${priority}; give each its own.`,
      );
    }
    earlier.push(route);
    seen.set(key, earlier);
  }
}

/** Where routes are deployed together; undefined when the router or gateway is not known. */
function deploymentScope(route: MeshResource, facts: WorkspaceFacts): string | undefined {
  if (route.dialect === "kubernetes" && route.kind === "Route") {
    const router = facts.routerObjectOf.get(route);
    return router ? `${router.uri}#${router.span.start}` : undefined;
  }
  if (!isConcreteName(route.parentName)) return undefined;
  if (route.dialect === "cloudformation") return `stack:${stackOf(route.uri)}`;
  return `folder:${route.dialect}:${folderOf(route.uri)}`;
}
