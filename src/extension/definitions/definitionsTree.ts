// The Definitions view: meshes defined in the workspace's files (all three dialects, as the
// language server read them), grouped like the live view, with each resource's drift against the
// live mesh when that mesh exists there.
import * as vscode from "vscode";
import type { ResourceDetail } from "../../aws/appMeshAccess";
import { sameSpec } from "../../model/normalize";
import type { ResourceKind } from "../../model/resources";
import type { DefinitionSummary } from "../../protocol/messages";
import { ErrorNode, MessageNode, type ExplorerNode } from "../meshes/explorerNode";

export type Drift = "same" | "different" | "workspace-only" | "live-only";

/** Live resources of a mesh by key, or undefined when the mesh does not exist live. */
export type LiveLoader = (meshName: string) => Promise<Map<string, ResourceDetail> | undefined>;

export const resourceKey = (kind: string, parent: string | undefined, name: string) => `${kind}/${parent ?? ""}/${name}`;

const KIND_ORDER: { kind: ResourceKind; label: string; icon: string }[] = [
  { kind: "VirtualService", label: "Virtual services", icon: "symbol-interface" },
  { kind: "VirtualRouter", label: "Virtual routers", icon: "git-compare" },
  { kind: "VirtualNode", label: "Virtual nodes", icon: "server" },
  { kind: "VirtualGateway", label: "Virtual gateways", icon: "globe" },
];

const DRIFT_TEXT: Record<Drift, string> = { same: "same as live", different: "differs from live", "workspace-only": "not in the live mesh", "live-only": "only in the live mesh" };

export class DefinitionsTree implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private summaries: DefinitionSummary[] | undefined;
  private readonly liveByMesh = new Map<string, Promise<Map<string, ResourceDetail> | undefined>>();

  constructor(
    private readonly fetchDefinitions: () => Promise<DefinitionSummary[]>,
    private readonly loadLive: LiveLoader,
  ) {}

  /** Re-reads the definitions; with live, also forgets the live state used for drift. */
  refresh(live = false): void {
    this.summaries = undefined;
    if (live) this.liveByMesh.clear();
    this.changed.fire(undefined);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) return node.children ? node.children() : [];
    try {
      this.summaries ??= await this.fetchDefinitions();
    } catch (error) {
      return [new ErrorNode(undefined, error, () => this.refresh())];
    }
    const meshes = new Map<string, DefinitionSummary[]>();
    for (const summary of this.summaries) {
      const mesh = summary.meshName ?? "(mesh not known)";
      meshes.set(mesh, [...(meshes.get(mesh) ?? []), summary]);
    }
    return [...meshes].sort(([a], [b]) => a.localeCompare(b)).map(([mesh, items]) => new DefinedMeshNode(this, mesh, items));
  }

  /** Live state of a mesh, loaded once per refresh. */
  live(meshName: string): Promise<Map<string, ResourceDetail> | undefined> {
    let promise = this.liveByMesh.get(meshName);
    if (!promise) this.liveByMesh.set(meshName, (promise = this.loadLive(meshName)));
    return promise;
  }

  redraw(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  driftOf(summary: DefinitionSummary, live: Map<string, ResourceDetail> | undefined): Drift | undefined {
    if (!live) return undefined;
    const match = live.get(resourceKey(summary.kind, summary.parentName, summary.name));
    if (!match) return "workspace-only";
    return sameSpec(summary.kind as ResourceKind, summary.body.spec, match.spec) ? "same" : "different";
  }
}

export class DefinedMeshNode implements ExplorerNode {
  readonly id: string;
  liveState: Map<string, ResourceDetail> | undefined | "loading" | { error: unknown } = "loading";
  constructor(
    private readonly tree: DefinitionsTree,
    readonly meshName: string,
    readonly items: DefinitionSummary[],
  ) {
    this.id = `defs/${meshName}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.meshName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon("type-hierarchy");
    item.contextValue = this.items.some((i) => i.meshName) ? "appmesh.definedMesh" : "appmesh.definedMeshUnknown";
    const files = new Set(this.items.map((i) => i.uri)).size;
    const live = this.liveState === "loading" ? "" : this.liveState === undefined ? " · not live" : "error" in this.liveState ? " · live state failed" : " · live";
    item.description = `${this.items.length} resources in ${files} file${files === 1 ? "" : "s"}${live}`;
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    try {
      this.liveState = await this.tree.live(this.meshName);
    } catch (error) {
      this.liveState = { error };
    }
    this.tree.redraw(this);
    const live = this.liveState && !("error" in this.liveState) ? (this.liveState as Map<string, ResourceDetail>) : undefined;
    const out: ExplorerNode[] = [];
    const meshItem = this.items.find((i) => i.kind === "Mesh");
    if (meshItem) out.push(new DefinitionNode(this, meshItem, this.tree.driftOf(meshItem, live)));
    for (const { kind, label, icon } of KIND_ORDER) {
      const items = this.items.filter((i) => i.kind === kind);
      const liveOnly = live ? [...live.values()].filter((d) => d.kind === kind && !this.items.some((i) => i.kind === kind && i.name === d.name)) : [];
      if (items.length || liveOnly.length) out.push(new DefinedCategoryNode(this.tree, this, kind, label, icon, items, liveOnly, live));
    }
    if (this.liveState && typeof this.liveState === "object" && "error" in this.liveState) {
      out.push(new ErrorNode(this, this.liveState.error, () => this.tree.refresh(true)));
    }
    return out;
  }
}

class DefinedCategoryNode implements ExplorerNode {
  readonly id: string;
  constructor(
    private readonly tree: DefinitionsTree,
    readonly parent: DefinedMeshNode,
    readonly kind: ResourceKind,
    private readonly label: string,
    private readonly icon: string,
    private readonly items: DefinitionSummary[],
    private readonly liveOnly: ResourceDetail[],
    private readonly live: Map<string, ResourceDetail> | undefined,
  ) {
    this.id = `${parent.id}/${kind}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.description = String(this.items.length);
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    const childKind = this.kind === "VirtualRouter" ? "Route" : this.kind === "VirtualGateway" ? "GatewayRoute" : undefined;
    const all = this.parent.items;
    const out: ExplorerNode[] = this.items
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((summary) => {
        const children = childKind ? all.filter((c) => c.kind === childKind && c.parentName === summary.name) : [];
        return new DefinitionNode(this, summary, this.tree.driftOf(summary, this.live), children.map((c) => ({ summary: c, drift: this.tree.driftOf(c, this.live) })));
      });
    // Routes whose router is not defined in the workspace still show, under the category.
    if (childKind) {
      const definedParents = new Set(this.items.map((i) => i.name));
      for (const orphan of all.filter((c) => c.kind === childKind && !definedParents.has(c.parentName ?? ""))) {
        out.push(new DefinitionNode(this, orphan, this.tree.driftOf(orphan, this.live)));
      }
    }
    for (const detail of this.liveOnly) out.push(new LiveOnlyNode(this, detail));
    return out.length ? out : [new MessageNode(`${this.id}/none`, "None", "circle-slash", this)];
  }
}

export class DefinitionNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: ExplorerNode,
    readonly summary: DefinitionSummary,
    readonly drift: Drift | undefined,
    private readonly childItems: { summary: DefinitionSummary; drift: Drift | undefined }[] = [],
  ) {
    this.id = `${parent.id}/${summary.kind}/${summary.parentName ?? ""}/${summary.name}/${summary.uri}`;
  }

  treeItem(): vscode.TreeItem {
    const { summary } = this;
    const item = new vscode.TreeItem(summary.name, this.childItems.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.resourceUri = vscode.Uri.parse(summary.uri);
    item.iconPath =
      summary.severity === "error"
        ? new vscode.ThemeIcon("error", new vscode.ThemeColor("problemsErrorIcon.foreground"))
        : summary.severity === "warning"
          ? new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground"))
          : this.drift === "different"
            ? new vscode.ThemeIcon("diff", new vscode.ThemeColor("gitDecoration.modifiedResourceForeground"))
            : this.drift === "workspace-only"
              ? new vscode.ThemeIcon("diff-added", new vscode.ThemeColor("gitDecoration.addedResourceForeground"))
              : this.drift === "same"
                ? new vscode.ThemeIcon("pass", new vscode.ThemeColor("testing.iconPassed"))
                : new vscode.ThemeIcon("file-code");
    const file = summary.uri.slice(summary.uri.lastIndexOf("/") + 1);
    const parent = summary.parentName && !(this.parent instanceof DefinitionNode) ? `in ${summary.parentName}` : "";
    item.description = [parent, this.drift ? DRIFT_TEXT[this.drift] : "", file].filter(Boolean).join(" · ");
    item.tooltip = new vscode.MarkdownString().appendText(`${summary.kind} ${summary.name}\n${summary.dialect} definition in ${file}${this.drift ? `\n${DRIFT_TEXT[this.drift]}` : ""}`);
    item.contextValue = `appmesh.definition${this.drift === "different" ? ".different" : ""}`;
    item.command = { command: "appmesh.openDefinition", title: "Open Definition", arguments: [summary] };
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    return this.childItems.map(({ summary, drift }) => new DefinitionNode(this, summary, drift));
  }
}

class LiveOnlyNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: ExplorerNode,
    readonly detail: ResourceDetail,
  ) {
    this.id = `${parent.id}/live/${detail.name}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.detail.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon("diff-removed", new vscode.ThemeColor("gitDecoration.deletedResourceForeground"));
    item.description = DRIFT_TEXT["live-only"];
    item.contextValue = "appmesh.liveOnly";
    return item;
  }
}
