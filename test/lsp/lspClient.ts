// A minimal LSP client over stdio for tests and benchmarks: starts a server process, speaks
// JSON-RPC through vscode-languageserver-protocol, and collects published diagnostics.
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type RegistrationParams,
  type WorkspaceFolder,
} from "vscode-languageserver-protocol/node";

export interface LspClientOptions {
  /** Command and arguments that start the server speaking LSP on stdio. */
  command: string;
  args: string[];
  initializationOptions?: unknown;
  /** Answers to workspace/configuration requests, by section. */
  configuration?: Record<string, unknown>;
  rootUri?: string | null;
  workspaceFolders?: WorkspaceFolder[] | null;
  /** Whether the client says it can watch files for the server (workspace/didChangeWatchedFiles dynamic registration), as VS Code does. Default true. */
  watchFiles?: boolean;
}

/** The built language server, as `node scripts/build.mjs` writes it. */
export const SERVER_PATH = join(__dirname, "..", "..", "dist", "server.js");

/** The items of a completion answer, whether it came as a list or an array. */
export const completionItems = (result: CompletionItem[] | CompletionList | null): CompletionItem[] => (Array.isArray(result) ? result : result?.items ?? []);
export const completionLabels = (result: CompletionItem[] | CompletionList | null): string[] => completionItems(result).map((i) => i.label);

type DiagnosticsWaiter = { uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void };

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every capability the server registered (client/registerCapability), in order. */
  readonly registrations: Registration[] = [];
  private readonly versions = new Map<string, number>();
  private waiters: DiagnosticsWaiter[] = [];
  stderr = "";
  stopping = false;
  exited: Promise<never> = new Promise(() => undefined);
  /** How the server process ended, whether or not the client asked it to. */
  exitStatus: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = new Promise(() => undefined);

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process: ChildProcess,
  ) {}

  static async start(options: LspClientOptions): Promise<LspClient> {
    const child = spawn(options.command, options.args, { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child);
    client.exitStatus = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    child.stderr!.on("data", (chunk: Buffer) => (client.stderr += chunk.toString()));
    // A server that dies must fail the test that waits on it, not leave it hanging.
    const exited = new Promise<never>((_, reject) =>
      child.on("exit", (code, signal) => {
        const error = new Error(`language server exited (${code ?? signal})\n${client.stderr}`);
        for (const waiter of client.waiters) waiter.reject(error);
        client.waiters = [];
        if (!client.stopping) reject(error);
      }),
    );
    exited.catch(() => undefined);
    client.exited = exited;
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params.diagnostics);
      client.waiters = client.waiters.filter((w) => {
        if (w.uri !== params.uri || !w.predicate(params.diagnostics)) return true;
        w.resolve(params.diagnostics);
        return false;
      });
    });
    connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? options.configuration?.[item.section] ?? null : null)),
    );
    connection.onRequest("client/registerCapability", (params: RegistrationParams) => {
      client.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onNotification("window/logMessage", () => undefined);
    connection.onNotification("telemetry/event", () => undefined);
    connection.listen();
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source"] } } },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true },
          ...(options.watchFiles === false ? {} : { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } }),
        },
      },
      initializationOptions: options.initializationOptions,
      workspaceFolders: options.workspaceFolders ?? null,
    };
    await Promise.race([connection.sendRequest("initialize", params), exited]);
    await connection.sendNotification("initialized", {});
    return client;
  }

  /** Starts the built server as any LSP client does (`node dist/server.js --stdio`), with these options besides. */
  static startServer(options: Omit<LspClientOptions, "command" | "args"> = {}): Promise<LspClient> {
    return LspClient.start({ command: process.execPath, args: [SERVER_PATH, "--stdio"], ...options });
  }

  async open(uri: string, text: string, languageId = uri.endsWith(".json") ? "json" : "yaml"): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text of an open document. */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** Resolves with the next diagnostics published for `uri` that satisfy `predicate`. */
  nextDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  /** Opens a document and resolves with the first diagnostics published for it that satisfy `predicate`. */
  async openForDiagnostics(uri: string, text: string, predicate?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri, predicate);
    await this.open(uri, text);
    return published;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return Promise.race([this.connection.sendRequest(method, params) as Promise<R>, this.exited]);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2_000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // the server may already be gone
    }
    // Give the server the moment it needs to exit on its own, as `exit` asks, before killing it.
    if (this.process.exitCode === null && this.process.signalCode === null) await Promise.race([this.exitStatus, new Promise((r) => setTimeout(r, 2_000))]);
    this.connection.dispose();
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }
}
