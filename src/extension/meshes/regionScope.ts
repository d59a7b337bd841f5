// One region's part of the Meshes view: its connection, access and the meshes listed there.
import * as vscode from "vscode";
import { AppMeshAccess } from "../../aws/appMeshAccess";
import { CloudMapAccess } from "../../aws/cloudMapAccess";
import { AwsConnection, type CallLogEntry, type ConnectionSettings } from "../../aws/connection";
import { LiveMeshLoader } from "../../explorer/liveMeshLoader";
import type { ExplorerContext } from "./explorerContext";
import { ErrorNode, LoadMoreNode, MessageNode, type ExplorerNode } from "./explorerNode";
import { MeshNode } from "./resourceNodes";

export class RegionScope {
  readonly connection: AwsConnection;
  readonly ctx: ExplorerContext;
  meshes: MeshNode[] | undefined;
  nextToken: string | undefined;

  constructor(
    settings: ConnectionSettings,
    pageSize: number,
    /** Set when the view shows several regions, so ids and labels carry the region. */
    readonly region: string | undefined,
    shared: Omit<ExplorerContext, "access" | "cloudMap" | "loader" | "region">,
    log: (entry: CallLogEntry) => void,
  ) {
    this.connection = new AwsConnection(settings, { log });
    const access = new AppMeshAccess(this.connection, { pageSize });
    this.ctx = { ...shared, access, cloudMap: new CloudMapAccess(this.connection), loader: new LiveMeshLoader(access), region };
  }

  reset(): void {
    this.ctx.access.clearCache();
    this.meshes = undefined;
    this.nextToken = undefined;
  }

  async loadMeshes(token: string | undefined): Promise<void> {
    const page = await this.ctx.access.listMeshes(token);
    (this.meshes ??= []).push(...page.items.map((ref) => new MeshNode(this.ctx, ref)));
    this.nextToken = page.nextToken;
  }

  /** The meshes (and "Load more…"); throws when the first page cannot be listed. */
  async children(parent: ExplorerNode | undefined, redraw: () => void): Promise<ExplorerNode[]> {
    if (!this.meshes) {
      try {
        await this.loadMeshes(undefined);
      } catch (error) {
        this.meshes = undefined;
        throw error;
      }
    }
    const out: ExplorerNode[] = [...this.meshes!];
    if (this.nextToken) {
      out.push(
        new LoadMoreNode(parent ?? new MessageNode("root", ""), async () => {
          await this.loadMeshes(this.nextToken);
          redraw();
        }),
      );
    }
    return out;
  }
}

/** A region heading when the view shows several regions (appmesh.regions). */
export class RegionNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly scope: RegionScope,
    private readonly load: (node: RegionNode) => Promise<ExplorerNode[]>,
  ) {
    this.id = `region/${scope.region ?? "default"}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.scope.region ?? "default region", vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon("globe");
    item.contextValue = "appmesh.region";
    item.description = this.scope.meshes ? `${this.scope.meshes.length}${this.scope.nextToken ? "+" : ""} meshes` : undefined;
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    try {
      return await this.load(this);
    } catch (error) {
      return [new ErrorNode(this, error, () => this.scope.ctx.changed(this))];
    }
  }
}
