// The packaged .vsix that `npm run package` writes (and the workbench tests install).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot, vsixPath } from "../workbench/paths";

test("the .vsix is under 10 MB and holds bundles, not sources, tests or node_modules", () => {
  assert.ok(existsSync(vsixPath), `${vsixPath} exists (npm run package)`);
  const bytes = statSync(vsixPath).size;
  assert.ok(bytes < 10 * 1024 * 1024, `${bytes} bytes`);

  const listing = execFileSync(process.execPath, [join(repoRoot, "node_modules/@vscode/vsce/vsce"), "ls", "--no-dependencies"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  for (const required of ["package.json", "README.md", "dist/extension.js", "dist/server.js", "media/appmesh.svg"]) {
    assert.ok(listing.includes(required), `${required} is packaged`);
  }
  const unwanted = listing.filter((file) => /^(src|test|scripts|node_modules|\.vscode-test|test-results|out)\/|\.ts$|\.map$/.test(file));
  assert.deepEqual(unwanted, []);
});
