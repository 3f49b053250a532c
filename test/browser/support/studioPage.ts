// One Studio page in headless Debian chromium, with helpers to post host messages, read what
// the page posted, and keep screenshots for a person to look at after the run.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview } from '../../../shared/protocol';
import { fakeVsCodeScript, type Theme } from './fakeVsCode';
import { ROOT, type StudioServer } from './studioServer';

export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'browser');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OpenOptions {
  theme?: Theme;
  /** What `getState()` returns, as after VS Code restores a hidden webview. */
  state?: unknown;
  width?: number;
  height?: number;
}

export class StudioPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, server: StudioServer, o: OpenOptions = {}): Promise<StudioPage> {
    const page = await browser.newPage({ viewport: { width: o.width ?? 900, height: o.height ?? 900 } });
    await page.addInitScript({ content: fakeVsCodeScript(o.theme ?? 'dark', o.state) });
    await page.goto(`${server.origin}/`);
    const studio = new StudioPage(page);
    await studio.waitFor('window.__posted.length > 0');
    return studio;
  }

  /**
   * Polls a JS expression until truthy. Not page.waitForFunction: that evals inside the page,
   * which the page's CSP (rightly) forbids; page.evaluate runs outside it.
   */
  async waitFor(expression: string, timeoutMs = 5000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await this.page.evaluate(expression))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Delivers a message the way VS Code does: a `message` event on the webview's window. */
  async post(message: HostToWebview): Promise<void> {
    await this.page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
    // postMessage is async; wait one task so the handler has run.
    await this.page.evaluate('new Promise((r) => setTimeout(r, 0))');
  }

  async posted(): Promise<unknown[]> {
    return this.page.evaluate<unknown[]>('window.__posted');
  }

  async postedOfType(type: string): Promise<Record<string, unknown>[]> {
    const all = await this.posted();
    return all.filter(
      (m): m is Record<string, unknown> =>
        typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type,
    );
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate('window.__posted.length = 0');
  }

  async cspViolations(): Promise<{ directive: string; blocked: string }[]> {
    return this.page.evaluate<{ directive: string; blocked: string }[]>('window.__csp');
  }

  async screenshot(name: string, fullPage = true): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Let on-screen images decode so the picture shows what a person would see; lazy ones
    // further down never load, so waiting for them would only time out.
    await this.page.evaluate(`Promise.all(Array.from(document.images)
      .filter((i) => !i.complete && i.getBoundingClientRect().top < ${fullPage ? 'document.documentElement.scrollHeight' : 'innerHeight'})
      .map((i) => new Promise((r) => { i.addEventListener('load', r); i.addEventListener('error', r); setTimeout(r, 2000); })))`);
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
