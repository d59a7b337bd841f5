// The setting most end-to-end tests share: the sandbox with the demo seed, a copy of the sample
// workspace (plus any extra files), code-server pointed at the sandbox, and the workbench with the
// App Mesh container open. Every test leaves a screenshot of where it ended.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
/** What a test hook is given: only its name is read. */
type NamedTest = { name: string };
import { Sandbox } from "../../src/sandbox/sandbox";
import { CodeServer } from "./codeServer";
import { fixturesDir, resultsDir } from "./paths";
import { Workbench } from "./workbench";

export interface DemoWorkbench {
  sandbox: Sandbox;
  server: CodeServer;
  workbench: Workbench;
  /** The workspace copy the workbench has open. */
  workspace: string;
  /** A screenshot named for the test, and Escape for any menu a failed step left open. */
  afterEach(t: NamedTest): Promise<void>;
  close(): Promise<void>;
}

/** `omit`: top-level folders of the sample workspace to leave out (say, the demo mesh's files). */
export async function startDemoWorkbench(name: string, extraFiles: Record<string, string> = {}, options: { omit?: string[] } = {}): Promise<DemoWorkbench> {
  const sandbox = await Sandbox.start({ seed: "demo", tickMs: 0 });
  const workspace = mkdtempSync(join(tmpdir(), `appmesh-${name}-`));
  const sample = join(fixturesDir, "workspace");
  cpSync(sample, workspace, { recursive: true, filter: (source) => !(options.omit ?? []).some((folder) => source === join(sample, folder) || source.startsWith(join(sample, folder) + "/")) });
  for (const [path, text] of Object.entries(extraFiles)) writeFileSync(join(workspace, path), text);
  const server = await CodeServer.start({
    workspace,
    settings: { "appmesh.endpoint": sandbox.url, "appmesh.region": "us-east-1" },
    env: { AWS_ACCESS_KEY_ID: "AKIDSANDBOX", AWS_SECRET_ACCESS_KEY: "sandbox", AWS_REGION: "us-east-1" },
  });
  const workbench = await Workbench.open(server);
  await workbench.openViewContainer("App Mesh");
  return {
    sandbox,
    server,
    workbench,
    workspace,
    async afterEach(t) {
      await workbench.screenshot(`${name}-end-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => undefined);
      await workbench.page.keyboard.press("Escape").catch(() => undefined);
      // The extension's log and the extension host's, as of this test's end, to read after a failure.
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(join(resultsDir, `${name}-app-mesh.log`), server.outputLog("App Mesh"));
      writeFileSync(join(resultsDir, `${name}-exthost.log`), server.outputLog("exthost"));
    },
    async close() {
      await workbench.close();
      await server.stop();
      await sandbox.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
