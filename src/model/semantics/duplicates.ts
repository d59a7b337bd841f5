// The same resource defined twice. Across files that is normal (a base and its update, v1 and v2
// of a router, step folders, per-environment copies), so only definitions that are applied together
// count: two documents of one file (the later replaces the earlier: a warning), two resources of
// one CloudFormation stack (App Mesh refuses the second create) and two routes of one Kubernetes
// router object (the controller's webhook refuses them).
import { DiagnosticCode } from "../diagnosticCodes";
import type { MeshResource } from "../resources";
import { sameStack } from "./cloudFormationStacks";
import { displayName, identityOf } from "./identity";
import { fileName } from "./proximity";
import type { WorkspaceFacts } from "./workspaceFacts";

type Clash = { refused: boolean; where: string } | undefined;

export function reportDuplicates(facts: WorkspaceFacts): void {
  const byIdentity = new Map<string, MeshResource[]>();
  for (const resource of facts.all) {
    const key = identityOf(resource);
    if (key === undefined) continue;
    const earlier = byIdentity.get(key) ?? [];
    for (const first of earlier) {
      const clash = clashOf(first, resource, facts);
      if (!clash) continue;
      facts.report(resource, resource.nameSpan, DiagnosticCode.duplicateName, `Another ${resource.kind} named "${displayName(resource)}" is already defined ${clash.where}.`, {
        exceptional: clash.refused,
      });
      break;
    }
    earlier.push(resource);
    byIdentity.set(key, earlier);
  }
}

/** Whether two definitions of one identity are deployed together, and whether that is refused. */
function clashOf(first: MeshResource, second: MeshResource, facts: WorkspaceFacts): Clash {
  if (first.dialect === "cloudformation" && second.dialect === "cloudformation") {
    if (!sameStack(first.uri, second.uri)) return undefined;
    return { refused: true, where: first.uri === second.uri ? "in this template" : `in ${fileName(first.uri)} of this addons stack` };
  }
  if (first.uri !== second.uri) return undefined;
  if (first.kind === "Route" && first.dialect === "kubernetes") {
    // Routes of two definitions of one router: the router's duplicate says it all.
    const router = facts.routerObjectOf.get(first);
    return router !== undefined && router === facts.routerObjectOf.get(second) ? { refused: true, where: "in this router" } : undefined;
  }
  return { refused: false, where: "in this file" };
}
