// Commands of the Definitions view: open a definition, compare it with the live resource, and
// apply a mesh's definitions to the live mesh after a confirmation that names what changes.
import * as vscode from "vscode";
import type { ResourceKind } from "../../model/resources";
import { resourceFromApi, toApiShape, toYaml } from "../../model/writers/writers";
import type { DefinitionSummary } from "../../protocol/messages";
import { writeBlocker } from "../meshes/meshesCommands";
import type { MeshesTree } from "../meshes/meshesTree";
import { executeApply, planApply } from "./applyPlan";
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
  const render = (spec: Record<string, unknown>) =>
    toYaml([toApiShape(resourceFromApi({ kind: summary.kind as ResourceKind, meshName: summary.meshName ?? "", parentName: summary.parentName, name: summary.name, spec }))]);
  const base = `/${encodeURIComponent(summary.meshName ?? "")}/${summary.kind}/${encodeURIComponent(summary.name)}`;
  const left = vscode.Uri.from({ scheme: DRIFT_SCHEME, path: `${base}.live.yaml` });
  const right = vscode.Uri.from({ scheme: DRIFT_SCHEME, path: `${base}.workspace.yaml` });
  drift.set(left, render(liveSpec));
  drift.set(right, render(summary.body.spec as Record<string, unknown>));
  await vscode.commands.executeCommand("vscode.diff", left, right, `${summary.name}: live ↔ workspace`);
}

export function registerDefinitionsCommands(
  tree: DefinitionsTree,
  meshes: MeshesTree,
  drift: DriftDocuments,
  definitions: () => Promise<DefinitionSummary[]>,
  output: vscode.LogOutputChannel,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand("appmesh.definitions.refresh", () => tree.refresh(true)),
    vscode.commands.registerCommand("appmesh.openDefinition", async (summary: DefinitionSummary) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(summary.uri));
      const range = new vscode.Range(summary.range.start.line, summary.range.start.character, summary.range.end.line, summary.range.end.character);
      await vscode.window.showTextDocument(document, { selection: range, preview: true });
    }),
    vscode.commands.registerCommand("appmesh.showDrift", async (node: DefinitionNode) => {
      const { summary } = node;
      const live = await tree.live(summary.meshName ?? "");
      const detail = live?.get(`${summary.kind}/${summary.parentName ?? ""}/${summary.name}`);
      if (!detail) return void vscode.window.showInformationMessage(`${summary.kind} ${summary.name} is not in the live mesh.`);
      await showDiff(drift, summary, detail.spec);
    }),
    vscode.commands.registerCommand("appmesh.applyToMesh", async (target?: DefinedMeshNode | vscode.Uri) => {
      const blocked = writeBlocker();
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
      let plan;
      try {
        plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Comparing mesh ${meshName} with ${meshes.currentConnection.label()}…` }, () => planApply(meshes.access, summaries));
      } catch (error) {
        return void vscode.window.showErrorMessage(`Could not read the live mesh ${meshName}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const creates = plan.filter((p) => p.action === "create");
      const updates = plan.filter((p) => p.action === "update");
      const unchanged = plan.length - creates.length - updates.length;
      if (!creates.length && !updates.length) return void vscode.window.showInformationMessage(`Mesh ${meshName} already matches its ${plan.length} definitions.`);
      const lines = [...creates.map((p) => `+ create ${p.summary.kind} ${p.summary.name}`), ...updates.map((p) => `~ update ${p.summary.kind} ${p.summary.name} (live version ${p.live?.version})`)];
      if (unknown.length) lines.push(`(${unknown.length} resource${unknown.length === 1 ? "" : "s"} without a known mesh left out)`);
      const answer = await vscode.window.showWarningMessage(
        `Apply to mesh "${meshName}" at ${meshes.currentConnection.label()}: ${creates.length} to create, ${updates.length} to update, ${unchanged} unchanged?`,
        { modal: true, detail: lines.join("\n") },
        "Apply",
        ...(updates.length ? ["Show Updates"] : []),
      );
      if (answer === "Show Updates") {
        // One diff per update (live ↔ workspace); nothing is written. Apply again when satisfied.
        for (const update of updates) await showDiff(drift, update.summary, update.live!.spec);
        return;
      }
      if (answer !== "Apply") return;
      const outcomes = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Applying to mesh ${meshName}`, cancellable: true },
        (progress, token) => {
          const total = creates.length + updates.length;
          return executeApply(meshes.access, plan, (_done, change) => progress.report({ message: `${change.action} ${change.summary.kind} ${change.summary.name}`, increment: 100 / total }), () => token.isCancellationRequested);
        },
      );
      for (const outcome of outcomes) {
        const line = `apply ${meshName}: ${outcome.change.summary.kind} ${outcome.change.summary.name}: ${outcome.message}`;
        if (outcome.ok) output.info(line);
        else output.error(line);
      }
      const failed = outcomes.filter((o) => !o.ok);
      const applied = outcomes.filter((o) => o.ok && o.message !== "unchanged").length;
      if (failed.length) {
        void vscode.window.showErrorMessage(`Applied ${applied} of ${creates.length + updates.length} changes to mesh ${meshName}; ${failed.length} failed: ${failed.map((f) => `${f.change.summary.kind} ${f.change.summary.name} (${f.message})`).join("; ")}`, "Show Log").then((c) => c && output.show());
      } else {
        void vscode.window.showInformationMessage(`Applied ${applied} change${applied === 1 ? "" : "s"} to mesh ${meshName}.`);
      }
      meshes.refresh();
      tree.refresh(true);
    }),
  ];
}
