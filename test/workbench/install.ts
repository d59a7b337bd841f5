// Installs what the real-workbench tests and the demo need, when it is missing:
// Debian packages (as root), and code-server 4.100.3 from the npm registry into a cache folder.
import { execFileSync, execSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./paths";

export const CODE_SERVER_VERSION = "4.100.3";
export const CHROMIUM = "/usr/bin/chromium";

const cacheDir = join(repoRoot, ".vscode-test", "code-server");
const codeServerPackage = join(cacheDir, "node_modules", "code-server");

function log(message: string): void {
  console.error(`[install] ${message}`);
}

function packageInstalled(name: string): boolean {
  try {
    const status = execFileSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
    return status.includes("install ok installed");
  } catch {
    return false;
  }
}

/** apt-get installs the Debian packages that are missing (needs root, as on these machines). */
export function ensureDebianPackages(names: string[]): void {
  const missing = names.filter((name) => !packageInstalled(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages ${missing.join(", ")}; install them with: sudo apt-get install ${missing.join(" ")}`);
  }
  log(`apt-get install ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execSync("apt-get update -qq", { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
}

export function ensureChromium(): string {
  if (!existsSync(CHROMIUM)) ensureDebianPackages(["chromium"]);
  return CHROMIUM;
}

function codeServerComplete(): boolean {
  const manifest = join(codeServerPackage, "package.json");
  if (!existsSync(manifest)) return false;
  const version = JSON.parse(readFileSync(manifest, "utf8")).version;
  // The postinstall step leaves this link behind only when VS Code's own dependencies installed.
  return version === CODE_SERVER_VERSION && existsSync(join(codeServerPackage, "lib", "vscode", "node_modules.asar"));
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which these machines cannot reach.
 * It first looks in a cache folder, so we seed that with Debian's rg in the archive it expects.
 */
function seedRipgrepCache(): void {
  const cache = join(process.env.TMPDIR ?? tmpdir(), "vscode-ripgrep-cache-1.15.11");
  const archive = join(cache, "ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz");
  if (existsSync(archive)) return;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), "rg-seed-"));
  cpSync("/usr/bin/rg", join(staging, "rg"));
  execFileSync("tar", ["-czf", archive, "-C", staging, "rg"]);
  rmSync(staging, { recursive: true, force: true });
}

/** Returns the code-server launcher, installing code-server first if the cache lacks it. */
export function ensureCodeServer(): string {
  const bin = join(codeServerPackage, "out", "node", "entry.js");
  if (codeServerComplete()) return bin;
  ensureDebianPackages(["libkrb5-dev", "ripgrep", "build-essential", "python3"]);
  seedRipgrepCache();
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, "package.json"), JSON.stringify({ private: true, name: "code-server-cache" }));
  log(`npm install code-server@${CODE_SERVER_VERSION} into ${cacheDir} (about a minute)`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", `code-server@${CODE_SERVER_VERSION}`], {
    cwd: cacheDir,
    stdio: "inherit",
    env: {
      ...process.env,
      npm_config_unsafe_perm: "true",
      npm_config_yes: "true",
      // npm 11 skips dependency install scripts unless allowed; code-server needs its postinstall.
      npm_config_dangerously_allow_all_scripts: "true",
    },
  });
  if (!codeServerComplete()) throw new Error(`code-server ${CODE_SERVER_VERSION} did not install completely into ${cacheDir}`);
  return bin;
}
