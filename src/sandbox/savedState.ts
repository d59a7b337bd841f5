// The state file's format: every region's App Mesh and Cloud Map state and node profiles. Files
// written before regions were kept apart hold one region's state at the top level; they are read
// as the default region's.
import { DEFAULT_REGION } from "./protocol";
import type { RegionSnapshot } from "./sandboxRegion";
import { readState, writeAtomically } from "./stateFile";

export interface SavedState {
  version: 2;
  regions: Record<string, RegionSnapshot>;
}

/** The saved state, or undefined when there is no file yet. */
export function readSavedState(path: string): SavedState | undefined {
  const saved = readState<Partial<SavedState> & Partial<RegionSnapshot>>(path);
  if (!saved) return undefined;
  if (saved.version === 2 && saved.regions) return { version: 2, regions: saved.regions };
  if (saved.appMesh && saved.cloudMap) {
    return { version: 2, regions: { [DEFAULT_REGION]: { appMesh: saved.appMesh, cloudMap: saved.cloudMap, profiles: saved.profiles ?? {} } } };
  }
  throw new Error(`${path} holds no sandbox state (expected {version: 2, regions} or an older {appMesh, cloudMap}).`);
}

export function writeSavedState(path: string, regions: Record<string, RegionSnapshot>): void {
  const state: SavedState = { version: 2, regions };
  writeAtomically(path, JSON.stringify(state));
}
