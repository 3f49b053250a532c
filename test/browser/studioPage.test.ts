// The Studio webview page in real headless chromium: built HTML, bundled script, real CSP.
// Screenshots of each state go to test-artifacts/browser/ for a person to look at.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { studioStrings } from '../../src/studio/studioStrings';
import type { StudioStrings } from '../../shared/studioStrings';
import { webviewToHostSchema } from '../../shared/protocolSchema';
import { card, ENGLISH, initMessage } from './support/fixtures';
import { SCREENSHOTS, StudioPage } from './support/studioPage';
import { useStudio } from './support/useStudio';
import { ROOT, startStudioServer, type StudioServer } from './support/studioServer';

const S = ENGLISH;

describe('Studio webview page (headless chromium)', function () {
  this.timeout(60_000);
  const studio = useStudio();

  before(() => console.log(`    screenshots: ${SCREENSHOTS}`));

  function openWithInit(
    extra: Parameters<typeof initMessage>[0] = {},
    theme: 'dark' | 'light' = 'dark',
  ): Promise<StudioPage> {
    return studio.openWithInit(extra, { theme });
  }

  it('posts ready first and builds nothing before init', async () => {
    const s = await studio.open();
    assert.deepEqual(await s.posted(), [{ type: 'ready' }]);
    assert.equal(await s.page.evaluate("document.getElementById('app').childElementCount"), 0);
    await s.post(initMessage());
    await s.page.getByLabel(S.promptLabel, { exact: true }).waitFor();
    assert.equal(await s.page.locator('#app').getAttribute('aria-busy'), null);
  });

  it('Enter posts a valid generate with the chosen model, options and attachments; Shift+Enter adds a line', async () => {
    const p = await openWithInit();
    await p.post({
      type: 'attachments',
      attachments: [
        { id: 'att-1', name: 'cat.png', webviewUri: `${studio.server.origin}/img/3.png` },
        { id: 'att-2', name: 'hat.png', webviewUri: `${studio.server.origin}/img/9.png` },
      ],
    });
    await p.page.getByLabel(S.modelLabel, { exact: true }).selectOption('gpt-4o-image');
    await p.page.getByLabel(S.aspectRatioLabel).selectOption('16:9');
    await p.page.getByLabel(S.imageSizeLabel).selectOption('2K');
    const prompt = p.page.getByLabel(S.promptLabel, { exact: true });
    await prompt.fill('A cat');
    await prompt.press('Shift+Enter');
    await prompt.pressSequentially('wearing a hat');
    assert.equal(await prompt.inputValue(), 'A cat\nwearing a hat');
    assert.equal((await p.postedOfType('generate')).length, 0, 'Shift+Enter must not send');
    await p.screenshot('composer-filled');

    await prompt.press('Enter');
    await prompt.press('Enter'); // a second Enter before the host answers must not start a second job
    const sent = await p.postedOfType('generate');
    assert.equal(sent.length, 1);
    const parsed = webviewToHostSchema.safeParse(sent[0]);
    assert.ok(parsed.success, 'generate must pass the host schema');
    assert.deepEqual(parsed.data, {
      type: 'generate',
      prompt: 'A cat\nwearing a hat',
      model: 'gpt-4o-image',
      aspectRatio: '16:9',
      imageSize: '2K',
      attachmentIds: ['att-1', 'att-2'],
    });
  });

  it('shows the demo banner as a note, as text', async () => {
    const banner =
      'Demo: this panel talks to a local test server (http://127.0.0.1:1/api/v1) that draws placeholder images. <b>x</b>';
    const p = await openWithInit({ defaults: { model: 'gemini-2.5-flash-image', banner } });
    assert.equal(await p.page.getByRole('note').textContent(), banner);
    assert.equal(await p.page.locator('.banner b').count(), 0);
    await p.screenshot('demo-banner', false);
  });

  it('sends a typed model id that is not in the catalog', async () => {
    const p = await openWithInit();
    await p.page.getByLabel(S.modelLabel, { exact: true }).selectOption({ label: S.customModel });
    await p.page.getByLabel(S.customModelLabel).fill('gemini-3-pro-image-preview');
    await p.page.getByLabel(S.promptLabel, { exact: true }).fill('A fox');
    await p.page.getByRole('button', { name: S.send, exact: true }).click();
    const [sent] = await p.postedOfType('generate');
    assert.equal(sent.model, 'gemini-3-pro-image-preview');
    assert.ok(webviewToHostSchema.safeParse(sent).success);
  });

  it('removes attachments, and turns a clipboard image and an explorer drop into messages', async () => {
    const p = await openWithInit({
      attachments: [{ id: 'att-1', name: 'cat.png', webviewUri: `${studio.server.origin}/img/3.png` }],
    });
    await p.page.getByRole('button', { name: 'Remove cat.png' }).click();
    assert.deepEqual(await p.postedOfType('removeAttachment'), [{ type: 'removeAttachment', id: 'att-1' }]);

    await p.page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3])], 'image.png', { type: 'image/png' }));
      document.querySelector('textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await p.waitFor("window.__posted.some((m) => m.type === 'pasteImage')");
    const [paste] = await p.postedOfType('pasteImage');
    assert.deepEqual(paste, { type: 'pasteImage', name: 'image.png', mime: 'image/png', base64: 'iVBORw0KGgoBAgM=' });
    assert.ok(webviewToHostSchema.safeParse(paste).success);

    await p.page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/uri-list', '# from the explorer\\r\\nfile:///ws/a.png\\r\\nfile:///ws/b%20c.jpg');
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    assert.deepEqual(await p.postedOfType('dropUris'), [
      { type: 'dropUris', uris: ['file:///ws/a.png', 'file:///ws/b%20c.jpg'] },
    ]);
  });

  it('shows streamed progress, a percentage bar, elapsed time, and Cancel posts cancel', async () => {
    const p = await openWithInit();
    await p.post({ type: 'jobStarted', jobId: 'job-1', prompt: 'A cat', model: 'gpt-4o-image' });
    const bar = p.page.getByRole('progressbar', { name: S.progressLabel });
    assert.equal(await bar.getAttribute('aria-valuenow'), null, 'no percentage yet: indeterminate');
    await p.post({ type: 'progress', jobId: 'job-1', text: 'Queued…', elapsedMs: 1200 });
    await p.post({ type: 'progress', jobId: 'job-1', percent: 35, text: '**35%** Drawing the cat', elapsedMs: 14_500 });
    assert.equal(await bar.getAttribute('aria-valuenow'), '35');
    assert.equal(await p.page.locator('.job-text').textContent(), '**35%** Drawing the cat');
    assert.match((await p.page.locator('.job-clock').textContent()) ?? '', /^1[45]\.\d s$/);
    // Jobs run side by side: the next prompt can be sent while this one runs.
    assert.ok(await p.page.getByRole('button', { name: S.send, exact: true }).isEnabled());
    await p.screenshot('progress');

    await p.page.getByRole('button', { name: S.cancel }).click();
    assert.deepEqual(await p.postedOfType('cancel'), [{ type: 'cancel', jobId: 'job-1' }]);
    await p.page.keyboard.press('Escape');
    assert.equal((await p.postedOfType('cancel')).length, 2, 'Escape cancels too');

    await p.post({ type: 'error', jobId: 'job-1', kind: 'cancelled', message: S.cancelled, actions: ['retry'] });
    await p.post({ type: 'jobEnded', jobId: 'job-1', outcome: 'cancelled', elapsedMs: 15_000 });
    assert.ok(await p.page.locator('.job').isHidden());
    assert.ok(await p.page.getByRole('button', { name: S.send, exact: true }).isEnabled());
    assert.equal(await p.page.getByRole('alert').locator('.error-message').textContent(), S.cancelled);
  });

  it('shows each job on its own card: running ones with their clock, waiting ones with their place in line, each with its own Cancel', async () => {
    const p = await openWithInit({
      // After a reload the host lists what is still at work.
      jobs: [
        {
          jobId: 'j-1',
          prompt: 'A fox',
          model: 'gpt-4o-image',
          elapsedMs: 30_000,
          percent: 40,
          text: 'Drawing the fox',
        },
      ],
    });
    await p.post({ type: 'jobStarted', jobId: 'j-2', prompt: 'A owl', model: 'gemini-2.5-flash-image' });
    await p.post({ type: 'jobStarted', jobId: 'j-3', prompt: 'A bear', model: 'gpt-5-all' });
    await p.post({
      type: 'progress',
      jobId: 'j-3',
      text: 'Waiting for a free place: number 1 in line…',
      elapsedMs: 0,
      place: 1,
    });
    const cards = p.page.locator('.job');
    assert.equal(await cards.count(), 3);
    assert.match((await cards.nth(0).locator('.job-heading').textContent()) ?? '', /gpt-4o-image/);
    assert.equal(await cards.nth(0).getByRole('progressbar').getAttribute('aria-valuenow'), '40');
    assert.equal(await cards.nth(2).getAttribute('data-place'), '1');
    assert.equal(await cards.nth(2).locator('.job-heading').textContent(), `${S.queued.replace('{0}', '1')} gpt-5-all`);
    assert.equal(await cards.nth(1).getAttribute('data-place'), null);
    await p.screenshot('jobs-side-by-side');

    // Its turn comes: the place goes, the heading says it is working.
    await p.post({ type: 'progress', jobId: 'j-3', text: 'Asking gpt-5-all to draw…', elapsedMs: 0 });
    assert.equal(await cards.nth(2).getAttribute('data-place'), null);
    assert.equal(await cards.nth(2).locator('.job-heading').textContent(), `${S.working} gpt-5-all`);

    await cards.nth(1).getByRole('button', { name: S.cancel }).click();
    assert.deepEqual(await p.postedOfType('cancel'), [{ type: 'cancel', jobId: 'j-2' }]);
    await p.post({ type: 'jobEnded', jobId: 'j-2', outcome: 'cancelled', elapsedMs: 1000 });
    assert.equal(await cards.count(), 2);
    assert.deepEqual(await cards.locator('.job-heading').allTextContents(), [
      `${S.working} gpt-4o-image`,
      `${S.working} gpt-5-all`,
    ]);
    await p.post({ type: 'jobEnded', jobId: 'j-1', outcome: 'done', elapsedMs: 60_000 });
    await p.post({ type: 'jobEnded', jobId: 'j-3', outcome: 'done', elapsedMs: 9_000 });
    assert.equal(await cards.count(), 0);
  });

  it('renders a result card whose buttons post the right messages', async () => {
    const p = await openWithInit({ history: [card(studio.server.origin, 1)], historyTotal: 1 });
    const result = card(studio.server.origin, 0, {
      id: 'res-1',
      prompt: 'A lighthouse at dusk',
      model: 'gpt-5-all',
      text: 'Here is your lighthouse.',
    });
    await p.post({ type: 'result', jobId: 'job-1', card: result });
    const first = p.page.locator('.feed > li').first();
    assert.equal(await first.getAttribute('data-id'), 'res-1');
    assert.equal(await first.locator('img').getAttribute('src'), `${studio.server.origin}/img/0.png`);
    assert.match((await first.locator('.meta').textContent()) ?? '', /gpt-5-all/);
    await first.locator('summary').click();
    await p.screenshot('result');

    const buttons: [string, string][] = [
      [S.insert, 'insert'],
      [S.copyMarkdown, 'copyMarkdown'],
      [S.reveal, 'reveal'],
      [S.open, 'open'],
      [S.editThis, 'editThis'],
      [S.regenerate, 'regenerate'],
    ];
    for (const [label] of buttons) await first.getByRole('button', { name: label, exact: true }).click();
    const posted = await p.posted();
    assert.deepEqual(
      posted,
      buttons.map(([, type]) => ({ type, resultId: 'res-1' })),
    );
    for (const m of posted) assert.ok(webviewToHostSchema.safeParse(m).success);

    // Reuse (or a click on the prompt) fills the form locally; the host is only asked what the model takes.
    await p.clearPosted();
    await p.page.locator('.feed > li').nth(1).getByRole('button', { name: S.reuse, exact: true }).click();
    assert.equal(
      await p.page.getByLabel(S.promptLabel, { exact: true }).inputValue(),
      card(studio.server.origin, 1).prompt,
    );
    assert.equal(
      await p.page.getByLabel(S.modelLabel, { exact: true }).inputValue(),
      card(studio.server.origin, 1).model,
    );
    assert.deepEqual(await p.posted(), [
      { type: 'describeModel', model: card(studio.server.origin, 1).model, api: 'auto' },
    ]);
  });

  it('marks a missing file and disables the actions that need it', async () => {
    const gone = card(studio.server.origin, 2, { images: [{ name: 'deleted.png', webviewUri: '', missing: true }] });
    const p = await openWithInit({ history: [gone], historyTotal: 1 });
    const li = p.page.locator('.feed > li').first();
    assert.match((await li.locator('.image.missing').textContent()) ?? '', /Image file not found/);
    assert.ok(await li.getByRole('button', { name: S.insert, exact: true }).isDisabled());
    assert.ok(await li.getByRole('button', { name: S.regenerate }).isEnabled());
  });

  it('renders an error with the action that fixes it', async () => {
    const p = await openWithInit();
    await p.post({
      type: 'error',
      kind: 'auth',
      message: 'GeekAI rejected the API key (401). Set a valid key.',
      actions: ['setApiKey', 'openSettings'],
    });
    const alert = p.page.getByRole('alert');
    assert.match((await alert.textContent()) ?? '', /rejected the API key/);
    await p.screenshot('error-auth');
    await alert.getByRole('button', { name: S.actionSetApiKey }).click();
    assert.deepEqual(await p.posted(), [{ type: 'setApiKey' }]);
    assert.ok(await alert.isHidden(), 'acting on the error dismisses it');

    // Retry re-sends the last request unchanged.
    await p.page.getByLabel(S.promptLabel, { exact: true }).fill('A boat');
    await p.page.keyboard.press('Enter');
    await p.post({
      type: 'error',
      kind: 'noImage',
      message: 'The model answered without an image.',
      detail: 'I cannot draw that.',
      actions: ['retry'],
    });
    await p.clearPosted();
    await p.page.getByRole('button', { name: S.actionRetry }).click();
    const [again] = await p.postedOfType('generate');
    assert.equal(again.prompt, 'A boat');
  });

  it('offers Save As… when the workspace refused the write, and posts a valid saveAs', async () => {
    const p = await openWithInit();
    await p.post({
      type: 'error',
      kind: 'fs',
      message: 'Could not save the image in /ws/images: the file system refused the write.',
      actions: ['saveAs'],
    });
    await p.page.getByRole('alert').getByRole('button', { name: S.actionSaveAs }).click();
    const posted = await p.posted();
    assert.deepEqual(posted, [{ type: 'saveAs' }]);
    assert.ok(webviewToHostSchema.safeParse(posted[0]).success);
  });

  it('renders 500 history entries without a long stall', async () => {
    const p = await openWithInit();
    const entries = Array.from({ length: 500 }, (_, i) => card(studio.server.origin, i));
    const msg = JSON.stringify({ type: 'history', entries, offset: 0, total: 500 });
    const ms = await p.page.evaluate<number>(`new Promise((resolve) => {
      const t0 = performance.now();
      window.postMessage(${msg}, '*');
      const check = () => document.querySelectorAll('.feed > li').length >= 500
        ? requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)))
        : setTimeout(check, 0);
      check();
    })`);
    console.log(`    500 history entries rendered in ${ms.toFixed(0)} ms`);
    // Wall-clock limits belong in bench/ (a loaded machine fails them at random); what keeps 500
    // cards cheap is that no image loads before it scrolls near the view.
    assert.equal(await p.page.locator('.feed > li').count(), 500);
    assert.equal(await p.page.locator('.feed img:not([loading="lazy"])').count(), 0);
    assert.ok(await p.page.getByRole('button', { name: S.loadMore }).isHidden(), 'all 500 loaded');
    await p.screenshot('history-500', false);
  });

  it('asks for the next history page when the user reaches the end', async () => {
    const first = Array.from({ length: 50 }, (_, i) => card(studio.server.origin, i));
    const p = await openWithInit({ history: first, historyTotal: 120 });
    await p.page.getByRole('button', { name: S.loadMore }).scrollIntoViewIfNeeded();
    await p.waitFor("window.__posted.some((m) => m.type === 'loadMoreHistory')");
    assert.deepEqual(await p.postedOfType('loadMoreHistory'), [{ type: 'loadMoreHistory', offset: 50 }]);
  });

  it('CSP blocks an injected inline script, inline handlers and foreign images', async () => {
    const p = await openWithInit({ history: [card(studio.server.origin, 0)], historyTotal: 1 });
    const foreign = studio.server.origin.replace('127.0.0.1', 'localhost');
    await p.page.evaluate(`(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = "script"';
      document.body.append(s);
      document.body.insertAdjacentHTML('beforeend', '<img src="${foreign}/img/1.png" onerror="window.__pwned = \\'handler\\'">');
      document.body.insertAdjacentHTML('beforeend', '<button id="b" onclick="window.__pwned = \\'click\\'">x</button>');
      document.getElementById('b').click();
    })()`);
    await p.waitFor('window.__csp.length >= 3');
    assert.equal(await p.page.evaluate('window.__pwned'), undefined);
    const directives = (await p.cspViolations()).map((v) => v.directive).sort();
    assert.ok(directives.includes('script-src-elem'), `got ${directives.join(',')}`);
    assert.ok(directives.includes('script-src-attr'), `got ${directives.join(',')}`);
    assert.ok(directives.includes('img-src'), `got ${directives.join(',')}`);
    // The page's own nonce'd script did run, and same-origin images did load.
    assert.equal(await p.page.locator('.feed > li').count(), 1);
    const csp = await p.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', new RegExp(`script-src 'nonce-${studio.server.nonce().replace(/[+/=]/g, '\\$&')}'`));
  });

  it('shows prompts, model replies, progress and error details as text, never as markup', async () => {
    const evil =
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">**bold** [link](javascript:alert(1)) <b>b</b>';
    const reply = '<img src=x onerror=window.__pwned=3> # Heading\n<iframe src="javascript:alert(1)"></iframe>';
    const p = await openWithInit({
      history: [card(studio.server.origin, 0, { id: 'evil', prompt: evil, model: '<b>model</b>', text: reply })],
      historyTotal: 1,
    });
    await p.post({ type: 'jobStarted', jobId: 'j', prompt: evil, model: '<i>m</i>' });
    await p.post({ type: 'progress', jobId: 'j', text: '<img src=x onerror=window.__pwned=4>', elapsedMs: 1 });
    await p.post({ type: 'error', kind: 'noImage', message: '<u>message</u>', detail: reply, actions: [] });
    await p.page.locator('.feed > li summary').click();

    const li = p.page.locator('.feed > li').first();
    assert.equal(await li.locator('.prompt-text').textContent(), evil);
    assert.equal(await li.locator('.reply-text').textContent(), reply);
    assert.match((await li.locator('.meta').textContent()) ?? '', /<b>model<\/b>/);
    assert.equal(await p.page.locator('.job-text').textContent(), '<img src=x onerror=window.__pwned=4>');
    assert.equal(await p.page.locator('.error-detail').textContent(), reply);
    assert.equal(await p.page.locator('.error-message').textContent(), '<u>message</u>');
    // No element was made from the text: the only images are the card's own.
    assert.equal(await p.page.locator('#app script, #app iframe, #app b, #app i, #app u').count(), 0);
    assert.equal(await p.page.locator('#app img').count(), 1);
    assert.equal(await p.page.evaluate('window.__pwned'), undefined);
    assert.deepEqual(await p.cspViolations(), [], 'nothing even tried to run');
    await p.screenshot('untrusted-text');
  });

  it('gives every control an accessible name and reaches them with Tab', async () => {
    const p = await openWithInit({
      history: [card(studio.server.origin, 0)],
      historyTotal: 1,
      attachments: [{ id: 'a', name: 'ref.png', webviewUri: `${studio.server.origin}/img/5.png` }],
    });
    const unnamed = await p.page.evaluate<
      string[]
    >(`Array.from(document.querySelectorAll('button, select, textarea, input'))
      .filter((e) => !e.closest('[hidden]'))
      .filter((e) => !(e.getAttribute('aria-label') || (e.labels && e.labels.length) || e.textContent.trim()))
      .map((e) => e.outerHTML)`);
    assert.deepEqual(unnamed, []);
    const reached: string[] = [];
    await p.page.locator('body').focus();
    for (let i = 0; i < 20; i++) {
      await p.page.keyboard.press('Tab');
      reached.push(
        await p.page.evaluate<string>(
          `(() => { const e = document.activeElement; return e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent; })()`,
        ),
      );
    }
    for (const name of [
      S.promptLabel,
      S.modelLabel,
      S.aspectRatioLabel,
      S.imageSizeLabel,
      'Remove ref.png',
      S.addImages,
      S.send,
      S.insert,
      S.regenerate,
    ]) {
      assert.ok(reached.includes(name), `Tab never reached "${name}": ${reached.join(' | ')}`);
    }
  });

  it('restores the draft VS Code kept in webview state', async () => {
    const s = await studio.open({
      state: { prompt: 'half-written idea', model: 'midjourney-chat', aspectRatio: '3:4', imageSize: '' },
    });
    await s.post(initMessage());
    assert.equal(await s.page.getByLabel(S.promptLabel, { exact: true }).inputValue(), 'half-written idea');
    assert.equal(await s.page.getByLabel(S.modelLabel, { exact: true }).inputValue(), 'midjourney-chat');
    assert.equal(await s.page.getByLabel(S.aspectRatioLabel).inputValue(), '3:4');
    await s.page.getByLabel(S.promptLabel, { exact: true }).fill('edited');
    assert.deepEqual(await s.page.evaluate('window.__state'), {
      prompt: 'edited',
      model: 'midjourney-chat',
      api: 'auto',
      variations: '',
      aspectRatio: '3:4',
      imageSize: '',
      size: '',
      quality: '',
      transparent: '',
      outputFormat: '',
      negativePrompt: '',
    });
  });

  it('looks native in a light theme', async () => {
    const p = await openWithInit(
      { history: [0, 1, 2, 3].map((i) => card(studio.server.origin, i)), historyTotal: 4 },
      'light',
    );
    await p.post({ type: 'jobStarted', jobId: 'j', prompt: 'x', model: 'gpt-4o-image' });
    await p.post({ type: 'progress', jobId: 'j', percent: 62, text: 'Rendering details', elapsedMs: 41_000 });
    await p.screenshot('light-theme');
  });

  describe('in Simplified Chinese', () => {
    let zh: StudioStrings;
    let zhServer: StudioServer;

    before(async () => {
      const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
        string,
        string
      >;
      zh = studioStrings({ t: (m) => bundle[m] ?? m });
      zhServer = await startStudioServer('zh-cn');
    });

    after(() => zhServer.close());

    it('has a translation for every Studio string', () => {
      const untranslated = (Object.keys(S) as (keyof StudioStrings)[]).filter((k) => zh[k] === S[k]);
      assert.deepEqual(untranslated, []);
    });

    it('renders the panel in Chinese', async () => {
      const s = await StudioPage.open(studio.browser, zhServer);
      try {
        await s.post(
          initMessage({
            locale: 'zh-cn',
            strings: zh,
            history: [0, 2].map((i) => card(zhServer.origin, i)),
            historyTotal: 2,
          }),
        );
        await s.post({
          type: 'error',
          kind: 'payment',
          message: 'GeekAI 账户余额不足（402）。请充值后重试。',
          actions: ['openSettings', 'retry'],
        });
        assert.equal(await s.page.locator('html').getAttribute('lang'), 'zh-cn');
        assert.ok(await s.page.getByRole('button', { name: zh.send, exact: true }).isVisible());
        assert.ok(await s.page.getByLabel(zh.promptLabel, { exact: true }).isVisible());
        await s.screenshot('zh-cn');
      } finally {
        await s.close();
      }
    });
  });
});
