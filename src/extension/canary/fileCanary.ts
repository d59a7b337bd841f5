// Canary promotion as an edit of the definition file (GitOps): from the code lens above a route's
// `weightedTargets`, or a route in the Definitions view. The language server reads the route as
// the file holds it now and writes the edits (only the weight values change); the extension asks
// for the new weights with the shared quick pick, shows the diff of the file against the file
// after the edit, asks once in a modal, and applies the edit. The file is left unsaved: the
// change is the user's to review, save and commit, as with any refactoring.
import * as vscode from "vscode";
import type {
  PromoteCanaryInFileArgs,
  PromoteCanaryInFileCommand,
  RouteIdentity,
  RouteTargetWeight,
  RouteWeightEditsMethod,
  RouteWeightEditsParams,
  RouteWeightEditsResult,
} from "../../protocol/messages";
import { DefinitionNode } from "../definitions/definitionsTree";
import type { AppMeshLanguageClient } from "../languageClient";
import { applyAndOfferSave, fileNameOf, textEdits, type FilePreviews } from "../filePreview";
import { describeChange, ladderSetting, pickWeights, resolveRoles, type RouteTargets } from "./weightsPicker";

// Literal names, checked against the protocol's by their types: importing the values would pull
// the protocol library into the extension's bundle (it loads with the language client).
const COMMAND: PromoteCanaryInFileCommand = "appmesh.promoteCanaryInFile";
const ROUTE_WEIGHT_EDITS: RouteWeightEditsMethod = "appmesh/routeWeightEdits";
/** workspaceState: the baseline target (node name) chosen per route, keyed by routeKey. */
const BASELINES_KEY = "appmesh.canary.fileBaselines";

export function registerFileCanary(context: vscode.ExtensionContext, languageClient: AppMeshLanguageClient, previews: FilePreviews): vscode.Disposable[] {
  const request = async (params: RouteWeightEditsParams): Promise<RouteWeightEditsResult> => {
    const client = await languageClient.start();
    return client.sendRequest<RouteWeightEditsResult>(ROUTE_WEIGHT_EDITS, params);
  };
  return [
    vscode.commands.registerCommand(COMMAND, async (arg?: unknown) => {
      const target = targetOf(arg);
      if (!target) return void vscode.window.showInformationMessage("Use Promote Canary from the code lens above a route's weightedTargets, or on a route in the Definitions view.");
      try {
        await promote(target, { context, request, previews });
      } catch (error) {
        void vscode.window.showErrorMessage(`Promote Canary: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  ];
}

interface Target {
  uri: string;
  route: RouteIdentity;
}

/** The route the command runs on: the code lens's arguments or a Definitions view route. */
function targetOf(arg: unknown): Target | undefined {
  if (arg instanceof DefinitionNode) {
    const { summary } = arg;
    if (summary.kind !== "Route") return undefined;
    return { uri: summary.uri, route: { ...(summary.meshName ? { meshName: summary.meshName } : {}), ...(summary.parentName ? { routerName: summary.parentName } : {}), routeName: summary.name } };
  }
  const args = arg as Partial<PromoteCanaryInFileArgs> | undefined;
  if (typeof args?.uri === "string" && typeof args.route?.routeName === "string") return { uri: args.uri, route: args.route };
  return undefined;
}

interface Services {
  context: vscode.ExtensionContext;
  request: (params: RouteWeightEditsParams) => Promise<RouteWeightEditsResult>;
  previews: FilePreviews;
}

async function promote({ uri: uriText, route }: Target, services: Services): Promise<void> {
  const uri = vscode.Uri.parse(uriText);
  const file = fileNameOf(uri);
  // Open (not shown) so the server edits the text the editor holds, unsaved changes included.
  const document = await vscode.workspace.openTextDocument(uri);

  // The route as the file holds it now (the lens may be older than the last edit).
  const checked = await services.request({ uri: uriText, route });
  if ("refused" in checked) return void vscode.window.showWarningMessage(checked.refused);
  const targets = checked.targets as { node: string; weight: number }[];
  const routeTargets: RouteTargets = { title: route.routerName ? `${route.routeName} (${route.routerName})` : route.routeName, targets };

  const baselines = services.context.workspaceState.get<Record<string, string>>(BASELINES_KEY, {});
  const key = routeKey(uriText, route);
  const remembered = targets.findIndex((t) => t.node === baselines[key]);
  const roles = await resolveRoles(routeTargets, remembered >= 0 ? remembered : undefined);
  if (!roles) return;
  await rememberBaseline(services.context, key, targets[roles.baseline].node);

  const choice = await pickWeights(routeTargets, roles, ladderSetting());
  if (!choice) return;

  const result = await services.request({ uri: uriText, route, weights: choice.weights });
  if ("refused" in result) return void vscode.window.showWarningMessage(result.refused);
  const stale = staleness(document, result, targets, choice.weights);
  if (stale) return void vscode.window.showWarningMessage(`${file}: ${stale} Nothing was edited; run Promote Canary again.`);
  if (!result.edits.length) return void vscode.window.showInformationMessage(`${routeTargets.title} already has these weights.`);

  // The preview: the file as it is (left) against the file after the edit (right), then one question.
  const edits = textEdits(result.edits);
  const version = document.version;
  const confirmed = await services.previews.ask(document, edits, {
    title: `${file}: ${route.routeName} weights (now ↔ after the edit)`,
    question: `Edit ${file}? ${routeTargets.title}: ${choice.description}`,
    detail: "Only the weight values change; comments and formatting stay. The file is left unsaved for you to review, save and commit.",
    action: "Edit File",
  });
  if (!confirmed) return;
  if (document.version !== version || staleness(document, result, targets, choice.weights)) {
    return void vscode.window.showWarningMessage(`${file} changed while the preview was open. Nothing was edited; run Promote Canary again.`);
  }
  const edited = await applyAndOfferSave(
    document,
    edits,
    (wasDirty) => `Edited ${file} (not saved${wasDirty ? "; it already had unsaved changes" : ""}): ${describeChange(routeTargets, choice.weights)}. Review it, then save and commit.`,
  );
  if (!edited) return void vscode.window.showWarningMessage(`${file} could not be edited.`);
  if (choice.kind === "full" || choice.kind === "rollback") await rememberBaseline(services.context, key, undefined); // the next canary starts afresh
}

/**
 * Why the server's edits no longer fit the document (undefined when they do): the file's weights
 * changed since the check, or the text under an edit is not the weight it replaces.
 */
function staleness(document: vscode.TextDocument, result: Extract<RouteWeightEditsResult, { edits: unknown }>, checked: RouteTargetWeight[], weights: number[]): string | undefined {
  if (result.version !== null && result.version !== document.version) return "the file changed while the edit was prepared.";
  if (result.targets.length !== checked.length || result.targets.some((t, i) => t.weight !== checked[i].weight || t.node !== checked[i].node)) {
    return "the route's weights changed while you chose new ones.";
  }
  const changed = weights.flatMap((w, i) => (w !== checked[i].weight ? [i] : []));
  if (changed.length !== result.edits.length) return "the edit does not match the weights chosen.";
  const mismatch = result.edits.some((e, k) => {
    const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
    return document.getText(range) !== String(checked[changed[k]].weight);
  });
  return mismatch ? "the file's text moved under the edit." : undefined;
}

const routeKey = (uri: string, route: RouteIdentity) => [uri, route.meshName ?? "", route.routerName ?? "", route.routeName].join("|");

async function rememberBaseline(context: vscode.ExtensionContext, key: string, node: string | undefined): Promise<void> {
  const baselines = { ...context.workspaceState.get<Record<string, string>>(BASELINES_KEY, {}) };
  if (node === undefined) delete baselines[key];
  else baselines[key] = node;
  await context.workspaceState.update(BASELINES_KEY, baselines);
}
