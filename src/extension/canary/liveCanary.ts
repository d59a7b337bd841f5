// Promote Canary… on a live route (or a router: pick its route; or a service a router provides):
// the plan as a quick pick with canary versus baseline from X-Ray, a warning when something else
// owns the route, a modal naming mesh, router, route and the new weights, then the change pipeline
// (version check, UpdateRoute with a client token, read-back); the tree and open maps follow.
import * as vscode from "vscode";
import type { CanaryRoles } from "../../model/routeWeights";
import { liveLayer } from "../lazyBundles";
import type { MeshesTree } from "../meshes/meshesTree";
import { ResourceNode, RouteNode } from "../meshes/resourceNodes";
import type { Session } from "../session";
import type { DefinitionsSource } from "../serviceMap/mapSources";
import { describeChange, ladderSetting, pickWeights, resolveRoles, type RouteTargets } from "./weightsPicker";
import { regionOf } from "../meshes/meshesCommands";

export interface LiveRoute {
  region?: string;
  meshName: string;
  routerName: string;
  routeName: string;
}

export const routeKey = (r: LiveRoute) => `${r.region ?? ""}/${r.meshName}/${r.routerName}/${r.routeName}`;

/** The route a command was run on: a route item, or a router's / router-provided service's route picked from a list. */
export async function routeFromItem(node: unknown, session: Session): Promise<LiveRoute | undefined> {
  // From the service map: a route (or a router) by name.
  if (isRouteAddress(node)) {
    if (node.routeName) return node as LiveRoute;
    return pickRoute(session, node.region, node.meshName, node.routerName);
  }
  if (node instanceof RouteNode && node.ref.kind === "Route" && node.ref.parentName) {
    return { region: regionOf(node), meshName: node.ref.meshName, routerName: node.ref.parentName, routeName: node.ref.name };
  }
  if (!(node instanceof ResourceNode)) return undefined;
  const region = regionOf(node);
  let routerName: string | undefined;
  if (node.ref.kind === "VirtualRouter") routerName = node.ref.name;
  else if (node.ref.kind === "VirtualService") {
    await node.ready;
    const provider = (node.detail?.spec.provider ?? {}) as { virtualRouter?: { virtualRouterName?: string } };
    routerName = provider.virtualRouter?.virtualRouterName;
    if (!routerName) return void vscode.window.showInformationMessage(`${node.ref.name} is not provided by a virtual router, so it has no weighted routes.`);
  }
  if (!routerName) return undefined;
  return pickRoute(session, region, node.ref.meshName, routerName);
}

function isRouteAddress(value: unknown): value is { meshName: string; routerName: string; routeName?: string; region?: string } {
  const v = value as Record<string, unknown> | undefined;
  return !!v && typeof v === "object" && !(v instanceof ResourceNode) && !(v instanceof RouteNode) && typeof v.meshName === "string" && typeof v.routerName === "string";
}

/** A router's route with two or more targets: the only one, or one picked from a list. */
async function pickRoute(session: Session, region: string | undefined, meshName: string, routerName: string): Promise<LiveRoute | undefined> {
  const router = await session.connection(region).access.describe({ kind: "VirtualRouter", meshName, name: routerName });
  const routes = await session.connection(region).loader.routesOf(meshName, router);
  const canaries = routes.filter((r) => r.detail && liveLayer().routeWeightsOf(r.detail).targets.length >= 2);
  if (!canaries.length) return void vscode.window.showInformationMessage(`No route of ${routerName} has two or more weighted targets.`);
  const pick =
    canaries.length === 1
      ? canaries[0]
      : (await vscode.window.showQuickPick(canaries.map((r) => ({ label: r.ref.name, description: liveLayer().weightsText(liveLayer().routeWeightsOf(r.detail!).targets), r })), { title: `Promote Canary: which route of ${routerName}?` }))?.r;
  return pick ? { ...(region ? { region } : {}), meshName, routerName, routeName: pick.ref.name } : undefined;
}

export class LiveCanary {
  constructor(
    private readonly session: Session,
    private readonly tree: MeshesTree,
    private readonly memory: vscode.Memento,
    private readonly definitions: DefinitionsSource,
  ) {}

  private rememberedBaseline(route: LiveRoute): number | undefined {
    return this.memory.get<number>(`canary.baseline/${routeKey(route)}`);
  }

  /** Reads the route (fresh) and asks for roles; undefined when it is not a canary or the user cancels. */
  async prepare(route: LiveRoute): Promise<{ targets: RouteTargets; roles: CanaryRoles } | undefined> {
    const live = liveLayer();
    const access = this.session.connection(route.region).access;
    const weights = await live.readRouteWeights(access, { meshName: route.meshName, routerName: route.routerName, routeName: route.routeName });
    if (weights.problem) return void vscode.window.showWarningMessage(`${route.routeName}: ${weights.problem}`);
    const targets: RouteTargets = { title: `${route.routerName}/${route.routeName}`, targets: weights.targets.map((t) => ({ node: t.virtualNode, weight: t.weight })) };
    if (targets.targets.length < 2) return void vscode.window.showInformationMessage(`${route.routeName} has one weighted target: there is no canary to promote.`);
    const roles = await resolveRoles(targets, this.rememberedBaseline(route));
    if (!roles) return undefined;
    await this.memory.update(`canary.baseline/${routeKey(route)}`, roles.baseline);
    return { targets, roles };
  }

  /** "canary 4.2 % errors · p95 25 ms (130 sampled) — baseline 0.5 % · p95 16 ms" over the last 5 minutes, if X-Ray has it. */
  async comparison(route: LiveRoute, targets: RouteTargets, roles: CanaryRoles): Promise<string | undefined> {
    try {
      const read = liveLayer().xrayGateReader(this.session.connection(route.region).xray, route.meshName, targets.targets.map((t) => t.node), roles);
      const end = Date.now();
      const { canary, baseline } = await read(end - 5 * 60_000, end);
      const summary = (minutes: typeof canary) => {
        const total = minutes.reduce((s, m) => s + m.statistics.total, 0);
        if (!total) return undefined;
        const bad = minutes.reduce((s, m) => s + m.statistics.error + m.statistics.throttle + m.statistics.fault, 0);
        const p95 = Math.max(...minutes.map((m) => m.p95Ms ?? 0));
        return `${((bad * 100) / total).toFixed(1)} % errors · p95 ${Math.round(p95)} ms (${total} sampled)`;
      };
      const c = summary(canary);
      const b = summary(baseline);
      return c || b ? `Last 5 min, X-Ray: canary ${c ?? "no requests"} — baseline ${b ?? "no requests"}` : undefined;
    } catch {
      return undefined;
    }
  }

  /** One confirmed change of the route's weights (live); refused in untrusted workspaces and with appmesh.readOnly. */
  async promote(route: LiveRoute): Promise<void> {
    const blocked = this.session.writeBlocker();
    if (blocked) return void vscode.window.showWarningMessage(`Promote Canary: ${blocked}`);
    const prepared = await this.prepare(route);
    if (!prepared) return;
    const { targets, roles } = prepared;
    const choice = await pickWeights(targets, roles, ladderSetting(), await this.comparison(route, targets, roles));
    if (!choice) return;
    if (!(await this.confirmOwnership(route, targets))) return;
    const live = await this.write(route, choice.weights, `Set the weights of route ${route.routeName}?`);
    // A finished canary (fully promoted or rolled back): the next one starts with fresh roles.
    if (live && (choice.kind === "full" || choice.kind === "rollback")) await this.memory.update(`canary.baseline/${routeKey(route)}`, undefined);
  }

  /** Warns when Flagger, Argo Rollouts or the workspace's Kubernetes manifests own the route; true to go on. */
  async confirmOwnership(route: LiveRoute, targets: RouteTargets): Promise<boolean> {
    const definitions = await this.definitions().catch(() => []);
    const warning = liveLayer().ownershipWarning({
      meshName: route.meshName,
      routerName: route.routerName,
      routeName: route.routeName,
      targets: targets.targets.map((t) => t.node),
      definitions: definitions.map((d) => ({ kind: d.kind, name: d.name, ...(d.meshName ? { meshName: d.meshName } : {}), ...(d.parentName ? { parentName: d.parentName } : {}), dialect: d.dialect })),
    });
    if (!warning) return true;
    const answer = await vscode.window.showWarningMessage(warning, { modal: true, detail: "A live write may be reverted by its owner. Changing the definition file keeps one source of truth." }, "Write Live Anyway");
    return answer === "Write Live Anyway";
  }

  /**
   * Writes weights through the change pipeline with a modal naming what changes; returns the weights
   * really live afterwards (undefined when nothing was written or they could not be read).
   */
  async write(route: LiveRoute, weights: number[], question: string, options: { confirm?: boolean; quiet?: boolean } = {}): Promise<number[] | undefined> {
    const confirm = options.confirm ?? true;
    const live = liveLayer();
    const access = this.session.connection(route.region).access;
    const address = { meshName: route.meshName, routerName: route.routerName, routeName: route.routeName };
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Route ${route.routeName}` }, () =>
      live.changeCanaryWeights(access, address, weights, async (plan) => {
        if (!confirm) return true;
        const change = describeChange({ title: route.routeName, targets: plan.before.targets.map((t) => ({ node: t.virtualNode, weight: t.weight })) }, plan.weights);
        const answer = await vscode.window.showWarningMessage(
          question,
          { modal: true, detail: `Mesh ${route.meshName} · router ${route.routerName} · route ${route.routeName} (version ${plan.before.detail.version})\n${change}\n\nOnly the weights change; the route is read again right before the write and nothing is written if it changed meanwhile.` },
          "Set Weights",
        );
        return answer === "Set Weights";
      }),
    );
    this.session.log.info(`Promote Canary ${route.meshName}/${route.routerName}/${route.routeName}: ${outcome.status} at ${outcome.stage}: ${outcome.message}`);
    const liveWeights = outcome.live?.targets.map((t) => t.weight);
    if (outcome.status === "done" && !options.quiet) void vscode.window.showInformationMessage(`${route.routeName}: ${outcome.message}`);
    else if (outcome.status !== "cancelled") void vscode.window.showErrorMessage(`${route.routeName}: ${outcome.message}`);
    if (outcome.status !== "cancelled") {
      this.session.meshChanged(route.meshName, route.region);
      await this.tree.refreshRouter(route.meshName, route.routerName, route.region);
    }
    return outcome.status === "cancelled" ? undefined : liveWeights;
  }
}
