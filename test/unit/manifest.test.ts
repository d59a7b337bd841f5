// The package.json contract that later features and checks rely on.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

interface Command { command: string; title: string; category?: string; icon?: string }
interface MenuItem { command: string; when?: string; group?: string }
const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
const contributes = manifest.contributes;
const commands: Command[] = contributes.commands;
const menus: Record<string, MenuItem[]> = contributes.menus;

test("the App Mesh container holds the Meshes and Definitions views", () => {
  assert.deepEqual(contributes.viewsContainers.activitybar.map((c: { id: string; title: string }) => [c.id, c.title]), [["appmesh", "App Mesh"]]);
  assert.deepEqual(contributes.views.appmesh.map((v: { id: string; name: string }) => [v.id, v.name]), [
    ["appmesh.meshes", "Meshes"],
    ["appmesh.definitions", "Definitions"],
  ]);
  for (const view of ["appmesh.meshes", "appmesh.definitions"]) {
    assert.ok(contributes.viewsWelcome.some((w: { view: string }) => w.view === view), `${view} has welcome content`);
  }
});

test("welcome content only links to commands that exist", () => {
  const known = new Set([...commands.map((c) => c.command), "vscode.openFolder"]);
  for (const welcome of contributes.viewsWelcome as { contents: string }[]) {
    for (const [, id] of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(known.has(id), `welcome links to unknown ${id}`);
  }
});

test("every command is namespaced appmesh.* with the App Mesh category", () => {
  for (const c of commands) {
    assert.match(c.command, /^appmesh\./);
    assert.equal(c.category, "App Mesh", `${c.command} category`);
  }
});

test("commands in a view title have an icon; menus name only declared commands", () => {
  const declared = new Set(commands.map((c) => c.command));
  for (const [menu, items] of Object.entries(menus)) {
    for (const item of items) {
      assert.ok(declared.has(item.command), `${menu} names undeclared ${item.command}`);
      if (menu === "view/title" && item.group?.startsWith("navigation")) {
        assert.ok(commands.find((c) => c.command === item.command)?.icon, `${item.command} needs an icon`);
      }
    }
  }
});

test("commands that act on a tree item say whether the Command Palette offers them", () => {
  // Hidden (when: false), or offered only where they work without an item (e.g. on the active editor).
  const itemCommands = new Set((menus["view/item/context"] ?? []).map((m) => m.command));
  const palette = menus.commandPalette ?? [];
  for (const command of itemCommands) {
    const entry = palette.find((p) => p.command === command);
    assert.ok(entry?.when, `${command} needs a commandPalette entry with a when clause`);
  }
  assert.ok(palette.filter((p) => p.when === "false").length >= 10, "item-only commands are hidden");
});

test("the connection settings exist, and activation is on demand for VS Code 1.100", () => {
  const properties = contributes.configuration.properties;
  for (const key of ["appmesh.profile", "appmesh.region", "appmesh.endpoint"]) assert.ok(properties[key], key);
  assert.ok(!manifest.activationEvents.includes("*"));
  assert.ok(!manifest.activationEvents.includes("onStartupFinished"));
  assert.equal(manifest.engines.vscode, "^1.100.0");
});

test("every appmesh.* context key a when-clause reads is set by the extension", () => {
  const whens = [...Object.values(menus).flat().map((m) => m.when ?? ""), ...(contributes.viewsWelcome as { when?: string }[]).map((w) => w.when ?? "")];
  // Keys the workbench fills in itself: view ids, context values, configuration.
  // Values compared against (viewItem == appmesh.error, view == appmesh.meshes) are not keys.
  const keysOnly = (when: string) => when.replace(/(==|!=|=~)\s*(\/(?:[^/\\]|\\.)*\/|\S+)/g, "");
  const read = new Set(whens.flatMap((when) => [...keysOnly(when).matchAll(/(?<![\w.])(appmesh\.\w+)(?!\.)/g)].map((m) => m[1])));
  const viewIds = new Set(contributes.views.appmesh.map((v: { id: string }) => v.id));
  const source = readdirSync(join(__dirname, "..", "..", "src", "extension"), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(__dirname, "..", "..", "src", "extension", f), "utf8"))
    .join("\n");
  const set = new Set([...source.matchAll(/"setContext",\s*"(appmesh\.\w+)"/g)].map((m) => m[1]));
  for (const key of read) {
    if (viewIds.has(key)) continue;
    assert.ok(set.has(key), `the when-clause key ${key} is set with setContext somewhere in src/extension`);
  }
  assert.ok(read.has("appmesh.writable"), "writing commands are hidden where writing is refused");
});
