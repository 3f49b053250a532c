// Driving code-server's workbench through its real UI: command palette, quick
// inputs, notifications, explorer, editors. Selectors are VS Code 1.100's.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ctx } from './context';
import { sleep, waitFor } from './files';

// Code run inside the page (page.evaluate) sees the DOM; this project compiles
// without lib "dom", so the few DOM members that code uses are declared here, for this file only.
interface PageElement {
  readonly tagName: string;
  readonly className: string;
  readonly innerText: string;
  readonly style: { readonly width: string };
  readonly classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  blur(): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
declare const window: unknown;
declare const document: PageElement & { readonly activeElement: PageElement | null; readonly body: PageElement };
declare const MutationObserver: new (onChange: () => void) => { observe(target: PageElement, options: object): void };
declare function getComputedStyle(el: PageElement): { readonly display: string };

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const QUICK_INPUT_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';
const TOASTS = '.notifications-toasts .notification-toast';

export interface ToastInfo {
  text: string;
  buttons: string[];
  severity: 'error' | 'warning' | 'info' | 'none';
  /** a progress bar is showing and is not the endless kind */
  progress: 'none' | 'infinite' | 'discrete';
  progressWidth: string;
}

export class Workbench {
  private constructor(readonly page: Page) {}

  /** A new tab on code-server's workbench for the workspace, ready for input. */
  static async open(): Promise<Workbench> {
    const page = await ctx().browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(ctx().url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer shows the workspace once the remote file system is connected.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    await sleep(500);
    const wb = new Workbench(page);
    await wb.reset();
    await wb.recordToasts();
    return wb;
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, fullPage: false, timeout: 10_000 }).catch(() => undefined);
  }

  // ------------------------------------------------------------ quick input

  private async openQuickInput(prefix: string): Promise<Locator> {
    await this.escapeAll();
    const input = this.page.locator(QUICK_INPUT_BOX);
    for (let attempt = 0; ; attempt++) {
      // Keys pressed while a webview (image preview, Studio panel) has focus may not reach
      // the workbench: move focus out of any iframe first.
      await this.page.evaluate(() => {
        const active = document.activeElement;
        if (active && active.tagName === 'IFRAME') active.blur();
      });
      // F1 first; on a loaded machine a key can be lost while the workbench settles, so later
      // tries use the other palette binding too.
      await this.page.keyboard.press(attempt % 2 === 0 ? 'F1' : 'Control+Shift+P');
      try {
        await input.waitFor({ state: 'visible', timeout: attempt < 3 ? 3000 : 10_000 });
        // A webview taking focus as it loads can close the palette between opening and typing.
        await input.fill(prefix, { timeout: 3000 });
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
        await this.page
          .locator('.part.statusbar')
          .click({ position: { x: 600, y: 5 } })
          .catch(() => undefined);
      }
    }
    return input;
  }

  /** The text of a modal dialog (e.g. "Command … resulted in an error"), if one is showing. */
  async dialogText(): Promise<string | undefined> {
    const dialog = this.page.locator('.monaco-dialog-box');
    if (!(await dialog.isVisible())) return undefined;
    return (await dialog.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Throws with the dialog's text when running a command failed (e.g. it is contributed but not registered). */
  async failOnCommandError(title: string, withinMs = 700): Promise<void> {
    const deadline = Date.now() + withinMs;
    do {
      const text = await this.dialogText();
      if (text && /resulted in an error|not found/i.test(text)) {
        await this.page.keyboard.press('Escape');
        throw new Error(`"${title}" failed: ${text}`);
      }
      await sleep(100);
    } while (Date.now() < deadline);
  }

  /**
   * A known starting point: no quick input, no dialog, every editor saved and closed,
   * no notifications. Tabs of one browser profile restore the previous tab's editors.
   */
  async reset(): Promise<void> {
    await this.escapeAll();
    if (await this.dialogText()) await this.page.keyboard.press('Escape');
    // The previous tab's dirty editors come back by hot exit, sometimes only after the first
    // Save All: then Close All Editors asks whether to save one, and that modal question blocks
    // the next scenario. Repeat until no editor is open and no question shows for 1.5 s.
    await this.runCommand('File: Save All');
    await this.runCommand('View: Close All Editors');
    const deadline = Date.now() + 20_000;
    let quietSince: number | undefined;
    while (Date.now() < deadline) {
      const dialog = await this.dialogText();
      if (dialog && /save the changes/i.test(dialog)) {
        await this.page
          .locator('.monaco-dialog-box .monaco-button')
          .filter({ hasText: /^\s*Save\s*$/ })
          .first()
          .click();
        quietSince = undefined;
      } else if ((await this.page.locator('.tabs-container .tab').count()) > 0) {
        await this.runCommand('File: Save All');
        await this.runCommand('View: Close All Editors');
        quietSince = undefined;
      } else if (quietSince === undefined) {
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= 1500) {
        break;
      }
      await sleep(200);
    }
    await this.clearNotifications();
    await sleep(300);
  }

  /** F1, the command's title, then the row whose label is that title. Throws clearly when no such command exists. */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput(`>${title}`);
    const row = this.page
      .locator(QUICK_INPUT_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: title }) });
    try {
      await row.first().waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const shown = await this.quickInputRows();
      await this.page.keyboard.press('Escape');
      throw new Error(`command "${title}" is not in the command palette (shown: ${JSON.stringify(shown.slice(0, 5))})`);
    }
    // Prefer the exact label; fuzzy matching may rank a longer title first.
    const labels = await row.locator('.label-name').allTextContents();
    const exact = labels.findIndex((l) => l.replace(/\s+/g, ' ').trim() === title);
    await row.nth(exact >= 0 ? exact : 0).click();
    await this.failOnCommandError(title);
  }

  async hasCommand(title: string): Promise<boolean> {
    await this.openQuickInput(`>${title}`);
    await sleep(1000);
    const labels = await this.page.locator(`${QUICK_INPUT_ROWS} .label-name`).allTextContents();
    await this.page.keyboard.press('Escape');
    return labels.some((l) => l.replace(/\s+/g, ' ').trim() === title);
  }

  async quickInputRows(): Promise<string[]> {
    return (await this.page.locator(QUICK_INPUT_ROWS).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /**
   * Waits for an input box (a quick input without a list, not the palette), e.g.
   * the one a command shows, and returns its state.
   */
  async waitForInputBox(timeoutMs = 20_000): Promise<{ value: string; type: string; prompt: string }> {
    return waitFor(
      'an input box',
      async () => {
        const widget = this.page.locator(QUICK_INPUT);
        if (!(await widget.isVisible())) return undefined;
        const input = this.page.locator(QUICK_INPUT_BOX);
        const value = await input.inputValue();
        if (value.startsWith('>')) return undefined;
        if (
          (await this.page.locator(QUICK_INPUT_ROWS).count()) > 0 &&
          (await this.page.locator('.quick-input-widget .quick-input-list').isVisible())
        )
          return undefined;
        const type = (await input.getAttribute('type')) ?? 'text';
        const prompt = (await this.page.locator('.quick-input-widget').innerText()).replace(/\s+/g, ' ').trim();
        return { value, type, prompt };
      },
      timeoutMs,
      100,
    );
  }

  /** Replaces the input box's text with `text` (any script, Chinese included) and accepts it. */
  async answerInputBox(text: string): Promise<{ value: string; type: string; prompt: string }> {
    const state = await this.waitForInputBox();
    const input = this.page.locator(QUICK_INPUT_BOX);
    await input.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.insertText(text);
    await waitFor('the input box to hold the text', async () => (await input.inputValue()) === text, 5000, 100);
    await this.page.keyboard.press('Enter');
    return state;
  }

  /** Picks the row of a visible quick pick whose text contains `label`. */
  async pick(label: string): Promise<void> {
    const row = this.page.locator(QUICK_INPUT_ROWS).filter({ hasText: label });
    await row.first().waitFor({ state: 'visible' });
    const input = this.page.locator(QUICK_INPUT_BOX);
    await input.fill(label);
    await sleep(300);
    const labels = await this.page.locator(`${QUICK_INPUT_ROWS} .label-name`).allTextContents();
    const exact = labels.findIndex((l) => l.trim() === label);
    await this.page
      .locator(QUICK_INPUT_ROWS)
      .nth(exact >= 0 ? exact : 0)
      .click();
  }

  async escapeAll(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      if (!(await this.page.locator(QUICK_INPUT).isVisible())) return;
      await this.page.keyboard.press('Escape');
      await sleep(100);
    }
  }

  // ------------------------------------------------------------ editors

  /** Quick Open on a workspace-relative path; waits for its editor tab to be active. */
  /** Developer: Reload Window (the extension host starts again), then waits for the workbench as `open` does. */
  async reloadWindow(): Promise<void> {
    const reloaded = this.page.waitForEvent('load', { timeout: 60_000 });
    await this.openQuickInput('>Developer: Reload Window');
    const row = this.page
      .locator(QUICK_INPUT_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: 'Developer: Reload Window' }) });
    await row.first().waitFor({ state: 'visible', timeout: 10_000 });
    await row.first().click();
    await reloaded;
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    await sleep(500);
    await this.recordToasts();
  }

  /** Quick Open on a workspace-relative path, until its tab is the active one. */
  private async quickOpen(rel: string): Promise<void> {
    const name = path.basename(rel);
    await this.openQuickInput(rel);
    const row = this.page.locator(QUICK_INPUT_ROWS).filter({ hasText: name });
    await row.first().waitFor({ state: 'visible', timeout: 20_000 });
    await row.first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
  }

  async openFile(rel: string): Promise<void> {
    await this.quickOpen(rel);
    await this.page
      .locator('.editor-group-container.active .monaco-editor textarea')
      .first()
      .waitFor({ state: 'attached' });
    await sleep(300);
  }

  /** Quick Open on a workspace-relative `.ipynb`; waits for its notebook editor to show its cells. */
  async openNotebook(rel: string): Promise<void> {
    await this.quickOpen(rel);
    // The notebook editor is an overlay outside the editor group; its first cell row gets focus.
    await this.page.locator('.notebook-editor .monaco-list-row.focused').first().waitFor({ state: 'attached' });
    await sleep(300);
  }

  /** Moves the cursor to the start of `line` (1-based) with Go to Line. */
  async goToLine(line: number): Promise<void> {
    await this.openQuickInput(`:${line}`);
    await sleep(300);
    await this.page.keyboard.press('Enter');
    await waitFor(`the cursor on line ${line}`, async () => (await this.cursorLine()) === line, 5000, 100);
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Home'); // twice: the first may stop at the indentation
  }

  /** The active editor's cursor line from the status bar ("Ln 5, Col 1"). */
  async cursorLine(): Promise<number | undefined> {
    const text = await this.page
      .locator('#status\\.editor\\.selection')
      .innerText()
      .catch(() => '');
    const m = /Ln\s*(\d+)/.exec(text);
    return m ? Number(m[1]) : undefined;
  }

  /** The text of the active editor as rendered (fine for short files). */
  async activeEditorText(): Promise<string> {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
  }

  async saveAll(): Promise<void> {
    await this.runCommand('File: Save All');
    await sleep(500);
  }

  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
  }

  // ------------------------------------------------------------ notifications

  /** Records every toast state change into the page (so short-lived progress is not missed). */
  private async recordToasts(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as { __e2eToastLog: string[] };
      w.__e2eToastLog = [];
      const snap = () => {
        for (const t of Array.from(document.querySelectorAll('.notifications-toasts .notification-toast'))) {
          const bar = t.querySelector('.monaco-progress-container');
          const bit = t.querySelector('.monaco-progress-container .progress-bit');
          const barState =
            !bar || bar.classList.contains('done') || getComputedStyle(bar).display === 'none'
              ? 'none'
              : bar.classList.contains('infinite')
                ? 'infinite'
                : 'discrete';
          const line = `${t.innerText.replace(/\s+/g, ' ').trim()} ⟨bar:${barState}${bit && barState === 'discrete' ? ' ' + bit.style.width : ''}⟩`;
          if (w.__e2eToastLog[w.__e2eToastLog.length - 1] !== line) w.__e2eToastLog.push(line);
        }
      };
      new MutationObserver(snap).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['class', 'style'],
      });
    });
  }

  async toastLog(): Promise<string[]> {
    return this.page.evaluate(() => (window as { __e2eToastLog: string[] }).__e2eToastLog.slice());
  }

  async toasts(): Promise<ToastInfo[]> {
    // Playwright types `els` with lib "dom" types this project does not load.
    return this.page.locator(TOASTS).evaluateAll((els: PageElement[]) =>
      els.map((t) => {
        const bar = t.querySelector('.monaco-progress-container');
        const bit = t.querySelector('.monaco-progress-container .progress-bit');
        const icon = t.querySelector('.notification-list-item-icon');
        const cls = icon ? icon.className : '';
        return {
          text: t.querySelector('.notification-list-item-message')?.innerText.replace(/\s+/g, ' ').trim() ?? '',
          buttons: Array.from(t.querySelectorAll('.notification-list-item-buttons-container .monaco-button')).map((b) =>
            b.innerText.trim(),
          ),
          severity: /codicon-error/.test(cls)
            ? 'error'
            : /codicon-warning/.test(cls)
              ? 'warning'
              : /codicon-info/.test(cls)
                ? 'info'
                : 'none',
          progress:
            !bar || bar.classList.contains('done') || getComputedStyle(bar).display === 'none'
              ? 'none'
              : bar.classList.contains('infinite')
                ? 'infinite'
                : 'discrete',
          progressWidth: bit?.style.width ?? '',
        } as const;
      }),
    );
  }

  /** Each toast's message as shown, with the links VS Code made in it (its anchors), read at one moment. */
  async toastLinks(): Promise<{ text: string; links: { href: string; text: string }[] }[]> {
    return this.page.locator(TOASTS).evaluateAll((els: PageElement[]) =>
      els.map((t) => {
        const message = t.querySelector('.notification-list-item-message');
        return {
          text: message?.innerText.replace(/\s+/g, ' ').trim() ?? '',
          links: Array.from(message?.querySelectorAll('a') ?? []).map((a) => ({
            href: a.getAttribute('href') ?? '',
            text: a.innerText,
          })),
        };
      }),
    );
  }

  /** The toast button with this text (the first such toast). */
  toastButton(label: string | RegExp): Locator {
    return this.page
      .locator(`${TOASTS} .notification-list-item-buttons-container .monaco-button`)
      .filter({ hasText: label })
      .first();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  }

  // ------------------------------------------------------------ views

  /** A view's pane in the side bar, by its title. */
  viewPane(title: RegExp): Locator {
    return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header', { hasText: title }) });
  }

  /**
   * Whether `target` (a row of the view titled `title`) is shown, scrolling the view's list from
   * the top to look for it: a list renders only the rows its height shows, and a view keeps its
   * scroll position between scenarios.
   */
  async scrolledIntoView(title: RegExp, target: Locator): Promise<boolean> {
    if (await target.isVisible()) return true;
    const list = this.viewPane(title).locator('.monaco-list').first();
    if (!(await list.isVisible())) return false;
    await list.hover();
    await this.page.mouse.wheel(0, -100_000);
    for (let i = 0; i < 40; i++) {
      await sleep(100);
      if (await target.isVisible()) return true;
      await this.page.mouse.wheel(0, 66);
    }
    return target.isVisible();
  }

  // ------------------------------------------------------------ explorer

  /** Right-clicks a file in the explorer (workspace root) and chooses a context-menu entry. */
  async explorerContextMenu(fileName: string, entry: string | RegExp): Promise<void> {
    await this.runCommand('View: Show Explorer');
    const row = this.page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: fileName }) });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
    await row.first().click({ button: 'right' });
    const item = this.page.locator('.monaco-menu .action-item .action-label').filter({ hasText: entry });
    try {
      await item.first().waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const shown = await this.page.locator('.monaco-menu .action-item .action-label').allTextContents();
      await this.page.keyboard.press('Escape');
      throw new Error(
        `"${String(entry)}" is not in the explorer context menu of ${fileName} (shown: ${JSON.stringify(shown.filter(Boolean))})`,
      );
    }
    // VS Code's menus act on their own mouse-up/keyboard handling; hovering then Enter is what works reliably.
    await item.first().hover();
    await sleep(200);
    await this.page.keyboard.press('Enter');
    await waitFor('the context menu to close', async () => !(await item.first().isVisible()), 5000, 100);
  }
}
