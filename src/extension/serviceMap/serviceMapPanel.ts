// One open service map: a webview panel showing one mesh (live or from the definitions). The host
// reads the topology once (again on a manual Refresh) and X-Ray's graph for the chosen window (again
// on every refresh, manual or automatic); it never polls while auto refresh is off or the panel is
// hidden. Messages from the webview are checked on arrival; anything else is logged and dropped.
import * as vscode from "vscode";
import type { DeclaredResource } from "../../model/serviceMap/buildMap";
import type { ServiceMapModel } from "../../model/serviceMap/mapModel";
import {
  parseWebviewMessage,
  WINDOW_MINUTES,
  type HostToWebview,
  type MapIdentity,
  type MapSettings,
  type MapWindow,
  type WebviewToHost,
} from "../../protocol/serviceMapMessages";
import { liveLayer } from "../lazyBundles";
import type { Session } from "../session";
import { declaredResources, type DefinitionsSource, type MigrationSourceOf } from "./mapSources";
import { serviceMapHtml, webviewRoot } from "./serviceMapHtml";

export const SERVICE_MAP_VIEW_TYPE = "appmesh.serviceMap";
/** A map's title is this and its mesh's name (after a reload, the title can be all there is). */
export const SERVICE_MAP_TITLE_PREFIX = "Service Map: ";

export interface ServiceMapHost {
  session: Session;
  definitions: DefinitionsSource;
  /** The workspace's definitions of a mesh for a migration (references resolved). */
  migrationSource: MigrationSourceOf;
  extensionUri: vscode.Uri;
  reveal(identity: MapIdentity, resource: NonNullable<ServiceMapModel["nodes"][number]["resource"]>): Promise<void>;
  openDefinition(identity: MapIdentity, resource: NonNullable<ServiceMapModel["nodes"][number]["resource"]>): Promise<void>;
}

export const panelKey = (identity: MapIdentity): string => `${identity.source}/${identity.region ?? ""}/${identity.mesh}${identity.migration ? `/${identity.migration}` : ""}`;

export const MIGRATION_TITLES: Record<NonNullable<MapIdentity["migration"]>, string> = { "service-connect": "ECS Service Connect", "vpc-lattice": "VPC Lattice", "gateway-api": "Gateway API" };

/** "Service Map: demo", or for a migration target "Migration Map: demo → VPC Lattice". */
export function mapTitle(identity: MapIdentity): string {
  return identity.migration ? `Migration Map: ${identity.mesh} → ${MIGRATION_TITLES[identity.migration]}` : `${SERVICE_MAP_TITLE_PREFIX}${identity.mesh}`;
}

export function windowRange(window: MapWindow, now = Date.now()): { start: number; end: number } {
  return "preset" in window ? { start: now - WINDOW_MINUTES[window.preset] * 60_000, end: now } : { start: window.start, end: window.end };
}

export class ServiceMapPanel implements vscode.Disposable {
  private settings: MapSettings;
  private resources: DeclaredResource[] | undefined;
  private model: ServiceMapModel | undefined;
  private updatedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private groupsLoaded = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  /** The last draw the webview reported (for the log and tests). */
  lastRendered: Extract<WebviewToHost, { type: "rendered" }> | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly identity: MapIdentity,
    private readonly host: ServiceMapHost,
    restored?: Partial<MapSettings>,
  ) {
    const defaults = host.session.settings.serviceMap;
    this.settings = {
      window: restored?.window ?? { preset: defaults.window },
      autoRefresh: restored?.autoRefresh ?? defaults.autoRefresh,
      ...(restored?.group ? { group: restored.group } : {}),
      groups: [],
      layout: restored?.layout ?? defaults.layout,
      collapseAbove: defaults.collapseAbove,
      writable: host.session.writeBlocker() === undefined,
    };
    panel.title = mapTitle(identity);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, "media", "appmesh.svg");
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(host.extensionUri)] };
    panel.webview.html = serviceMapHtml(panel.webview, host.extensionUri, panel.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      panel.onDidChangeViewState(() => this.schedule()),
      panel.onDidDispose(() => this.dispose()),
      host.session.onDidChangeMesh(({ mesh, region }) => {
        if (this.identity.source === "live" && mesh === this.identity.mesh && (region ?? undefined) === (this.identity.region ?? undefined)) this.topologyChanged();
      }),
      host.session.onDidChangeConnections(() => {
        if (this.identity.source === "live") this.resources = undefined;
        void this.load(true);
      }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Reads the topology again (after a change to the mesh made here) and redraws. */
  topologyChanged(): void {
    this.resources = undefined;
    void this.load(true);
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(data: unknown): void {
    const message = parseWebviewMessage(data);
    if (!message) {
      this.host.session.log.warn(`Service map ${this.identity.mesh}: dropped a message the map does not know: ${JSON.stringify(data)?.slice(0, 200)}`);
      return;
    }
    void this.handle(message).catch((error) => this.host.session.log.error(`Service map ${this.identity.mesh}: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case "ready":
        this.post({ type: "init", identity: this.identity, settings: this.settings });
        // A webview recreated after being hidden gets what was loaded, without calls.
        if (this.model) this.post({ type: "model", model: this.model, updatedAt: this.updatedAt });
        else await this.load(true);
        this.schedule();
        return;
      case "refresh":
        return this.load(true);
      case "setWindow":
        this.settings = { ...this.settings, window: message.window };
        return this.load(false);
      case "setGroup": {
        const { group: _old, ...rest } = this.settings;
        void _old;
        this.settings = { ...rest, ...(message.group && message.group !== "Default" ? { group: message.group } : {}) };
        return this.load(false);
      }
      case "setAutoRefresh":
        this.settings = { ...this.settings, autoRefresh: message.seconds };
        this.schedule();
        return;
      case "setLayout":
        this.settings = { ...this.settings, layout: message.layout };
        return;
      case "reveal":
      case "openDefinition": {
        const node = this.model?.nodes.find((n) => n.id === message.nodeId);
        if (this.identity.migration) return void vscode.window.showInformationMessage(`${node?.label ?? "This node"} is part of the generated ${MIGRATION_TITLES[this.identity.migration]} routing, not a resource of the mesh: see the generated files.`);
        if (!node?.resource) return void vscode.window.showInformationMessage("This node is not a resource of the mesh.");
        return message.type === "reveal" ? this.host.reveal(this.identity, node.resource) : this.host.openDefinition(this.identity, node.resource);
      }
      case "promoteCanary": {
        const node = this.model?.nodes.find((n) => n.id === message.nodeId);
        if (this.identity.source !== "live" || !node?.resource || (node.kind !== "Route" && node.kind !== "VirtualRouter")) return;
        const routerName = node.kind === "Route" ? node.resource.parentName : node.resource.name;
        if (!routerName) return;
        await vscode.commands.executeCommand("appmesh.promoteCanary", {
          meshName: this.identity.mesh,
          routerName,
          ...(node.kind === "Route" ? { routeName: node.resource.name } : {}),
          ...(this.identity.region ? { region: this.identity.region } : {}),
        });
        return;
      }
      case "showTraces":
        return this.showTraces(message);
      case "openTrace":
        return this.openTrace(message.requestId, message.traceId);
      case "copyMermaid":
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.showInformationMessage(`Copied the service map of ${this.identity.mesh} as mermaid text.`);
        return;
      case "exportSvg":
        return this.exportSvg(message.svg);
      case "rendered":
        this.lastRendered = message;
        this.host.session.log.debug(`Service map ${this.identity.mesh}: ${message.nodes} nodes, ${message.edges} edges drawn in ${message.totalMs.toFixed(0)} ms (mermaid ${message.mermaidMs.toFixed(0)} ms${message.patched ? ", updated in place" : ""})`);
        return;
      case "log":
        this.host.session.log[message.level](`Service map ${this.identity.mesh}: ${message.message}`);
        return;
    }
  }

  private connection() {
    return this.host.session.connection(this.identity.region);
  }

  /** Loads (topology too when `topology`) and posts the model; one load at a time, a second waits. */
  private load(topology: boolean): Promise<void> {
    const run = async () => {
      this.post({ type: "loading" });
      try {
        if (topology || !this.resources) this.resources = await declaredResources(this.identity, this.host.session, this.host.definitions, this.host.migrationSource);
      } catch (error) {
        this.post({ type: "failed", message: `The mesh could not be read: ${error instanceof Error ? error.message : String(error)}`, retry: true });
        return;
      }
      const live = liveLayer();
      if (this.identity.migration) {
        // The target's routing as generated: nothing runs there yet, so X-Ray has nothing to say.
        const reason = `${mapTitle(this.identity)}: the routing the generated files declare (weights as set). Nothing is deployed yet, so there is no traffic; the mesh's own map shows what App Mesh declares.`;
        this.model = live.serviceMapModel({ mesh: this.identity.mesh, source: "definitions", resources: this.resources, window: windowRange(this.settings.window), graph: { traffic: { kind: "unavailable", code: "definitions", reason } }, thresholds: this.host.session.settings.serviceMap.thresholds });
        this.updatedAt = Date.now();
        this.post({ type: "model", model: this.model, updatedAt: this.updatedAt });
        return;
      }
      const xray = this.connection().xray;
      if (!this.groupsLoaded) {
        this.groupsLoaded = true;
        try {
          this.settings = { ...this.settings, groups: await xray.groupNames() };
          this.post({ type: "init", identity: this.identity, settings: this.settings });
        } catch {
          // Groups are optional: the graph's own failure below says what is wrong.
        }
      }
      const window = windowRange(this.settings.window);
      const graph = await live.readGraph(xray, window, this.settings.group);
      this.model = live.serviceMapModel({
        mesh: this.identity.mesh,
        source: this.identity.source,
        resources: this.resources,
        window,
        graph,
        thresholds: this.host.session.settings.serviceMap.thresholds,
      });
      this.updatedAt = Date.now();
      this.post({ type: "model", model: this.model, updatedAt: this.updatedAt });
    };
    const previous = this.loading ?? Promise.resolve();
    const next = previous.then(run, run).finally(() => {
      if (this.loading === next) this.loading = undefined;
    });
    this.loading = next;
    return next;
  }

  /** Auto refresh: only while on, and only while the panel is visible. */
  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const seconds = this.settings.autoRefresh;
    if (!seconds || !this.panel.visible) return;
    this.timer = setInterval(() => {
      if (this.panel.visible && !this.loading) void this.load(false);
    }, seconds * 1000);
  }

  private async showTraces(message: Extract<WebviewToHost, { type: "showTraces" }>): Promise<void> {
    const model = this.model;
    if (!model) return;
    const live = liveLayer();
    const node = "nodeId" in message.target ? model.nodes.find((n) => n.id === (message.target as { nodeId: string }).nodeId) : undefined;
    const edge = "edgeId" in message.target ? model.edges.find((e) => e.id === (message.target as { edgeId: string }).edgeId) : undefined;
    const incoming = node ? model.edges.filter((e) => e.to === node.id) : [];
    const filterExpression = live.traceFilterFor({ ...(node ? { node } : {}), ...(edge ? { edge } : {}), incoming }, message.filter);
    if (!filterExpression) {
      this.post({ type: "traces", requestId: message.requestId, traces: [], error: "X-Ray saw no traffic here in this window, so there are no traces to list." });
      return;
    }
    const window = windowRange(this.settings.window);
    try {
      const traces = await this.connection().xray.traceSummaries(new Date(window.start), new Date(window.end), filterExpression);
      this.post({ type: "traces", requestId: message.requestId, traces, filterExpression });
    } catch (error) {
      this.post({ type: "traces", requestId: message.requestId, traces: [], filterExpression, error: live.trafficFailure(error).kind === "unavailable" ? (live.trafficFailure(error) as { reason: string }).reason : String(error) });
    }
  }

  private async openTrace(requestId: number, traceId: string): Promise<void> {
    const live = liveLayer();
    try {
      const [trace] = await this.connection().xray.traces([traceId]);
      this.post(trace ? { type: "trace", requestId, trace: live.traceTimeline(trace) } : { type: "trace", requestId, error: `X-Ray no longer holds trace ${traceId}.` });
    } catch (error) {
      const state = live.trafficFailure(error);
      this.post({ type: "trace", requestId, error: state.kind === "unavailable" ? state.reason : String(error) });
    }
  }

  private async exportSvg(svg: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.identity.mesh.replace(/[^A-Za-z0-9._-]/g, "_")}-service-map.svg`;
    const target = await vscode.window.showSaveDialog({ title: "Export Service Map as SVG", filters: { SVG: ["svg"] }, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}) });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg.startsWith("<?xml") ? svg : `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`));
    void vscode.window.showInformationMessage(`Saved the service map of ${this.identity.mesh} to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }
}
