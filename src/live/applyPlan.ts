// "Apply to Mesh": a plan per resource (create, update with its diff, unchanged), then the changes
// in dependency order, with every resource's outcome reported.
import type { AppMeshAccess, ResourceDetail } from "../aws/appMeshAccess";
import { AccessError } from "../aws/errors";
import { sameSpec } from "../model/normalize";
import type { ResourceKind } from "../model/resources";
import type { DefinitionSummary } from "../protocol/messages";

export const APPLY_ORDER: ResourceKind[] = ["Mesh", "VirtualNode", "VirtualRouter", "Route", "VirtualService", "VirtualGateway", "GatewayRoute"];

export interface PlannedChange {
  summary: DefinitionSummary;
  action: "create" | "update" | "unchanged";
  live?: ResourceDetail;
}

export interface ChangeOutcome {
  change: PlannedChange;
  ok: boolean;
  message: string;
}

export async function planApply(access: AppMeshAccess, summaries: DefinitionSummary[]): Promise<PlannedChange[]> {
  const sorted = [...summaries].sort((a, b) => APPLY_ORDER.indexOf(a.kind as ResourceKind) - APPLY_ORDER.indexOf(b.kind as ResourceKind));
  const plan: PlannedChange[] = [];
  for (const summary of sorted) {
    try {
      const live = await access.describe({ kind: summary.kind as ResourceKind, meshName: summary.meshName!, parentName: summary.parentName, name: summary.name });
      plan.push({ summary, live, action: sameSpec(summary.kind as ResourceKind, summary.body.spec, live.spec) ? "unchanged" : "update" });
    } catch (error) {
      if (error instanceof AccessError && error.kind === "not-found") plan.push({ summary, action: "create" });
      else throw error;
    }
  }
  return plan;
}

/** Runs the plan's creates and updates in order; stops early only when `cancelled` says so. */
export async function executeApply(
  access: AppMeshAccess,
  plan: PlannedChange[],
  progress: (done: number, change: PlannedChange) => void,
  cancelled: () => boolean,
): Promise<ChangeOutcome[]> {
  const outcomes: ChangeOutcome[] = [];
  let done = 0;
  for (const change of plan) {
    if (change.action === "unchanged") {
      outcomes.push({ change, ok: true, message: "unchanged" });
      continue;
    }
    if (cancelled()) {
      outcomes.push({ change, ok: false, message: "not applied: cancelled" });
      continue;
    }
    progress(done++, change);
    const { summary } = change;
    const kind = summary.kind as ResourceKind;
    const spec = (summary.body.spec ?? {}) as Record<string, unknown>;
    try {
      if (change.action === "create") {
        await access.create(kind, summary.meshName!, summary.parentName, summary.name, spec, summary.body.tags as { key: string; value: string }[] | undefined);
      } else {
        await access.update(kind, summary.meshName!, summary.parentName, summary.name, spec);
      }
      outcomes.push({ change, ok: true, message: change.action === "create" ? "created" : "updated" });
    } catch (error) {
      outcomes.push({ change, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
