// The mocha lifecycle every webview test file shares: one chromium and one page server per file,
// each test's pages closed after it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { initMessage, type InitMessage } from './fixtures';
import { launchChromium, StudioPage, type OpenOptions } from './studioPage';
import { ROOT, startStudioServer, type StudioServer } from './studioServer';

export interface StudioFixture {
  readonly browser: Browser;
  readonly server: StudioServer;
  /** A fresh page (closed after the test), before `init`. */
  open(o?: OpenOptions): Promise<StudioPage>;
  /** A fresh page that received `init` (with `extra`), with nothing posted yet. */
  openWithInit(extra?: Partial<InitMessage>, o?: OpenOptions): Promise<StudioPage>;
}

export function useStudio(): StudioFixture {
  let browser: Browser | undefined;
  let server: StudioServer | undefined;
  const pages: StudioPage[] = [];

  before(async function () {
    if (!existsSync(path.join(ROOT, 'dist/webview.js')))
      throw new Error('dist/webview.js is missing: run `node esbuild.js` first');
    browser = await launchChromium();
    server = await startStudioServer();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  const fixture: StudioFixture = {
    get browser(): Browser {
      if (!browser) throw new Error('chromium is not running (outside a test?)');
      return browser;
    },
    get server(): StudioServer {
      if (!server) throw new Error('the page server is not running (outside a test?)');
      return server;
    },
    async open(o = {}) {
      const page = await StudioPage.open(fixture.browser, fixture.server, o);
      pages.push(page);
      return page;
    },
    async openWithInit(extra = {}, o = {}) {
      const page = await fixture.open(o);
      await page.post(initMessage(extra));
      await page.clearPosted();
      return page;
    },
  };
  return fixture;
}
