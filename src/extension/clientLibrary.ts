// Entry of the language client's own bundle (dist/client.js): vscode-languageclient and the typed
// custom messages, loaded when the first App Mesh document opens (see lazyBundles.ts).
export { LanguageClient, State, TransportKind } from "vscode-languageclient/node";
export { DefinitionsChangedNotification, DefinitionsRequest, LiveSnapshotNotification } from "../protocol/messages";
