// Starts the App Mesh language server (dist/server.js, over IPC) the first time an App Mesh
// document is open, so YAML and JSON users without App Mesh files never pay for it.
//
// Starting is idempotent and recoverable: every caller shares one start in progress; a start that
// fails (or a server that stopped for good after it ran) is forgotten, so the next call starts a
// new client instead of failing forever with "Starting server failed"; and a dispose that comes
// while the client starts (a window reload) stops it once the start has settled, because a
// LanguageClient refuses to stop in the middle of starting.
//
// The client library itself (vscode-languageclient and the typed protocol) is its own bundle,
// loaded at the first start: activation never pays for it.
import * as vscode from "vscode";
import type { LanguageClient, LanguageClientOptions, Middleware, ServerOptions } from "vscode-languageclient/node";
import { mayHoldAppMesh } from "../model/detect";
import type { LiveSnapshot } from "../model/workspaceIndex";
import type { DefinitionSummary } from "../protocol/messages";
import { clientLibrary } from "./lazyBundles";

export class AppMeshLanguageClient implements vscode.Disposable {
  /** The start in progress or done, shared by every caller; undefined before the first and after a failed one. */
  private starting: Promise<LanguageClient> | undefined;
  /** The client of the latest start, from the moment it is created. */
  private client: LanguageClient | undefined;
  private disposed = false;
  /** One channel for every client this creates, so that a new start does not add another. */
  private outputChannel: vscode.LogOutputChannel | undefined;
  /** Waits for an App Mesh document to open, before the first start and after a failed one. */
  private documentListener: vscode.Disposable | undefined;
  private snapshot: LiveSnapshot | undefined;
  private readonly definitionsListeners: (() => void)[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Starts the server now if an App Mesh document is open, else when the first one opens. */
  startWhenNeeded(): void {
    if (vscode.workspace.textDocuments.some(isAppMeshDocument)) this.startInBackground();
    else this.startOnNextAppMeshDocument();
  }

  /** The running client: starts one if there is none, or waits for the start in progress. */
  start(): Promise<LanguageClient> {
    if (this.disposed) return Promise.reject(new Error("The App Mesh language client has been disposed."));
    // A client that stopped for good (its server crashed more often than it restarts it) is replaced.
    const client = this.client;
    const { State } = clientLibrary();
    if (client && (client.state === State.Stopped || client.state === State.StartFailed)) {
      this.client = undefined;
      this.starting = undefined;
      void stopClient(client);
    }
    if (!this.starting) {
      const starting = this.create();
      this.starting = starting;
      starting.catch(() => {
        if (this.starting === starting) this.starting = undefined; // so that the next call tries again
      });
    }
    return this.starting;
  }

  /** Sends live names to the server when it runs; the latest snapshot also goes out whenever it (re)starts. */
  notifyIfRunning(snapshot: LiveSnapshot): void {
    this.snapshot = snapshot;
    if (this.client?.isRunning()) this.client.sendNotification(clientLibrary().LiveSnapshotNotification, snapshot).catch(() => undefined);
  }

  /** Every App Mesh resource the workspace defines (starts the server if it is not running). */
  async definitions(): Promise<DefinitionSummary[]> {
    const client = await this.start();
    return client.sendRequest(clientLibrary().DefinitionsRequest);
  }

  /** Called whenever the server's view of the workspace's definitions changes. */
  onDefinitionsChanged(listener: () => void): vscode.Disposable {
    this.definitionsListeners.push(listener);
    return { dispose: () => void this.definitionsListeners.splice(this.definitionsListeners.indexOf(listener) >>> 0, 1) };
  }

  /** Starts with no caller to tell: the client reports its own failures in its output channel. */
  private startInBackground(): void {
    this.start().catch(() => undefined);
  }

  /** Opening an App Mesh document starts the server (again, after it failed: it is not retried in a loop). */
  private startOnNextAppMeshDocument(): void {
    if (this.documentListener || this.disposed) return;
    this.documentListener = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isAppMeshDocument(document)) return;
      this.documentListener?.dispose();
      this.documentListener = undefined;
      this.startInBackground();
    });
  }

  private async create(): Promise<LanguageClient> {
    const { LanguageClient, State, TransportKind, DefinitionsChangedNotification, LiveSnapshotNotification } = clientLibrary();
    const module = this.context.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
    };
    this.outputChannel ??= vscode.window.createOutputChannel("App Mesh Language Server", { log: true });
    const clientOptions: LanguageClientOptions = {
      // The server reads every YAML and JSON document but only speaks about App Mesh ones.
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "file", language: "json" },
        { scheme: "untitled", language: "yaml" },
        { scheme: "untitled", language: "json" },
        // Live resources opened for editing (Edit Live Resource): checked like any definitions file.
        { scheme: "appmesh-live", language: "yaml" },
      ],
      // No synchronize.fileEvents: the server registers the one file watcher itself
      // (workspace/didChangeWatchedFiles), as it does with any LSP client.
      outputChannel: this.outputChannel,
      middleware: whileRunning(() => !this.disposed && !!this.client?.isRunning()),
    };
    const client = new LanguageClient("appmesh", "App Mesh Language Server", serverOptions, clientOptions);
    this.client = client;
    client.onNotification(DefinitionsChangedNotification, () => this.definitionsListeners.forEach((listener) => listener()));
    client.onDidChangeState(({ newState }) => {
      // Also after the client restarts a crashed server, which comes up without live names.
      if (newState === State.Running && this.snapshot) client.sendNotification(LiveSnapshotNotification, this.snapshot).catch(() => undefined);
      // A server that could not start (or gave up after crashes) gets another chance with the next App Mesh document.
      if (newState === State.StartFailed || newState === State.Stopped) this.startOnNextAppMeshDocument();
    });
    try {
      await client.start();
    } catch (error) {
      if (this.client === client) this.client = undefined;
      void stopClient(client);
      throw error;
    }
    // dispose() during the start has already arranged the stop; the caller must not get this client.
    if (this.disposed) throw new Error("The App Mesh language client was disposed while it started.");
    return client;
  }

  dispose(): void {
    this.disposed = true;
    this.documentListener?.dispose();
    this.documentListener = undefined;
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    const channel = this.outputChannel;
    // The channel goes last: the client still writes to it while it stops.
    void (client ? stopClient(client) : Promise.resolve()).then(() => channel?.dispose());
  }
}

/**
 * Stops and disposes a client whatever its state. A LanguageClient refuses to stop while it is
 * starting ("can't be stopped"), so a starting one is stopped once its start has ended.
 */
async function stopClient(client: LanguageClient): Promise<void> {
  const { State } = clientLibrary();
  if (client.state === State.Starting) {
    await new Promise<void>((resolve) => {
      const listener = client.onDidChangeState(({ newState }) => {
        if (newState === State.Starting) return;
        listener.dispose();
        resolve();
      });
    });
  }
  // A client whose start failed has nothing to stop; dispose() still marks it as done with.
  await client.dispose().catch(() => undefined);
}

/**
 * Editor requests (code actions, completion, hover, …) answered with nothing while the client is
 * not running: during a window reload the old extension host stops the client while the editor
 * still asks, and vscode-languageclient would try to start it again and log "Starting server failed".
 */
function whileRunning(running: () => boolean): Middleware {
  const guard =
    <A extends unknown[], R>() =>
    (...args: [...A, (...a: A) => R]): R | undefined => {
      const next = args.pop() as (...a: A) => R;
      return running() ? next(...(args as unknown as A)) : undefined;
    };
  return {
    provideCodeActions: guard(),
    provideCompletionItem: guard(),
    provideHover: guard(),
    provideDefinition: guard(),
    provideReferences: guard(),
    provideDocumentSymbols: guard(),
    provideDocumentFormattingEdits: guard(),
    provideRenameEdits: guard(),
    prepareRename: guard(),
    provideCodeLenses: guard(),
  } as Middleware;
}

function isAppMeshDocument(document: vscode.TextDocument): boolean {
  if (document.languageId !== "yaml" && document.languageId !== "json") return false;
  return mayHoldAppMesh(document.uri.toString(), document.getText());
}
