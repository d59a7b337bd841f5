// Builds production bundles and packs them into dist-vsix/<name>-<version>.vsix with @vscode/vsce.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
export const vsixPath = join(root, "out", `${manifest.name}-${manifest.version}.vsix`);

export function packageExtension() {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--production"], { cwd: root, stdio: "inherit" });
  mkdirSync(dirname(vsixPath), { recursive: true });
  // The bundles hold every runtime dependency, so node_modules stays out of the package.
  // README images are packaged and shown by VS Code from the installed extension, so links stay relative.
  execFileSync(process.execPath, [join(root, "node_modules/@vscode/vsce/vsce"), "package", "--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links", "--out", vsixPath], {
    cwd: root,
    stdio: "inherit",
  });
  const size = statSync(vsixPath).size;
  console.log(`packaged ${vsixPath} (${(size / 1024).toFixed(1)} KiB)`);
  return vsixPath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) packageExtension();
