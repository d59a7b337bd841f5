// The language server inside the real workbench: an App Mesh file shows its diagnostic in the
// Problems panel, and completion offers the keys valid at the cursor.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CodeServer } from "../workbench/codeServer";
import { fixturesDir } from "../workbench/paths";
import { Workbench } from "../workbench/workbench";

const BROKEN = [
  "apiVersion: appmesh.k8s.aws/v1beta2",
  "kind: VirtualNode",
  "metadata:",
  "  name: broken",
  "  namespace: color",
  "spec:",
  "  listeners:",
  "    - portMapping:",
  "        port: 70000",
  "        protocol: http",
  "      ", // line 11: a blank line at the listener's indentation, where completion is asked for
  "  serviceDiscovery:",
  "    dns:",
  "      hostname: broken.color.svc.cluster.local",
  "",
].join("\n");

describe("App Mesh language server in the real workbench", { timeout: 300_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), "appmesh-ws-"));
    cpSync(join(fixturesDir, "workspace"), workspace, { recursive: true });
    writeFileSync(join(workspace, "kubernetes", "broken.appmesh.yaml"), BROKEN);
    server = await CodeServer.start({ workspace, settings: { "files.trimTrailingWhitespace": false, "editor.quickSuggestions": { other: false } } });
    workbench = await Workbench.open(server);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  test("a port out of range shows in the editor and in the Problems panel", async () => {
    await workbench.openFile("broken.appmesh.yaml");
    await workbench.page.locator(".monaco-editor .squiggly-error").first().waitFor({ state: "visible", timeout: 60_000 });
    await workbench.runCommand("View: Toggle Problems");
    const row = workbench.page.locator(".markers-panel .monaco-list-row", { hasText: "out of range" }).first();
    await row.waitFor({ state: "visible", timeout: 30_000 });
    await workbench.screenshot("language-server-problems");
    const text = await row.innerText();
    assert.match(text, /70000 is out of range: must be between 1 and 65535\./);
    assert.match(text, /appmesh/);
    assert.match(text, /\[Ln 9, Col 15\]/);
  });

  test("completion on a blank line of a listener offers the listener's keys", async () => {
    await workbench.goToLine(11, 7);
    await workbench.page.keyboard.press("Control+Space");
    const suggest = workbench.page.locator(".editor-widget.suggest-widget.visible");
    await suggest.waitFor({ state: "visible", timeout: 30_000 });
    await suggest.locator(".monaco-list-row", { hasText: "healthCheck" }).first().waitFor({ state: "visible", timeout: 15_000 });
    await workbench.screenshot("language-server-completion");
    const labels = await suggest.locator(".monaco-list-row .label-name").allInnerTexts();
    for (const key of ["healthCheck", "tls", "timeout", "connectionPool", "outlierDetection"]) assert.ok(labels.includes(key), `${key} is offered (got ${labels.join(", ")})`);
    assert.ok(!labels.includes("portMapping"), "a key that is already there is not offered again");
    await workbench.page.keyboard.press("Escape");
  });
});
