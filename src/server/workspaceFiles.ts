// Finds definition files on disk so references across files resolve before they are opened.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDefinitionFileName, mayHoldAppMesh } from "../model/detect";

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "out", ".vscode-test", "test-results", "bench-results", "cdk.out", ".terraform"]);
const MAX_FILES = 5_000;
const MAX_BYTES = 4 * 1024 * 1024;
/**
 * The files the server reads from disk (and asks the client to watch): YAML and JSON, and their
 * templates (`*.yaml.template`, `*.yml.template`, `*.json.template`, `*.tpl`), as isDefinitionFileName.
 */
export const DEFINITION_FILES_GLOB = "**/*.{yaml,yml,json,yaml.template,yml.template,json.template,tpl}";

/** YAML and JSON files (and templates of them) under `folder` that may hold App Mesh content, as file URIs with their text. */
export async function findDefinitionFiles(folder: string): Promise<{ uri: string; text: string }[]> {
  const found: { uri: string; text: string }[] = [];
  let visited = 0;
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: skip it
    }
    for (const entry of entries) {
      if (visited >= MAX_FILES) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".")) await walk(path);
      } else if (isDefinitionFileName(entry.name)) {
        visited++;
        try {
          if ((await stat(path)).size > MAX_BYTES) continue;
          const text = await readFile(path, "utf8");
          const uri = pathToFileURL(path).toString();
          if (mayHoldAppMesh(uri, text)) found.push({ uri, text });
        } catch {
          // vanished or unreadable: skip
        }
      }
    }
  }
  await walk(folder);
  return found;
}
