// A stand-in for the `vscode` module, just enough for activate() to run outside an editor: every
// API answers with a harmless value, settings answer their defaults, and the open documents are
// the ones the benchmark names (a package.json, not an App Mesh file). Plain CommonJS, so loading
// it costs nothing measurable beside the bundle under test.
"use strict";

const disposable = () => ({ dispose() {} });
/** Any member is a function returning a disposable-like object that has any member too. */
function anything() {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === "then") return undefined; // not a promise
      if (key === "dispose") return () => undefined;
      if (key === Symbol.toPrimitive) return () => "";
      return anything();
    },
    apply() {
      return anything();
    },
    construct() {
      return anything();
    },
    set() {
      return true;
    },
  });
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return disposable();
    };
  }
  fire(value) {
    for (const l of this.listeners) l(value);
  }
  dispose() {
    this.listeners = [];
  }
}

const openDocuments = JSON.parse(process.env.FAKE_VSCODE_DOCUMENTS || "[]").map((d) => ({
  uri: { toString: () => d.uri, fsPath: d.uri.replace(/^file:\/\//, ""), scheme: "file" },
  languageId: d.languageId,
  getText: () => d.text,
}));

const event = () => disposable();
module.exports = new Proxy(
  {
    EventEmitter,
    // Named explicitly: bundlers copy a module's own keys, which a Proxy's fallback does not have.
    window: anything(),
    commands: anything(),
    languages: anything(),
    env: anything(),
    extensions: anything(),
    TreeItem: class {
      constructor(label, state) {
        this.label = label;
        this.collapsibleState = state;
      }
    },
    ThemeIcon: class {},
    ThemeColor: class {},
    MarkdownString: class {
      appendText() {
        return this;
      }
      appendMarkdown() {
        return this;
      }
    },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1 },
    ProgressLocation: { Notification: 15 },
    Uri: { parse: (s) => ({ toString: () => s }), from: (c) => ({ toString: () => JSON.stringify(c) }), file: (p) => ({ toString: () => `file://${p}` }) },
    workspace: new Proxy(
      {
        textDocuments: openDocuments,
        isTrusted: true,
        workspaceFolders: [],
        getConfiguration: () => ({ get: (_key, fallback) => fallback, update: async () => undefined }),
        onDidOpenTextDocument: event,
        onDidChangeConfiguration: event,
        onDidGrantWorkspaceTrust: event,
        registerTextDocumentContentProvider: disposable,
        createFileSystemWatcher: anything,
      },
      { get: (t, k) => (k in t ? t[k] : anything()) },
    ),
  },
  { get: (t, k) => (k in t ? t[k] : anything()) },
);
