import * as vscode from "vscode";

/**
 * A tree that has no items yet, so VS Code shows the view's welcome content.
 * Each view swaps this for its real provider when its feature lands.
 */
export class EmptyTree implements vscode.TreeDataProvider<never> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }

  refresh(): void {
    this.changed.fire();
  }
}
