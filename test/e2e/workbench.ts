import type { Browser, Locator, Page } from 'playwright-core';

/** Generous, because the first analysis waits for the extension host and the server to start. */
export const UI_TIMEOUT = 60_000;

/** Launches Chromium on the code-server at `url` with `folder` open; the caller closes the browser. */
export async function openWorkbench(chromiumPath: string, url: string, folder: string): Promise<{ browser: Browser; bench: Workbench }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const bench = new Workbench(await browser.newPage({ viewport: { width: 1280, height: 760 } }));
    await bench.open(`${url}?folder=${encodeURIComponent(folder)}`);
    return { browser, bench };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

export class Workbench {
  constructor(readonly page: Page) {
    page.setDefaultTimeout(UI_TIMEOUT);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT });
    // The status bar fills in once the workbench has restored its parts.
    await this.page.locator('.statusbar').waitFor({ timeout: UI_TIMEOUT });
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The highlighted row of the quick input, once it shows `text`. */
  private focusedRow(text: string | RegExp): Locator {
    return this.quickInput().locator('.monaco-list-row.focused', { hasText: text });
  }

  /** Opens the quick input with F1 and sets its text in one step; typing key by key is slow on a busy page. */
  private async palette(text: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(text);
  }

  async runCommand(title: string): Promise<void> {
    await this.palette(`>${title}`);
    await this.focusedRow(title).waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
  }

  /** Lists the command palette's rows for `query`, once `waitFor` is among them, then closes it. */
  async paletteRows(query: string, waitFor: string): Promise<string[]> {
    await this.palette(`>${query}`);
    await this.quickInput().locator('.monaco-list-row', { hasText: waitFor }).waitFor({ timeout: UI_TIMEOUT });
    const rows = await this.quickInput().locator('.monaco-list-row').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return rows;
  }

  /** A row of the open quick pick. */
  quickPickRow(text: string): Locator {
    return this.quickInput().locator('.monaco-list-row', { hasText: text });
  }

  async closeQuickInput(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Quick Open: the palette without its `>` searches files by name. */
  async openFile(name: string): Promise<void> {
    await this.palette(name);
    await this.focusedRow(name).waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
  }

  /** Types into the input box that a command opened, once its title shows. */
  async answerInputBox(title: string, value: string): Promise<void> {
    await this.quickInput().locator('.quick-input-title', { hasText: title }).waitFor({ timeout: UI_TIMEOUT });
    await this.quickInput().locator('input').fill(value);
    await this.page.keyboard.press('Enter');
  }

  /** The editor line whose text matches; Monaco renders spaces as no-break spaces. */
  editorLine(pattern: RegExp): Locator {
    return this.page.locator('.monaco-editor .view-line').filter({ hasText: pattern });
  }

  /** Moves the mouse onto the first token of a line and waits for a hover that shows `text`. */
  async hover(line: Locator, text: string): Promise<Locator> {
    const token = line.locator('span > span').first();
    await token.waitFor({ timeout: UI_TIMEOUT });
    const box = await token.boundingBox();
    if (!box) throw new Error('the token has no box');
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: text });
    const deadline = Date.now() + UI_TIMEOUT;
    // A hover can be dismissed by a late layout change; moving again asks for it again.
    for (let attempt = 0; ; attempt++) {
      await this.page.mouse.move(box.x + box.width / 2 + (attempt % 2), box.y + box.height / 2, { steps: 4 });
      try {
        await hover.waitFor({ timeout: 5_000 });
        return hover;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  /** A toast once its fade-in is over, so screenshots show it opaque. */
  notification(text: string): Locator {
    return this.page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: text });
  }

  /** The body of the markdown preview, which renders inside the webview's nested frames. */
  markdownPreview(text: string | RegExp): Locator {
    return this.page
      .frameLocator('iframe.webview.ready')
      .frameLocator('iframe#active-frame')
      .locator('body', { hasText: text });
  }

  /** Trusts the open folder through the Workspace Trust editor, as a user would. */
  async trustWorkspace(): Promise<void> {
    await this.runCommand('Workspaces: Manage Workspace Trust');
    await this.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout: UI_TIMEOUT });
    await this.statusBarItem('Restricted Mode').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }

  problems(text: string): Locator {
    return this.page.locator('.markers-panel .monaco-list-row', { hasText: text });
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText: text });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, type: 'png' });
  }
}
