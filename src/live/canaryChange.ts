// A weight change on a live route, through the shared change pipeline: the plan describes the
// route fresh and works out the new weights; execute re-reads the route right before writing and
// aborts when its version moved since the plan (UpdateRoute has no precondition), then writes the
// spec exactly as read with only the weighted targets' weight values changed, under a client
// token made with the plan; verify reads the route back and reports the weights really live.
// Calls for one confirmed step: DescribeRoute (plan), DescribeRoute (re-read), UpdateRoute,
// DescribeRoute (read-back), nothing more.
import { randomUUID } from "node:crypto";
import type { AppMeshAccess, ResourceDetail } from "../aws/appMeshAccess";
import { routeType as routeTypeOf, type RouteType } from "../model/routeSemantics";
import { weightProblem } from "../model/routeWeights";
import { messageOf, runChange, type ChangeOutcome, type ChangeSteps, type Execution, type RunOptions } from "./changePipeline";

/** Which route: mesh, virtual router and route (and the mesh's owner for a shared mesh). */
export interface RouteAddress {
  meshName: string;
  routerName: string;
  routeName: string;
  meshOwner?: string;
}

export interface WeightedTarget {
  virtualNode: string;
  /** The target's port, when the route names one (kept as it is). */
  port?: number;
  weight: number;
}

/** A live route's weighted targets as read. */
export interface RouteWeights {
  detail: ResourceDetail;
  /** Undefined when the spec names no route type. */
  routeType?: RouteType;
  targets: WeightedTarget[];
  /** Why these weights cannot be changed here (no weighted targets, a weight that is not a number), if so. */
  problem?: string;
}

/** New weights, in the targets' order, or worked out from the route as read (a ladder step). */
export type WeightRequest = readonly number[] | ((current: RouteWeights) => readonly number[]);

export interface CanaryPlan {
  route: RouteAddress;
  /** The route as the plan read it; its version is the precondition of the write. */
  before: RouteWeights;
  /** The weights asked for, in the targets' order (empty when refused before they were known). */
  weights: number[];
  /** Why the change is refused (ends the pipeline "failed" before asking). */
  refused?: string;
  /** The client token of the UpdateRoute, made once per plan (a retry of the same write is answered once). */
  clientToken: string;
}

export type CanaryOutcome = ChangeOutcome<CanaryPlan, RouteAddress, RouteWeights>;

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => !!value && typeof value === "object" && !Array.isArray(value);

/** The weighted targets of a route's spec (any route type), with a reason when they cannot be changed. */
export function routeWeightsOf(detail: ResourceDetail): RouteWeights {
  const type = routeTypeOf(detail.spec);
  const list = type ? weightedTargetsIn(detail.spec, type) : undefined;
  if (!type || !list) return { detail, routeType: type, targets: [], problem: `route ${detail.name} has no weighted targets${type ? ` in its ${type}` : ""}` };
  const targets: WeightedTarget[] = [];
  let problem: string | undefined;
  list.forEach((entry, index) => {
    const target = isObject(entry) ? entry : {};
    const virtualNode = typeof target.virtualNode === "string" ? target.virtualNode : `target ${index + 1}`;
    const weight = target.weight;
    if (typeof weight !== "number" || !Number.isFinite(weight)) problem ??= `the weight of ${virtualNode} is not a number (${JSON.stringify(weight) ?? "missing"})`;
    targets.push({ virtualNode, ...(typeof target.port === "number" ? { port: target.port } : {}), weight: typeof weight === "number" ? weight : Number.NaN });
  });
  return problem ? { detail, routeType: type, targets, problem } : { detail, routeType: type, targets };
}

/**
 * The spec exactly as given with only the weighted targets' weight values replaced (in order);
 * everything else, target ports and unknown members included, is kept. A new object.
 */
export function specWithWeights(spec: Obj, weights: readonly number[]): Obj {
  const out = structuredClone(spec);
  const type = routeTypeOf(out);
  const list = type ? weightedTargetsIn(out, type) : undefined;
  if (!list || list.length !== weights.length) throw new Error(`the route has ${list?.length ?? 0} weighted targets, not ${weights.length}`);
  list.forEach((target, i) => ((target as Obj).weight = weights[i]));
  return out;
}

/** "color-v1 95 · color-v2 5" */
export function weightsText(targets: readonly { virtualNode: string; weight: number }[]): string {
  return targets.map((t) => `${t.virtualNode} ${t.weight}`).join(" · ");
}

/** Describes the route now (never from the cache) and reads its weighted targets. */
export async function readRouteWeights(access: AppMeshAccess, route: RouteAddress): Promise<RouteWeights> {
  const detail = await access.describe({ kind: "Route", meshName: route.meshName, parentName: route.routerName, name: route.routeName, meshOwner: route.meshOwner }, { fresh: true });
  return routeWeightsOf(detail);
}

/** The plan: the route described fresh and the weights asked for, or why they are refused. */
export async function planCanaryChange(access: AppMeshAccess, route: RouteAddress, request: WeightRequest): Promise<CanaryPlan> {
  const before = await readRouteWeights(access, route);
  const clientToken = randomUUID();
  if (before.problem) return { route, before, weights: [], refused: `Cannot change the weights of route ${route.routeName}: ${before.problem}.`, clientToken };
  const weights = [...(typeof request === "function" ? request(before) : request)];
  const refused = weights.length !== before.targets.length ? `${weights.length} weights were asked for route ${route.routeName}, which has ${before.targets.length} weighted targets` : weightProblem(weights);
  return { route, before, weights, clientToken, ...(refused ? { refused: `Cannot set these weights on route ${route.routeName}: ${refused}.` } : {}) };
}

/** The canary change's steps for the pipeline, without the confirmation (the caller's UI). */
export function canarySteps(access: AppMeshAccess, route: RouteAddress, request: WeightRequest): Omit<ChangeSteps<CanaryPlan, RouteAddress, RouteWeights>, "confirm"> {
  const label = `route ${route.routeName} (router ${route.routerName}, mesh ${route.meshName})`;
  return {
    plan: () => planCanaryChange(access, route, request),
    check: (plan) => {
      if (plan.refused) return { status: "failed", message: plan.refused };
      if (plan.weights.every((w, i) => w === plan.before.targets[i].weight)) return { status: "done", message: `The weights of ${label} are already ${weightsText(plan.before.targets)}; nothing was written.` };
      return undefined;
    },
    execute: async (plan): Promise<Execution<RouteAddress, RouteWeights>> => {
      const reread = await readRouteWeights(access, route);
      const moved = reread.detail.version !== plan.before.detail.version;
      if (moved) {
        return {
          results: [{ item: route, status: "aborted", message: "changed since the plan" }],
          aborted: `Aborted: ${label} changed since the plan (version ${plan.before.detail.version} → ${reread.detail.version}); nothing was written. Live now: ${weightsText(reread.targets)}.`,
          live: reread,
        };
      }
      const spec = specWithWeights(plan.before.detail.spec, plan.weights);
      try {
        await access.update("Route", route.meshName, route.routerName, route.routeName, spec, plan.clientToken);
      } catch (error) {
        return { results: [{ item: route, status: "failed", message: `UpdateRoute of ${label} failed: ${messageOf(error)}`, error }] };
      }
      return { results: [{ item: route, status: "done", message: "updated" }], message: `Set ${label} to ${weightsText(targetsWith(plan.before.targets, plan.weights))}.` };
    },
    verify: async (plan, execution) => {
      if (execution.live) return { live: execution.live }; // aborted: the re-read is what is live
      let live: RouteWeights;
      try {
        live = await readRouteWeights(access, route);
      } catch (error) {
        return { message: `The weights live now could not be read back: ${messageOf(error)}` };
      }
      const wrote = execution.results.some((r) => r.status === "done");
      const now = `${weightsText(live.targets)} (version ${live.detail.version})`;
      if (!wrote) return { live, message: `Live now: ${now}.` };
      const asked = targetsWith(plan.before.targets, plan.weights);
      const same = live.targets.length === asked.length && asked.every((t, i) => live.targets[i].virtualNode === t.virtualNode && live.targets[i].weight === t.weight);
      if (!same) return { live, mismatch: `UpdateRoute of ${label} was answered, but the weights read back are ${now}, not ${weightsText(asked)}.` };
      return { live, message: `Read back: ${now}.` };
    },
  };
}

/** A weight change through the change pipeline, with the caller's preview and confirmation. */
export function changeCanaryWeights(
  access: AppMeshAccess,
  route: RouteAddress,
  request: WeightRequest,
  confirm: (plan: CanaryPlan) => Promise<boolean> | boolean,
  options: RunOptions<RouteAddress> = {},
): Promise<CanaryOutcome> {
  return runChange({ ...canarySteps(access, route, request), confirm }, options);
}

function targetsWith(targets: readonly WeightedTarget[], weights: readonly number[]): WeightedTarget[] {
  return targets.map((t, i) => ({ ...t, weight: weights[i] }));
}

function weightedTargetsIn(spec: Obj, type: RouteType): unknown[] | undefined {
  const routeSpec = spec[type];
  const action = isObject(routeSpec) ? routeSpec.action : undefined;
  const list = isObject(action) ? action.weightedTargets : undefined;
  return Array.isArray(list) ? list : undefined;
}
