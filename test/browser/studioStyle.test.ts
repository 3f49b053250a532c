// The workspace style in the Studio, in real headless chromium: what the bar says (the style's
// prompt as text only), and the box that leaves the style out of exactly one generation.
import assert from 'node:assert/strict';
import { webviewToHostSchema } from '../../shared/protocolSchema';
import { ENGLISH } from './support/fixtures';
import { useStudio } from './support/useStudio';

const S = ENGLISH;

describe('Studio workspace style (headless chromium)', function () {
  this.timeout(60_000);
  const studio = useStudio();

  it('shows the active style above the prompt; its box skips the style for the next generation only', async () => {
    const p = await studio.openWithInit();
    const bar = p.page.getByRole('note').filter({ hasText: 'Workspace style' });
    assert.equal(await bar.count(), 0, 'no style, no bar');

    await p.post({
      type: 'style',
      style: { prompt: 'flat <b>vector</b>,\n pastel', references: 2, model: 'gpt-4o-image', aspectRatio: '16:9' },
    });
    assert.ok(await bar.isVisible());
    assert.equal(
      await bar.locator('p').textContent(),
      'Workspace style: “flat <b>vector</b>, pastel” (gpt-4o-image, 16:9, 2 reference image(s))',
    );
    await p.screenshot('style-bar');

    const skip = p.page.getByLabel(S.styleSkip);
    await skip.check();
    const prompt = p.page.getByLabel(S.promptLabel, { exact: true });
    await prompt.fill('a kite');
    await prompt.press('Enter');
    await p.post({ type: 'jobStarted', jobId: 'job-1', prompt: 'a kite', model: 'gemini-2.5-flash-image' });
    await p.post({ type: 'jobEnded', jobId: 'job-1', outcome: 'done', elapsedMs: 10 });
    assert.equal(await skip.isChecked(), false, 'the box is for one generation');
    await prompt.fill('a boat');
    await prompt.press('Enter');

    const sent = await p.postedOfType('generate');
    assert.equal(sent.length, 2);
    assert.equal((sent[0] as { skipStyle?: boolean }).skipStyle, true);
    assert.equal('skipStyle' in (sent[1] as object), false);
    for (const m of sent) assert.ok(webviewToHostSchema.safeParse(m).success, 'generate passes the host schema');
  });

  it('an invalid style says why, without the box; no style hides the bar', async () => {
    const p = await studio.openWithInit();
    await p.post({
      type: 'style',
      style: { references: 0, problem: 'The workspace style .geekai/style.json is not valid JSON.' },
    });
    const bar = p.page.getByRole('note').filter({ hasText: 'workspace style' });
    assert.equal(
      await bar.locator('p').textContent(),
      'The workspace style cannot be used: The workspace style .geekai/style.json is not valid JSON.',
    );
    assert.ok(await p.page.getByLabel(S.styleSkip).isHidden());
    await p.post({ type: 'style' });
    assert.ok(await bar.isHidden());
  });

  it('an untrusted workspace: the bar says the style is not applied, and why, without the box; a generate then skips nothing itself', async () => {
    const p = await studio.openWithInit();
    await p.post({ type: 'style', style: { references: 0, notApplied: 'untrusted' } });
    const bar = p.page.getByRole('note').filter({ hasText: 'Workspace style' });
    assert.equal(
      await bar.locator('p').textContent(),
      'Workspace style (.geekai/style.json) not applied: this workspace is not trusted.',
    );
    assert.ok(await p.page.getByLabel(S.styleSkip).isHidden());
    await p.screenshot('style-bar-untrusted');
    const prompt = p.page.getByLabel(S.promptLabel, { exact: true });
    await prompt.fill('a kite');
    await prompt.press('Enter');
    const sent = await p.postedOfType('generate');
    assert.equal('skipStyle' in (sent[0] as object), false, 'the host, not the page, leaves the style out');
  });

  it('the host refuses a skipStyle that is not a boolean', () => {
    assert.equal(
      webviewToHostSchema.safeParse({ type: 'generate', prompt: 'x', model: 'm', attachmentIds: [], skipStyle: 'yes' })
        .success,
      false,
    );
  });
});
