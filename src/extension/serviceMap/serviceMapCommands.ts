// App Mesh: Show Service Map — from a live mesh, a Definitions mesh or the Command Palette (pick a
// mesh) — one panel per mesh (running it again reveals it), and the serializer that brings open maps
// back after a window reload. The panels' reveal and open-definition actions go through the
// Meshes view and the language server's index.
import * as vscode from "vscode";
import type { ResourceKind } from "../../model/resources";
import type { MapIdentity, MapSettings } from "../../protocol/serviceMapMessages";
import { isMapWindow, AUTO_REFRESH_SECONDS, LAYOUTS } from "../../protocol/serviceMapMessages";
import { DefinedMeshNode, UNKNOWN_MESH } from "../definitions/definitionsTree";
import type { MeshesTree } from "../meshes/meshesTree";
import { MeshNode } from "../meshes/resourceNodes";
import type { Session } from "../session";
import type { DefinitionsSource, MigrationSourceOf } from "./mapSources";
import { mapTitle, MIGRATION_TITLES, panelKey, SERVICE_MAP_TITLE_PREFIX, SERVICE_MAP_VIEW_TYPE, ServiceMapPanel, type ServiceMapHost } from "./serviceMapPanel";

export class ServiceMapPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ServiceMapPanel>();
  private readonly host: ServiceMapHost;

  constructor(session: Session, definitions: DefinitionsSource, migrationSource: MigrationSourceOf, extensionUri: vscode.Uri, tree: MeshesTree) {
    this.host = {
      session,
      definitions,
      migrationSource,
      extensionUri,
      reveal: async (identity, resource) => {
        // Routes sit under their router, gateway routes under their gateway.
        const kind: ResourceKind = resource.kind === "Route" ? "VirtualRouter" : resource.kind === "GatewayRoute" ? "VirtualGateway" : resource.kind;
        const name = resource.parentName && kind !== resource.kind ? resource.parentName : resource.name;
        const found = await tree.findResource(identity.mesh, kind, name, identity.region);
        if (!found) return void vscode.window.showWarningMessage(`${resource.kind} ${resource.name} is not in the live mesh ${identity.mesh}.`);
        await tree.view.reveal(found, { select: true, focus: true, expand: kind !== resource.kind });
      },
      openDefinition: async (identity, resource) => {
        const all = (await definitions()).filter((d) => d.meshName === identity.mesh && d.kind === resource.kind && d.name === resource.name && (d.parentName ?? undefined) === (resource.parentName ?? undefined));
        if (!all.length) return void vscode.window.showInformationMessage(`No file in this workspace defines ${resource.kind} ${resource.name} of mesh ${identity.mesh}.`);
        const pick =
          all.length === 1
            ? all[0]
            : (await vscode.window.showQuickPick(all.map((d) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(d.uri)), description: `line ${d.range.start.line + 1}`, d })), { title: `${resource.name} is defined in ${all.length} files` }))?.d;
        if (!pick) return;
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(pick.uri));
        const r = pick.range;
        await vscode.window.showTextDocument(document, { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), viewColumn: vscode.ViewColumn.One });
      },
    };
  }

  show(identity: MapIdentity, column: vscode.ViewColumn = vscode.ViewColumn.Active): ServiceMapPanel {
    const existing = this.panels.get(panelKey(identity));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(SERVICE_MAP_VIEW_TYPE, mapTitle(identity), column, { enableScripts: true });
    return this.adopt(panel, identity);
  }

  /**
   * A panel VS Code restored after a reload, with the state its webview saved. A reload right after
   * opening can come before the webview saved anything; the title still names the mesh.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = identityOf(state);
    const identity = saved ?? (await this.identityFromTitle(panel.title));
    if (!identity) {
      panel.dispose();
      return;
    }
    this.host.session.log.info(`Service map ${identity.mesh} (${identity.source}) restored${saved ? "" : " from its title: the window reloaded before its state was saved"}`);
    this.adopt(panel, identity, settingsOf(state));
  }

  /** "Service Map: <mesh>": the workspace's definitions when only they hold that mesh, else live. */
  private async identityFromTitle(title: string): Promise<MapIdentity | undefined> {
    const mesh = title.startsWith(SERVICE_MAP_TITLE_PREFIX) ? title.slice(SERVICE_MAP_TITLE_PREFIX.length).trim() : "";
    if (!mesh) return undefined;
    const defined = await this.host.definitions().then((all) => all.some((d) => d.meshName === mesh), () => false);
    if (!defined) return { mesh, source: "live" };
    const live = await this.host.session.primary().access.listMeshes().then((page) => page.items.some((m) => m.name === mesh), () => false);
    return { mesh, source: live ? "live" : "definitions" };
  }

  private adopt(panel: vscode.WebviewPanel, identity: MapIdentity, restored?: Partial<MapSettings>): ServiceMapPanel {
    const map = new ServiceMapPanel(panel, identity, this.host, restored);
    const key = panelKey(identity);
    this.panels.set(key, map);
    map.onDidDispose(() => {
      if (this.panels.get(key) === map) this.panels.delete(key);
    });
    return map;
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.panel.dispose();
    this.panels.clear();
  }
}

function identityOf(state: unknown): MapIdentity | undefined {
  const identity = (state as { identity?: Record<string, unknown> } | undefined)?.identity;
  if (!identity || typeof identity.mesh !== "string" || !identity.mesh || (identity.source !== "live" && identity.source !== "definitions")) return undefined;
  const migration = typeof identity.migration === "string" && Object.hasOwn(MIGRATION_TITLES, identity.migration) ? (identity.migration as MapIdentity["migration"]) : undefined;
  return { mesh: identity.mesh, source: identity.source, ...(typeof identity.region === "string" && identity.region ? { region: identity.region } : {}), ...(migration ? { migration } : {}) };
}

function settingsOf(state: unknown): Partial<MapSettings> {
  const s = (state as { settings?: Record<string, unknown> } | undefined)?.settings;
  if (!s) return {};
  return {
    ...(isMapWindow(s.window) && "preset" in s.window ? { window: s.window } : {}),
    ...((AUTO_REFRESH_SECONDS as readonly unknown[]).includes(s.autoRefresh) ? { autoRefresh: s.autoRefresh as MapSettings["autoRefresh"] } : {}),
    ...(typeof s.group === "string" && s.group.length <= 32 ? { group: s.group } : {}),
    ...((LAYOUTS as readonly unknown[]).includes(s.layout) ? { layout: s.layout as MapSettings["layout"] } : {}),
  };
}

/** The mesh a command was run on, or one picked from the live and defined meshes. */
async function pickMesh(arg: unknown, session: Session, definitions: DefinitionsSource): Promise<MapIdentity | undefined> {
  if (arg instanceof MeshNode) return { mesh: arg.ref.name, source: "live", ...(arg.region ? { region: arg.region } : {}) };
  if (arg instanceof DefinedMeshNode) return arg.known ? { mesh: arg.meshName, source: "definitions" } : undefined;
  type Item = vscode.QuickPickItem & { identity?: MapIdentity };
  const items = (async (): Promise<Item[]> => {
    const out: Item[] = [];
    const [live, defined] = await Promise.allSettled([session.primary().access.listMeshes(), definitions()]);
    out.push({ label: "Live", kind: vscode.QuickPickItemKind.Separator });
    if (live.status === "fulfilled") out.push(...live.value.items.map((m) => ({ label: m.name, description: session.label(), identity: { mesh: m.name, source: "live" as const } })));
    else out.push({ label: "$(warning) Live meshes could not be listed", description: live.reason instanceof Error ? live.reason.message : String(live.reason) });
    out.push({ label: "Definitions", kind: vscode.QuickPickItemKind.Separator });
    if (defined.status === "fulfilled") {
      const names = [...new Set(defined.value.map((d) => d.meshName).filter((m): m is string => !!m && m !== UNKNOWN_MESH))].sort();
      out.push(...names.map((mesh) => ({ label: mesh, description: "workspace definitions", identity: { mesh, source: "definitions" as const } })));
    }
    return out;
  })();
  const pick = await vscode.window.showQuickPick(items, { title: "Show Service Map", placeHolder: "Pick a mesh" });
  return pick?.identity;
}

export function registerServiceMap(context: vscode.ExtensionContext, session: Session, definitions: DefinitionsSource, migrationSource: MigrationSourceOf, tree: MeshesTree): vscode.Disposable[] {
  const panels = new ServiceMapPanels(session, definitions, migrationSource, context.extensionUri, tree);
  return [
    panels,
    // Plan Migration's "Show Side by Side": the mesh's own map on the left, the target's routing on the right.
    vscode.commands.registerCommand("appmesh.showMigrationMap", (identity: unknown) => {
      const target = identityOf({ identity });
      if (!target?.migration) return;
      const { migration: _target, ...mesh } = target;
      panels.show(mesh, vscode.ViewColumn.One);
      panels.show(target, vscode.ViewColumn.Two);
    }),
    vscode.commands.registerCommand("appmesh.showServiceMap", async (arg: unknown) => {
      const identity = await pickMesh(arg, session, definitions);
      if (identity) panels.show(identity);
    }),
    vscode.window.registerWebviewPanelSerializer(SERVICE_MAP_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => panels.restore(panel, state),
    }),
  ];
}
