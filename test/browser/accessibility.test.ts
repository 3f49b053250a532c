// An automated accessibility audit of the Studio: axe-core (the engine behind most a11y checkers)
// runs in the webview page in headless chromium, in VS Code's dark, light and both high contrast
// themes, in English and Simplified Chinese, with results, with a running job and with the mask
// editor open. No violation may remain (serious and critical ones above all); colour contrast is checked in every
// theme, against the theme's own --vscode-* colours as the fake host sets them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { studioStrings } from '../../src/studio/studioStrings';
import { card, initMessage } from './support/fixtures';
import type { Theme } from './support/fakeVsCode';
import { StudioPage } from './support/studioPage';
import { ROOT, startStudioServer, type StudioServer } from './support/studioServer';
import { useStudio } from './support/useStudio';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const THEMES: Theme[] = ['dark', 'light', 'hc', 'hcLight'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe's violations on the page as it is now, one line each for the failure message. Serious and
 * critical ones are what the issue forbids; the Studio has no moderate or minor ones either, so
 * none may come back.
 */
async function audit(p: StudioPage): Promise<string[]> {
  await p.page.evaluate(AXE);
  const result = await p.page.evaluate<{ violations: Violation[]; passes: { id: string }[] }>(
    "axe.run(document, { resultTypes: ['violations', 'passes'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
  );
  // The audit looked at colours: a run that skipped the rule would pass on nothing.
  assert.ok(
    [...result.passes, ...result.violations].some((r) => r.id === 'color-contrast'),
    'color-contrast was not checked',
  );
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
    ),
  );
}

describe('Studio accessibility audit with axe-core (headless chromium)', function () {
  this.timeout(120_000);
  const studio = useStudio();

  async function withResults(theme: Theme): Promise<StudioPage> {
    const origin = studio.server.origin;
    const history = [0, 1, 2].map((i) => card(origin, i));
    history.push(
      card(origin, 3, {
        images: [
          {
            name: 'boat-1.png',
            webviewUri: `${origin}/img/1.png`,
            missing: false,
            variation: 0,
            revisedPrompt: 'A paper boat on a pond, morning light',
          },
          { name: 'boat-2.png', webviewUri: `${origin}/img/2.png`, missing: false, variation: 1 },
        ],
      }),
      card(origin, 4, { images: [{ name: 'gone.png', webviewUri: '', missing: true }] }),
    );
    const p = await studio.openWithInit(
      { history, historyTotal: 9, attachments: [{ id: 'att-1', name: 'cat.png', webviewUri: `${origin}/img/3.png` }] },
      { theme },
    );
    await p.post({ type: 'error', kind: 'auth', message: 'No GeekAI API key is set.', actions: ['setApiKey'] });
    await p.post({
      type: 'style',
      style: { prompt: 'flat vector, pastel palette', references: 1, model: 'gpt-4o-image', aspectRatio: '16:9' },
    });
    return p;
  }

  for (const theme of THEMES) {
    describe(`in the ${theme} theme`, () => {
      it('with results, variations, a missing file, an error and the workspace style: no violation', async () => {
        const p = await withResults(theme);
        assert.deepEqual(await audit(p), []);
        await p.screenshot(`a11y-results-${theme}`);
      });

      it('with a job running (progress, elapsed time, Cancel) and one waiting', async () => {
        const p = await studio.openWithInit({}, { theme });
        await p.post({ type: 'jobStarted', jobId: 'j1', prompt: 'A lighthouse at dusk', model: 'gpt-4o-image' });
        await p.post({ type: 'progress', jobId: 'j1', percent: 42, text: 'Rendering details', elapsedMs: 21_000 });
        await p.post({ type: 'jobStarted', jobId: 'j2', prompt: 'A red kite', model: 'gpt-image-1' });
        await p.post({ type: 'progress', jobId: 'j2', text: '', elapsedMs: 0, place: 1 });
        assert.deepEqual(await audit(p), []);
      });

      it('with the mask editor open', async () => {
        const origin = studio.server.origin;
        const p = await studio.openWithInit(
          { attachments: [{ id: 'att-2', name: 'photo.png', webviewUri: `${origin}/img/120x80.png` }] },
          { theme },
        );
        await p.page.getByRole('button', { name: 'Paint a mask on photo.png' }).click();
        await p.page.getByRole('dialog', { name: 'Mask for photo.png' }).waitFor();
        assert.deepEqual(await audit(p), []);
        await p.screenshot(`a11y-mask-${theme}`);
      });

      it('with the gallery of workspace images open and one selected', async () => {
        const origin = studio.server.origin;
        const p = await studio.openWithInit({}, { theme });
        await p.page.locator('details.gallery > summary').click();
        const images = [0, 1, 2, 3, 4].map((i) => ({
          id: `g${i}`,
          name: `shot-${i}.png`,
          folder: i === 0 ? '' : 'images',
          webviewUri: i === 4 ? '' : `${origin}/img/${i}.png`,
          ...(i === 3 ? {} : { width: 64, height: 64 }),
          size: '12 KB',
          ...(i === 1 ? { prompt: 'A lighthouse at dusk', model: 'gpt-image-1' } : {}),
          uses: i,
          attachable: true,
        }));
        await p.post({ type: 'gallery', search: '', offset: 0, total: 9, images });
        await p.page.getByRole('button', { name: /^shot-1\.png,/ }).click();
        await p.page.locator('.gallery-details').waitFor();
        assert.deepEqual(await audit(p), []);
        await p.screenshot(`a11y-gallery-${theme}`);
      });
    });
  }

  it('sees a violation when there is one: a theme whose description colour is too faint fails colour contrast', async () => {
    const p = await withResults('dark');
    await p.page.evaluate("document.documentElement.style.setProperty('--vscode-descriptionForeground', '#3a3a3a')");
    const found = await audit(p);
    assert.ok(
      found.some((v) => v.startsWith('color-contrast (serious)')),
      found.join('\n'),
    );
  });

  it("names each running job's region for its prompt, so two jobs are two distinct landmarks", async () => {
    const p = await studio.openWithInit({});
    await p.post({ type: 'jobStarted', jobId: 'j1', prompt: 'A lighthouse at dusk', model: 'gpt-4o-image' });
    await p.post({ type: 'jobStarted', jobId: 'j2', prompt: 'A red kite', model: 'gpt-4o-image' });
    const names = await p.page.evaluate<string[]>(
      "[...document.querySelectorAll('section.job:not([hidden])')].map((e) => e.getAttribute('aria-label'))",
    );
    assert.deepEqual(names, ['Working… A lighthouse at dusk', 'Working… A red kite']);
  });

  describe('in Simplified Chinese', () => {
    let zhServer: StudioServer;
    before(async () => {
      zhServer = await startStudioServer('zh-cn');
    });
    after(() => zhServer.close());

    for (const theme of ['dark', 'hcLight'] as const) {
      it(`renders without a violation (${theme})`, async () => {
        const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
          string,
          string
        >;
        const zh = studioStrings({ t: (m) => bundle[m] ?? m });
        const p = await StudioPage.open(studio.browser, zhServer, { theme });
        try {
          await p.post(
            initMessage({
              locale: 'zh-cn',
              strings: zh,
              history: [0, 2].map((i) => card(zhServer.origin, i)),
              historyTotal: 2,
            }),
          );
          await p.post({ type: 'jobStarted', jobId: 'j', prompt: '一只猫', model: 'gpt-4o-image' });
          assert.deepEqual(await audit(p), []);
        } finally {
          await p.close();
        }
      });
    }
  });
});
