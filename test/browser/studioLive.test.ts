// Live previews, the continuation note, variation groups and an error's "switch API" fix in real
// headless chromium, under the page's real CSP: what the user sees and exactly what the page posts back.
import assert from 'node:assert/strict';
import { modelOptionsView } from '../../src/core/apis/optionsView';
import { webviewToHostSchema } from '../../shared/protocolSchema';
import { card, ENGLISH } from './support/fixtures';
import { sampleImage } from './support/sampleImages';
import { useStudio } from './support/useStudio';

const S = ENGLISH;

function pngDataUrl(i: number): string {
  return `data:image/png;base64,${sampleImage(i).toString('base64')}`;
}

describe('Studio live previews, continuation and variations (headless chromium)', function () {
  this.timeout(60_000);
  const studio = useStudio();

  it("each partial image replaces the last in the running job's card, labelled; the result replaces them", async () => {
    const p = await studio.openWithInit();
    await p.post({ type: 'jobStarted', jobId: 'job-1', prompt: 'a kite', model: 'gpt-4.1' });
    const job = p.page.locator('.job:not([hidden])');
    assert.equal(await job.locator('img').count(), 0, 'no preview before the first partial image');

    await p.post({ type: 'preview', jobId: 'job-1', variation: 0, index: 0, dataUrl: pngDataUrl(1) });
    const preview = job.getByRole('img', { name: 'Preview 1 of the image being drawn' });
    assert.equal(await preview.getAttribute('src'), pngDataUrl(1));
    await p.post({ type: 'preview', jobId: 'job-1', variation: 0, index: 1, dataUrl: pngDataUrl(2) });
    assert.equal(await job.locator('img').count(), 1, 'the second preview replaced the first');
    const second = job.getByRole('img', { name: 'Preview 2 of the image being drawn' });
    assert.equal(await second.getAttribute('src'), pngDataUrl(2));
    await p.waitFor(
      `document.querySelector('.job img').complete && document.querySelector('.job img').naturalWidth === 96`,
    );

    // A late, blurrier one does not replace the sharper one; a preview for another job goes nowhere.
    await p.post({ type: 'preview', jobId: 'job-1', variation: 0, index: 0, dataUrl: pngDataUrl(3) });
    await p.post({ type: 'preview', jobId: 'other', variation: 0, index: 5, dataUrl: pngDataUrl(4) });
    assert.equal(await job.locator('img').getAttribute('src'), pngDataUrl(2));
    await p.screenshot('live-preview');

    await p.post({ type: 'jobEnded', jobId: 'job-1', outcome: 'done', elapsedMs: 9000 });
    assert.equal(await p.page.locator('.job:not([hidden])').count(), 0);
    await p.post({
      type: 'result',
      jobId: 'job-1',
      card: card(studio.server.origin, 7, { id: 'r-1', prompt: 'a kite' }),
    });
    assert.equal(await p.page.locator('.feed .card img').getAttribute('src'), `${studio.server.origin}/img/7.png`);
    assert.deepEqual(await p.cspViolations(), [], 'image data URLs load under the CSP');
  });

  it('previews of two variations sit side by side, each named; data URLs that are not PNG/JPEG/WebP are ignored', async () => {
    const p = await studio.openWithInit();
    await p.post({ type: 'jobStarted', jobId: 'job-2', prompt: 'two kites', model: 'gpt-4.1' });
    await p.post({ type: 'preview', jobId: 'job-2', variation: 1, index: 0, dataUrl: pngDataUrl(5) });
    await p.post({ type: 'preview', jobId: 'job-2', variation: 0, index: 2, dataUrl: pngDataUrl(6) });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>').toString('base64');
    for (const dataUrl of [
      `data:image/svg+xml;base64,${svg}`,
      'data:text/html;base64,PHNjcmlwdD4=',
      'javascript:alert(1)',
      `${pngDataUrl(7)}"><img src=x>`,
      `${studio.server.origin}/img/8.png`,
    ]) {
      await p.post({ type: 'preview', jobId: 'job-2', variation: 2, index: 0, dataUrl });
    }
    const alts = await p.page.evaluate<string[]>(
      "Array.from(document.querySelectorAll('.job img'), (i) => i.getAttribute('alt'))",
    );
    assert.deepEqual(alts, [
      'Variation 1: Preview 3 of the image being drawn',
      'Variation 2: Preview 1 of the image being drawn',
    ]);
    assert.equal(await p.page.evaluate('window.__pwned'), undefined);
  });

  it('"Continuing from" stands above the prompt as text; × hides it and tells the host', async () => {
    const p = await studio.openWithInit();
    const note = p.page.getByRole('note').filter({ hasText: 'Continuing from' });
    assert.equal(await note.count(), 0, 'nothing to continue yet');
    await p.post({ type: 'continuation', resultId: 'r-9', prompt: 'a <b>kite</b>\n over  the sea' });
    assert.ok(await note.isVisible());
    assert.equal(
      await note.locator('p').textContent(),
      'Continuing from: a <b>kite</b> over the sea — the next prompt edits that image',
    );
    const above = await p.page.evaluate(`(() => {
      const note = document.querySelector('.continuation');
      const prompt = document.querySelector('textarea.prompt-input');
      return Boolean(note.compareDocumentPosition(prompt) & Node.DOCUMENT_POSITION_FOLLOWING);
    })()`);
    assert.equal(above, true, 'the note comes before the prompt');
    await p.screenshot('continuation-note');

    await p.page.getByRole('button', { name: S.stopContinuing }).click();
    assert.ok(await note.isHidden());
    assert.deepEqual(await p.posted(), [{ type: 'dropContinuation' }]);
    assert.ok(webviewToHostSchema.safeParse({ type: 'dropContinuation' }).success);

    // The host says it was used by the next generation: the note goes.
    await p.post({ type: 'continuation', resultId: 'r-9', prompt: 'again' });
    assert.ok(await note.isVisible());
    await p.post({ type: 'continuation' });
    assert.ok(await note.isHidden());
  });

  it('a variation group: each image labelled with its own Insert and Copy, Insert all, and the revised prompt folded away', async () => {
    const origin = studio.server.origin;
    const group = card(origin, 3, {
      id: 'group-1',
      prompt: 'two kites',
      variations: 2,
      images: [
        { name: 'kites-1.png', webviewUri: `${origin}/img/3.png`, missing: false, variation: 0 },
        {
          name: 'kites-2.png',
          webviewUri: `${origin}/img/4.png`,
          missing: false,
          variation: 1,
          revisedPrompt: 'Two <i>red</i> kites over a grey sea',
        },
      ],
    });
    const p = await studio.openWithInit({ history: [group], historyTotal: 1 });
    const set = p.page.getByRole('group', { name: '2 variations' });
    assert.deepEqual(await set.locator('figcaption .variation-label').allTextContents(), [
      'Variation 1',
      'Variation 2',
    ]);
    assert.equal(await set.getByRole('img').count(), 2);
    assert.equal(
      await set.getByRole('img', { name: 'Variation 2: Generated image: two kites' }).getAttribute('src'),
      `${origin}/img/4.png`,
    );

    const details = set.locator('details.revised');
    assert.equal(await details.count(), 1, 'only the variation with a revised prompt has one');
    assert.equal(await details.evaluate((d) => (d as unknown as { open: boolean }).open), false);
    await details.locator('summary').click();
    assert.equal(await details.locator('.revised-text').textContent(), 'Two <i>red</i> kites over a grey sea');
    await p.screenshot('variation-group');

    await set.getByRole('button', { name: 'Insert variation 2' }).click();
    await set.getByRole('button', { name: 'Copy Markdown of variation 1' }).click();
    await p.page.getByRole('button', { name: S.insertAll }).click();
    const posted = await p.posted();
    assert.deepEqual(posted, [
      { type: 'insert', resultId: 'group-1', image: 1 },
      { type: 'copyMarkdown', resultId: 'group-1', image: 0 },
      { type: 'insert', resultId: 'group-1' },
    ]);
    for (const m of posted) assert.ok(webviewToHostSchema.safeParse(m).success, JSON.stringify(m));
  });

  it("a missing variation's buttons are disabled; one image shows no group but its revised prompt", async () => {
    const origin = studio.server.origin;
    const group = card(origin, 1, {
      id: 'group-2',
      variations: 2,
      images: [
        { name: 'a-1.png', webviewUri: `${origin}/img/1.png`, missing: false, variation: 0 },
        { name: 'a-2.png', webviewUri: '', missing: true, variation: 1 },
      ],
    });
    const single = card(origin, 2, {
      id: 'single',
      images: [
        { name: 'b.png', webviewUri: `${origin}/img/2.png`, missing: false, revisedPrompt: 'A mug, studio light' },
      ],
    });
    const p = await studio.openWithInit({ history: [group, single], historyTotal: 2 });
    assert.ok(await p.page.getByRole('button', { name: 'Insert variation 2' }).isDisabled());
    assert.ok(await p.page.getByRole('button', { name: 'Insert variation 1' }).isEnabled());
    const one = p.page.locator('li[data-id="single"]');
    assert.equal(await one.locator('.variations').count(), 0);
    assert.equal(await one.getByRole('button', { name: S.insert, exact: true }).count(), 1);
    assert.equal(await one.locator('details.revised .revised-text').textContent(), 'A mug, studio light');
  });

  it('an error with its fix: "Use the Images API" switches the API control and sends the same request there', async () => {
    const p = await studio.openWithInit();
    await p.page.getByLabel(S.modelLabel, { exact: true }).selectOption('gpt-image-1');
    await p.post({ type: 'modelOptions', options: modelOptionsView('gpt-image-1', 'chat') });
    await p.page.getByLabel(S.apiLabel).selectOption('chat');
    await p.page.getByLabel(S.promptLabel, { exact: true }).fill('a lamp');
    await p.page.getByRole('button', { name: S.send, exact: true }).click();
    const [first] = await p.postedOfType('generate');
    assert.equal(first.api, 'chat');
    await p.post({ type: 'jobStarted', jobId: 'j-1', prompt: 'a lamp', model: 'gpt-image-1' });
    const message = 'gpt-image-1 is not served by chat completions; it is served by the Images API.';
    await p.post({
      type: 'error',
      jobId: 'j-1',
      kind: 'badRequest',
      message,
      actions: ['switchApi', 'openSettings'],
      switchTo: 'images',
    });
    await p.post({ type: 'jobEnded', jobId: 'j-1', outcome: 'error', elapsedMs: 300 });
    const alert = p.page.getByRole('alert');
    assert.equal(await alert.locator('.error-message').textContent(), message);
    assert.deepEqual(await alert.getByRole('button').allTextContents(), [
      'Use the Images API',
      S.actionOpenSettings,
      S.dismiss,
    ]);
    await p.screenshot('error-switch-api');
    await p.clearPosted();

    await alert.getByRole('button', { name: 'Use the Images API' }).click();
    assert.equal(await p.page.getByLabel(S.apiLabel).inputValue(), 'images');
    assert.ok(await alert.isHidden());
    const posted = await p.posted();
    assert.deepEqual(posted, [
      { type: 'describeModel', model: 'gpt-image-1', api: 'images' },
      { ...first, api: 'images' },
    ]);
    for (const m of posted) assert.ok(webviewToHostSchema.safeParse(m).success, JSON.stringify(m));
  });

  it('a switch without an API to switch to offers no button', async () => {
    const p = await studio.openWithInit();
    await p.post({
      type: 'error',
      kind: 'badRequest',
      message: 'not served here',
      actions: ['switchApi', 'openSettings'],
    });
    assert.deepEqual(await p.page.getByRole('alert').getByRole('button').allTextContents(), [
      S.actionOpenSettings,
      S.dismiss,
    ]);
  });
});
