// Custom messages between the extension (or any LSP client) and the App Mesh language server.
// Shared by both sides so method names and payloads cannot drift apart.
import type { LiveSnapshot } from "../model/workspaceIndex";

/** Client → server: names of live resources per mesh, so references to them validate and complete. */
export const LiveSnapshotNotification = { method: "appmesh/liveSnapshot" } as const;
export type LiveSnapshotParams = LiveSnapshot;

export const DIAGNOSTIC_SOURCE = "appmesh";

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

/** Client → server: every App Mesh resource the workspace defines. */
export const DefinitionsRequest = { method: "appmesh/definitions" } as const;
/** Server → client: the workspace's definitions changed (sent at most a few times a second). */
export const DefinitionsChangedNotification = { method: "appmesh/definitionsChanged" } as const;
