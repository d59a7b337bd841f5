// The bundles the extension loads the first time they are needed, so that activation costs only
// the small extension bundle (measured by `npm run bench`):
// - dist/live.js: the AWS SDK clients and the live layer on them, when the Meshes view or an AWS
//   command first runs;
// - dist/client.js: the language client library and the typed protocol, when the first App Mesh
//   document opens.
import { join } from "node:path";

export type LiveLayer = typeof import("../live/index");
export type ClientLibrary = typeof import("./clientLibrary");

let live: LiveLayer | undefined;
let client: ClientLibrary | undefined;

// Computed paths keep esbuild from inlining those bundles into this one.
/* eslint-disable @typescript-eslint/no-require-imports */
export function liveLayer(): LiveLayer {
  live ??= require(join(__dirname, "live.js")) as LiveLayer;
  return live;
}

export function clientLibrary(): ClientLibrary {
  client ??= require(join(__dirname, "client.js")) as ClientLibrary;
  return client;
}
/* eslint-enable @typescript-eslint/no-require-imports */
