// Installs the npm dependencies when they are missing or older than the lockfile.
// Plain JavaScript with no dependencies, so it runs on a fresh clone before anything else.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules", ".package-lock.json");

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error("bootstrap: installing npm dependencies (npm ci)");
  // npm ci's output goes to stderr: stdout belongs to the command that follows (e.g. the sandbox's ready line).
  execSync("npm ci --no-audit --no-fund", { cwd: root, stdio: ["ignore", 2, 2] });
}
