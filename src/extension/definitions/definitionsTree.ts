// The Definitions view: meshes defined in the workspace's files (all three dialects, as the
// language server read them), grouped like the live view, with each resource's drift against the
// live mesh when that mesh exists there. Nodes are kept by id across refreshes and only their data
// is replaced, so redraws never register an id twice; the live state of a mesh loads once per
// refresh and its arrival redraws the mesh once (never while its children are being fetched).
import * as vscode from "vscode";
import type { ResourceDetail } from "../../aws/appMeshAccess";
import type { LiveMesh } from "../../live/index";
import { keyInMesh, type ResourceKind } from "../../model/resources";
import type { DefinitionSummary } from "../../protocol/messages";
import { liveLayer } from "../lazyBundles";
import { ErrorNode, MessageNode, type ExplorerNode } from "../meshes/explorerNode";

export type Drift = "same" | "different" | "workspace-only" | "live-only";

/** Live resources of a mesh by key, or undefined when the mesh does not exist live. */
export type LiveLoader = (meshName: string) => Promise<LiveMesh | undefined>;

const KIND_ORDER: { kind: ResourceKind; label: string; icon: string }[] = [
  { kind: "VirtualService", label: "Virtual services", icon: "symbol-interface" },
  { kind: "VirtualRouter", label: "Virtual routers", icon: "git-compare" },
  { kind: "VirtualNode", label: "Virtual nodes", icon: "server" },
  { kind: "VirtualGateway", label: "Virtual gateways", icon: "globe" },
];

const DRIFT_TEXT: Record<Drift, string> = { same: "same as live", different: "differs from live", "workspace-only": "not in the live mesh", "live-only": "only in the live mesh" };

export const UNKNOWN_MESH = "(mesh not known)";

type LiveState = { status: "loading" } | { status: "loaded"; live: LiveMesh | undefined } | { status: "failed"; error: unknown };

export class DefinitionsTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly onDidChangeTreeData = this.changed.event;
  private summaries: Promise<DefinitionSummary[]> | undefined;
  private readonly liveByMesh = new Map<string, Promise<LiveMesh | undefined>>();
  /** Mesh nodes by name, reused across refreshes. */
  private readonly meshNodes = new Map<string, DefinedMeshNode>();

  constructor(
    private readonly fetchDefinitions: () => Promise<DefinitionSummary[]>,
    private readonly loadLive: LiveLoader,
    private readonly trace: (line: string) => void = () => undefined,
  ) {}

  /** Re-reads the definitions; with live, also forgets the live state used for drift. */
  refresh(live = false): void {
    this.summaries = undefined;
    if (live) {
      this.liveByMesh.clear();
      for (const node of this.meshNodes.values()) node.forgetLive();
    }
    this.changed.fire(undefined);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    this.trace(`Definitions view: children of ${node?.id ?? "root"}`);
    if (node) return node.children ? node.children() : [];
    let summaries: DefinitionSummary[];
    try {
      summaries = await (this.summaries ??= this.fetchDefinitions());
    } catch (error) {
      this.summaries = undefined;
      return [new ErrorNode(undefined, error, () => this.refresh())];
    }
    const byMesh = new Map<string, DefinitionSummary[]>();
    for (const summary of summaries) {
      const mesh = summary.meshName ?? UNKNOWN_MESH;
      byMesh.set(mesh, [...(byMesh.get(mesh) ?? []), summary]);
    }
    for (const name of [...this.meshNodes.keys()]) if (!byMesh.has(name)) this.meshNodes.delete(name);
    return [...byMesh]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([mesh, items]) => {
        let meshNode = this.meshNodes.get(mesh);
        if (!meshNode) this.meshNodes.set(mesh, (meshNode = new DefinedMeshNode(this, mesh)));
        meshNode.setItems(items);
        return meshNode;
      });
  }

  /** Live state of a mesh, loaded once per refresh. */
  live(meshName: string): Promise<LiveMesh | undefined> {
    let promise = this.liveByMesh.get(meshName);
    if (!promise) this.liveByMesh.set(meshName, (promise = this.loadLive(meshName)));
    return promise;
  }

  redraw(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  /** Redraws a node after `ms` (unless the view is disposed first). */
  redrawLater(node: ExplorerNode, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.redraw(node);
    }, ms);
    this.timers.add(timer);
  }

  driftOf(summary: DefinitionSummary, live: LiveMesh | undefined): Drift | undefined {
    if (!live) return undefined;
    const match = live.get(keyInMesh(summary.kind, summary.parentName, summary.name));
    if (!match) return "workspace-only";
    // A live mesh is loaded, so the live layer (which holds the canonical comparison) is too.
    return liveLayer().sameSpec(summary.kind as ResourceKind, summary.body.spec, match.spec) ? "same" : "different";
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.changed.dispose();
  }
}

/** Long enough for the workbench to have fetched the rows of a mesh's expanded categories. */
const LIVE_REDRAW_DELAY_MS = 300;

export class DefinedMeshNode implements ExplorerNode {
  readonly id: string;
  items: DefinitionSummary[] = [];
  private state: LiveState | undefined;
  private readonly categories = new Map<ResourceKind, DefinedCategoryNode>();
  constructor(
    private readonly tree: DefinitionsTree,
    readonly meshName: string,
  ) {
    this.id = `defs/${meshName}`;
  }

  setItems(items: DefinitionSummary[]): void {
    this.items = items;
  }

  forgetLive(): void {
    this.state = undefined;
  }

  get known(): boolean {
    return this.meshName !== UNKNOWN_MESH;
  }

  /** The live mesh (undefined when not live or not loaded yet). */
  get live(): LiveMesh | undefined {
    return this.state?.status === "loaded" ? this.state.live : undefined;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.meshName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon("type-hierarchy");
    item.contextValue = this.known ? "appmesh.definedMesh" : "appmesh.definedMeshUnknown";
    const files = new Set(this.items.map((i) => i.uri)).size;
    const state = this.state;
    const live = !state || state.status === "loading" || !this.known ? "" : state.status === "failed" ? " · live state failed" : state.live ? " · live" : " · not live";
    item.description = `${this.items.length} resource${this.items.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}${live}`;
    return item;
  }

  /**
   * Loads the live state once (children() waits for it, so drift is drawn with the rows). Its
   * arrival redraws this node once for the description, after children() has answered: a redraw
   * while the workbench still fetches this node's rows leaves some of them undrawn.
   */
  private liveState(): Promise<void> {
    if (this.state && this.state.status !== "loading") return Promise.resolve();
    if (!this.known) {
      this.state = { status: "loaded", live: undefined };
      return Promise.resolve();
    }
    const started = (this.state = { status: "loading" });
    const settle = (state: LiveState) => {
      if (this.state !== started) return;
      this.state = state;
      this.tree.redrawLater(this, LIVE_REDRAW_DELAY_MS);
    };
    return this.tree.live(this.meshName).then(
      (live) => settle({ status: "loaded", live }),
      (error: unknown) => settle({ status: "failed", error }),
    );
  }

  async children(): Promise<ExplorerNode[]> {
    await this.liveState();
    const live = this.live;
    const out: ExplorerNode[] = [];
    const meshItem = this.items.find((i) => i.kind === "Mesh");
    if (meshItem) out.push(new DefinitionNode(this, meshItem, this.tree.driftOf(meshItem, live)));
    for (const { kind, label, icon } of KIND_ORDER) {
      const items = this.items.filter((i) => i.kind === kind);
      const liveOnly = live ? [...live.values()].filter((d) => d.kind === kind && !this.items.some((i) => i.kind === kind && i.name === d.name)) : [];
      if (!items.length && !liveOnly.length) continue;
      let category = this.categories.get(kind);
      if (!category) this.categories.set(kind, (category = new DefinedCategoryNode(this.tree, this, kind, label, icon)));
      category.setContent(items, liveOnly, live);
      out.push(category);
    }
    if (this.state?.status === "failed") out.push(new ErrorNode(this, this.state.error, () => this.tree.refresh(true)));
    return out;
  }
}

class DefinedCategoryNode implements ExplorerNode {
  readonly id: string;
  private items: DefinitionSummary[] = [];
  private liveOnly: ResourceDetail[] = [];
  private live: LiveMesh | undefined;
  constructor(
    private readonly tree: DefinitionsTree,
    readonly parent: DefinedMeshNode,
    readonly kind: ResourceKind,
    private readonly label: string,
    private readonly icon: string,
  ) {
    this.id = `${parent.id}/${kind}`;
  }

  setContent(items: DefinitionSummary[], liveOnly: ResourceDetail[], live: LiveMesh | undefined): void {
    this.items = items;
    this.liveOnly = liveOnly;
    this.live = live;
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
    const out: ExplorerNode[] = [...this.items]
      .sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri))
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
    // The same resource can be defined twice in one file (an update below the original): the
    // position keeps the ids apart.
    this.id = `${parent.id}/${summary.kind}/${summary.parentName ?? ""}/${summary.name}/${summary.uri}#${summary.range.start.line}`;
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
    // The kind for routes only (Promote Canary in the file), so that `appmesh.definition(.different)` stays as it was for the rest.
    item.contextValue = `appmesh.definition${summary.kind === "Route" ? ".Route" : ""}${this.drift === "different" ? ".different" : ""}`;
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
