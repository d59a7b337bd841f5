// Loads the live layer (dist/live.js: the AWS SDK clients and the loaders on them) the first time
// something needs AWS. Activation then costs only the small extension bundle; the SDK's ~1 MB is
// paid when the Meshes view or an AWS command first runs.
import { join } from "node:path";

export type LiveLayer = typeof import("../live/index");

let loaded: LiveLayer | undefined;

export function liveLayer(): LiveLayer {
  // A computed path keeps esbuild from inlining the live bundle into this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(join(__dirname, "live.js")) as LiveLayer;
  return loaded;
}

/** True once the live layer is loaded (for the activation benchmark and tests). */
export function liveLayerLoaded(): boolean {
  return loaded !== undefined;
}
