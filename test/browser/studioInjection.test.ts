// Injection into the Studio webview through every host message that carries untrusted text the
// other page tests do not already cover: attachment names and thumbnail addresses, the Insert
// target's name, notices, model labels and a custom default model, a missing image's name, and a
// model reply with Markdown links. All shown as text; nothing runs; the CSP holds. Each case
// reports into the reliability tally as a hostile input neutralised.
import assert from 'node:assert/strict';
import { badInputCase } from '../reliability/support/tally';
import { card, ENGLISH, initMessage } from './support/fixtures';
import type { StudioPage } from './support/studioPage';
import { useStudio } from './support/useStudio';

const S = ENGLISH;
const PWN = (n: number): string => `<img src=x onerror="window.__pwned=${n}"><script>window.__pwned=${n}</script>`;

describe('Studio webview against injection (headless chromium)', function () {
  this.timeout(60_000);
  const studio = useStudio();

  function open(extra: Parameters<typeof initMessage>[0] = {}): Promise<StudioPage> {
    return studio.openWithInit(extra);
  }

  /** Nothing ran, no element was made from text, nothing even tried to load or run. */
  async function assertInert(p: StudioPage, allowedImages: number): Promise<void> {
    assert.equal(await p.page.evaluate('window.__pwned'), undefined, 'injected code ran');
    assert.equal(
      await p.page
        .locator('#app script, #app iframe, #app a, #app b, #app i, #app svg, #app object, #app embed')
        .count(),
      0,
    );
    assert.equal(await p.page.locator('#app img').count(), allowedImages);
    const violations = (await p.cspViolations()).filter((v) => v.directive.startsWith('script'));
    assert.deepEqual(violations, [], 'no script even tried to run');
  }

  badInputCase(
    'attachment names and thumbnail addresses: text and attributes only; Remove posts the literal id',
    async () => {
      const evilName = `${PWN(1)}.png`;
      const evilId = 'a" onclick="window.__pwned=2';
      const p = await open({
        attachments: [
          { id: 'a1', name: evilName, webviewUri: 'javascript:window.__pwned=3' },
          {
            id: evilId,
            name: '"><svg onload="window.__pwned=4">',
            webviewUri: `${studio.server.origin}/img/1.png" onerror="window.__pwned=5`,
          },
        ],
      });
      const thumbs = p.page.locator('.attachments img');
      assert.equal(await thumbs.count(), 2);
      assert.equal(await thumbs.first().getAttribute('alt'), evilName);
      assert.equal(
        await thumbs.nth(1).getAttribute('src'),
        `${studio.server.origin}/img/1.png" onerror="window.__pwned=5`,
      );
      await p.page.getByRole('button', { name: `Remove "><svg onload="window.__pwned=4">` }).click();
      assert.deepEqual(await p.posted(), [{ type: 'removeAttachment', id: evilId }]);
      await assertInert(p, 2);
    },
  );

  badInputCase("the Insert target's name and a notice: shown as text", async () => {
    const p = await open();
    await p.post({ type: 'target', name: `${PWN(6)}.md` });
    await p.post({ type: 'notice', message: `Copied ${PWN(7)} **bold** [x](javascript:window.__pwned=8)` });
    assert.equal(await p.page.locator('.target').textContent(), S.insertInto.replace('{0}', `${PWN(6)}.md`));
    assert.equal(
      await p.page.locator('.notice').textContent(),
      `Copied ${PWN(7)} **bold** [x](javascript:window.__pwned=8)`,
    );
    await assertInert(p, 0);
  });

  badInputCase('model labels and a custom default model holding markup: option text and an input value', async () => {
    const label = `<b>gpt</b>${PWN(9)}`;
    const custom = `"><img src=x onerror="window.__pwned=10">`;
    const p = await open({ models: [{ id: 'gpt-4o-image', label }], defaults: { model: custom } });
    assert.equal(await p.page.locator('option[value="gpt-4o-image"]').textContent(), label);
    assert.equal(await p.page.getByLabel(S.customModelLabel).inputValue(), custom);
    await assertInert(p, 0);
  });

  badInputCase(
    'a missing image whose name is markup, and a reply full of Markdown links: text, no anchors',
    async () => {
      const reply =
        '[Open your settings](command:workbench.action.openSettings) ![x](javascript:window.__pwned=11) <a href="javascript:window.__pwned=12">click</a>';
      const p = await open({
        history: [
          card(studio.server.origin, 0, {
            id: 'evil',
            images: [{ name: `${PWN(13)}.png`, webviewUri: '', missing: true }],
            text: reply,
          }),
        ],
        historyTotal: 1,
      });
      const li = p.page.locator('.feed > li').first();
      await li.locator('summary').click();
      assert.match((await li.locator('.image.missing').textContent()) ?? '', new RegExp(`${S.fileMissing}`));
      assert.equal(await li.locator('.image.missing .file-name').textContent(), `${PWN(13)}.png`);
      assert.equal(await li.locator('.reply-text').textContent(), reply);
      await li.locator('.reply-text').click();
      await assertInert(p, 0);
    },
  );

  badInputCase(
    'the CSP allows no inline code or eval, and blocks fetches, frames and styles injected at run time',
    async () => {
      const p = await open({ history: [card(studio.server.origin, 0)], historyTotal: 1 });
      const csp = (await p.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:(?!\/\/127\.0\.0\.1)/);
      await p.page.evaluate(`(() => {
      fetch('http://localhost:9/steal?k=1').catch(() => undefined);
      const f = document.createElement('iframe'); f.src = 'about:blank#x'; f.setAttribute('src', 'http://localhost:9/frame'); document.body.append(f);
      const st = document.createElement('style'); st.textContent = 'body { background: url(http://localhost:9/bg.png) }'; document.head.append(st);
    })()`);
      await p.waitFor('window.__csp.length >= 3');
      const directives = (await p.cspViolations()).map((v) => v.directive);
      assert.ok(directives.includes('connect-src'), directives.join(','));
      assert.ok(directives.includes('frame-src'), directives.join(','));
      assert.ok(directives.includes('style-src-elem'), directives.join(','));
    },
  );
});
