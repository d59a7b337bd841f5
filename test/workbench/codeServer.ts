// Starts code-server (the VS Code 1.100 server and web workbench) with the packaged extension
// installed into a fresh extensions folder and a fresh user profile.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureCodeServer } from "./install";
import { vsixPath } from "./paths";

export interface CodeServerOptions {
  /** Folder opened in the workbench. */
  workspace: string;
  /** User settings written before start (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** The .vsix to install; defaults to the one `npm run package` writes. */
  vsix?: string;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
}

/** Settings that keep a fresh profile from opening welcome pages, tips and update checks. */
const QUIET_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "chat.commandCenter.enabled": false,
  "window.commandCenter": false,
  "git.openRepositoryInParentFolders": "never",
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export class CodeServer {
  private constructor(
    readonly url: string,
    readonly workspace: string,
    private readonly process: ChildProcess,
    private readonly scratch: string,
    readonly logs: string[],
  ) {}

  /**
   * The text of an extension's log output channel (e.g. "App Mesh"), as the workbench writes it to
   * its logs folder; empty until the channel has written something.
   */
  outputLog(channel: string): string {
    const logs = join(this.scratch, "user-data", "logs");
    if (!existsSync(logs)) return "";
    // One folder per window session, named by its start time: sorted, older sessions come first.
    const files = readdirSync(logs, { recursive: true }).map(String).filter((f) => f.endsWith(`${channel}.log`)).sort();
    return files.map((f) => readFileSync(join(logs, f), "utf8")).join("");
  }

  /** The workbench URL with the workspace folder open. */
  get workbenchUrl(): string {
    return `${this.url}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const entry = ensureCodeServer();
    const vsix = options.vsix ?? vsixPath;
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);

    const scratch = mkdtempSync(join(tmpdir(), "appmesh-workbench-"));
    const userDataDir = join(scratch, "user-data");
    const extensionsDir = join(scratch, "extensions");
    mkdirSync(join(userDataDir, "User"), { recursive: true });
    writeFileSync(
      join(userDataDir, "User", "settings.json"),
      JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
    );
    const common = ["--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];
    execFileSync(process.execPath, [entry, ...common, "--install-extension", vsix], { stdio: "pipe" });

    const port = options.port ?? (await freePort());
    const child = spawn(
      process.execPath,
      [
        entry,
        ...common,
        "--bind-addr", `127.0.0.1:${port}`,
        "--auth", "none",
        "--disable-workspace-trust",
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-getting-started-override",
        options.workspace,
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env }, detached: true },
    );
    const logs: string[] = [];
    const keep = (chunk: Buffer) => {
      logs.push(chunk.toString());
      if (logs.length > 500) logs.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);

    const server = new CodeServer(`http://127.0.0.1:${port}`, options.workspace, child, scratch, logs);
    try {
      await server.waitUntilHealthy(60_000);
    } catch (error) {
      await server.stop();
      throw new Error(`${String(error)}\ncode-server output:\n${logs.join("")}`);
    }
    return server;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`code-server exited with ${this.process.exitCode}`);
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer at ${this.url} within ${timeoutMs} ms`);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.pid) {
      const exited = new Promise((resolve) => this.process.once("exit", resolve));
      try {
        process.kill(-this.process.pid, "SIGTERM"); // the whole group: server, extension host, language server
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (this.process.exitCode === null) {
        try {
          process.kill(-this.process.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
