// "Edit Live Resource": one live resource edited as text in the API's shape, written back through
// the shared change pipeline. The plan reads the edited text with the model (the same reader and
// the same file diagnostics the language server shows: an edit with an error is refused before
// anything is read from AWS) and refuses a change of identity (kind, mesh, parent, name) first of
// all, then describes the
// resource fresh and lists what changes against what is live now, in canonical order. Execute
// aborts with no write when the live version is not the one the document was opened at (someone
// else changed it meanwhile), else writes the edited spec under a client token made with the plan;
// verify reads the resource back and compares it with what was asked.
// Calls for a confirmed edit: Describe<Kind> (plan, fresh), Update<Kind>, Describe<Kind> (read-back).
import { randomUUID } from "node:crypto";
import type { AppMeshAccess, ResourceDetail } from "../aws/appMeshAccess";
import { sameSpec } from "../model/normalize";
import { changesText, specChanges, type FieldChange } from "../model/specChanges";
import { UNKNOWN, type ModelDiagnostic, type ResourceKind } from "../model/resources";
import { WorkspaceIndex } from "../model/workspaceIndex";
import { liveViewText, restoreReferenceNames, type LiveView } from "../model/writers/liveViews";
import { resourceFromApi } from "../model/writers/writers";
import { messageOf, runChange, type ChangeOutcome, type ChangeSteps, type Execution, type RunOptions } from "./changePipeline";

/** Which live resource: kind, mesh, parent (router of a route, gateway of a gateway route) and name. */
export interface LiveEditTarget {
  kind: ResourceKind;
  meshName: string;
  parentName?: string;
  name: string;
  meshOwner?: string;
}

export interface LiveEditRequest {
  target: LiveEditTarget;
  /** The version the document was read at: the write is refused when the live version is another. */
  openedVersion: number;
  /** The edited document's text (API shape, YAML or JSON). */
  text: string;
  /** The document's URI, as the language server knows it (decides YAML or JSON, and names the file in diagnostics). */
  uri?: string;
  /** The dialect the document is written in (the API's shape unless asked otherwise). */
  view?: LiveView;
}


export interface EditPlan {
  target: LiveEditTarget;
  openedVersion: number;
  /** What is live now (described fresh), when the edit was valid enough to ask. */
  live?: ResourceDetail;
  /** The spec to write, in the API's shape, as the edit has it. */
  spec?: Record<string, unknown>;
  /** What changes against what is live now, in canonical order. */
  changes: FieldChange[];
  /** The model's errors in the edited text, when it is invalid. */
  diagnostics: ModelDiagnostic[];
  /** Why the edit is refused before asking (invalid, identity changed, not the resource), if so. */
  refused?: string;
  /** Set when the live version is not the one the document was opened at: execute aborts, nothing is written. */
  moved?: { from: number; to: number };
  /** The client token of the Update call, made once per plan. */
  clientToken: string;
}

export type EditOutcome = ChangeOutcome<EditPlan, LiveEditTarget, ResourceDetail>;

type Obj = Record<string, unknown>;

const VIEW_NOUN: Record<LiveView, string> = { api: "in the API's shape", kubernetes: "as a controller manifest", cloudformation: "as a CloudFormation resource" };
const isObject = (value: unknown): value is Obj => !!value && typeof value === "object" && !Array.isArray(value);

/** "VirtualNode front in mesh demo", "Route color-canary of router color-router in mesh demo" */
export function targetLabel(target: Pick<LiveEditTarget, "kind" | "meshName" | "parentName" | "name">): string {
  const parent = target.parentName ? ` of ${target.kind === "Route" ? "router" : "gateway"} ${target.parentName}` : "";
  return target.kind === "Mesh" ? `mesh ${target.name}` : `${target.kind} ${target.name}${parent} in mesh ${target.meshName}`;
}

/**
 * The document of a live resource: a header naming what it is and the version it was read at (and,
 * when writing is not allowed here, why it is read-only), then the resource in the API's shape.
 */
export function liveEditText(detail: ResourceDetail, readOnlyReason?: string, view: LiveView = "api"): string {
  const header = [`# ${targetLabel(detail)} (live, version ${detail.version}, ${detail.status}).`];
  if (readOnlyReason) header.push(`# Read-only: ${readOnlyReason}`);
  else header.push("# Save to update it in place: a plan against what is live, a confirmation, the update and a read-back.", `# Read at version ${detail.version}; the save is refused if it changed since.`);
  if (view === "kubernetes") header.push("# As a controller manifest: only the App Mesh spec is written; the namespace and mesh are the view's, not the cluster's.");
  if (view === "cloudformation") header.push("# As a CloudFormation resource: only its Spec is written; the names are fixed.");
  return `${header.join("\n")}\n${liveViewText(liveResource(detail), view)}`;
}

const liveResource = (detail: Pick<ResourceDetail, "kind" | "meshName" | "parentName" | "name" | "spec">) =>
  resourceFromApi({ kind: detail.kind, meshName: detail.meshName, parentName: detail.parentName, name: detail.name, spec: detail.spec });

/**
 * Reads the edited text with the model: the resource and the errors the language server shows for
 * the document on its own (syntax, schema and single-resource rules at their severities).
 */
export function readEdit(text: string, uri = "appmesh-live:/edit.yaml"): { resources: ReturnType<WorkspaceIndex["resources"]>; errors: ModelDiagnostic[] } {
  const index = new WorkspaceIndex();
  index.set(uri, text);
  return { resources: index.resources(), errors: index.diagnostics(uri).filter((d) => d.severity === "error") };
}

/** "line 7: …" for each diagnostic. */
export function diagnosticLines(text: string, diagnostics: readonly ModelDiagnostic[]): string[] {
  return diagnostics.map((d) => `line ${lineOf(text, d.span.start)}: ${d.message.replace(/\.$/, "")}`);
}

/** The plan: the edit read and checked, then what is live now described fresh and compared with it. */
export async function planEdit(access: AppMeshAccess, request: LiveEditRequest): Promise<EditPlan> {
  const { target, openedVersion, text } = request;
  const clientToken = randomUUID();
  const label = targetLabel(target);
  const base: EditPlan = { target, openedVersion, changes: [], diagnostics: [], clientToken };
  const view = request.view ?? "api";
  const { resources, errors } = readEdit(text, request.uri);
  // A document that names another resource is refused as such, before its spec is judged. A
  // manifest of a route is its router's (with the route inside); a manifest names no mesh.
  const candidates = view === "kubernetes" && target.kind === "Route" ? resources.filter((r) => r.kind === "Route") : resources;
  const edited = candidates.length === 1 ? candidates[0] : undefined;
  if (edited) {
    const identity: [string, unknown, unknown][] = [
      ["kind", edited.kind, target.kind],
      ["mesh", view === "kubernetes" && edited.meshName === UNKNOWN ? target.meshName : edited.meshName, target.meshName],
      ["parent", edited.parentName, target.parentName],
      ["name", edited.name, target.name],
    ];
    const renamed = identity.filter(([, asked, is]) => (asked ?? undefined) !== (is ?? undefined));
    if (renamed.length) {
      const what = renamed.map(([field, asked, is]) => `${field} ${shown(is)} → ${shown(asked)}`).join(", ");
      return { ...base, refused: `The edit changes the identity of ${label} (${what}); an edit can change only the spec. Nothing was written.` };
    }
  }
  if (errors.length) {
    const lines = diagnosticLines(text, errors);
    return { ...base, diagnostics: errors, refused: `The edit of ${label} is not valid (${errors.length} error${errors.length === 1 ? "" : "s"}); nothing was written: ${lines.join("; ")}` };
  }
  if (!edited) return { ...base, refused: `The document must hold exactly one App Mesh resource (${VIEW_NOUN[view]}; it holds ${candidates.length}); nothing was written.` };
  if (edited.tags?.length) return { ...base, refused: `Tags cannot be changed by an edit of ${label} (Update${target.kind} takes no tags); remove them from the document. Nothing was written.` };
  if (hasUnknown(edited.spec)) return { ...base, refused: `The edit of ${label} holds placeholders or values that are not plain data; nothing was written.` };
  let spec = JSON.parse(JSON.stringify(edited.spec)) as Obj;

  const live = await access.describe(target, { fresh: true });
  if (view === "kubernetes") {
    // The references that were there keep their live names; the manifest spelled them as object names.
    const readBack = readEdit(liveViewText(liveResource(live), "kubernetes"), request.uri).resources.find((r) => r.kind === target.kind);
    if (readBack) spec = restoreReferenceNames(target.kind, live.spec, readBack.spec, spec);
  }
  const changes = specChanges(target.kind, live.spec, spec);
  const moved = live.version !== openedVersion ? { from: openedVersion, to: live.version } : undefined;
  return { ...base, live, spec, changes, ...(moved ? { moved } : {}) };
}

/** The edit's steps for the pipeline, without the confirmation (the caller's UI). */
export function editSteps(access: AppMeshAccess, request: LiveEditRequest): Omit<ChangeSteps<EditPlan, LiveEditTarget, ResourceDetail>, "confirm"> {
  const { target } = request;
  const label = targetLabel(target);
  return {
    plan: () => planEdit(access, request),
    check: (plan) => {
      if (plan.refused) return { status: "failed", message: plan.refused };
      if (!plan.changes.length) return { status: "done", message: `The edit of ${label} changes nothing against what is live (version ${plan.live?.version}); nothing was written.` };
      return undefined;
    },
    execute: async (plan): Promise<Execution<LiveEditTarget, ResourceDetail>> => {
      if (plan.moved) {
        return {
          results: [{ item: target, status: "aborted", message: "changed since the document was opened" }],
          aborted: `Aborted: ${label} changed since the document was opened (version ${plan.moved.from} → ${plan.moved.to}); nothing was written. Reopen it (File: Revert File) to see what is live, then make the edit again.`,
          live: plan.live,
        };
      }
      try {
        const answer = await access.update(target.kind, target.meshName, target.parentName, target.name, plan.spec, plan.clientToken);
        const jumped = plan.live && answer.version !== plan.live.version + 1 ? ` (version ${plan.live.version} → ${answer.version}: another change landed meanwhile)` : "";
        return { results: [{ item: target, status: "done", message: "updated" }], message: `Updated ${label}: ${changesText(plan.changes)}${jumped}.` };
      } catch (error) {
        return { results: [{ item: target, status: "failed", message: `Update${target.kind} of ${label} failed: ${messageOf(error)}`, error }] };
      }
    },
    verify: async (plan, execution) => {
      if (execution.live) return { live: execution.live }; // aborted: the plan's read is what is live
      let live: ResourceDetail;
      try {
        live = await access.describe(target, { fresh: true });
      } catch (error) {
        return { message: `What is live now could not be read back: ${messageOf(error)}` };
      }
      const wrote = execution.results.some((r) => r.status === "done");
      if (!wrote) return { live, message: `Live now: version ${live.version}.` };
      if (!sameSpec(target.kind, plan.spec, live.spec)) {
        const differing = specChanges(target.kind, plan.spec, live.spec);
        return { live, mismatch: `Update${target.kind} of ${label} was answered, but the spec read back (version ${live.version}) differs from the edit: ${changesText(differing)}.` };
      }
      return { live, message: `Read back: version ${live.version}.` };
    },
  };
}

/**
 * An edit through the change pipeline with the caller's confirmation. A plan whose resource moved
 * since the document was opened is not put to the user: it goes straight to execute, which aborts
 * with nothing written.
 */
export function editLiveResource(
  access: AppMeshAccess,
  request: LiveEditRequest,
  confirm: (plan: EditPlan) => Promise<boolean> | boolean,
  options: RunOptions<LiveEditTarget> = {},
): Promise<EditOutcome> {
  return runChange({ ...editSteps(access, request), confirm: (plan) => (plan.moved ? true : confirm(plan)) }, options);
}

function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN || typeof value === "symbol" || typeof value === "function") return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (isObject(value)) return Object.values(value).some(hasUnknown);
  return false;
}

function shown(value: unknown): string {
  if (value === undefined) return "(none)";
  if (value === UNKNOWN) return "(a placeholder)";
  return String(value);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
