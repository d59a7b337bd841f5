// The plan of a promotion as a quick pick: the next step of the ladder, Set Weights…, Promote Fully
// and Roll Back, each showing current → new weight per target (and, when known, canary versus
// baseline as X-Ray saw them). Shared by the live route and the definition-file flows.
import * as vscode from "vscode";
import { canaryPercent, canaryRoles, DEFAULT_LADDER, nextLadderStep, weightProblem, weightsForCanary, type CanaryRoles } from "../../model/routeWeights";

export interface RouteTargets {
  /** Route name (and router) for titles. */
  title: string;
  /** Target node names and their weights as they stand, in the spec's order. */
  targets: { node: string; weight: number }[];
}

export interface WeightsChoice {
  kind: "step" | "set" | "full" | "rollback";
  weights: number[];
  /** "color-v1 90 → 75 · color-v2 10 → 25". */
  description: string;
}

/** The ladder from `appmesh.canary.steps`, sorted, within 1–100; the default when unset or invalid. */
export function ladderSetting(): number[] {
  const steps = vscode.workspace.getConfiguration("appmesh").get<unknown>("canary.steps");
  const valid = Array.isArray(steps) ? steps.filter((s): s is number => typeof s === "number" && s > 0 && s <= 100) : [];
  return valid.length ? [...new Set(valid)].sort((a, b) => a - b) : [...DEFAULT_LADDER];
}

export function describeChange(route: RouteTargets, weights: number[]): string {
  return route.targets.map((t, i) => `${t.node} ${t.weight}${weights[i] !== t.weight ? ` → ${weights[i]}` : ""}`).join(" · ");
}

/** The baseline, asking once when two targets share the highest weight (remembered by the caller). */
export async function resolveRoles(route: RouteTargets, remembered: number | undefined): Promise<CanaryRoles | undefined> {
  const weights = route.targets.map((t) => t.weight);
  const roles = canaryRoles(weights, remembered);
  if (!roles) return undefined;
  if (!roles.ambiguous) return roles;
  const pick = await vscode.window.showQuickPick(
    route.targets.map((t, i) => ({ label: t.node, description: `weight ${t.weight}`, index: i })),
    { title: `${route.title}: which target is the baseline (the version in production)?`, placeHolder: "The others are canaries" },
  );
  return pick ? canaryRoles(weights, pick.index) : undefined;
}

/** Asks what to do with the route's weights; undefined when cancelled. `extra` adds detail per choice (X-Ray comparison). */
export async function pickWeights(route: RouteTargets, roles: CanaryRoles, ladder: number[], extra?: string): Promise<WeightsChoice | undefined> {
  const weights = route.targets.map((t) => t.weight);
  const current = canaryPercent(weights, roles);
  const canaryNames = roles.canaries.map((i) => route.targets[i].node).join(", ");
  type Item = vscode.QuickPickItem & { choice?: Omit<WeightsChoice, "description">; custom?: true };
  const items: Item[] = [];
  const step = nextLadderStep(ladder, current);
  if (step !== undefined && step < 100) {
    const next = weightsForCanary(weights, roles, step);
    items.push({ label: `$(arrow-up) Next Step: ${canaryNames} to ${step} %`, description: describeChange(route, next), choice: { kind: "step", weights: next } });
  }
  const full = weightsForCanary(weights, roles, 100);
  items.push({ label: `$(check-all) Promote Fully: ${canaryNames} to 100 %`, description: describeChange(route, full), choice: { kind: "full", weights: full } });
  const back = weightsForCanary(weights, roles, 0);
  items.push({ label: `$(discard) Roll Back: ${canaryNames} to 0 %`, description: describeChange(route, back), choice: { kind: "rollback", weights: back } });
  items.push({ label: "$(edit) Set Weights…", description: "Type a weight for each target", custom: true });
  const pick = await vscode.window.showQuickPick(items, {
    title: `Promote Canary: ${route.title} (canary at ${Math.round(current * 10) / 10} %)`,
    placeHolder: extra ?? "Pick the change to make; a confirmation names it before anything is written",
    matchOnDescription: true,
  });
  if (!pick) return undefined;
  if (pick.choice) {
    if (pick.choice.weights.every((w, i) => w === weights[i])) {
      void vscode.window.showInformationMessage(`${route.title} already has these weights.`);
      return undefined;
    }
    return { ...pick.choice, description: describeChange(route, pick.choice.weights) };
  }
  const typed = await vscode.window.showInputBox({
    title: `Set Weights: ${route.title}`,
    prompt: `Weights for ${route.targets.map((t) => t.node).join(", ")}, separated by spaces or commas`,
    value: weights.join(" "),
    validateInput: (text) => {
      const parsed = parseWeights(text, weights.length);
      return typeof parsed === "string" ? parsed : weightProblem(parsed);
    },
  });
  if (typed === undefined) return undefined;
  const parsed = parseWeights(typed, weights.length);
  if (typeof parsed === "string") return undefined;
  return { kind: "set", weights: parsed, description: describeChange(route, parsed) };
}

function parseWeights(text: string, count: number): number[] | string {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length !== count) return `Give ${count} weights, one per target`;
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) return "Weights are whole numbers";
  return numbers;
}
