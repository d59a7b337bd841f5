// "Apply to Mesh": a plan per resource (create, update with its diff, unchanged), then the changes
// in dependency order, with every resource's outcome reported. It runs through the shared change
// pipeline (changePipeline.ts): applySteps gives the plan, check, execute and verify steps, the
// extension adds its confirmation; planApply and executeApply are those steps on their own.
import type { AppMeshAccess, ResourceDetail } from "../aws/appMeshAccess";
import { AccessError } from "../aws/errors";
import { sameSpec } from "../model/normalize";
import type { ResourceKind } from "../model/resources";
import type { DefinitionSummary } from "../protocol/messages";
import { messageOf, runChange, type ChangeOutcome as PipelineOutcome, type ChangeSteps, type ExecuteControl, type ItemResult, type RunOptions } from "./changePipeline";

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

/** Apply's outcome: per planned change, and the resources as App Mesh answered the writes (what is live after). */
export type ApplyOutcome = PipelineOutcome<PlannedChange[], PlannedChange, ResourceDetail[]>;

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

/**
 * The steps of Apply for the change pipeline, without the confirmation (the caller's UI). Verify
 * uses the answers of the writes, which are App Mesh's description of each resource as stored
 * (no extra calls), and reports a resource whose stored spec differs from its definition.
 */
export function applySteps(access: AppMeshAccess, summaries: DefinitionSummary[]): Omit<ChangeSteps<PlannedChange[], PlannedChange, ResourceDetail[]>, "confirm"> {
  const written = new Map<PlannedChange, ResourceDetail>();
  return {
    plan: () => planApply(access, summaries),
    check: (plan) => {
      if (plan.some((p) => p.action !== "unchanged")) return undefined;
      const meshName = plan[0]?.summary.meshName;
      return { status: "done", message: `${meshName ? `Mesh ${meshName}` : "The mesh"} already matches its ${plan.length} definition${plan.length === 1 ? "" : "s"}.` };
    },
    execute: async (plan, control) => {
      const results = await runApply(access, plan, control, (change, detail) => written.set(change, detail));
      const applied = results.filter((r) => r.status === "done").length;
      return { results, message: `Applied ${applied} change${applied === 1 ? "" : "s"}.` };
    },
    verify: async (plan) => {
      const live = plan.flatMap((change) => {
        const detail = written.get(change) ?? (change.action === "unchanged" ? change.live : undefined);
        return detail ? [detail] : [];
      });
      const differing = [...written].filter(([change, detail]) => !sameSpec(change.summary.kind as ResourceKind, change.summary.body.spec, detail.spec));
      const mismatch = differing.length
        ? `Applied, but App Mesh stored a spec that differs from the definition for ${differing.map(([c]) => `${c.summary.kind} ${c.summary.name}`).join(", ")}.`
        : undefined;
      return { live, mismatch };
    },
  };
}

/** Apply through the change pipeline: plan, the caller's confirmation, writes in order, verify. */
export function applyChange(
  access: AppMeshAccess,
  summaries: DefinitionSummary[],
  confirm: (plan: PlannedChange[]) => Promise<boolean> | boolean,
  options: RunOptions<PlannedChange> = {},
): Promise<ApplyOutcome> {
  return runChange({ ...applySteps(access, summaries), confirm }, options);
}

/** Runs the plan's creates and updates in order; stops early only when `cancelled` says so. */
export async function executeApply(
  access: AppMeshAccess,
  plan: PlannedChange[],
  progress: (done: number, change: PlannedChange) => void,
  cancelled: () => boolean,
): Promise<ChangeOutcome[]> {
  return (await runApply(access, plan, { progress, cancelled })).map(legacyOutcome);
}

/** Apply's per-item result in the shape executeApply has always returned. */
export function legacyOutcome(result: ItemResult<PlannedChange>): ChangeOutcome {
  return { change: result.item, ok: result.status === "done" || result.status === "unchanged", message: result.message };
}

async function runApply(
  access: AppMeshAccess,
  plan: PlannedChange[],
  control: ExecuteControl<PlannedChange>,
  wrote: (change: PlannedChange, detail: ResourceDetail) => void = () => undefined,
): Promise<ItemResult<PlannedChange>[]> {
  const results: ItemResult<PlannedChange>[] = [];
  let done = 0;
  for (const change of plan) {
    if (change.action === "unchanged") {
      results.push({ item: change, status: "unchanged", message: "unchanged" });
      continue;
    }
    if (control.cancelled()) {
      results.push({ item: change, status: "skipped", message: "not applied: cancelled" });
      continue;
    }
    control.progress?.(done++, change);
    const { summary } = change;
    const kind = summary.kind as ResourceKind;
    const spec = (summary.body.spec ?? {}) as Record<string, unknown>;
    try {
      const detail =
        change.action === "create"
          ? await access.create(kind, summary.meshName!, summary.parentName, summary.name, spec, summary.body.tags as { key: string; value: string }[] | undefined)
          : await access.update(kind, summary.meshName!, summary.parentName, summary.name, spec);
      wrote(change, detail);
      results.push({ item: change, status: "done", message: change.action === "create" ? "created" : "updated" });
    } catch (error) {
      results.push({ item: change, status: "failed", message: messageOf(error), error });
    }
  }
  return results;
}
