// Nodes of the live tree: meshes, their categories, resources and what they hold (routes under
// routers, listeners, backends and Cloud Map instances under nodes, gateway routes under gateways).
// Each node keeps what it loaded until it is refreshed, so VS Code asking for children again (a
// redraw, a reveal) costs no call; and no node fires a change for itself from its own children().
import * as vscode from "vscode";
import type { ResourceDetail, ResourceRef } from "../../aws/appMeshAccess";
import type { CategoryKind, LoadedResource } from "../../live/liveMeshLoader";
import type { ResourceKind } from "../../model/resources";
import { backendNames, discoverySummary, egressSummary, matchSummary, portsSummary, providerSummary, targetsSummary } from "../../model/summaries";
import type { ExplorerContext } from "./explorerContext";
import { ErrorNode, LoadMoreNode, MessageNode, type ExplorerNode } from "./explorerNode";
import { once } from "./loadOnce";

export const CATEGORIES: { kind: CategoryKind; label: string; icon: string }[] = [
  { kind: "VirtualService", label: "Virtual services", icon: "symbol-interface" },
  { kind: "VirtualRouter", label: "Virtual routers", icon: "git-compare" },
  { kind: "VirtualNode", label: "Virtual nodes", icon: "server" },
  { kind: "VirtualGateway", label: "Virtual gateways", icon: "globe" },
];

const ICONS: Record<ResourceKind, string> = {
  Mesh: "type-hierarchy",
  VirtualService: "symbol-interface",
  VirtualRouter: "git-compare",
  VirtualNode: "server",
  VirtualGateway: "globe",
  Route: "arrow-swap",
  GatewayRoute: "arrow-right",
};

const CLEAR_FILTER: vscode.Command = { command: "appmesh.meshes.clearFilter", title: "Clear Filter" };

/** Loads a node's children, turning a failure into an error item under that node. */
async function guarded(ctx: ExplorerContext, node: ExplorerNode, load: () => Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
  try {
    return await load();
  } catch (error) {
    ctx.log(`${node.id}: ${error instanceof Error ? error.message : String(error)}`);
    return [new ErrorNode(node, error, () => ctx.reload(node))];
  }
}

function tooltip(ref: ResourceRef, detail?: ResourceDetail, extra: string[] = []): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${ref.kind}** `).appendText(ref.name).appendMarkdown("\n\n");
  const rows: [string, string | undefined][] = [
    ["ARN", ref.arn],
    ["Version", String(detail?.version ?? ref.version)],
    ["Status", detail?.status],
    ["Mesh owner", ref.meshOwner],
    ["Resource owner", ref.resourceOwner],
    ["Created", ref.createdAt?.toISOString()],
    ["Updated", (detail?.lastUpdatedAt ?? ref.lastUpdatedAt)?.toISOString()],
  ];
  for (const [label, value] of rows) if (value) md.appendMarkdown(`${label}: `).appendText(value).appendMarkdown("  \n");
  for (const line of extra) md.appendText(line).appendMarkdown("  \n");
  return md;
}

const matches = (name: string, filter: string) => !filter || name.toLowerCase().includes(filter);

export class MeshNode implements ExplorerNode {
  readonly id: string;
  /** The mesh's own spec (egress filter, status): described in the background after the list. */
  detail?: ResourceDetail;
  /** Why the mesh's own spec could not be read (shown above its categories). */
  detailError?: unknown;
  /** Kept, so that what was loaded under a category survives redraws and can be revealed. */
  readonly categories: CategoryNode[];
  constructor(
    private readonly ctx: ExplorerContext,
    readonly ref: ResourceRef,
  ) {
    this.id = `${ctx.region ? `region/${ctx.region}/` : ""}mesh/${ref.name}`;
    this.categories = CATEGORIES.map((c) => new CategoryNode(ctx, this, c.kind, c.label, c.icon));
  }

  get region(): string | undefined {
    return this.ctx.region;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.ref.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(ICONS.Mesh);
    item.contextValue = "appmesh.resource.Mesh";
    item.description = this.detail ? [egressSummary(this.detail.spec), this.detail.status !== "ACTIVE" ? this.detail.status : ""].filter(Boolean).join(" · ") : undefined;
    item.tooltip = tooltip(this.ref, this.detail);
    return item;
  }

  /** The categories; with a filter on, only those holding a matching name (their first pages are listed to know). */
  async children(): Promise<ExplorerNode[]> {
    const filter = this.ctx.filter();
    const problem = this.detailError ? [new ErrorNode(this, this.detailError, () => this.ctx.reload(this))] : [];
    if (!filter || matches(this.ref.name, filter)) return [...problem, ...this.categories];
    return guarded(this.ctx, this, async () => {
      await Promise.all(this.categories.map((c) => c.ensureLoaded()));
      const shown = this.categories.filter((c) => c.hasMatch(filter));
      return shown.length ? shown : [new MessageNode(`${this.id}/nomatch`, `Nothing here matches "${filter}" · Clear Filter`, "filter", this, CLEAR_FILTER)];
    });
  }

  /** Forgets the mesh's spec and every category's names (a refresh of the mesh). */
  async reload(): Promise<void> {
    for (const category of this.categories) category.reset();
    try {
      this.detail = await this.ctx.live.access.describe({ ...this.ref, version: undefined });
      this.detailError = undefined;
    } catch (error) {
      this.detailError = error;
    }
  }
}

export class CategoryNode implements ExplorerNode {
  readonly id: string;
  private loaded: ResourceNode[] | undefined;
  private nextToken: string | undefined;
  private readonly firstPage: { promise?: Promise<void> } = {};
  constructor(
    private readonly ctx: ExplorerContext,
    readonly parent: MeshNode,
    readonly kind: CategoryKind,
    private readonly label: string,
    private readonly icon: string,
  ) {
    this.id = `${parent.id}/${kind}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = "appmesh.category";
    const filter = this.ctx.filter();
    if (this.loaded) {
      const count = `${this.loaded.length}${this.nextToken ? "+" : ""}`;
      item.description = filter ? `${this.loaded.filter((n) => matches(n.ref.name, filter)).length} of ${count}` : count;
    }
    return item;
  }

  ensureLoaded(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    return once(this.firstPage, async () => {
      const nodes: ResourceNode[] = [];
      this.nextToken = await this.loadPage(undefined, nodes);
      this.loaded = nodes;
    });
  }

  /** True when a loaded name matches (or more pages could hold one). */
  hasMatch(filter: string): boolean {
    return !!this.nextToken || !!this.loaded?.some((n) => matches(n.ref.name, filter));
  }

  /** The item named `name` if its page is already loaded (nothing is loaded for it). */
  loadedItem(name: string): ResourceNode | undefined {
    return this.loaded?.find((n) => n.ref.name === name);
  }

  /** The item named `name`, loading further pages until it turns up (or the list ends). */
  async find(name: string): Promise<ResourceNode | undefined> {
    await this.ensureLoaded();
    for (;;) {
      const found = this.loaded?.find((n) => n.ref.name === name);
      if (found || !this.nextToken) return found;
      await this.loadMore();
    }
  }

  /** Drops what was loaded, so the next expansion lists again. */
  reset(): void {
    this.loaded = undefined;
    this.nextToken = undefined;
    this.firstPage.promise = undefined;
  }

  async children(): Promise<ExplorerNode[]> {
    return guarded(this.ctx, this, async () => {
      await this.ensureLoaded();
      const filter = this.ctx.filter();
      const shown = this.loaded!.filter((n) => matches(n.ref.name, filter));
      const out: ExplorerNode[] = shown.length || this.nextToken ? [...shown] : [new MessageNode(`${this.id}/empty`, filter ? `No name matches "${filter}"` : "None", "circle-slash", this)];
      if (this.nextToken) out.push(new LoadMoreNode(this, `${this.id}/more`, () => this.loadMore().then(() => this.ctx.redraw(this))));
      return out;
    });
  }

  private async loadMore(): Promise<void> {
    const nodes: ResourceNode[] = [];
    this.nextToken = await this.loadPage(this.nextToken, nodes);
    this.loaded = [...(this.loaded ?? []), ...nodes];
  }

  /** Lists one page (names only) into `nodes`; the specs behind it are drawn as they arrive. */
  private async loadPage(token: string | undefined, nodes: ResourceNode[]): Promise<string | undefined> {
    const page = await this.ctx.live.loader.category(this.parent.ref.name, this.kind, token);
    nodes.push(...page.refs.map((ref) => new ResourceNode(this.ctx, this, ref)));
    const ready = page.loaded.then(
      (results) => results.forEach((result, i) => nodes[i].take(result)),
      (error: unknown) => nodes.forEach((node) => node.take({ detailError: error })),
    );
    for (const node of nodes) node.ready = ready;
    // One redraw for the whole page (and the category's count) once its specs are in, outside any
    // children() call; what it asks for again is cached, so it costs no call.
    void ready.then(() => this.ctx.redraw([this, ...nodes]));
    this.ctx.namesLoaded(this.parent.ref.name, this.kind, [...(this.loaded ?? []), ...nodes].map((n) => n.ref));
    return page.nextToken;
  }
}

/** A virtual node, service, router or gateway. */
export class ResourceNode implements ExplorerNode {
  readonly id: string;
  detail?: ResourceDetail;
  detailError?: unknown;
  instances?: LoadedResource["instances"];
  instancesError?: unknown;
  /** Settles when the spec (and instances) behind this node are in. */
  ready: Promise<void> = Promise.resolve();
  /** The route nodes, listed once per load (stable objects, so redraws register nothing twice). */
  private readonly routeList: { promise?: Promise<ExplorerNode[]> } = {};
  constructor(
    private readonly ctx: ExplorerContext,
    readonly parent: ExplorerNode,
    readonly ref: ResourceRef,
  ) {
    this.id = `${parent.id}/${ref.name}`;
  }

  take(loaded: LoadedResource): void {
    this.detail = loaded.detail;
    this.detailError = loaded.detailError;
    this.instances = loaded.instances;
    this.instancesError = loaded.instancesError;
  }

  /** Fetches the current spec (and instances) and forgets the routes (a refresh of this resource). */
  async reload(): Promise<void> {
    this.routeList.promise = undefined;
    this.ready = this.ctx.live.loader.resources([this.ref], true).then(
      ([loaded]) => this.take(loaded),
      (error: unknown) => this.take({ detailError: error }),
    );
    await this.ready;
  }

  treeItem(): vscode.TreeItem {
    const expandable = this.ref.kind !== "VirtualService";
    const item = new vscode.TreeItem(this.ref.name, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = `appmesh.resource.${this.ref.kind}`;
    const spec = this.detail?.spec ?? {};
    const parts: string[] = [];
    if (this.detail) {
      if (this.ref.kind === "VirtualService") parts.push(providerSummary(spec));
      if (this.ref.kind === "VirtualNode") {
        // Health first: it is what a glance at the tree is for, and the discovery text is long.
        if (this.instances) parts.push(`${this.instances.healthy}/${this.instances.instances.length} healthy`);
        else if (this.instancesError) parts.push("instances failed to load");
        parts.push(discoverySummary(spec).text);
      }
      if (this.ref.kind !== "VirtualService") parts.push(portsSummary(spec));
      if (this.detail.status !== "ACTIVE") parts.push(this.detail.status);
    }
    item.description = parts.filter(Boolean).join(" · ") || undefined;
    const unhealthy = this.instances && this.instances.healthy < this.instances.instances.length;
    item.iconPath =
      this.detailError || this.instancesError
        ? new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground"))
        : this.detail && this.detail.status !== "ACTIVE"
          ? new vscode.ThemeIcon(ICONS[this.ref.kind], new vscode.ThemeColor("disabledForeground"))
          : unhealthy
            ? new vscode.ThemeIcon(ICONS[this.ref.kind], new vscode.ThemeColor("problemsWarningIcon.foreground"))
            : new vscode.ThemeIcon(ICONS[this.ref.kind]);
    const extra: string[] = [];
    if (this.detailError) extra.push(`Details failed to load: ${String((this.detailError as Error).message ?? this.detailError)}`);
    if (this.instances) extra.push(`Cloud Map ${this.instances.service}: ${this.instances.healthy} of ${this.instances.instances.length} instances healthy`);
    item.tooltip = tooltip(this.ref, this.detail, extra);
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    return guarded(this.ctx, this, async () => {
      await this.ready;
      if (!this.detail) throw this.detailError ?? new Error(`${this.ref.kind} ${this.ref.name} has no details`);
      if (this.ref.kind === "VirtualRouter" || this.ref.kind === "VirtualGateway") return this.routes();
      if (this.ref.kind === "VirtualNode") return this.nodeParts(this.detail);
      return [];
    });
  }

  /** Routes (or gateway routes) with their weights: listed and described once per load. */
  private async routes(): Promise<ExplorerNode[]> {
    const nodes = await once(this.routeList, async () => {
      const routes = await this.ctx.live.loader.routesOf(this.ref.meshName, this.ref);
      if (!routes.length) return [new MessageNode(`${this.id}/none`, this.ref.kind === "VirtualRouter" ? "No routes" : "No gateway routes", "circle-slash", this)];
      return routes.map((route) => new RouteNode(this, route.ref, route.detail, route.error));
    });
    return [...nodes];
  }

  private nodeParts(detail: ResourceDetail): ExplorerNode[] {
    const spec = detail.spec;
    const out: ExplorerNode[] = [];
    const listeners = (Array.isArray(spec.listeners) ? spec.listeners : []) as Record<string, unknown>[];
    listeners.forEach((listener, i) => out.push(new DetailNode(`${this.id}/listener/${i}`, this, `Listener ${portsSummary({ listeners: [listener] })}`, "radio-tower", listenerDescription(listener))));
    for (const backend of backendNames(spec)) {
      const node = new DetailNode(`${this.id}/backend/${backend}`, this, backend, "arrow-small-right", "backend", "appmesh.backend");
      node.reference = { meshName: this.ref.meshName, kind: "VirtualService", name: backend };
      out.push(node);
    }
    if (this.instancesError) out.push(new ErrorNode(this, this.instancesError, () => this.ctx.reload(this)));
    for (const instance of this.instances?.instances ?? []) {
      const address = [instance.attributes.AWS_INSTANCE_IPV4, instance.attributes.AWS_INSTANCE_PORT].filter(Boolean).join(":");
      const healthy = instance.health === "HEALTHY";
      out.push(new DetailNode(`${this.id}/instance/${instance.id}`, this, instance.id, healthy ? "pass" : "error", `${address} · ${instance.health}`, "appmesh.instance", healthy ? undefined : "errorForeground"));
    }
    if (this.instances && !this.instances.instances.length) out.push(new MessageNode(`${this.id}/noinstances`, `No instances registered in ${this.instances.service}`, "circle-slash", this));
    return out.length ? out : [new MessageNode(`${this.id}/none`, "No listeners or backends", "circle-slash", this)];
  }
}

function listenerDescription(listener: Record<string, unknown>): string {
  const parts: string[] = [];
  if (listener.healthCheck) parts.push("health check");
  if (listener.tls) parts.push(`TLS ${String((listener.tls as Record<string, unknown>).mode ?? "")}`.trim());
  if (listener.timeout) parts.push("timeout");
  if (listener.connectionPool) parts.push("connection pool");
  if (listener.outlierDetection) parts.push("outlier detection");
  return parts.join(" · ");
}

export class RouteNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: ResourceNode,
    readonly ref: ResourceRef,
    readonly detail: ResourceDetail | undefined,
    private readonly error: unknown,
  ) {
    this.id = `${parent.id}/${ref.kind}/${ref.name}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.ref.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = `appmesh.resource.${this.ref.kind}`;
    const spec = this.detail?.spec ?? {};
    item.description = this.detail ? [targetsSummary(this.ref.kind, spec), this.detail.status !== "ACTIVE" ? this.detail.status : ""].filter(Boolean).join(" · ") : this.error ? "details failed to load" : undefined;
    item.iconPath = this.error ? new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground")) : new vscode.ThemeIcon(ICONS[this.ref.kind]);
    item.tooltip = tooltip(this.ref, this.detail, this.detail ? [matchSummary(spec)] : []);
    return item;
  }
}

/** A listener, backend or Cloud Map instance under a node. */
export class DetailNode implements ExplorerNode {
  /** For a backend: the virtual service it names. */
  reference?: { meshName: string; kind: ResourceKind; name: string };
  constructor(
    readonly id: string,
    readonly parent: ExplorerNode,
    private readonly label: string,
    private readonly icon: string,
    private readonly description: string,
    private readonly contextValue = "appmesh.detail",
    private readonly color?: string,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.description;
    item.iconPath = new vscode.ThemeIcon(this.icon, this.color ? new vscode.ThemeColor(this.color) : undefined);
    item.contextValue = this.contextValue;
    return item;
  }
}
