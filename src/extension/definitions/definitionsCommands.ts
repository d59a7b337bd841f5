// Commands of the Definitions view: open a definition, compare it with the live resource, and
// apply a mesh's definitions to the live mesh after a confirmation that names what changes.
import * as vscode from "vscode";
import { keyInMesh, type ResourceKind } from "../../model/resources";
import type { DefinitionSummary } from "../../protocol/messages";
import { liveLayer } from "../lazyBundles";
import type { MeshesTree } from "../meshes/meshesTree";
import type { Session } from "../session";
import { DefinedMeshNode, DefinitionNode, type DefinitionsTree } from "./definitionsTree";

export const DRIFT_SCHEME = "appmesh-drift";

/** Both sides of a drift diff, written the same way so only real differences show. */
export class DriftDocuments implements vscode.TextDocumentContentProvider {
  private readonly sides = new Map<string, string>();

  set(uri: vscode.Uri, text: string): void {
    this.sides.set(uri.toString(), text);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.sides.get(uri.toString()) ?? "# This comparison is no longer available; open it again from the Definitions view.\n";
  }
}

/** Opens a diff of a live spec (left) against its definition (right), both written the same way. */
async function showDiff(drift: DriftDocuments, summary: DefinitionSummary, liveSpec: Record<string, unknown>): Promise<void> {
  const { resourceFromApi, toApiShape, toYaml } = liveLayer();
  // Both sides go through the same writer, which writes members in the schema's order: key order
  // in the file or in AWS's answer never shows as a difference.
  const render = (spec: Record<string, unknown>) =>
    toYaml([toApiShape(resourceFromApi({ kind: summary.kind as ResourceKind, meshName: summary.meshName ?? "", parentName: summary.parentName, name: summary.name, spec }))]);
  const base = `/${encodeURIComponent(summary.meshName ?? "")}/${summary.kind}/${encodeURIComponent(summary.name)}`;
  const left = vscode.Uri.from({ scheme: DRIFT_SCHEME, path: `${base}.live.yaml` });
  const right = vscode.Uri.from({ scheme: DRIFT_SCHEME, path: `${base}.workspace.yaml` });
  drift.set(left, render(liveSpec));
  drift.set(right, render(summary.body.spec as Record<string, unknown>));
  await vscode.commands.executeCommand("vscode.diff", left, right, `${summary.name}: live ↔ workspace`);
}

/** The definition Compare works on: the clicked item, else the view's selection, else the resource under the cursor. */
export async function compareTarget(node: unknown, view: vscode.TreeView<unknown>, definitions: () => Promise<DefinitionSummary[]>): Promise<DefinitionSummary | undefined> {
  if (node instanceof DefinitionNode) return node.summary;
  const selected = view.selection.find((n): n is DefinitionNode => n instanceof DefinitionNode);
  if (selected) return selected.summary;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const uri = editor.document.uri.toString();
  const line = editor.selection.active.line;
  const inFile = (await definitions()).filter((s) => s.uri === uri && s.kind !== "Mesh");
  // The last definition that starts at or above the cursor is the one the cursor is in.
  return inFile.filter((s) => s.range.start.line <= line).sort((a, b) => b.range.start.line - a.range.start.line)[0] ?? inFile[0];
}

export function registerDefinitionsCommands(
  tree: DefinitionsTree,
  view: vscode.TreeView<unknown>,
  meshes: MeshesTree,
  session: Session,
  drift: DriftDocuments,
  definitions: () => Promise<DefinitionSummary[]>,
): vscode.Disposable[] {
  const output = session.log;
  return [
    vscode.commands.registerCommand("appmesh.definitions.refresh", () => tree.refresh(true)),
    vscode.commands.registerCommand("appmesh.openDefinition", async (summary: DefinitionSummary) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(summary.uri));
      const range = new vscode.Range(summary.range.start.line, summary.range.start.character, summary.range.end.line, summary.range.end.character);
      await vscode.window.showTextDocument(document, { selection: range, preview: true });
    }),
    vscode.commands.registerCommand("appmesh.showDrift", async (node?: unknown) => {
      const summary = await compareTarget(node, view, definitions);
      if (!summary) return void vscode.window.showInformationMessage("Select a definition in the Definitions view (or put the cursor in one) to compare it with the live resource.");
      if (!summary.meshName) return void vscode.window.showInformationMessage(`${summary.kind} ${summary.name} names no mesh, so there is no live resource to compare with.`);
      let live;
      try {
        live = await tree.live(summary.meshName);
      } catch (error) {
        return void vscode.window.showErrorMessage(`Could not read the live mesh ${summary.meshName}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const detail = live?.get(keyInMesh(summary.kind, summary.parentName, summary.name));
      if (!detail) return void vscode.window.showInformationMessage(live ? `${summary.kind} ${summary.name} is not in the live mesh ${summary.meshName}.` : `Mesh ${summary.meshName} does not exist at ${session.label()}.`);
      await showDiff(drift, summary, detail.spec);
    }),
    vscode.commands.registerCommand("appmesh.applyToMesh", async (target?: DefinedMeshNode | vscode.Uri) => {
      const blocked = session.writeBlocker();
      if (blocked) return void vscode.window.showWarningMessage(blocked);
      let summaries: DefinitionSummary[];
      if (target instanceof DefinedMeshNode) summaries = target.items;
      else {
        const uri = (target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri)?.toString();
        if (!uri) return void vscode.window.showWarningMessage("Open a definitions file, or use Apply on a mesh in the Definitions view.");
        summaries = (await definitions()).filter((s) => s.uri === uri);
      }
      const unknown = summaries.filter((s) => !s.meshName);
      summaries = summaries.filter((s) => s.meshName);
      const meshNames = [...new Set(summaries.map((s) => s.meshName!))];
      if (meshNames.length !== 1) {
        return void vscode.window.showWarningMessage(
          meshNames.length === 0 ? "These definitions name no mesh that can be applied." : `These definitions span several meshes (${meshNames.join(", ")}); apply one mesh at a time from the Definitions view.`,
        );
      }
      const meshName = meshNames[0];
      const errors = summaries.filter((s) => s.severity === "error");
      if (errors.length) {
        return void vscode.window.showErrorMessage(`Fix the errors in ${errors.map((e) => `${e.kind} ${e.name}`).join(", ")} before applying mesh ${meshName}.`);
      }
      // Through the live layer's change pipeline (plan → confirm → execute → verify), shared with canary promotion.
      const { applySteps, runChange, legacyOutcome } = liveLayer();
      const { access, connection } = session.primary();
      const steps = applySteps(access, summaries);
      let creates = 0;
      let updates = 0;
      const outcome = await runChange({
        ...steps,
        plan: () => vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Comparing mesh ${meshName} with ${connection.label()}…` }, () => steps.plan()),
        confirm: async (plan) => {
          const created = plan.filter((p) => p.action === "create");
          const updated = plan.filter((p) => p.action === "update");
          [creates, updates] = [created.length, updated.length];
          const unchanged = plan.length - creates - updates;
          const lines = [...created.map((p) => `+ create ${p.summary.kind} ${p.summary.name}`), ...updated.map((p) => `~ update ${p.summary.kind} ${p.summary.name} (live version ${p.live?.version})`)];
          if (unknown.length) lines.push(`(${unknown.length} resource${unknown.length === 1 ? "" : "s"} without a known mesh left out)`);
          const answer = await vscode.window.showWarningMessage(
            `Apply to mesh "${meshName}" at ${connection.label()}: ${creates} to create, ${updates} to update, ${unchanged} unchanged?`,
            { modal: true, detail: lines.join("\n") },
            "Apply",
            ...(updated.length ? ["Show Updates"] : []),
          );
          if (answer === "Show Updates") {
            // One diff per update (live ↔ workspace); nothing is written. Apply again when satisfied.
            for (const update of updated) await showDiff(drift, update.summary, update.live!.spec);
          }
          return answer === "Apply";
        },
        execute: (plan) =>
          vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Applying to mesh ${meshName}`, cancellable: true }, (progress, token) =>
            steps.execute(plan, { cancelled: () => token.isCancellationRequested, progress: (_done, change) => progress.report({ message: `${change.action} ${change.summary.kind} ${change.summary.name}`, increment: 100 / (creates + updates) }) }),
          ),
      });
      if (outcome.stage === "plan") return void vscode.window.showErrorMessage(`Could not read the live mesh ${meshName}: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`);
      if (outcome.stage === "check") return void vscode.window.showInformationMessage(outcome.message);
      if (outcome.stage === "confirm") return;
      const outcomes = outcome.results.map(legacyOutcome);
      for (const item of outcomes) {
        const line = `apply ${meshName}: ${item.change.summary.kind} ${item.change.summary.name}: ${item.message}`;
        if (item.ok) output.info(line);
        else output.error(line);
      }
      const failed = outcomes.filter((o) => !o.ok);
      const applied = outcomes.filter((o) => o.ok && o.message !== "unchanged").length;
      if (failed.length) {
        void vscode.window.showErrorMessage(`Applied ${applied} of ${creates + updates} changes to mesh ${meshName}; ${failed.length} failed: ${failed.map((f) => `${f.change.summary.kind} ${f.change.summary.name} (${f.message})`).join("; ")}`, "Show Log").then((c) => c && output.show());
      } else if (outcome.status === "failed") {
        output.error(`apply ${meshName}: ${outcome.message}`);
        void vscode.window.showErrorMessage(`Applied ${applied} change${applied === 1 ? "" : "s"} to mesh ${meshName}, but: ${outcome.message}`, "Show Log").then((c) => c && output.show());
      } else {
        void vscode.window.showInformationMessage(`Applied ${applied} change${applied === 1 ? "" : "s"} to mesh ${meshName}.`);
      }
      void meshes.refresh();
      tree.refresh(true);
    }),
  ];
}
