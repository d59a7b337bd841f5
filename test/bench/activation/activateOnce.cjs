// One measured activation in a fresh process: loads a bundle with `vscode` resolved to the stand-in,
// calls activate(), and prints the milliseconds of module loading and of activate() as JSON.
// Usage: node activateOnce.cjs <dist folder> [--eager]  (--eager also loads the AWS layer and the
// language client library, as the one bundle did before they were split out).
"use strict";
const Module = require("node:module");
const { join } = require("node:path");
const fake = require("./fakeVscode.cjs");

const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") return fake;
  return originalLoad.call(this, request, ...rest);
};

const dist = process.argv[2];
const eager = process.argv.includes("--eager");
const started = process.hrtime.bigint();
const extension = require(join(dist, "extension.js"));
if (eager) {
  require(join(dist, "live.js"));
  require(join(dist, "client.js"));
}
const loaded = process.hrtime.bigint();
extension.activate({ subscriptions: [], asAbsolutePath: (p) => join(dist, "..", p), extensionPath: join(dist, "..") });
const activated = process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;
process.stdout.write(JSON.stringify({ loadMs: ms(started, loaded), activateMs: ms(loaded, activated), totalMs: ms(started, activated) }) + "\n");
process.exit(0);
