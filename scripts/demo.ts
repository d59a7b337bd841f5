// `npm run demo`: packages the extension, starts the local sandbox (seed demo) and code-server with
// the extension installed, `appmesh.endpoint` pointing at the sandbox and a sample workspace of
// App Mesh definitions open, prints `demo ready <url>`, and runs until Ctrl+C.
// `npm run demo -- --screenshot out.png` instead saves a headless screenshot of the workbench
// with the App Mesh container open, then exits. `--port N` picks the port (default: a free one).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Sandbox } from "../src/sandbox/sandbox";
import { CodeServer } from "../test/workbench/codeServer";
import { fixturesDir, repoRoot } from "../test/workbench/paths";
import { Workbench } from "../test/workbench/workbench";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const screenshot = option("--screenshot");
  const port = option("--port");
  execFileSync(process.execPath, [join(repoRoot, "scripts", "package.mjs")], { stdio: ["ignore", "ignore", "inherit"] });

  // A fresh copy each run, so the demo never edits the repository's own fixtures.
  const workspace = join(repoRoot, ".vscode-test", "demo-workspace");
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(fixturesDir, "workspace"), workspace, { recursive: true });

  const sandbox = await Sandbox.start({ seed: "demo" });
  const server = await CodeServer.start({
    workspace,
    port: port ? Number(port) : undefined,
    settings: { "appmesh.endpoint": sandbox.url, "appmesh.region": "us-east-1" },
    // The sandbox checks that requests are signed, not by whom: any credentials will do.
    env: { AWS_ACCESS_KEY_ID: "AKIDSANDBOX", AWS_SECRET_ACCESS_KEY: "sandbox", AWS_REGION: "us-east-1" },
  });
  const stop = async () => {
    await server.stop();
    await sandbox.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  if (screenshot) {
    const workbench = await Workbench.open(server);
    try {
      await workbench.openViewContainer("App Mesh");
      const meshes = workbench.viewPane("Meshes");
      await meshes.waitFor({ state: "visible" });
      await workbench.viewPane("Definitions").waitFor({ state: "visible" });
      await workbench.expand(meshes, "demo");
      await workbench.expand(meshes, "Virtual routers");
      await workbench.expand(meshes, "color-router");
      await workbench.treeItem(meshes, "color-canary").locator(".label-description").waitFor({ state: "visible", timeout: 30_000 });
      await workbench.page.waitForTimeout(1_000); // let welcome content and icons settle
      const path = resolve(process.env.INIT_CWD ?? process.cwd(), screenshot);
      mkdirSync(dirname(path), { recursive: true });
      await workbench.page.screenshot({ path });
      console.log(`screenshot ${path}`);
    } finally {
      await workbench.close();
      await server.stop();
      await sandbox.close();
    }
    return;
  }
  console.log(`demo ready ${server.workbenchUrl}`);
  console.error(`(sandbox at ${sandbox.url}; App Mesh, Cloud Map and X-Ray answer there)`);
}

main().catch((error) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
