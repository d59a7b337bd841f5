// Starts the App Mesh language server (dist/server.js, over IPC) the first time an App Mesh
// document is open, so YAML and JSON users without App Mesh files never pay for it.
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { mayHoldAppMesh } from "../model/detect";
import type { LiveSnapshot } from "../model/workspaceIndex";
import { DefinitionsChangedNotification, DefinitionsRequest, LiveSnapshotNotification, type DefinitionSummary } from "../protocol/messages";

export class AppMeshLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  private snapshot: LiveSnapshot | undefined;
  private readonly definitionsListeners: (() => void)[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Starts the server now if an App Mesh document is open, else when the first one opens. */
  startWhenNeeded(): void {
    if (vscode.workspace.textDocuments.some(isAppMeshDocument)) {
      void this.start();
      return;
    }
    const listener = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isAppMeshDocument(document)) return;
      listener.dispose();
      void this.start();
    });
    this.watchers.push(listener);
  }

  start(): Promise<LanguageClient> {
    this.starting ??= this.create();
    return this.starting;
  }

  /** Sends live names to the server when it runs; the latest snapshot also goes out when it starts. */
  notifyIfRunning(snapshot: LiveSnapshot): void {
    this.snapshot = snapshot;
    if (this.client?.isRunning()) void this.client.sendNotification(LiveSnapshotNotification.method, snapshot);
  }

  /** Every App Mesh resource the workspace defines (starts the server if it is not running). */
  async definitions(): Promise<DefinitionSummary[]> {
    const client = await this.start();
    return client.sendRequest<DefinitionSummary[]>(DefinitionsRequest.method);
  }

  /** Called whenever the server's view of the workspace's definitions changes. */
  onDefinitionsChanged(listener: () => void): void {
    this.definitionsListeners.push(listener);
  }

  private async create(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
    };
    const clientOptions: LanguageClientOptions = {
      // The server reads every YAML and JSON document but only speaks about App Mesh ones.
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "file", language: "json" },
        { scheme: "untitled", language: "yaml" },
        { scheme: "untitled", language: "json" },
      ],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml,json}") },
    };
    this.client = new LanguageClient("appmesh", "App Mesh Language Server", serverOptions, clientOptions);
    this.client.onNotification(DefinitionsChangedNotification.method, () => this.definitionsListeners.forEach((listener) => listener()));
    await this.client.start();
    if (this.snapshot) await this.client.sendNotification(LiveSnapshotNotification.method, this.snapshot);
    return this.client;
  }

  dispose(): void {
    for (const watcher of this.watchers) watcher.dispose();
    void this.client?.stop();
  }
}

function isAppMeshDocument(document: vscode.TextDocument): boolean {
  if (document.languageId !== "yaml" && document.languageId !== "json") return false;
  return mayHoldAppMesh(document.uri.toString(), document.getText());
}
