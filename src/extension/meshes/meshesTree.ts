// The Meshes view: live meshes from AWS or the sandbox (one region, or several under region
// headings), paged, filtered by name, with failures kept local to the node they affect. Owns the
// connections built from the settings.
import * as vscode from "vscode";
import type { AppMeshAccess, ResourceRef } from "../../aws/appMeshAccess";
import type { AwsConnection, CallLogEntry } from "../../aws/connection";
import { looksLikeRegion } from "../../aws/regions";
import type { ResourceKind } from "../../model/resources";
import type { LiveSnapshot } from "../../model/workspaceIndex";
import { readConnectionSettings } from "../settings";
import { ErrorNode, type ExplorerNode } from "./explorerNode";
import { RegionNode, RegionScope } from "./regionScope";
import { CategoryNode, MeshNode } from "./resourceNodes";

export class MeshesTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private readonly connectionEmitter = new vscode.EventEmitter<{ connection: AwsConnection; error?: unknown; regions: number }>();
  /** Fires when the connection is replaced, and when loading the meshes succeeds or fails. */
  readonly onDidChangeConnection = this.connectionEmitter.event;
  private scopes: RegionScope[] = [];
  private filterText = "";
  private readonly live: LiveSnapshot = { meshes: {} };

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly onLiveSnapshot: (snapshot: LiveSnapshot) => void,
  ) {
    this.connect();
  }

  /** Builds fresh connections from the settings (one per region of appmesh.regions); every cache goes with the old ones. */
  connect(): void {
    for (const scope of this.scopes) scope.connection.dispose();
    const settings = readConnectionSettings();
    const config = vscode.workspace.getConfiguration("appmesh");
    const pageSize = Math.max(1, Math.min(100, config.get<number>("pageSize", 100)));
    const regions = [...new Set(config.get<string[]>("regions", []).filter((r) => typeof r === "string" && looksLikeRegion(r)))];
    const shared = {
      changed: (node?: ExplorerNode) => this.changedEmitter.fire(node),
      filter: () => this.filterText,
      namesLoaded: (mesh: string, kind: ResourceKind, refs: ResourceRef[]) => this.namesLoaded(mesh, kind, refs),
      log: (line: string) => this.output.warn(line),
    };
    const base = { profile: settings.profile || undefined, endpoint: settings.endpoint || undefined };
    const log = (entry: CallLogEntry) => this.logCall(entry);
    this.scopes =
      regions.length >= 2
        ? regions.map((region) => new RegionScope({ ...base, region }, pageSize, region, shared, log))
        : [new RegionScope({ ...base, region: regions[0] ?? (settings.region || undefined) }, pageSize, undefined, shared, log)];
    this.live.meshes = {};
    this.output.info(`Connected to ${this.scopes.map((s) => s.connection.label()).join(", ")}`);
    this.connectionEmitter.fire({ connection: this.currentConnection, regions: this.scopes.length });
    this.changedEmitter.fire(undefined);
  }

  /** The first region's connection: the one Definitions drift and apply use. */
  get currentConnection(): AwsConnection {
    return this.scopes[0].connection;
  }

  get access(): AppMeshAccess {
    return this.scopes[0].ctx.access;
  }

  /** The access for a region shown in the view (the first region's when none is given). */
  accessFor(region: string | undefined): AppMeshAccess {
    return (this.scopes.find((s) => s.region === region) ?? this.scopes[0]).ctx.access;
  }

  /** Reloads a node, or everything when none is given. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      for (const scope of this.scopes) scope.reset();
    } else if (node instanceof RegionNode) {
      node.scope.reset();
    } else if (node instanceof CategoryNode) {
      node.reset();
    } else if (node instanceof MeshNode) {
      node.detail = undefined;
      node.categories?.forEach((category) => category.reset());
    }
    this.changedEmitter.fire(node);
  }

  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    void vscode.commands.executeCommand("setContext", "appmesh.meshesFiltered", this.filterText !== "");
    this.changedEmitter.fire(undefined);
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
    if (node) return node.children ? node.children() : [];
    return vscode.window.withProgress({ location: { viewId: "appmesh.meshes" } }, () => this.rootChildren());
  }

  private async rootChildren(): Promise<ExplorerNode[]> {
    if (this.scopes.length > 1) return this.scopes.map((scope) => new RegionNode(scope, (node) => this.scopeChildren(scope, node)));
    try {
      // An empty list shows the view's welcome content: connect, pick a profile, start the sandbox.
      return await this.scopeChildren(this.scopes[0], undefined);
    } catch (error) {
      return [new ErrorNode(undefined, error, () => this.refresh())];
    }
  }

  private async scopeChildren(scope: RegionScope, parent: ExplorerNode | undefined): Promise<ExplorerNode[]> {
    try {
      const children = await scope.children(parent, () => this.changedEmitter.fire(parent));
      // The status bar names the first region's connection; a failure names the one that failed.
      this.connectionEmitter.fire({ connection: this.currentConnection, regions: this.scopes.length });
      return children;
    } catch (error) {
      this.output.error(`Listing meshes at ${scope.connection.label()} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.connectionEmitter.fire({ connection: scope.connection, error, regions: this.scopes.length });
      throw error;
    }
  }

  /** The tree node of a live resource, loading what is needed on the way (for reveal). */
  async findResource(meshName: string, kind: ResourceKind, name: string, region?: string): Promise<ExplorerNode | undefined> {
    const scope = this.scopes.find((s) => s.region === region) ?? this.scopes[0];
    if (!scope.meshes) await scope.loadMeshes(undefined);
    let mesh = scope.meshes?.find((m) => m.ref.name === meshName);
    while (!mesh && scope.nextToken) {
      await scope.loadMeshes(scope.nextToken);
      mesh = scope.meshes?.find((m) => m.ref.name === meshName);
    }
    if (!mesh) return undefined;
    if (kind === "Mesh") return mesh;
    await mesh.children();
    return mesh.categories?.find((c) => c.kind === kind)?.find(name);
  }

  private namesLoaded(mesh: string, kind: ResourceKind, refs: ResourceRef[]): void {
    const names = (this.live.meshes[mesh] ??= {});
    names[kind] = refs.map((r) => r.name);
    this.onLiveSnapshot(this.live);
  }

  private logCall(entry: CallLogEntry): void {
    const line = `${entry.service}.${entry.operation} ${entry.outcome} in ${entry.durationMs.toFixed(0)} ms${entry.attempts > 1 ? ` after ${entry.attempts} attempts` : ""}`;
    if (entry.outcome === "ok") this.output.info(line);
    else this.output.warn(line);
  }

  dispose(): void {
    for (const scope of this.scopes) scope.connection.dispose();
    this.changedEmitter.dispose();
    this.connectionEmitter.dispose();
  }
}
