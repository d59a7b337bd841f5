// One esbuild command for every bundle: the extension host, the language server and (later) webviews.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from "esbuild";
import { basename } from "node:path";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production") || process.env.NODE_ENV === "production";

/** @type {esbuild.BuildOptions} */
const nodeBundle = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  external: ["vscode"],
  // Prefer ES module builds: some packages' UMD builds (jsonc-parser) hide requires from esbuild.
  mainFields: ["module", "main"],
};

/**
 * The service map only draws flowcharts (dagre or ELK layout). mermaid loads every other diagram
 * type, the cose-bilkent (cytoscape) and swimlane layouts, and katex (math in labels; our labels
 * are entity-encoded, so never math) through dynamic imports: replace those with a module that
 * fails when loaded, so mermaid reports "not available" instead of bundling megabytes never run.
 */
const FLOWCHART_ONLY = /^(?:(?!flowDiagram-)[\w-]*(?:Diagram|-definition)|diagram|cose-bilkent|swimlanes)-[A-Z0-9]+\.mjs$/;
const mermaidFlowchartOnly = {
  name: "mermaid-flowchart-only",
  setup(build) {
    build.onResolve({ filter: /\.mjs$/ }, (args) => {
      if (args.kind !== "dynamic-import" || !/[\\/]node_modules[\\/]mermaid[\\/]dist[\\/]/.test(args.importer)) return undefined;
      const name = basename(args.path);
      return FLOWCHART_ONLY.test(name) ? { path: name, namespace: "not-bundled" } : undefined;
    });
    build.onResolve({ filter: /^katex$/ }, (args) => (args.kind === "dynamic-import" ? { path: "katex", namespace: "not-bundled" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "not-bundled" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`The service map bundles only mermaid's flowcharts: ${args.path} is not included`)});\nexport {};\n`,
      loader: "js",
    }));
  },
};

const builds = [
  { ...nodeBundle, entryPoints: { extension: "src/extension/extension.ts" }, outdir: "dist" },
  // The live layer (the AWS SDK and what talks through it) is its own bundle, loaded by the
  // extension the first time a view or command needs AWS: activation stays cheap.
  { ...nodeBundle, entryPoints: { live: "src/live/index.ts" }, outdir: "dist" },
  // Likewise the language client library, loaded when the first App Mesh document opens.
  { ...nodeBundle, entryPoints: { client: "src/extension/clientLibrary.ts" }, outdir: "dist" },
  { ...nodeBundle, entryPoints: { server: "src/server/server.ts" }, outdir: "dist" },
  // The sandbox is a developer tool beside the extension: built to dist/ but not packaged.
  { ...nodeBundle, entryPoints: { sandbox: "src/sandbox/main.ts" }, outdir: "dist" },
  // The service map webview: browser code with mermaid and panzoom inlined (mermaid's lazily loaded
  // diagrams included: no splitting, nothing fetched at run time). mermaid 12 needs ES2024.
  {
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2024",
    charset: "utf8",
    sourcemap: production ? false : "linked",
    minify: production,
    logLevel: "warning",
    entryPoints: [
      { in: "src/webview/serviceMap/main.ts", out: "serviceMap" },
      { in: "src/webview/serviceMap/serviceMap.css", out: "serviceMap" },
    ],
    outdir: "dist/webview",
    plugins: [mermaidFlowchartOnly],
  },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log("esbuild: watching src/ for changes");
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.error(`esbuild: ${builds.length} bundles in ${Date.now() - started} ms${production ? " (production)" : ""}`);
}
