// Commands on the Meshes view and its items: refresh, retry, load more, filter, copy name and ARN,
// open in the console, show details (in three dialects) and delete with a confirmation.
import * as vscode from "vscode";
import type { ResourceRef } from "../../aws/appMeshAccess";
import { consoleUrl, SANDBOX_LIKE } from "../../aws/consoleLinks";
import { detailsUri, targetOf, type DetailsDialect } from "./detailsDocument";
import { ErrorNode, LoadMoreNode, type ExplorerNode } from "./explorerNode";
import type { MeshesTree } from "./meshesTree";
import type { ResourceKind } from "../../model/resources";
import { specReferences } from "../../model/routeSemantics";
import { liveLayer } from "../lazyBundles";
import type { Session } from "../session";
import { DetailNode, MeshNode, ResourceNode, RouteNode } from "./resourceNodes";

/** The region heading a node is under, when the view shows several regions. */
/** The live mesh a node of the Meshes view is in (itself, for a mesh). */
export function meshNodeOf(node: ExplorerNode | undefined): MeshNode | undefined {
  for (let current = node; current; current = current.parent) if (current instanceof MeshNode) return current;
  return undefined;
}

export function regionOf(node: ExplorerNode | undefined): string | undefined {
  return meshNodeOf(node)?.region;
}

export function refOf(node: unknown): ResourceRef | undefined {
  return node instanceof MeshNode || node instanceof ResourceNode || node instanceof RouteNode ? node.ref : undefined;
}

/** What an item refers to: a route's target nodes, a gateway route's service, a service's provider, a backend's service. */
function referencesOf(node: unknown): { meshName: string; kind: ResourceKind; name: string }[] {
  if (node instanceof DetailNode && node.reference) return [node.reference];
  const detail = node instanceof RouteNode || node instanceof ResourceNode ? node.detail : undefined;
  if (!detail) return [];
  // A node's backends are children of their own; here only targets and providers count.
  return specReferences(detail.kind, detail.spec)
    .filter((r) => r.role !== "backend")
    .map((r) => ({ meshName: detail.meshName, kind: r.kind, name: r.name }));
}

export function registerMeshesCommands(tree: MeshesTree, session: Session): vscode.Disposable[] {
  const view = tree.view;
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    command("appmesh.meshes.refresh", () => tree.refresh()),
    command("appmesh.refreshItem", (node: ExplorerNode) => tree.refresh(node)),
    command("appmesh.retry", (node: ErrorNode) => node.retry()),
    command("appmesh.loadMore", (node: LoadMoreNode) => void node.load()),
    command("appmesh.meshes.filter", async () => {
      const text = await vscode.window.showInputBox({ title: "Filter Meshes View", prompt: "Show resources whose name contains this text (empty clears the filter)", value: tree.filter });
      if (text !== undefined) tree.setFilter(text);
    }),
    command("appmesh.meshes.clearFilter", () => tree.setFilter("")),
    command("appmesh.revealReference", async (node: ExplorerNode) => {
      const references = referencesOf(node);
      if (!references.length) return void vscode.window.showInformationMessage("This item refers to no other resource (or its details have not loaded yet).");
      const target =
        references.length === 1
          ? references[0]
          : (await vscode.window.showQuickPick(references.map((r) => ({ label: r.name, description: r.kind, reference: r })), { title: "Reveal Which Target?" }))?.reference;
      if (!target) return;
      const found = await tree.findResource(target.meshName, target.kind, target.name, regionOf(node));
      if (!found) return void vscode.window.showWarningMessage(`${target.kind} ${target.name} is not in mesh ${target.meshName}${tree.filter ? " (or the filter hides it)" : ""}.`);
      await view.reveal(found, { select: true, focus: true, expand: false });
    }),
    command("appmesh.copyName", async (node: ExplorerNode) => {
      const ref = refOf(node);
      if (ref) await vscode.env.clipboard.writeText(ref.name);
    }),
    command("appmesh.copyArn", async (node: ExplorerNode) => {
      const ref = refOf(node);
      if (ref) await vscode.env.clipboard.writeText(ref.arn);
    }),
    command("appmesh.openInConsole", async (node: ExplorerNode) => {
      const ref = refOf(node);
      if (!ref) return;
      const { connection } = session.connection(regionOf(node));
      if (connection.settings.endpoint) {
        void vscode.window.showInformationMessage(`${ref.name} lives at ${connection.settings.endpoint}, which has no AWS console. ${SANDBOX_LIKE}`);
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(ref, regionOf(node) ?? (await connection.resolvedRegion()))));
    }),
    command("appmesh.showDetails", async (node: ExplorerNode) => {
      const ref = refOf(node);
      if (ref) await showDetails(ref, "api", regionOf(node));
    }),
    ...(["api", "kubernetes", "cloudformation"] as const).map((dialect) =>
      command(`appmesh.showDetailsAs${{ api: "Api", kubernetes: "Kubernetes", cloudformation: "CloudFormation" }[dialect]}`, (uri: vscode.Uri) => {
        const target = targetOf(uri ?? vscode.window.activeTextEditor!.document.uri);
        return showDetails(target, dialect, target.region);
      }),
    ),
    command("appmesh.deleteResource", async (node: ExplorerNode) => {
      const ref = refOf(node);
      if (!ref) return;
      const blocked = session.writeBlocker();
      if (blocked) return void vscode.window.showWarningMessage(blocked);
      let dependents: string[] = [];
      try {
        dependents = await liveLayer().dependentsOf(session.connection(regionOf(node)).access, ref);
      } catch (error) {
        return void vscode.window.showErrorMessage(`Could not check what depends on ${ref.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const detail = dependents.length
        ? `These depend on it and would stop working (App Mesh refuses the delete while some remain):\n${dependents.map((d) => `• ${d}`).join("\n")}`
        : "Nothing in the mesh refers to it.";
      const at = regionOf(node) ?? session.label();
      const where = ref.kind === "Mesh" ? `at ${at}` : `from mesh ${ref.meshName} at ${at}`;
      const answer = await vscode.window.showWarningMessage(`Delete ${ref.kind} "${ref.name}" ${where}?`, { modal: true, detail }, "Delete");
      if (answer !== "Delete") return;
      try {
        await session.connection(regionOf(node)).access.delete(ref.kind, ref.meshName, ref.parentName, ref.name);
        void vscode.window.showInformationMessage(`Deleted ${ref.kind} ${ref.name}.`);
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not delete ${ref.kind} ${ref.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      void tree.refresh(node.parent);
    }),
  ];
}

async function showDetails(ref: Pick<ResourceRef, "kind" | "meshName" | "parentName" | "name">, dialect: DetailsDialect, region: string | undefined): Promise<void> {
  const document = await vscode.workspace.openTextDocument(detailsUri({ kind: ref.kind, meshName: ref.meshName, parentName: ref.parentName, name: ref.name }, dialect, region));
  await vscode.languages.setTextDocumentLanguage(document, "yaml");
  await vscode.window.showTextDocument(document, { preview: true });
}
