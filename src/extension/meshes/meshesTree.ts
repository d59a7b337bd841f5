// The Meshes view: live meshes from AWS or the sandbox (one region, or several under region
// headings), paged, filtered by name, with failures kept local to the node they affect. The
// connections belong to the session; this view keeps only what it has loaded.
import * as vscode from "vscode";
import type { ResourceRef } from "../../aws/appMeshAccess";
import type { ResourceKind } from "../../model/resources";
import type { LiveNames } from "../liveNames";
import type { Session } from "../session";
import { ErrorNode, type ExplorerNode } from "./explorerNode";
import { RegionNode, RegionScope } from "./regionScope";
import { CategoryNode, MeshNode, ResourceNode } from "./resourceNodes";

/** Redraw requests closer together than this become one event (a page of specs arriving). */
const REDRAW_COALESCE_MS = 25;

export class MeshesTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<ExplorerNode | ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  readonly view: vscode.TreeView<ExplorerNode>;
  private scopes: RegionScope[] | undefined;
  private filterText = "";
  private pendingRedraw: Set<ExplorerNode> | "all" | undefined;
  private readonly redrawWaiters: (() => void)[] = [];
  private redrawTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly session: Session,
    private readonly liveNames: LiveNames,
  ) {
    this.view = vscode.window.createTreeView("appmesh.meshes", { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      session.onDidChangeConnections(() => {
        this.scopes = undefined;
        this.liveNames.clear();
        this.redraw();
      }),
    );
  }

  /** The region parts of the view, built from the session's connections the first time they are needed. */
  private regionScopes(): RegionScope[] {
    this.scopes ??= this.session.connections().map(
      (live) =>
        new RegionScope({
          live,
          region: live.heading,
          redraw: (nodes) => this.redraw(nodes),
          reload: (node) => void this.refresh(node),
          filter: () => this.filterText,
          namesLoaded: (mesh: string, kind: ResourceKind, refs: ResourceRef[]) => this.liveNames.loaded(this.session.regionKey(live.heading), mesh, kind, refs.map((r) => r.name)),
          log: (line: string) => this.session.log.warn(line),
        }),
    );
    return this.scopes;
  }

  /** Asks VS Code to redraw nodes (coalesced), or the whole tree. */
  redraw(nodes?: ExplorerNode | ExplorerNode[]): void {
    if (nodes === undefined) this.pendingRedraw = "all";
    else if (this.pendingRedraw !== "all") {
      this.pendingRedraw ??= new Set();
      for (const node of Array.isArray(nodes) ? nodes : [nodes]) this.pendingRedraw.add(node);
    }
    this.redrawTimer ??= setTimeout(() => {
      const pending = this.pendingRedraw;
      this.pendingRedraw = this.redrawTimer = undefined;
      if (pending === "all") this.changedEmitter.fire(undefined);
      else if (pending?.size) this.changedEmitter.fire([...pending]);
      for (const resolve of this.redrawWaiters.splice(0)) resolve();
    }, REDRAW_COALESCE_MS);
  }

  /** Settles once no redraw is pending (a reveal during one can lose its way in the refreshed rows). */
  private redrawsSettled(): Promise<void> {
    return this.redrawTimer ? new Promise((resolve) => this.redrawWaiters.push(resolve)) : Promise.resolve();
  }

  /** Reloads a node (or everything when none is given), then redraws it once. */
  async refresh(node?: ExplorerNode): Promise<void> {
    if (!node || !this.scopes) {
      for (const scope of this.scopes ?? []) scope.reset();
      this.redraw();
      return;
    }
    if (node instanceof RegionNode) {
      node.scope.reset();
    } else if (node instanceof CategoryNode) {
      node.reset();
    } else if (node instanceof MeshNode || node instanceof ResourceNode) {
      await vscode.window.withProgress({ location: { viewId: "appmesh.meshes" } }, () => node.reload().catch(() => undefined));
    } else if (node instanceof ErrorNode && node.parent) {
      return this.refresh(node.parent);
    }
    this.redraw(node);
  }

  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    void vscode.commands.executeCommand("setContext", "appmesh.meshesFiltered", this.filterText !== "");
    // The view says a filter is on, and how to clear it (the title bar's Clear Filter, or the command).
    this.view.description = this.filterText ? `filter: ${this.filterText}` : undefined;
    this.view.message = this.filterText ? `Showing only names containing "${this.filterText}". Clear Filter in the title bar shows everything again.` : undefined;
    this.redraw();
  }

  get filter(): string {
    return this.filterText;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    this.session.log.trace(`Meshes view: children of ${node?.id ?? "root"}`);
    if (node) return node.children ? node.children() : [];
    return vscode.window.withProgress({ location: { viewId: "appmesh.meshes" } }, () => this.rootChildren());
  }

  private async rootChildren(): Promise<ExplorerNode[]> {
    const scopes = this.regionScopes();
    if (scopes.length > 1) return scopes.map((scope) => new RegionNode(scope, (node) => this.scopeChildren(scope, node)));
    try {
      // An empty list shows the view's welcome content: connect, pick a profile, start the sandbox.
      return await this.scopeChildren(scopes[0], undefined);
    } catch (error) {
      return [new ErrorNode(undefined, error, () => void this.refresh())];
    }
  }

  private async scopeChildren(scope: RegionScope, parent: ExplorerNode | undefined): Promise<ExplorerNode[]> {
    try {
      const children = await scope.children(parent, () => this.redraw(parent));
      this.session.reportOutcome({ connection: scope.ctx.live });
      return children;
    } catch (error) {
      this.session.log.error(`Listing meshes at ${scope.ctx.live.connection.label()} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.session.reportOutcome({ connection: scope.ctx.live, error });
      throw error;
    }
  }

  /** After a change made here: reloads a router's routes if the view has them loaded (loads nothing otherwise). */
  async refreshRouter(meshName: string, routerName: string, region?: string): Promise<void> {
    const scope = this.scopes?.find((s) => s.region === region) ?? this.scopes?.[0];
    const router = scope?.meshes?.find((m) => m.ref.name === meshName)?.categories.find((c) => c.kind === "VirtualRouter")?.loadedItem(routerName);
    if (router) await this.refresh(router);
  }

  /** The tree node of a live resource, loading what is needed on the way (for reveal). */
  async findResource(meshName: string, kind: ResourceKind, name: string, region?: string): Promise<ExplorerNode | undefined> {
    const scopes = this.regionScopes();
    const scope = scopes.find((s) => s.region === region) ?? scopes[0];
    await scope.ensureLoaded();
    let mesh = scope.meshes?.find((m) => m.ref.name === meshName);
    while (!mesh && scope.nextToken) {
      await scope.loadMeshes(scope.nextToken);
      mesh = scope.meshes?.find((m) => m.ref.name === meshName);
    }
    if (!mesh) return undefined;
    if (kind === "Mesh") return mesh;
    const found = await mesh.categories.find((c) => c.kind === kind)?.find(name);
    // Its spec arriving redraws it and its category: let that happen before anyone reveals it.
    await found?.ready;
    await this.redrawsSettled();
    return found;
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    for (const d of this.disposables) d.dispose();
    this.changedEmitter.dispose();
  }
}
