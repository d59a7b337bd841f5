// The VS Code webview API: posting to the host and the state kept across reloads. The host's
// WebviewPanelSerializer reads `state.identity` to restore the panel after a window reload.
import type { MapIdentity, WebviewToHost } from "../../protocol/serviceMapMessages";
import type { ViewOptions } from "../../model/serviceMap/mapView";

export interface PersistedState {
  identity?: MapIdentity;
  /** The user's view options, once they changed any (absent: the map picks defaults by size). */
  view?: ViewOptions;
  zoom?: { scale: number; x: number; y: number };
  hops?: number;
  legend?: boolean;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = typeof acquireVsCodeApi === "function" ? acquireVsCodeApi() : { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

let current: PersistedState = readState();

function readState(): PersistedState {
  const raw = api.getState();
  return raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as PersistedState) : {};
}

export function getState(): PersistedState {
  return current;
}

/** Merges `patch` into the kept state. */
export function setState(patch: Partial<PersistedState>): void {
  current = { ...current, ...patch };
  api.setState(current);
}

/** Logs into the host's "App Mesh" output channel. */
export function log(level: "info" | "warn" | "error", message: string): void {
  post({ type: "log", level, message: message.slice(0, 10_000) });
}
