// One region's part of the Meshes view: the meshes listed there (names first, then each mesh's own
// spec in the background, for its egress filter and status).
import * as vscode from "vscode";
import type { ExplorerContext } from "./explorerContext";
import { ErrorNode, LoadMoreNode, type ExplorerNode } from "./explorerNode";
import { once } from "./loadOnce";
import { MeshNode } from "./resourceNodes";

export class RegionScope {
  meshes: MeshNode[] | undefined;
  nextToken: string | undefined;
  private readonly firstPage: { promise?: Promise<void> } = {};

  constructor(readonly ctx: ExplorerContext) {}

  get region(): string | undefined {
    return this.ctx.region;
  }

  /** Forgets what was listed (and the access layer's cache), so the next expansion lists again. */
  reset(): void {
    this.ctx.live.access.clearCache();
    this.meshes = undefined;
    this.nextToken = undefined;
    this.firstPage.promise = undefined;
  }

  /** Lists the first page once, however often VS Code asks at the same time. */
  ensureLoaded(): Promise<void> {
    if (this.meshes) return Promise.resolve();
    return once(this.firstPage, () => this.loadMeshes(undefined));
  }

  async loadMeshes(token: string | undefined): Promise<void> {
    const page = await this.ctx.live.access.listMeshes(token);
    const nodes = page.items.map((ref) => new MeshNode(this.ctx, ref));
    this.meshes = [...(this.meshes ?? []), ...nodes];
    this.nextToken = page.nextToken;
    void this.ctx.live.access.describeMany(page.items).then((results) => {
      results.forEach((result, i) => {
        if (result.status === "fulfilled") nodes[i].detail = result.value;
        else nodes[i].detailError = result.reason;
      });
      this.ctx.redraw(nodes);
    });
  }

  /** The meshes (and "Load more…"); throws when the first page cannot be listed. */
  async children(parent: ExplorerNode | undefined, redrawParent: () => void): Promise<ExplorerNode[]> {
    await this.ensureLoaded();
    const out: ExplorerNode[] = [...this.meshes!];
    if (this.nextToken) {
      out.push(
        new LoadMoreNode(parent, `${parent?.id ?? "root"}/more`, async () => {
          await this.loadMeshes(this.nextToken);
          redrawParent();
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
      return [new ErrorNode(this, error, () => this.scope.ctx.reload(this))];
    }
  }
}
