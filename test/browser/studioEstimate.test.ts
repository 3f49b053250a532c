// The estimate beside Generate in real headless chromium: the page asks the host what Send would
// cost whenever the model, the number of images or an option changes, and shows the answer to its
// latest question only. The host's answers are built as the extension builds them (core's
// estimate over the test server's price list, in the adapter's words).
import assert from 'node:assert/strict';
import { readGatewayCatalog } from '../../src/core/apis/gatewayCatalog';
import { modelOptionsView } from '../../src/core/apis/optionsView';
import { ModelCatalog } from '../../src/core/modelCatalog';
import { estimateJob } from '../../src/core/job/estimateJob';
import { estimateText } from '../../src/vscode/priceText';
import { jobOptionsOf, type ApiSetting } from '../../shared/imageVocabulary';
import { webviewToHostSchema } from '../../shared/protocolSchema';
import { modelListBody } from '../server/catalogAnswers';
import { ENGLISH } from './support/fixtures';
import type { StudioPage } from './support/studioPage';
import { useStudio } from './support/useStudio';

const S = ENGLISH;
const catalog = new ModelCatalog(readGatewayCatalog(modelListBody(0) as { data: unknown[] }));

describe('Studio estimate beside Generate (headless chromium)', function () {
  this.timeout(60_000);
  const studio = useStudio();

  /** Every estimate the page asked for so far. */
  async function asked(p: StudioPage): Promise<Record<string, unknown>[]> {
    return p.postedOfType('estimate');
  }

  /** Waits for the page's next estimate question (after `seen` of them) and answers it as the host does. */
  async function answerNext(p: StudioPage, seen: number): Promise<{ question: Record<string, unknown>; text: string }> {
    await p.waitFor(`window.__posted.filter((m) => m && m.type === 'estimate').length > ${seen}`);
    // Changes of one moment are asked about once; let that moment pass, then answer the latest.
    await new Promise((r) => setTimeout(r, 150));
    const question = (await asked(p)).at(-1) ?? {};
    const parsed = webviewToHostSchema.safeParse(question);
    if (!parsed.success || parsed.data.type !== 'estimate')
      return assert.fail(`the estimate question passes the host's schema: ${JSON.stringify(question)}`);
    const q = parsed.data;
    const { api, options } = jobOptionsOf(q);
    const text = estimateText(estimateJob(catalog, q.model, api, { ...options, imageSize: q.imageSize || undefined }));
    await p.post({ type: 'estimate', seq: q.seq, text });
    return { question, text };
  }

  function shown(p: StudioPage): Promise<string> {
    return p.page.getByRole('status', { name: S.estimateLabel }).innerText();
  }

  async function describeAs(p: StudioPage, model: string, api?: ApiSetting): Promise<void> {
    await p.post({ type: 'modelOptions', options: modelOptionsView(model, api, catalog) });
  }

  it('changes with the number of images and the quality, as Send would ask', async () => {
    const p = await studio.openWithInit({ defaults: { model: 'gpt-image-1' } });
    await describeAs(p, 'gpt-image-1');
    // Quality left to the model: the dearest tier the gateway lists, said as an estimate.
    let a = await answerNext(p, 0);
    assert.deepEqual([a.question.model, a.question.variations], ['gpt-image-1', 1]);
    await p.waitFor(`document.querySelector('.estimate').textContent === ${JSON.stringify(a.text)}`);
    assert.equal(await shown(p), '≈ ¥0.25 · 1 image');

    const one = (await asked(p)).length;
    await p.page.getByLabel(S.variationsLabel).selectOption('3');
    a = await answerNext(p, one);
    assert.equal(a.question.variations, 3);
    await p.waitFor(`document.querySelector('.estimate').textContent === ${JSON.stringify('≈ ¥0.75 · 3 images')}`);

    const before = (await asked(p)).length;
    await p.page.getByLabel(S.qualityLabel).selectOption('low');
    a = await answerNext(p, before);
    assert.equal(a.question.quality, 'low');
    await p.waitFor(`document.querySelector('.estimate').textContent === ${JSON.stringify('¥0.06 · 3 images')}`);

    const again = (await asked(p)).length;
    await p.page.getByLabel(S.qualityLabel).selectOption('high');
    await answerNext(p, again);
    await p.waitFor(`document.querySelector('.estimate').textContent === ${JSON.stringify('¥0.75 · 3 images')}`);
  });

  it('a model without a price says so, and a late answer to an older question is not shown', async () => {
    const p = await studio.openWithInit({
      defaults: { model: 'gemini-2.5-flash-image-preview' },
      models: [
        { id: 'gemini-2.5-flash-image-preview', label: 'gemini-2.5-flash-image-preview', api: 'chat' },
        { id: 'dall-e-3', label: 'dall-e-3', api: 'images' },
      ],
    });
    await describeAs(p, 'gemini-2.5-flash-image-preview');
    const first = await answerNext(p, 0);
    assert.equal(first.text, 'price unknown · 1 image');
    await p.waitFor(`document.querySelector('.estimate').textContent === 'price unknown · 1 image'`);

    const seen = (await asked(p)).length;
    await p.page.getByLabel(S.modelLabel, { exact: true }).selectOption('dall-e-3');
    await describeAs(p, 'dall-e-3');
    await p.waitFor(`window.__posted.filter((m) => m && m.type === 'estimate').length > ${seen}`);
    // The answer to the first question arrives late: the page keeps waiting for the latest.
    await p.post({ type: 'estimate', seq: Number(first.question.seq), text: 'stale answer' });
    assert.notEqual(await shown(p), 'stale answer');
    const latest = await answerNext(p, seen);
    assert.equal(latest.question.model, 'dall-e-3');
    await p.waitFor(`document.querySelector('.estimate').textContent === '¥0.28 · 1 image'`);
  });
});
