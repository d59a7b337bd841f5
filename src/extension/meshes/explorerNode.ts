// The explorer's node contract, and the nodes every tree shares: an error that stays local with a
// Retry, "Load more…", and a plain message.
import * as vscode from "vscode";
import { isAccessError, type AccessError } from "../../aws/errors";

export interface ExplorerNode {
  readonly id: string;
  treeItem(): vscode.TreeItem;
  children?(): Promise<ExplorerNode[]>;
  readonly parent?: ExplorerNode;
}

/** Shown under the node whose load failed; the rest of the tree keeps loading. */
export class ErrorNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: ExplorerNode | undefined,
    readonly error: unknown,
    readonly retry: () => void,
  ) {
    this.id = `${parent?.id ?? "root"}/error`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(errorTitle(this.error), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon("error", new vscode.ThemeColor("errorForeground"));
    const fix = isAccessError(this.error) ? this.error.fix : undefined;
    item.description = fix ?? "Retry";
    item.tooltip = new vscode.MarkdownString().appendText(`${errorMessage(this.error)}${fix ? `\n\n${fix}` : ""}\n\nClick to retry; details are in the App Mesh log.`);
    item.contextValue = "appmesh.error";
    item.command = { command: "appmesh.retry", title: "Retry", arguments: [this] };
    return item;
  }
}

export class LoadMoreNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode | undefined,
    readonly id: string,
    readonly load: () => Promise<void>,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem("Load more…", vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon("ellipsis");
    item.contextValue = "appmesh.loadMore";
    item.command = { command: "appmesh.loadMore", title: "Load More", arguments: [this] };
    return item;
  }
}

export class MessageNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly icon = "info",
    readonly parent?: ExplorerNode,
    /** What clicking the message does (e.g. Clear Filter). */
    private readonly command?: vscode.Command,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = "appmesh.message";
    if (this.command) item.command = this.command;
    return item;
  }
}

export function errorTitle(error: unknown): string {
  if (isAccessError(error)) {
    const titles: Partial<Record<AccessError["kind"], string>> = {
      "access-denied": "Access denied",
      "credentials-expired": "Credentials expired",
      "credentials-missing": "No AWS credentials",
      "credentials-invalid": "Credentials not recognised",
      throttled: "Throttled (after retries)",
      "not-found": "Not found (deleted?)",
      "endpoint-unreachable": "Endpoint unreachable",
      timeout: "Timed out",
    };
    return titles[error.kind] ?? "Failed to load";
  }
  return "Failed to load";
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
