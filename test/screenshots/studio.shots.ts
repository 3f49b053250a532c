// The README's and the walkthrough's pictures of the Studio, taken from the real webview in
// headless chromium exactly as the browser tests drive it (`npm run screenshots`, not part of
// `npm test`): so they show the UI as it is, never as it was. Light and dark.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { modelOptionsView } from '../../src/core/apis/optionsView';
import { card, ENGLISH as S } from '../browser/support/fixtures';
import type { Theme } from '../browser/support/fakeVsCode';
import type { StudioPage } from '../browser/support/studioPage';
import { ROOT } from '../browser/support/studioServer';
import { useStudio } from '../browser/support/useStudio';
import { optimisePng } from './optimisePng';

const DOCS = path.join(ROOT, 'docs', 'images');
const WALKTHROUGH = path.join(ROOT, 'media', 'walkthrough');
const PROMPT = 'A paper boat on a pond at sunrise, soft watercolour';

async function save(p: StudioPage, file: string, clipHeight: number): Promise<void> {
  // Let the images decode before the picture is taken.
  await p.page.evaluate(
    'Promise.all(Array.from(document.images).map((i) => i.complete ? 0 : new Promise((r) => { i.onload = r; i.onerror = r; setTimeout(r, 2000); })))',
  );
  const width = p.page.viewportSize()?.width ?? 900;
  const png = await p.page.screenshot({ clip: { x: 0, y: 0, width, height: clipHeight } });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, optimisePng(png));
  console.log(`  ${path.relative(ROOT, file)}`);
}

describe('screenshots: the Image Studio', function () {
  this.timeout(120_000);
  const studio = useStudio();

  /** The Studio after a gpt-image-1 job: its options set, the two variations it made, earlier results below. */
  async function studioWithResult(theme: Theme, width: number, height: number): Promise<StudioPage> {
    const origin = studio.server.origin;
    const result = card(origin, 0, {
      id: 'boat',
      prompt: PROMPT,
      model: 'gpt-image-1',
      aspectRatio: undefined,
      elapsedMs: 41_300,
      images: [
        {
          name: 'paper-boat-1.png',
          webviewUri: `${origin}/drawn/paper-boat-1.png`,
          missing: false,
          variation: 0,
          revisedPrompt: 'A small folded paper boat floating on a calm pond at sunrise, soft watercolour washes',
        },
        { name: 'paper-boat-2.png', webviewUri: `${origin}/drawn/paper-boat-2.png`, missing: false, variation: 1 },
      ],
    });
    const older = [1, 2].map((i) =>
      card(origin, i, {
        images: [{ name: `image-${i}.png`, webviewUri: `${origin}/drawn/older-${i}.png`, missing: false }],
      }),
    );
    const p = await studio.openWithInit(
      {
        history: [result, ...older],
        historyTotal: 12,
        target: 'docs/post.md',
        attachments: [{ id: 'att-1', name: 'pond.png', webviewUri: `${origin}/drawn/pond.png` }],
      },
      { theme, width, height },
    );
    await p.post({ type: 'modelOptions', options: modelOptionsView('gemini-2.5-flash-image') });
    await p.page.getByLabel(S.modelLabel, { exact: true }).selectOption('gpt-image-1');
    await p.post({ type: 'modelOptions', options: modelOptionsView('gpt-image-1') });
    await p.page.getByLabel(S.promptLabel, { exact: true }).fill(PROMPT);
    await p.page.getByLabel(S.variationsLabel).selectOption('2');
    await p.page.getByLabel(S.pixelSizeLabel).selectOption('1536x1024');
    await p.page.getByLabel(S.qualityLabel).selectOption('high');
    await p.page.getByLabel(S.outputFormatLabel).selectOption('webp');
    return p;
  }

  for (const theme of ['dark', 'light'] as const) {
    it(`the Studio with a result and its options (${theme})`, async () => {
      const p = await studioWithResult(theme, 900, 1000);
      await save(p, path.join(DOCS, `studio-${theme}.png`), 900);
    });

    it(`the walkthrough's Studio step (${theme})`, async () => {
      const p = await studioWithResult(theme, 640, 900);
      await save(p, path.join(WALKTHROUGH, `studio-${theme}.png`), 720);
    });
  }
});
