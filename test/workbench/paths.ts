import { readFileSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..");
export const resultsDir = join(repoRoot, "test-results");
export const fixturesDir = join(repoRoot, "test", "fixtures");

const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { name: string; version: string; publisher: string };
export const extensionId = `${manifest.publisher}.${manifest.name}`;
export const vsixPath = join(repoRoot, "out", `${manifest.name}-${manifest.version}.vsix`);
