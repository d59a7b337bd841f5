// The canary commands on live routes: Promote Canary…, Start Progressive Promotion…, Show
// Promotion History and Roll Back Last Promotion; and, after start, the offer to resume or roll
// back a promotion a reload or crash cut off.
import * as vscode from "vscode";
import type { MeshesTree } from "../meshes/meshesTree";
import type { Session } from "../session";
import type { DefinitionsSource } from "../serviceMap/mapSources";
import { LiveCanary, routeFromItem } from "./liveCanary";
import { ProgressiveCanary } from "./progressiveCanary";

export function registerCanaryCommands(context: vscode.ExtensionContext, session: Session, tree: MeshesTree, definitions: DefinitionsSource): vscode.Disposable[] {
  const live = new LiveCanary(session, tree, context.workspaceState, definitions);
  const progressive = new ProgressiveCanary(session, live, context.globalState);
  const onRoute = (run: (route: NonNullable<Awaited<ReturnType<typeof routeFromItem>>>) => Promise<void>) => async (node: unknown) => {
    const route = await routeFromItem(node ?? tree.view.selection[0], session);
    if (!route) {
      if (!node && !tree.view.selection.length) void vscode.window.showInformationMessage("Select a route (or its virtual router) in the Meshes view first.");
      return;
    }
    try {
      await run(route);
    } catch (error) {
      void vscode.window.showErrorMessage(`${route.routeName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  // Only when a promotion was cut off: reading global state is cheap, the AWS layer loads only then.
  if (progressive.records().some((r) => r.status === "running")) setTimeout(() => void progressive.offerInterrupted(), 2_000);
  return [
    progressive,
    vscode.commands.registerCommand("appmesh.promoteCanary", onRoute((route) => live.promote(route))),
    vscode.commands.registerCommand("appmesh.startProgressivePromotion", onRoute((route) => progressive.start(route))),
    vscode.commands.registerCommand("appmesh.rollBackLastPromotion", onRoute((route) => progressive.rollBackLast(route))),
    vscode.commands.registerCommand("appmesh.showPromotionHistory", async (node: unknown) => progressive.showHistory(node ? await routeFromItem(node, session) : undefined)),
  ];
}
