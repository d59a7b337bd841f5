// Drives the VS Code web workbench served by code-server in Debian's Chromium through playwright-core.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import type { CodeServer } from "./codeServer";
import { ensureChromium } from "./install";
import { resultsDir } from "./paths";

/** Chromium flags for a closed network: no background requests, no GPU, no sandbox as root. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
];

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(server: CodeServer, viewport = { width: 1400, height: 860 }): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage({ viewport });
    const workbench = new Workbench(browser, page);
    await page.goto(server.workbenchUrl);
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
    await page.locator(".activitybar").waitFor({ state: "visible", timeout: 60_000 });
    return workbench;
  }

  /** Clicks a view container in the activity bar (by its title) unless it is already open. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar .action-item[aria-label^="${title}"], .activitybar a[aria-label^="${title}"]`).first();
    await item.waitFor({ state: "visible", timeout: 30_000 });
    const sidebarTitle = this.page.locator(".sidebar .composite.title h2", { hasText: title });
    if (!(await sidebarTitle.isVisible())) await item.click();
    await sidebarTitle.first().waitFor({ state: "visible", timeout: 15_000 });
    await this.page.mouse.move(700, 500); // away from the activity bar, so no hover tooltip lingers
  }

  /** The pane of a view in the side bar, found by its header title. */
  viewPane(title: string): Locator {
    return this.page.locator(".sidebar .pane", {
      has: this.page.locator(".pane-header h3.title", { hasText: new RegExp(`^${title}$`, "i") }),
    });
  }

  /** A row of a tree view by its label (exact). */
  treeItem(pane: Locator, label: string): Locator {
    return pane.locator(".monaco-list-row", { has: this.page.locator(".label-name", { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }) }).first();
  }

  /** Clicks the view's "Collapse All" title action, so top-level rows are all in view. */
  async collapseAll(pane: Locator): Promise<void> {
    await pane.locator(".pane-header").hover();
    await pane.locator('.pane-header .action-label[aria-label^="Collapse All"]').click();
  }

  /**
   * Right-clicks a row and clicks `label` in its context menu. A row drawn moments ago may not
   * carry its menu yet (its item is replaced as it loads): close the menu and ask again.
   */
  async contextMenu(row: Locator, label: string): Promise<void> {
    const item = this.page.locator(".context-view .monaco-menu .action-item", { hasText: label }).first();
    for (let attempt = 0; ; attempt++) {
      await row.waitFor({ state: "visible", timeout: 60_000 });
      await row.click({ button: "right" });
      if (await item.waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false)) break;
      if (attempt === 5) throw new Error(`the context menu never offered "${label}"`);
      await this.page.keyboard.press("Escape");
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await this.clickMenuItem(label);
  }

  /** Clicks an item of the open context menu (by mouse, as a person would). */
  async clickMenuItem(label: string): Promise<void> {
    const menu = this.page.locator(".context-view .monaco-menu");
    const item = menu.locator(".action-item", { hasText: label }).first();
    await item.waitFor({ state: "visible" });
    // A busy machine may still be laying the menu out: hover until the item takes the focus, then
    // click; try again while the menu stays open.
    for (let attempt = 0; attempt < 5 && (await menu.isVisible()); attempt++) {
      const box = (await item.boundingBox())!;
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      await item.locator(".action-menu-item.focused, .action-label.focused").or(item.locator(".focused")).first().waitFor({ state: "visible", timeout: 2_000 }).catch(() => undefined);
      await this.page.mouse.down();
      await this.page.mouse.up();
      await menu.waitFor({ state: "hidden", timeout: 3_000 }).catch(() => undefined);
    }
    await menu.waitFor({ state: "hidden", timeout: 5_000 });
  }

  /** Expands a tree row unless it is already expanded, and waits until it is. */
  async expand(pane: Locator, label: string): Promise<void> {
    const row = this.treeItem(pane, label);
    await row.waitFor({ state: "visible", timeout: 30_000 });
    if ((await row.getAttribute("aria-expanded")) !== "true") await row.click();
    await this.page.waitForFunction((el) => el?.getAttribute("aria-expanded") === "true", await row.elementHandle(), { timeout: 30_000 });
  }

  /** Runs a command from the Command Palette by its full label ("Category: Title"). */
  async runCommand(label: string): Promise<void> {
    const input = this.page.locator(".quick-input-widget input");
    // Right after load the workbench may not own the keyboard yet: retry until the palette opens.
    for (let attempt = 0; !(await input.isVisible()); attempt++) {
      if (attempt === 20) throw new Error("the Command Palette did not open");
      await this.page.locator(".monaco-workbench .part.statusbar").click({ position: { x: 600, y: 5 } }).catch(() => {});
      await this.page.keyboard.press("F1");
      await input.waitFor({ state: "visible", timeout: 1_000 }).catch(() => {});
    }
    await input.fill(`>${label}`);
    const row = this.page.locator(".quick-input-list .monaco-list-row", { hasText: label }).first();
    await row.waitFor({ state: "visible", timeout: 15_000 });
    await row.click();
  }

  /** Opens a workspace file through Quick Open, by its file name, and waits for its editor. */
  async openFile(fileName: string): Promise<void> {
    await this.runCommand("Go to File...");
    const input = this.page.locator(".quick-input-widget input");
    await input.fill(fileName);
    await this.page.locator(".quick-input-list .monaco-list-row", { hasText: fileName }).first().waitFor({ state: "visible", timeout: 30_000 });
    await this.page.keyboard.press("Enter");
    await this.page.locator(`.tabs-container .tab[aria-label^="${fileName}"]`).first().waitFor({ state: "visible", timeout: 30_000 });
    await this.page.locator(".monaco-editor .view-lines").first().waitFor({ state: "visible" });
  }

  /** Moves the cursor of the active editor to a 1-based line and column. */
  async goToLine(line: number, column: number): Promise<void> {
    await this.runCommand("Go to Line/Column...");
    await this.page.locator(".quick-input-widget input").fill(`:${line}:${column}`);
    await this.page.keyboard.press("Enter");
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden" });
  }

  /** Rows of the open quick pick, as their visible text. */
  quickPickRows(): Locator {
    return this.page.locator(".quick-input-widget .quick-input-list .monaco-list-row");
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const path = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
