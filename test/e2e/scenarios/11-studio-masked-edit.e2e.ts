// Scenario 11: a masked edit in the Studio: a mask painted over photo.png (keyboard brush), then
// Generate on gpt-image-1. The test server gets a mask PNG of the image's exact size, and inverts
// only the pixels the mask leaves transparent: the saved result shows exactly that region changed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decodePng, type RawImage } from '../../support/png';
import { ctx } from '../context';
import { waitFor, waitForNewImages } from '../files';
import { ensureApiKey, mark, requestSince, scenario } from '../scenario';
import { openStudio, pickModel } from '../studio';

const PROMPT = 'turn the middle into its negative';

function pngOf(dataUrl: string): RawImage {
  assert.match(dataUrl, /^data:image\/png;base64,/);
  return decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

function rgb(img: RawImage, i: number): number[] {
  return [0, 1, 2].map((c) => img.data[i * img.channels + c]);
}

scenario(
  11,
  'Image Studio masked edit sends a mask of the image size and inverts only the painted region',
  async (wb) => {
    const { workspace, server } = ctx();
    await ensureApiKey(wb);
    const source = path.join(workspace, 'photo.png');
    const sourceBytes = fs.readFileSync(source);
    const original = decodePng(sourceBytes);

    await wb.openFile('scenario-11.md');
    const studio = await openStudio(wb);
    const { view } = studio;
    await pickModel(studio, 'gpt-image-1', 'Images API');
    await wb.explorerContextMenu('photo.png', 'Add to Image Studio');
    const maskButton = view.getByRole('button', { name: 'Paint a mask on photo.png' });
    await maskButton.waitFor({ state: 'visible', timeout: 20_000 });

    // Keyboard only: the brush starts in the middle; Space paints a disc there, an arrow moves it.
    await maskButton.click();
    const dialog = view.getByRole('dialog', { name: 'Mask for photo.png' });
    await dialog.waitFor();
    await dialog.getByLabel('Brush size').fill('24');
    const canvas = dialog.locator('.mask-canvas');
    await canvas.press('Space');
    await canvas.press('ArrowLeft');
    await canvas.press('Space');
    const status = dialog.locator('.mask-status');
    await waitFor(
      'the share of the image marked',
      async () => /% of the image marked/.test((await status.textContent()) ?? ''),
      5000,
    );
    await dialog.getByRole('button', { name: 'Use mask' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await view.getByRole('button', { name: 'Edit the mask of photo.png (a mask is set)' }).waitFor();

    const start = mark();
    await view.locator('textarea.prompt-input').fill(PROMPT);
    await view.getByRole('button', { name: 'Generate', exact: true }).click();
    const request = await requestSince(start.from, (r) => r.method === 'POST' && r.path.endsWith('/images/edits'));
    const body = request.json as { model: string; prompt: string; image: string[]; mask: string };
    assert.equal(body.model, 'gpt-image-1');
    assert.equal(body.prompt, PROMPT);
    assert.equal(
      body.image[0],
      `data:image/png;base64,${sourceBytes.toString('base64')}`,
      'photo.png goes first, unchanged',
    );
    const mask = pngOf(body.mask);
    assert.deepEqual(
      [mask.width, mask.height],
      [original.width, original.height],
      "the mask has the image's exact size",
    );
    assert.equal(mask.channels, 4, 'the mask has an alpha channel');
    const clear = new Set<number>();
    for (let i = 0; i < mask.width * mask.height; i++) {
      const alpha = mask.data[i * 4 + 3];
      assert.ok(alpha === 0 || alpha === 255, `mask pixel ${i} has alpha ${alpha}`);
      if (alpha === 0) clear.add(i);
    }
    const middle = Math.floor(original.height / 2) * original.width + Math.floor(original.width / 2);
    assert.ok(clear.has(middle), 'the painted middle is transparent');
    assert.ok(
      clear.size > 100 && clear.size < (original.width * original.height) / 2,
      `a region, not the whole image (${clear.size} pixels)`,
    );

    const added = await waitForNewImages(workspace, start.images);
    assert.equal(added.length, 1, `one new image (got ${added.join(', ')})`);
    const saved = fs.readFileSync(added[0]);
    assert.ok(saved.equals(server.lastServedImages()[0]), 'the saved bytes equal what the server served');
    const result = decodePng(saved);
    assert.deepEqual([result.width, result.height], [original.width, original.height]);
    let inverted = 0;
    for (let i = 0; i < original.width * original.height; i++) {
      const want = clear.has(i) ? rgb(original, i).map((v) => 255 - v) : rgb(original, i);
      assert.deepEqual(
        rgb(result, i),
        want,
        `pixel ${i % original.width},${Math.floor(i / original.width)} (${clear.has(i) ? 'masked' : 'kept'})`,
      );
      if (clear.has(i)) inverted++;
    }
    assert.equal(inverted, clear.size);
    assert.ok(fs.readFileSync(source).equals(sourceBytes), 'photo.png is unchanged');
  },
);
