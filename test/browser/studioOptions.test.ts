// The Studio's option controls in real headless chromium: each shows only when the chosen model,
// on the API it will use, takes it (the host's answer is built by core's modelOptionsView, as the
// extension builds it), and generate carries exactly the options on show.
import assert from 'node:assert/strict';
import { modelOptionsView } from '../../src/core/apis/optionsView';
import type { ApiSetting as ApiChoice } from '../../shared/imageVocabulary';
import { webviewToHostSchema } from '../../shared/protocolSchema';
import { ENGLISH, initMessage } from './support/fixtures';
import type { StudioPage } from './support/studioPage';
import { useStudio } from './support/useStudio';

const S = ENGLISH;

describe('Studio option controls (headless chromium)', function () {
  this.timeout(60_000);
  const studio = useStudio();

  /** Answers the page's latest describeModel as the host does. */
  async function answer(p: StudioPage): Promise<void> {
    const asked = (await p.postedOfType('describeModel')).at(-1);
    assert.ok(asked, 'the page asked what the model takes');
    await p.post({
      type: 'modelOptions',
      options: modelOptionsView(String(asked.model), asked.api as ApiChoice | undefined),
    });
  }

  async function pick(p: StudioPage, model: string): Promise<void> {
    await p.page.getByLabel(S.modelLabel, { exact: true }).selectOption(model);
    await answer(p);
  }

  /** The labels of the option fields on show, in order. */
  function shown(p: StudioPage): Promise<string[]> {
    return p.page.locator('.options .field:not([hidden]) label, .field.wide:not([hidden]) label').allTextContents();
  }

  async function send(p: StudioPage): Promise<Record<string, unknown>> {
    await p.clearPosted();
    await p.page.getByLabel(S.promptLabel, { exact: true }).fill('A fox in the snow');
    await p.page.getByRole('button', { name: S.send, exact: true }).click();
    const [sent] = await p.postedOfType('generate');
    const parsed = webviewToHostSchema.safeParse(sent);
    assert.ok(parsed.success, 'generate must pass the host schema');
    // The host refused it, say: the form is free for the next one.
    await p.post({ type: 'jobEnded', jobId: 'none', outcome: 'error', elapsedMs: 0 });
    return sent;
  }

  it('a chat model: aspect ratio, resolution, API and images; nothing it would not send', async () => {
    const p = await studio.openWithInit();
    await p.post({ type: 'modelOptions', options: modelOptionsView('gemini-2.5-flash-image') });
    assert.deepEqual(await shown(p), [
      S.modelLabel,
      S.apiLabel,
      S.variationsLabel,
      S.aspectRatioLabel,
      S.imageSizeLabel,
    ]);
    assert.equal(
      await p.page.getByLabel(S.apiLabel).locator('option').first().textContent(),
      'Auto (Chat completions)',
    );
    assert.equal(await p.page.getByRole('button', { name: /Paint a mask/ }).count(), 0);
    await p.page.getByLabel(S.variationsLabel).selectOption('3');
    assert.ok(
      await p.page.getByText(S.variationsSeparate).isVisible(),
      'three images are three paid requests: said so',
    );
    const sent = await send(p);
    assert.deepEqual(sent, {
      type: 'generate',
      prompt: 'A fox in the snow',
      model: 'gemini-2.5-flash-image',
      aspectRatio: '1:1',
      api: 'auto',
      variations: 3,
      attachmentIds: [],
    });
  });

  it('gpt-image-1: size, quality, transparent background and format appear, aspect ratio goes; generate carries them', async () => {
    const p = await studio.openWithInit({
      attachments: [{ id: 'att-1', name: 'cat.png', webviewUri: `${studio.server.origin}/img/3.png` }],
    });
    await p.post({ type: 'modelOptions', options: modelOptionsView('gemini-2.5-flash-image') });
    await pick(p, 'gpt-image-1');
    assert.deepEqual(await p.postedOfType('describeModel'), [
      { type: 'describeModel', model: 'gpt-image-1', api: 'auto' },
    ]);
    assert.deepEqual(await shown(p), [
      S.modelLabel,
      S.apiLabel,
      S.variationsLabel,
      S.pixelSizeLabel,
      S.qualityLabel,
      S.outputFormatLabel,
      S.transparentLabel,
    ]);
    assert.deepEqual(await p.page.getByLabel(S.qualityLabel).locator('option').allTextContents(), [
      'Auto',
      'Low',
      'Medium',
      'High',
    ]);
    assert.deepEqual(await p.page.getByLabel(S.pixelSizeLabel).locator('option').allTextContents(), [
      'Auto',
      '1024 × 1024',
      '1536 × 1024',
      '1024 × 1536',
    ]);
    assert.equal(
      await p.page.getByRole('button', { name: 'Paint a mask on cat.png' }).count(),
      1,
      'gpt-image-1 takes a mask',
    );

    await p.page.getByLabel(S.variationsLabel).selectOption('2');
    assert.ok(
      await p.page.getByText(S.variationsSeparate).isHidden(),
      'two images in one request: nothing to warn about',
    );
    await p.page.getByLabel(S.pixelSizeLabel).selectOption('1536x1024');
    await p.page.getByLabel(S.qualityLabel).selectOption('high');
    await p.page.getByLabel(S.transparentLabel).check();
    await p.page.getByLabel(S.outputFormatLabel).selectOption('webp');
    await p.screenshot('options-gpt-image');
    const sent = await send(p);
    assert.deepEqual(sent, {
      type: 'generate',
      prompt: 'A fox in the snow',
      model: 'gpt-image-1',
      api: 'auto',
      variations: 2,
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'webp',
      attachmentIds: ['att-1'],
    });
  });

  it('a negative prompt only where the model takes one; a value the next model does not offer falls back to Auto', async () => {
    const p = await studio.openWithInit();
    await pick(p, 'gpt-image-1');
    await p.page.getByLabel(S.pixelSizeLabel).selectOption('1024x1536');
    assert.ok(await p.page.getByLabel(S.negativePromptLabel).isHidden());
    await pick(p, 'wanx2.1-t2i-turbo');
    assert.ok(await p.page.getByLabel(S.negativePromptLabel).isVisible());
    assert.deepEqual(await p.page.getByLabel(S.pixelSizeLabel).locator('option').allTextContents(), [
      'Auto',
      '1024 × 1024',
      '720 × 1280',
      '1280 × 720',
      '768 × 1152',
    ]);
    assert.equal(await p.page.getByLabel(S.pixelSizeLabel).inputValue(), '');
    await p.page.getByLabel(S.negativePromptLabel).fill('  blurry, text  ');
    await p.page.getByLabel(S.pixelSizeLabel).selectOption('720*1280');
    const sent = await send(p);
    assert.equal(sent.negativePrompt, 'blurry, text');
    assert.equal(sent.size, '720*1280');
    assert.equal(sent.quality, undefined);

    // Back on a model without one: the typed negative prompt stays in the form but is not sent.
    await pick(p, 'gpt-image-1');
    assert.equal((await send(p)).negativePrompt, undefined);
  });

  it('the API picker asks again and relabels Auto; a stale answer for another model is ignored', async () => {
    const p = await studio.openWithInit();
    await pick(p, 'gpt-image-1');
    assert.equal(await p.page.getByLabel(S.apiLabel).locator('option').first().textContent(), 'Auto (Images API)');
    await p.page.getByLabel(S.apiLabel).selectOption('responses');
    assert.deepEqual((await p.postedOfType('describeModel')).at(-1), {
      type: 'describeModel',
      model: 'gpt-image-1',
      api: 'responses',
    });
    await answer(p);
    await p.post({ type: 'modelOptions', options: modelOptionsView('wanx2.1-t2i-turbo') });
    assert.ok(
      await p.page.getByLabel(S.negativePromptLabel).isHidden(),
      'an answer about another model changes nothing',
    );
    await p.page.getByLabel(S.variationsLabel).selectOption('2');
    assert.ok(
      await p.page.getByText(S.variationsSeparate).isVisible(),
      'the Responses API draws one image per request',
    );
    const sent = await send(p);
    assert.equal(sent.api, 'responses');
    assert.equal(sent.variations, 2);
  });

  it('a typed model id is described once typing pauses', async () => {
    const p = await studio.openWithInit();
    await p.page.getByLabel(S.modelLabel, { exact: true }).selectOption({ label: S.customModel });
    await p.page.getByLabel(S.customModelLabel).pressSequentially('flux-dev');
    await p.waitFor("window.__posted.some((m) => m.type === 'describeModel' && m.model === 'flux-dev')");
    assert.deepEqual(
      (await p.postedOfType('describeModel')).map((m) => m.model),
      ['flux-dev'],
      'one question for the whole id, not one per key',
    );
    await answer(p);
    // An unknown Images API model: the server decides, so the common choices are offered.
    assert.ok(await p.page.getByLabel(S.negativePromptLabel).isVisible());
    assert.ok(await p.page.getByLabel(S.pixelSizeLabel).isVisible());
  });

  it('a reused image fills prompt, model and every control (unset ones back to Auto), and Send asks exactly that', async () => {
    const p = await studio.openWithInit({
      defaults: { model: 'gemini-2.5-flash-image', options: { quality: 'low', outputFormat: 'png' } },
    });
    await p.post({ type: 'modelOptions', options: modelOptionsView('gemini-2.5-flash-image') });
    await p.post({
      type: 'fill',
      prompt: '水彩风格的灯塔',
      model: 'gpt-image-1',
      options: { api: 'images', variations: 2, size: '1536x1024', background: 'transparent' },
    });
    assert.deepEqual(await p.postedOfType('describeModel'), [
      { type: 'describeModel', model: 'gpt-image-1', api: 'images' },
    ]);
    await answer(p);
    assert.equal(await p.page.getByLabel(S.promptLabel, { exact: true }).inputValue(), '水彩风格的灯塔');
    assert.equal(await p.page.getByLabel(S.modelLabel, { exact: true }).inputValue(), 'gpt-image-1');
    assert.equal(
      await p.page.getByLabel(S.qualityLabel).inputValue(),
      '',
      "the setting's quality is not what made the image",
    );
    const state = await p.page.evaluate<Record<string, string>>('window.__state');
    assert.equal(state.prompt, '水彩风格的灯塔', 'the draft holds the fill, so a reload keeps it');
    await p.clearPosted();
    await p.page.getByRole('button', { name: S.send, exact: true }).click();
    const [sent] = await p.postedOfType('generate');
    assert.ok(webviewToHostSchema.safeParse(sent).success);
    assert.deepEqual(sent, {
      type: 'generate',
      prompt: '水彩风格的灯塔',
      model: 'gpt-image-1',
      api: 'images',
      variations: 2,
      size: '1536x1024',
      background: 'transparent',
      attachmentIds: [],
    });
  });

  it('the settings are where the form starts, and the draft keeps what the user chose', async () => {
    const p = await studio.openWithInit({
      defaults: {
        model: 'gpt-image-1',
        options: {
          api: 'auto',
          variations: 2,
          size: '1024x1536',
          quality: 'low',
          background: 'transparent',
          outputFormat: 'png',
        },
      },
    });
    assert.deepEqual(await p.postedOfType('describeModel'), [], 'the host describes its default model by itself');
    await p.post({ type: 'modelOptions', options: modelOptionsView('gpt-image-1') });
    assert.equal(await p.page.getByLabel(S.variationsLabel).inputValue(), '2');
    assert.equal(await p.page.getByLabel(S.pixelSizeLabel).inputValue(), '1024x1536');
    assert.equal(await p.page.getByLabel(S.qualityLabel).inputValue(), 'low');
    assert.ok(await p.page.getByLabel(S.transparentLabel).isChecked());
    await p.page.getByLabel(S.qualityLabel).selectOption('medium');
    const state = await p.page.evaluate<Record<string, string>>('window.__state');
    assert.equal(state.quality, 'medium');
    assert.equal(state.size, '1024x1536');
    assert.equal(state.transparent, 'true');

    const again = await studio.open({ state });
    await again.post(initMessage({ defaults: { model: 'gpt-image-1', options: { quality: 'low' } } }));
    await again.post({ type: 'modelOptions', options: modelOptionsView('gpt-image-1') });
    assert.equal(await again.page.getByLabel(S.qualityLabel).inputValue(), 'medium', 'the draft wins over the setting');
    assert.equal(await again.page.getByLabel(S.variationsLabel).inputValue(), '2');
  });
});
