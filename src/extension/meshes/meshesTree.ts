// The Meshes view: live meshes from AWS or the sandbox, paged, filtered by name, with failures
// kept local to the node they affect. Owns the connection built from the settings.
import * as vscode from "vscode";
import { AppMeshAccess, type ResourceRef } from "../../aws/appMeshAccess";
import { CloudMapAccess } from "../../aws/cloudMapAccess";
import { AwsConnection, type CallLogEntry } from "../../aws/connection";
import { LiveMeshLoader } from "../../explorer/liveMeshLoader";
import type { ResourceKind } from "../../model/resources";
import type { LiveSnapshot } from "../../model/workspaceIndex";
import { readConnectionSettings } from "../settings";
import type { ExplorerContext } from "./explorerContext";
import { ErrorNode, LoadMoreNode, MessageNode, type ExplorerNode } from "./explorerNode";
import { CategoryNode, MeshNode } from "./resourceNodes";

export class MeshesTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private readonly connectionEmitter = new vscode.EventEmitter<{ connection: AwsConnection; error?: unknown }>();
  /** Fires when the connection is replaced, and when loading the meshes succeeds or fails. */
  readonly onDidChangeConnection = this.connectionEmitter.event;
  private connection!: AwsConnection;
  private ctx!: ExplorerContext;
  private meshes: MeshNode[] | undefined;
  private nextToken: string | undefined;
  private filterText = "";
  private readonly live: LiveSnapshot = { meshes: {} };

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly onLiveSnapshot: (snapshot: LiveSnapshot) => void,
  ) {
    this.connect();
  }

  /** Builds a fresh connection from the settings; every cache goes with the old one. */
  connect(): void {
    this.connection?.dispose();
    const settings = readConnectionSettings();
    const pageSize = vscode.workspace.getConfiguration("appmesh").get<number>("pageSize", 100);
    this.connection = new AwsConnection(
      { profile: settings.profile || undefined, region: settings.region || undefined, endpoint: settings.endpoint || undefined },
      { log: (entry) => this.logCall(entry) },
    );
    const access = new AppMeshAccess(this.connection, { pageSize: Math.max(1, Math.min(100, pageSize)) });
    this.ctx = {
      access,
      cloudMap: new CloudMapAccess(this.connection),
      loader: new LiveMeshLoader(access),
      changed: (node) => this.changedEmitter.fire(node),
      filter: () => this.filterText,
      namesLoaded: (mesh, kind, refs) => this.namesLoaded(mesh, kind, refs),
      log: (line) => this.output.warn(line),
    };
    this.meshes = undefined;
    this.nextToken = undefined;
    this.live.meshes = {};
    this.output.info(`Connected to ${this.connection.label()}`);
    this.connectionEmitter.fire({ connection: this.connection });
    this.changedEmitter.fire(undefined);
  }

  get currentConnection(): AwsConnection {
    return this.connection;
  }

  get access(): AppMeshAccess {
    return this.ctx.access;
  }

  /** Reloads a node, or everything when none is given. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.ctx.access.clearCache();
      this.meshes = undefined;
      this.nextToken = undefined;
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
    try {
      if (!this.meshes) {
        this.meshes = [];
        await this.loadMeshes(undefined);
        this.connectionEmitter.fire({ connection: this.connection });
      }
    } catch (error) {
      this.meshes = undefined;
      this.output.error(`Listing meshes at ${this.connection.label()} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.connectionEmitter.fire({ connection: this.connection, error });
      return [new ErrorNode(undefined, error, () => this.refresh())];
    }
    // Meshes always show (the filter applies to the resources inside them). An empty list shows
    // the view's welcome content: connect, pick a profile, start the sandbox.
    if (!this.meshes.length && !this.nextToken) return [];
    const out: ExplorerNode[] = [...this.meshes];
    if (this.nextToken) {
      const root = new MessageNode("root", "");
      out.push(
        new LoadMoreNode(root, async () => {
          await this.loadMeshes(this.nextToken);
          this.changedEmitter.fire(undefined);
        }),
      );
    }
    return out;
  }

  private async loadMeshes(token: string | undefined): Promise<void> {
    const page = await this.ctx.access.listMeshes(token);
    this.meshes!.push(...page.items.map((ref) => new MeshNode(this.ctx, ref)));
    this.nextToken = page.nextToken;
  }

  /** The tree node of a live resource, loading what is needed on the way (for reveal). */
  async findResource(meshName: string, kind: ResourceKind, name: string): Promise<ExplorerNode | undefined> {
    if (!this.meshes) await this.rootChildren();
    let mesh = this.meshes?.find((m) => m.ref.name === meshName);
    while (!mesh && this.nextToken) {
      await this.loadMeshes(this.nextToken);
      mesh = this.meshes?.find((m) => m.ref.name === meshName);
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
    this.connection?.dispose();
    this.changedEmitter.dispose();
    this.connectionEmitter.dispose();
  }
}
