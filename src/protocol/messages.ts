// Custom messages between the extension (or any LSP client) and the App Mesh language server.
// Shared by both sides: each message is a typed RequestType/NotificationType, so a sender and its
// handler cannot disagree on the method name or the payload without the compiler noticing.
// Only vscode-languageserver-protocol (which both vscode-languageclient and vscode-languageserver
// are built on) is imported here, so neither bundle pulls in the other side's library.
import { NotificationType, NotificationType0, RequestType0 } from "vscode-languageserver-protocol";
import type { LiveSnapshot } from "../model/workspaceIndex";

export const DIAGNOSTIC_SOURCE = "appmesh";

/** Names of live resources per region and mesh (see LiveSnapshot). */
export type LiveSnapshotParams = LiveSnapshot;

/** Client → server: names of live resources per region and mesh, so references to them validate and complete. */
export const LiveSnapshotNotification = new NotificationType<LiveSnapshotParams>("appmesh/liveSnapshot");

/** One App Mesh resource defined in the workspace, as the Definitions view shows it. */
export interface DefinitionSummary {
  uri: string;
  kind: string;
  name: string;
  meshName?: string;
  parentName?: string;
  dialect: "kubernetes" | "cloudformation" | "api";
  /** Where the name is written (LSP range), to open the file there. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The worst diagnostic inside the resource, if any. */
  severity?: "error" | "warning";
  /** The resource in the API's request shape (meshName, <kind>Name, spec, tags), for drift and apply. */
  body: Record<string, unknown>;
}

/** Client → server: every App Mesh resource the workspace defines. No params. */
export const DefinitionsRequest = new RequestType0<DefinitionSummary[], void>("appmesh/definitions");

/** Server → client: the workspace's definitions changed (sent at most a few times a second). No params. */
export const DefinitionsChangedNotification = new NotificationType0("appmesh/definitionsChanged");
