// Nodes of the live tree: meshes, their categories, resources and what they hold (routes under
// routers, listeners, backends and Cloud Map instances under nodes, gateway routes under gateways).
import * as vscode from "vscode";
import type { ResourceDetail, ResourceRef } from "../../aws/appMeshAccess";
import type { ResourceKind } from "../../model/resources";
import { backendNames, discoverySummary, egressSummary, matchSummary, portsSummary, providerSummary, targetsSummary } from "../../model/summaries";
import type { ExplorerContext } from "./explorerContext";
import { ErrorNode, LoadMoreNode, MessageNode, type ExplorerNode } from "./explorerNode";

const CATEGORIES: { kind: Exclude<ResourceKind, "Mesh" | "Route" | "GatewayRoute">; label: string; icon: string }[] = [
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

/** Loads a node's children, turning a failure into an error item under that node. */
async function guarded(ctx: ExplorerContext, node: ExplorerNode, load: () => Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
  try {
    return await load();
  } catch (error) {
    ctx.log(`${node.id}: ${error instanceof Error ? error.message : String(error)}`);
    return [new ErrorNode(node, error, () => ctx.changed(node))];
  }
}

function tooltip(ref: ResourceRef, detail?: ResourceDetail, extra: string[] = []): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${ref.kind}** `).appendText(ref.name).appendMarkdown("\n\n");
  const rows: [string, string | undefined][] = [
    ["ARN", ref.arn],
    ["Version", String(ref.version)],
    ["Status", detail?.status],
    ["Mesh owner", ref.meshOwner],
    ["Resource owner", ref.resourceOwner],
    ["Created", ref.createdAt?.toISOString()],
    ["Updated", ref.lastUpdatedAt?.toISOString()],
  ];
  for (const [label, value] of rows) if (value) md.appendMarkdown(`${label}: `).appendText(value).appendMarkdown("  \n");
  for (const line of extra) md.appendText(line).appendMarkdown("  \n");
  return md;
}

export class MeshNode implements ExplorerNode {
  readonly id: string;
  detail?: ResourceDetail;
  /** Kept, so that what was loaded under a category survives redraws and can be revealed. */
  categories?: CategoryNode[];
  constructor(
    private readonly ctx: ExplorerContext,
    readonly ref: ResourceRef,
  ) {
    this.id = `${ctx.region ? `region/${ctx.region}/` : ""}mesh/${ref.name}`;
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

  async children(): Promise<ExplorerNode[]> {
    return guarded(this.ctx, this, async () => {
      // The mesh's own spec (egress filter) is one describe; categories list lazily when opened.
      if (!this.detail) {
        this.detail = await this.ctx.access.describe(this.ref);
        this.ctx.changed(this);
      }
      this.categories ??= CATEGORIES.map((c) => new CategoryNode(this.ctx, this, c.kind, c.label, c.icon));
      return this.categories;
    });
  }
}

export class CategoryNode implements ExplorerNode {
  readonly id: string;
  private loaded: ResourceNode[] | undefined;
  private nextToken: string | undefined;
  constructor(
    private readonly ctx: ExplorerContext,
    readonly parent: MeshNode,
    readonly kind: Exclude<ResourceKind, "Mesh" | "Route" | "GatewayRoute">,
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
    if (this.loaded) item.description = `${this.loaded.length}${this.nextToken ? "+" : ""}`;
    return item;
  }

  /** The item named `name`, loading further pages until it turns up (or the list ends). */
  async find(name: string): Promise<ResourceNode | undefined> {
    if (!this.loaded) await this.children();
    for (;;) {
      const found = this.loaded?.find((n) => n.ref.name === name);
      if (found || !this.nextToken) return found;
      await this.loadPage(this.nextToken);
    }
  }

  /** Drops what was loaded, so the next expansion lists again. */
  reset(): void {
    this.loaded = undefined;
    this.nextToken = undefined;
  }

  async children(): Promise<ExplorerNode[]> {
    return guarded(this.ctx, this, async () => {
      if (!this.loaded) {
        this.loaded = [];
        await this.loadPage(undefined);
      }
      const filter = this.ctx.filter();
      const shown = filter ? this.loaded.filter((n) => n.ref.name.toLowerCase().includes(filter)) : this.loaded;
      const out: ExplorerNode[] = shown.length || this.nextToken ? [...shown] : [new MessageNode(`${this.id}/empty`, filter ? "No match for the filter" : "None", "circle-slash", this)];
      if (this.nextToken) {
        out.push(
          new LoadMoreNode(this, async () => {
            await this.loadPage(this.nextToken);
            this.ctx.changed(this);
          }),
        );
      }
      return out;
    });
  }

  /** Lists one page (names only), then draws the specs behind it as they arrive. */
  private async loadPage(token: string | undefined): Promise<void> {
    const page = await this.ctx.loader.category(this.parent.ref.name, this.kind, token);
    const nodes = page.refs.map((ref) => new ResourceNode(this.ctx, this, ref));
    this.loaded!.push(...nodes);
    this.nextToken = page.nextToken;
    this.ctx.namesLoaded(this.parent.ref.name, this.kind, this.loaded!.map((n) => n.ref));
    void page.details.then((results) => this.showDetails(nodes, results));
  }

  private showDetails(nodes: ResourceNode[], results: PromiseSettledResult<ResourceDetail>[]): void {
    results.forEach((result, i) => {
      if (result.status === "fulfilled") nodes[i].detail = result.value;
      else nodes[i].detailError = result.reason;
      this.ctx.changed(nodes[i]);
    });
  }
}

/** A virtual node, service, router or gateway. */
export class ResourceNode implements ExplorerNode {
  readonly id: string;
  detail?: ResourceDetail;
  detailError?: unknown;
  instances?: { healthy: number; total: number };
  constructor(
    private readonly ctx: ExplorerContext,
    readonly parent: ExplorerNode,
    readonly ref: ResourceRef,
  ) {
    this.id = `${parent.id}/${ref.name}`;
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
        const discovery = discoverySummary(spec);
        parts.push(discovery.text + (this.instances ? ` (${this.instances.healthy}/${this.instances.total} healthy)` : ""));
      }
      if (this.ref.kind !== "VirtualService") parts.push(portsSummary(spec));
      if (this.detail.status !== "ACTIVE") parts.push(this.detail.status);
    }
    item.description = parts.filter(Boolean).join(" · ") || undefined;
    const unhealthy = this.instances && this.instances.healthy < this.instances.total;
    item.iconPath = this.detailError
      ? new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground"))
      : this.detail && this.detail.status !== "ACTIVE"
        ? new vscode.ThemeIcon(ICONS[this.ref.kind], new vscode.ThemeColor("disabledForeground"))
        : unhealthy
          ? new vscode.ThemeIcon(ICONS[this.ref.kind], new vscode.ThemeColor("problemsWarningIcon.foreground"))
          : new vscode.ThemeIcon(ICONS[this.ref.kind]);
    item.tooltip = tooltip(this.ref, this.detail, this.detailError ? [`Details failed to load: ${String((this.detailError as Error).message ?? this.detailError)}`] : []);
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    return guarded(this.ctx, this, async () => {
      const detail = (this.detail ??= await this.ctx.access.describe(this.ref));
      if (this.ref.kind === "VirtualRouter" || this.ref.kind === "VirtualGateway") return this.routes();
      if (this.ref.kind === "VirtualNode") return this.nodeParts(detail);
      return [];
    });
  }

  /** Routes (or gateway routes) with their weights: one list, then describes with bounded concurrency. */
  private async routes(): Promise<ExplorerNode[]> {
    const routes = await this.ctx.loader.routesOf(this.ref.meshName, this.ref);
    if (!routes.length) return [new MessageNode(`${this.id}/none`, this.ref.kind === "VirtualRouter" ? "No routes" : "No gateway routes", "circle-slash", this)];
    return routes.map((route) => new RouteNode(this, route.ref, route.detail, route.error));
  }

  private async nodeParts(detail: ResourceDetail): Promise<ExplorerNode[]> {
    const spec = detail.spec;
    const out: ExplorerNode[] = [];
    const listeners = (Array.isArray(spec.listeners) ? spec.listeners : []) as Record<string, unknown>[];
    listeners.forEach((listener, i) => out.push(new DetailNode(`${this.id}/listener/${i}`, this, `Listener ${portsSummary({ listeners: [listener] })}`, "radio-tower", listenerDescription(listener))));
    for (const backend of backendNames(spec)) {
      const node = new DetailNode(`${this.id}/backend/${backend}`, this, backend, "arrow-small-right", "backend", "appmesh.backend");
      node.reference = { meshName: this.ref.meshName, kind: "VirtualService", name: backend };
      out.push(node);
    }
    const cloudMap = discoverySummary(spec).cloudMap;
    if (cloudMap) {
      try {
        const instances = await this.ctx.cloudMap.instances(cloudMap.namespaceName, cloudMap.serviceName);
        this.instances = { healthy: instances.filter((i) => i.health === "HEALTHY").length, total: instances.length };
        this.ctx.changed(this);
        for (const instance of instances) {
          const address = [instance.attributes.AWS_INSTANCE_IPV4, instance.attributes.AWS_INSTANCE_PORT].filter(Boolean).join(":");
          const healthy = instance.health === "HEALTHY";
          out.push(new DetailNode(`${this.id}/instance/${instance.id}`, this, instance.id, healthy ? "pass" : "error", `${address} · ${instance.health}`, "appmesh.instance", healthy ? undefined : "errorForeground"));
        }
      } catch (error) {
        out.push(new ErrorNode(this, error, () => this.ctx.changed(this)));
      }
    }
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
