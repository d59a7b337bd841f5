// App Mesh: Plan Migration… on a live mesh, a Definitions mesh or a definitions file: pick the
// target, and the generated files open beside the source with the migration report (untitled,
// to review; Save to Folder… writes them). The mesh comes from the session (live) or the language
// server's index (files); the translation is the model's. Each run remembers its report lines, so
// the next run on the same mesh and target says what changed.
import * as vscode from "vscode";
import type { MigrationSource, Origin } from "../../model/migration/migrationSource";
import type { MigrationTarget } from "../../model/migration/migrationReport";
import type { MigrationSourcesMethod, MigrationSourcesParams } from "../../protocol/messages";
import { DefinedMeshNode } from "../definitions/definitionsTree";
import { pickFolder, writeConfirmingOverwrite } from "../folderFiles";
import type { AppMeshLanguageClient } from "../languageClient";
import { liveLayer } from "../lazyBundles";
import { MeshNode } from "../meshes/resourceNodes";
import type { Session } from "../session";

// The literal name, checked against the protocol's by its type (the protocol library loads with the client).
const MIGRATION_SOURCES: MigrationSourcesMethod = "appmesh/migrationSources";
const PREVIOUS_KEY = "appmesh.migration.previous";

const TARGETS: (vscode.QuickPickItem & { target: MigrationTarget })[] = [
  { label: "Amazon ECS Service Connect", description: "for ECS services", detail: "CloudFormation: Cloud Map namespace, ServiceConnectConfiguration per service, port names", target: "service-connect" },
  { label: "Amazon VPC Lattice", description: "any compute", detail: "CloudFormation: service network, services, listeners, rules, weighted target groups, auth policies", target: "vpc-lattice" },
  { label: "Gateway API with the AWS Gateway API Controller", description: "EKS", detail: "Gateway, HTTPRoute / GRPCRoute / TLSRoute, TargetGroupPolicy, IAMAuthPolicy, AccessLogPolicy", target: "gateway-api" },
];

/** The workspace's definitions of one mesh, as the language server reads them for a migration. */
export function definitionsMigrationSource(languageClient: AppMeshLanguageClient): (mesh: string) => Promise<MigrationSource | undefined> {
  return async (mesh) => {
    const client = await languageClient.start();
    const params: MigrationSourcesParams = { meshName: mesh };
    return (await client.sendRequest<MigrationSource[]>(MIGRATION_SOURCES, params))[0];
  };
}

export function registerPlanMigration(context: vscode.ExtensionContext, session: Session, languageClient: AppMeshLanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand("appmesh.planMigration", async (arg?: unknown) => {
      try {
        await planMigration(arg, { context, session, languageClient });
      } catch (error) {
        void vscode.window.showErrorMessage(`Plan Migration: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  ];
}

interface Services {
  context: vscode.ExtensionContext;
  session: Session;
  languageClient: AppMeshLanguageClient;
}

/** The mesh to migrate, read from where the command was run; undefined when there is none (said why). */
async function sourceOf(arg: unknown, services: Services): Promise<{ source: MigrationSource; from: string; region?: string } | undefined> {
  if (arg instanceof MeshNode) {
    const connection = services.session.connection(arg.region);
    const label = connection.connection.label();
    const live = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading mesh ${arg.ref.name} from ${label}…` }, () => connection.loader.liveMesh(arg.ref.name));
    if (!live) return void vscode.window.showWarningMessage(`Mesh ${arg.ref.name} no longer exists at ${label}.`);
    return { source: liveLayer().sourceFromLive(arg.ref.name, live.values()), from: `live:${label}`, ...(arg.region ? { region: arg.region } : {}) };
  }
  const params: MigrationSourcesParams | undefined =
    arg instanceof DefinedMeshNode ? (arg.known ? { meshName: arg.meshName } : undefined) : { uri: (arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri)?.toString() };
  if (!params || (!params.meshName && !params.uri)) return void vscode.window.showInformationMessage("Run Plan Migration… on a mesh in the Meshes or Definitions view, or on a definitions file.");
  const client = await services.languageClient.start();
  const sources = await client.sendRequest<MigrationSource[]>(MIGRATION_SOURCES, params);
  if (!sources.length) return void vscode.window.showInformationMessage(params.meshName ? `No file in this workspace defines mesh ${params.meshName}.` : "This file defines no App Mesh resources of a known mesh.");
  const picked =
    sources.length === 1
      ? sources[0]
      : (await vscode.window.showQuickPick(sources.map((s) => ({ label: s.meshName, description: `${s.resources.length} resources`, s })), { title: "Plan Migration", placeHolder: "The file defines several meshes: which one?" }))?.s;
  return picked ? { source: picked, from: "definitions" } : undefined;
}

async function planMigration(arg: unknown, services: Services): Promise<void> {
  const read = await sourceOf(arg, services);
  if (!read) return;
  const { source, from } = read;
  const target = (await vscode.window.showQuickPick(TARGETS, { title: `Plan Migration of mesh ${source.meshName}`, placeHolder: "Migrate to…", matchOnDetail: true }))?.target;
  if (!target) return;
  const key = `${from}|${source.meshName}|${target}`;
  const previousRuns = services.context.workspaceState.get<Record<string, string[]>>(PREVIOUS_KEY, {});
  const output = liveLayer().migrate(source, target, { ...(previousRuns[key] ? { previous: previousRuns[key] } : {}), link: linkOf });
  await services.context.workspaceState.update(PREVIOUS_KEY, { ...previousRuns, [key]: output.keys });
  const counts = (d: string) => output.entries.filter((e) => e.disposition === d).length;
  services.session.log.info(`Plan Migration: mesh ${source.meshName} (${from}) → ${target}: ${counts("mapped")} mapped, ${counts("changed")} changed, ${counts("dropped")} not carried over`);

  // Beside the source, in one group however often it is run: the generated files, then the report
  // in front (it says what to read in them first).
  const opened: vscode.TextDocument[] = [];
  for (const file of output.files) {
    const document = await vscode.workspace.openTextDocument({ language: file.name.endsWith(".md") ? "markdown" : "yaml", content: file.text });
    opened.push(document);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Two, preview: false });
  }
  const answer = await vscode.window.showInformationMessage(
    `Mesh ${source.meshName} → ${TARGETS.find((t) => t.target === target)!.label}: ${counts("mapped")} mapped, ${counts("changed")} mapped with a change, ${counts("dropped")} not carried over (see the report).`,
    "Save to Folder…",
    "Show Side by Side",
  );
  if (answer === "Save to Folder…") await saveToFolder(output.files, opened);
  if (answer === "Show Side by Side") {
    const identity = { mesh: source.meshName, source: from === "definitions" ? "definitions" : "live", ...(read.region ? { region: read.region } : {}), migration: target };
    await vscode.commands.executeCommand("appmesh.showMigrationMap", identity);
  }
}

/** A report line's link: the file at the resource's line, or the live resource's ARN. */
function linkOf(origin: Origin): string {
  if ("live" in origin) return origin.live;
  return vscode.Uri.parse(origin.uri).with({ fragment: `L${origin.line + 1}` }).toString();
}

async function saveToFolder(files: { name: string; text: string }[], opened: vscode.TextDocument[]): Promise<void> {
  const folder = await pickFolder("Folder for the migration files");
  if (!folder) return;
  // What the editors hold now: the user may have edited the untitled files before saving them.
  const targets = files.map((f, i) => ({ uri: vscode.Uri.joinPath(folder, f.name), text: opened[i]?.getText() ?? f.text }));
  if (!(await writeConfirmingOverwrite(targets))) return;
  await vscode.window.showTextDocument(targets[targets.length - 1].uri, { preview: false });
  void vscode.window.showInformationMessage(`Saved ${targets.map((t) => vscode.workspace.asRelativePath(t.uri)).join(", ")}.`);
}
