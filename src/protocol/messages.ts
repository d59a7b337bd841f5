// Custom messages between the extension (or any LSP client) and the App Mesh language server.
// Shared by both sides so method names and payloads cannot drift apart.
import type { LiveSnapshot } from "../model/workspaceIndex";

/** Client → server: names of live resources per mesh, so references to them validate and complete. */
export const LiveSnapshotNotification = { method: "appmesh/liveSnapshot" } as const;
export type LiveSnapshotParams = LiveSnapshot;

export const DIAGNOSTIC_SOURCE = "appmesh";
