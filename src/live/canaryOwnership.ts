// Who else owns a route, told before a live weight change: something that would undo the write or
// fight over it. Pure: the caller passes what it can see.
//
// What is detected, and how (App Mesh shows names and tags only, never Kubernetes annotations):
// - Flagger (provider appmesh:v1beta2) makes virtual nodes `<app>-primary` and `<app>-canary` and
//   a route whose weighted targets are exactly that pair; it keeps rewriting the weights during an
//   analysis. Detected from the target names (the App Mesh controller's `<name>_<namespace>` form
//   included), or from a tag that names Flagger.
// - Argo Rollouts (trafficRouting.appMesh) writes the weights of the route of the virtual router it
//   is given; its `rollouts.argoproj.io/managed-by-rollouts` annotation sits on the Kubernetes
//   objects, which App Mesh does not show. What can be seen: a tag on the route, router or target
//   nodes whose key or value names Argo or Rollouts, and the canary/stable node pair its examples
//   use (`<app>-canary` next to `<app>-stable`). The pair alone is a hint, said as such.
// - Kubernetes manifests in the workspace defining the route (or its virtual router, which holds
//   the routes inline): the App Mesh controller reconciles the live route back to the manifest.
// - Live names in the App Mesh controller's `<name>_<namespace>` form: made by the controller from
//   manifests kept elsewhere, which it would also restore.

export interface Tag {
  key: string;
  value: string;
}

export interface OwnershipDefinition {
  kind: string;
  name: string;
  meshName?: string;
  /** A route's virtual router, when known. */
  parentName?: string;
  dialect: "kubernetes" | "cloudformation" | "api";
}

export interface OwnershipInput {
  meshName: string;
  routerName: string;
  routeName: string;
  /** The route's weighted targets' virtual node names. */
  targets: readonly string[];
  /** Tags of the route, its router and its target nodes, where the caller has them. */
  tags?: readonly Tag[];
  /** The workspace's definitions (for example the Definitions view's summaries). */
  definitions?: readonly OwnershipDefinition[];
}

/** One reason someone else owns the route. */
export interface OwnershipHint {
  owner: "flagger" | "argo-rollouts" | "kubernetes-manifests" | "kubernetes-controller";
  text: string;
}

/** Every ownership hint for the route, most certain first. */
export function ownershipHints(input: OwnershipInput): OwnershipHint[] {
  const hints: OwnershipHint[] = [];
  const targets = input.targets.map(baseName);
  const tags = input.tags ?? [];
  const route = `route ${input.routeName}`;

  const flaggerTag = tags.find((t) => /flagger/i.test(t.key) || /flagger/i.test(t.value));
  const flaggerApp = pairApp(targets, "primary", "canary");
  if (flaggerApp !== undefined || flaggerTag) {
    const why = flaggerApp !== undefined ? `its targets are ${flaggerApp}-primary and ${flaggerApp}-canary, Flagger's naming` : `it is tagged ${flaggerTag!.key}=${flaggerTag!.value}`;
    hints.push({ owner: "flagger", text: `Flagger appears to own ${route} (${why}); it rewrites the weights during its analysis and would undo this change.` });
  }

  const argoTag = tags.find((t) => /argoproj|argo-?rollouts|managed-by-rollouts/i.test(t.key) || /argo-?rollouts|argoproj/i.test(t.value));
  const argoApp = pairApp(targets, "stable", "canary");
  if (argoTag) {
    hints.push({ owner: "argo-rollouts", text: `Argo Rollouts appears to own ${route} (tagged ${argoTag.key}=${argoTag.value}); a rollout sets the weights on each step and would undo this change.` });
  } else if (argoApp !== undefined) {
    hints.push({
      owner: "argo-rollouts",
      text: `${route} splits between ${argoApp}-stable and ${argoApp}-canary, as Argo Rollouts' App Mesh canaries do; if a rollout manages it, its next step will overwrite this change.`,
    });
  }

  const defining = (input.definitions ?? []).filter((d) => d.dialect === "kubernetes" && definesRoute(d, input));
  if (defining.length) {
    const what = [...new Set(defining.map((d) => `${d.kind} ${d.name}`))].join(", ");
    hints.push({
      owner: "kubernetes-manifests",
      text: `${route} is defined by Kubernetes manifests in this workspace (${what}); the App Mesh controller would revert a live write to the manifest. Change the definition file instead.`,
    });
  } else if (isControllerName(input.routerName)) {
    hints.push({
      owner: "kubernetes-controller",
      text: `Virtual router ${input.routerName} is named the way the App Mesh controller for Kubernetes names what it makes (<name>_<namespace>); if a manifest defines it, the controller will revert this change.`,
    });
  }
  return hints;
}

/** One warning text for the confirmation, or undefined when nothing else appears to own the route. */
export function ownershipWarning(input: OwnershipInput): string | undefined {
  const hints = ownershipHints(input);
  return hints.length ? hints.map((h) => h.text).join(" ") : undefined;
}

/** The App Mesh controller names live resources `<name>_<namespace>`. */
const CONTROLLER_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)_([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

function isControllerName(name: string): boolean {
  return CONTROLLER_NAME.test(name);
}

/** The Kubernetes name inside a controller-made `<name>_<namespace>`, else the name itself. */
function baseName(name: string): string {
  const match = CONTROLLER_NAME.exec(name);
  return match ? match[1] : name;
}

/** The app when the targets are exactly `<app>-<a>` and `<app>-<b>` (in any order). */
function pairApp(targets: readonly string[], a: string, b: string): string | undefined {
  if (targets.length !== 2) return undefined;
  for (const [x, y] of [targets, [targets[1], targets[0]]]) {
    if (x.endsWith(`-${a}`) && y.endsWith(`-${b}`)) {
      const app = x.slice(0, -a.length - 1);
      if (app && y.slice(0, -b.length - 1) === app) return app;
    }
  }
  return undefined;
}

function definesRoute(definition: OwnershipDefinition, input: OwnershipInput): boolean {
  if (definition.meshName !== undefined && definition.meshName !== input.meshName) return false;
  const router = [input.routerName, baseName(input.routerName)];
  if (definition.kind === "VirtualRouter") return router.includes(definition.name);
  if (definition.kind === "Route") {
    return [input.routeName, baseName(input.routeName)].includes(definition.name) && (definition.parentName === undefined || router.includes(definition.parentName));
  }
  return false;
}
