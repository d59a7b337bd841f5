// Save as Definitions… on a live mesh (or a category, or one resource) in the Meshes view: pick a
// dialect and a folder, and the mesh is written as files a person would keep in a repository
// (Kubernetes manifests per kind, one CloudFormation template, or CLI input files with an apply
// script). Existing files are never overwritten without a confirmation that lists them.
import * as vscode from "vscode";
import { keyInMesh, type ResourceKind } from "../../model/resources";
import type { MeshFilesDialect } from "../../model/writers/meshFiles";
import { liveLayer } from "../lazyBundles";
import type { ExplorerNode } from "../meshes/explorerNode";
import { CategoryNode, ResourceNode, RouteNode } from "../meshes/resourceNodes";
import type { Session } from "../session";
import { pickFolder, writeConfirmingOverwrite } from "../folderFiles";
import { meshNodeOf } from "../meshes/meshesCommands";

const DIALECTS: { label: string; description: string; dialect: MeshFilesDialect; noun: string }[] = [
  { label: "Kubernetes manifests", description: "for the App Mesh controller: one file per kind, awsName kept", dialect: "kubernetes", noun: "Kubernetes manifest files" },
  { label: "CloudFormation template", description: "one template, !GetAtt between resources, parameters for account values", dialect: "cloudformation", noun: "a CloudFormation template" },
  { label: "CLI input files", description: "one file per resource and apply.sh in dependency order", dialect: "api", noun: "CLI input files" },
];

/** Which resources of the mesh the item stands for: all, a category's kinds, or one resource (a router with its routes). */
function selectionOf(node: ExplorerNode): { label: string; keep: (kind: ResourceKind, name: string, parent?: string) => boolean } {
  if (node instanceof CategoryNode) {
    const kinds: ResourceKind[] = node.kind === "VirtualRouter" ? ["VirtualRouter", "Route"] : node.kind === "VirtualGateway" ? ["VirtualGateway", "GatewayRoute"] : [node.kind];
    return { label: `the ${node.kind} resources of`, keep: (kind) => kind === "Mesh" || kinds.includes(kind) };
  }
  if (node instanceof ResourceNode || node instanceof RouteNode) {
    const ref = node.ref;
    return {
      label: `${ref.kind} ${ref.name} of`,
      keep: (kind, name, parent) => kind === "Mesh" || (kind === ref.kind && name === ref.name && parent === ref.parentName) || (parent === ref.name && (kind === "Route" || kind === "GatewayRoute") && (ref.kind === "VirtualRouter" || ref.kind === "VirtualGateway")),
    };
  }
  return { label: "", keep: () => true };
}

export async function saveAsDefinitions(node: ExplorerNode | undefined, session: Session): Promise<void> {
  const meshNode = meshNodeOf(node);
  if (!node || !meshNode) return void vscode.window.showInformationMessage("Run Save as Definitions… on a live mesh, category or resource in the Meshes view.");
  const meshName = meshNode.ref.name;
  const picked = await vscode.window.showQuickPick(DIALECTS, { title: `Save ${meshName} as Definitions`, placeHolder: "Which kind of files?" });
  if (!picked) return;
  const folder = await pickFolder(`Folder for ${picked.noun} of ${meshName}`);
  if (!folder) return;
  const selection = selectionOf(node);
  const connection = session.connection(meshNode.region);
  let untagged = 0;
  const files = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading ${meshName}` }, async () => {
    const live = await connection.loader.liveMesh(meshName);
    if (!live) throw new Error(`mesh ${meshName} no longer exists`);
    const kept = [...live.values()].filter((r) => selection.keep(r.kind, r.name, r.parentName));
    // Tags are part of a CloudFormation template and of CLI input; the controller's CRDs have none.
    const tags = picked.dialect === "kubernetes" ? [] : await connection.access.tagsOfMany(kept.map((r) => r.arn));
    untagged = tags.filter((t) => t.status === "rejected").length;
    const resources = kept.map((r, i) => {
      const read = tags[i]?.status === "fulfilled" ? tags[i].value : [];
      return { kind: r.kind, name: r.name, ...(r.parentName ? { parentName: r.parentName } : {}), spec: r.spec, ...(read.length ? { tags: read } : {}) };
    });
    const meshDetail = live.get(keyInMesh("Mesh", undefined, meshName));
    const owner = meshDetail?.meshOwner;
    return liveLayer().meshAsFiles({ name: meshName, ...(owner && owner !== meshDetail?.resourceOwner ? { meshOwner: owner } : {}), resources }, picked.dialect, {
      ...(connection.connection.settings.region ? { region: connection.connection.settings.region } : {}),
    });
  }).then(
    (f) => f,
    (error: unknown) => {
      void vscode.window.showErrorMessage(`Save as Definitions: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    },
  );
  if (!files) return;
  const targets = files.map((f) => ({ text: f.text, uri: vscode.Uri.joinPath(folder, ...f.path.split("/")) }));
  if (!(await writeConfirmingOverwrite(targets))) return;
  const what = `${selection.label ? `${selection.label} ` : ""}${meshName} as ${picked.noun} (${files.length} file${files.length === 1 ? "" : "s"})`;
  session.log.info(`Save as Definitions: ${what} in ${folder.fsPath}`);
  // Tags that could not be read (ListTagsForResource denied, say) are missing, not silently so.
  const missing = untagged ? ` The tags of ${untagged} resource${untagged === 1 ? "" : "s"} could not be read (see the App Mesh log) and are left out.` : "";
  const show = untagged ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const open = await show(`Saved ${what}.${missing}`, "Open First File");
  if (open) await vscode.window.showTextDocument(targets[0].uri);
}
