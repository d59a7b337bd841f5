// The App Mesh language server: diagnostics, completion, hover, outline, navigation, rename,
// quick fixes and formatting for App Mesh definitions in Kubernetes, CloudFormation and CLI-input
// files. Runs under any LSP client: `node dist/server.js --stdio` (or IPC from the extension).
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { WorkspaceIndex, type LiveSnapshot } from "../model/workspaceIndex";
import { DefinitionsChangedNotification, DefinitionsRequest, LiveSnapshotNotification, MigrationSourcesRequest, RouteWeightEditsRequest, SpecFromLiveRequest, type LiveSnapshotParams } from "../protocol/messages";
import { canaryCodeLenses, routeWeightEdits } from "./codeLens";
import { definitionSummaries } from "./definitions";
import { codeActions } from "./codeActions";
import { complete } from "./completion";
import { format } from "./formatting";
import { hover } from "./hover";
import { definition, prepareRename, references, rename } from "./navigation";
import { toDiagnostic, toRange } from "./positions";
import { documentSymbols } from "./symbols";
import { mayHoldAppMesh } from "../model/detect";
import { sourcesFromIndex } from "../model/migration/sourceFromIndex";
import { specFromLiveEdits } from "./specFromLiveEdits";
import { DEFINITION_FILES_GLOB, findDefinitionFiles } from "./workspaceFiles";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const index = new WorkspaceIndex();
let live: LiveSnapshot = { sources: [] };
/** URIs we published diagnostics for, so they can be cleared when a file stops being App Mesh. */
const published = new Set<string>();
let workspaceFolders: string[] = [];
let canWatchFiles = false;

connection.onInitialize((params): InitializeResult => {
  workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "" }] : []))
    .map((f) => localPath(f.uri))
    .filter((path) => path !== undefined);
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [":", " ", "-", '"'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: ["quickfix"] },
      documentFormattingProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: "App Mesh language server" },
  };
});

/** The path of a file: URI, or undefined for other schemes and for URIs this OS has no path for (file://host/… on Linux). */
function localPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined; // a folder we cannot read must not fail initialize (the client would report "Starting server failed")
  }
}

/** Settles when the workspace's files have been read once: until then the index is partial. */
let markScanned: () => void = () => undefined;
const workspaceScanned = new Promise<void>((resolve) => (markScanned = resolve));

connection.onInitialized(async () => {
  // The one file watcher: registered here rather than by the extension, so that every LSP client
  // that can watch files sends us changes on disk to definitions that are not open.
  if (canWatchFiles) {
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: DEFINITION_FILES_GLOB }] }).catch(() => undefined);
  }
  try {
    for (const folder of workspaceFolders) {
      for (const file of await findDefinitionFiles(folder)) {
        if (!documents.get(file.uri)) load(file.uri, file.text);
      }
    }
  } finally {
    markScanned();
  }
  publishAll();
});

/** Reads (or forgets) a document into the index; true when it holds App Mesh content. */
function load(uri: string, text: string): boolean {
  if (!mayHoldAppMesh(uri, text)) {
    index.delete(uri);
    return false;
  }
  return index.set(uri, text).isAppMesh;
}

let definitionsTimer: NodeJS.Timeout | undefined;
/** Tells the client the definitions changed, at most every 300 ms. */
function definitionsChanged(): void {
  if (definitionsTimer) return;
  definitionsTimer = setTimeout(() => {
    definitionsTimer = undefined;
    void connection.sendNotification(DefinitionsChangedNotification);
  }, 300);
}

/** What was last published per document, so an unchanged document is not sent again. */
const lastPublished = new Map<string, string>();

/** Publishes a document's diagnostics; with onlyIfChanged, skips a document whose diagnostics are as last sent. */
function publish(uri: string, onlyIfChanged = false): void {
  const file = index.get(uri);
  const doc = documents.get(uri);
  if (!file?.isAppMesh || !doc) {
    lastPublished.delete(uri);
    if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const diagnostics = index.diagnostics(uri).map((d) => toDiagnostic(doc, d));
  const text = JSON.stringify(diagnostics);
  if (onlyIfChanged && lastPublished.get(uri) === text) return;
  lastPublished.set(uri, text);
  published.add(uri);
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
}

/** Cross-file rules mean one edit can change another open file's diagnostics. */
function publishAll(): void {
  for (const doc of documents.all()) publish(doc.uri);
  definitionsChanged();
}

// onDidChangeContent also fires when a document opens, so each text is read exactly once.
documents.onDidChangeContent((e) => {
  load(e.document.uri, e.document.getText());
  publish(e.document.uri);
  // Other open files after this one has gone out, and only those whose diagnostics changed.
  setImmediate(() => {
    for (const doc of documents.all()) if (doc.uri !== e.document.uri && published.has(doc.uri)) publish(doc.uri, true);
  });
  definitionsChanged();
});
documents.onDidClose(async (e) => {
  lastPublished.delete(e.document.uri);
  if (published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // Keep what is on disk in the index: other files may still refer to it.
  try {
    load(e.document.uri, await readFile(fileURLToPath(e.document.uri), "utf8"));
  } catch {
    index.delete(e.document.uri);
  }
  publishAll();
});

connection.onDidChangeWatchedFiles(async (params) => {
  for (const change of params.changes) {
    if (documents.get(change.uri) || !change.uri.startsWith("file:")) continue; // open documents are authoritative
    if (change.type === FileChangeType.Deleted) index.delete(change.uri);
    else {
      try {
        load(change.uri, await readFile(fileURLToPath(change.uri), "utf8"));
      } catch {
        index.delete(change.uri);
      }
    }
  }
  publishAll();
});

connection.onNotification(LiveSnapshotNotification, (params) => {
  live = validLiveSnapshot(params);
  index.setLive(live);
  publishAll();
});

/** The snapshot as sent, keeping only well-formed parts: any LSP client may send this notification. */
function validLiveSnapshot(params: LiveSnapshotParams | undefined): LiveSnapshot {
  const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);
  const sources = Array.isArray(params?.sources) ? (params.sources as unknown[]) : [];
  return {
    sources: sources.filter(isObject).map((source) => ({
      region: typeof source.region === "string" ? source.region : "",
      meshes: Object.fromEntries(
        Object.entries(isObject(source.meshes) ? source.meshes : {})
          .filter((entry): entry is [string, Record<string, unknown>] => isObject(entry[1]))
          .map(([mesh, kinds]) => [
            mesh,
            Object.fromEntries(
              Object.entries(kinds)
                .filter(([, names]) => Array.isArray(names))
                .map(([kind, names]) => [kind, (names as unknown[]).filter((name) => typeof name === "string")]),
            ),
          ]),
      ),
    })),
  };
}

const withDoc = <T>(uri: string, fallback: T, run: (doc: TextDocument) => T): T => {
  const doc = documents.get(uri);
  if (!doc || !index.get(uri)?.isAppMesh) return fallback;
  return run(doc);
};

connection.onCompletion((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const text = doc.getText();
  // An empty file may become App Mesh; a non-empty one must already be.
  if (text.trim() !== "" && !index.get(doc.uri)?.isAppMesh) return [];
  return complete({ index, live, uri: doc.uri, text, offset: doc.offsetAt(params.position) });
});
connection.onHover((params) => withDoc(params.textDocument.uri, null, (doc) => hover(index, doc.uri, doc.offsetAt(params.position)) ?? null));
connection.onDocumentSymbol((params) => withDoc(params.textDocument.uri, [], (doc) => documentSymbols(index, doc.uri, doc)));
connection.onDefinition((params) => withDoc(params.textDocument.uri, null, (doc) => definition(index, doc.uri, doc.offsetAt(params.position)) ?? null));
connection.onReferences((params) =>
  withDoc(params.textDocument.uri, [], (doc) => references(index, doc.uri, doc.offsetAt(params.position), params.context.includeDeclaration)),
);
connection.onPrepareRename((params) =>
  withDoc(params.textDocument.uri, null, (doc) => {
    const prepared = prepareRename(index, doc.uri, doc.offsetAt(params.position));
    if ("error" in prepared) throw new ResponseError(0, prepared.error);
    return toRange(doc, prepared.span);
  }),
);
connection.onRenameRequest((params) =>
  withDoc(params.textDocument.uri, null, (doc) => {
    const result = rename(index, doc.uri, doc.offsetAt(params.position), params.newName);
    if ("error" in result) throw new ResponseError(0, result.error);
    return result;
  }),
);
connection.onCodeAction((params) => withDoc(params.textDocument.uri, [], (doc) => codeActions(index, live, doc, params.range, params.context.diagnostics)));
connection.onDocumentFormatting((params) => withDoc(params.textDocument.uri, [], (doc) => format(doc, params.options.tabSize)));

// Asked right after start (a map restored by a reload), the answer must be the whole workspace.
connection.onRequest(DefinitionsRequest, async () => {
  await workspaceScanned;
  return definitionSummaries(index);
});
connection.onCodeLens((params) => withDoc(params.textDocument.uri, [], (doc) => canaryCodeLenses(index, doc)));
connection.onRequest(RouteWeightEditsRequest, (params) => {
  // Any LSP client may send this: a malformed request is refused, never thrown at.
  if (typeof params?.uri !== "string" || typeof params.route?.routeName !== "string") return { refused: "The request names no route (uri and route.routeName)." };
  return routeWeightEdits(index, params, documents.get(params.uri)?.version);
});

connection.onRequest(SpecFromLiveRequest, (params) => {
  const resource = params?.resource;
  if (typeof params?.uri !== "string" || typeof resource?.kind !== "string" || typeof resource.name !== "string" || !params.liveSpec || typeof params.liveSpec !== "object") {
    return { refused: "The request names no resource and live spec (uri, resource.kind, resource.name, liveSpec)." };
  }
  return specFromLiveEdits(index, params, documents.get(params.uri)?.version);
});

connection.onRequest(MigrationSourcesRequest, async (params) => {
  await workspaceScanned;
  const meshName = typeof params?.meshName === "string" ? params.meshName : undefined;
  const uri = typeof params?.uri === "string" ? params.uri : undefined;
  const meshes = uri ? new Set(index.resources().filter((r) => r.uri === uri).map((r) => r.meshName)) : undefined;
  const texts = new Map<string, TextDocument>();
  const lineOf = (at: string, offset: number) => {
    let doc = texts.get(at);
    if (!doc) texts.set(at, (doc = TextDocument.create(at, "yaml", 0, index.get(at)?.text ?? "")));
    return doc.positionAt(offset).line;
  };
  // Live documents (appmesh-live:) are edits of live resources, not definitions.
  return sourcesFromIndex(index, lineOf, (r) => !r.uri.startsWith("appmesh-live:") && (meshName === undefined || r.meshName === meshName) && (meshes === undefined || meshes.has(r.meshName)));
});

documents.listen(connection);
connection.listen();
