// Mask painting in the Studio webview, in real headless chromium: brush by keyboard and by
// pointer, erase, undo, clear; the PNG that reaches the host is decoded and checked pixel by
// pixel (exact size, painted pixels fully transparent, every other pixel opaque).
import assert from 'node:assert/strict';
import { webviewToHostSchema } from '../../shared/protocolSchema';
import { decodePng } from '../support/png';
import { ENGLISH } from './support/fixtures';
import type { StudioPage } from './support/studioPage';
import { useStudio } from './support/useStudio';

const S = ENGLISH;
const W = 120;
const H = 80;

interface Segment {
  a: [number, number];
  b: [number, number];
  r: number;
  erase?: boolean;
}

/** The pixels a list of brush segments marks: a pixel whose centre lies within r of the segment. */
function marked(segments: Segment[]): Set<number> {
  const out = new Set<number>();
  for (const { a, b, r, erase } of segments) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const [cx, cy] = [x + 0.5, y + 0.5];
        const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((cx - a[0]) * dx + (cy - a[1]) * dy) / len2));
        if ((cx - a[0] - t * dx) ** 2 + (cy - a[1] - t * dy) ** 2 > r * r) continue;
        if (erase) out.delete(y * W + x);
        else out.add(y * W + x);
      }
    }
  }
  return out;
}

/** Decodes the mask the page sent and returns the indices of its transparent pixels; fails on any half-transparent one. */
function transparentPixels(base64: string): Set<number> {
  const png = decodePng(Buffer.from(base64, 'base64'));
  assert.deepEqual([png.width, png.height], [W, H], 'the mask has the image’s exact size');
  assert.equal(png.channels, 4, 'the mask has an alpha channel');
  const out = new Set<number>();
  for (let i = 0; i < W * H; i++) {
    const alpha = png.data[i * 4 + 3];
    assert.ok(
      alpha === 0 || alpha === 255,
      `pixel ${i % W},${Math.floor(i / W)} has alpha ${alpha}: a mask is all or nothing`,
    );
    if (alpha === 0) out.add(i);
  }
  return out;
}

describe('Studio mask painting (headless chromium)', function () {
  this.timeout(60_000);
  const studio = useStudio();

  function openStudio(): Promise<StudioPage> {
    const origin = studio.server.origin;
    return studio.openWithInit({
      attachments: [
        { id: 'att-1', name: 'cat.png', webviewUri: `${origin}/img/3.png` },
        { id: 'att-2', name: 'photo.png', webviewUri: `${origin}/img/${W}x${H}.png` },
      ],
    });
  }

  const SET = 'Edit the mask of photo.png (a mask is set)';

  async function openMask(p: StudioPage, buttonName = 'Paint a mask on photo.png') {
    await p.page.getByRole('button', { name: buttonName }).click();
    const dialog = p.page.getByRole('dialog', { name: 'Mask for photo.png' });
    await dialog.waitFor();
    // Not busy: the image is decoded and the canvas sized (the canvas of an earlier opening keeps
    // its size and takes focus at once, before this image is ready to paint on).
    await p.waitFor(
      "!document.querySelector('.mask-editor')?.hasAttribute('aria-busy') && document.activeElement?.classList.contains('mask-canvas')",
    );
    return dialog;
  }

  async function generate(p: StudioPage): Promise<Record<string, unknown>> {
    // Use mask encodes the PNG before it closes the modal dialog, and the page behind an open modal
    // is inert: typing there would be lost. Wait for the dialog to close.
    await p.waitFor("!document.querySelector('dialog[open]')");
    await p.page.getByLabel(S.promptLabel, { exact: true }).fill('Make the hat red');
    await p.page.getByRole('button', { name: S.send, exact: true }).click();
    // The message is posted once the click is handled: wait for it, not a moment.
    await p.waitFor("window.__posted.some((m) => m && m.type === 'generate')");
    const [sent] = await p.postedOfType('generate');
    const checked = webviewToHostSchema.safeParse(sent);
    assert.ok(
      checked.success,
      `generate with a mask must pass the host schema: ${JSON.stringify(checked.error?.issues)} ${JSON.stringify({ ...sent, maskBase64: typeof sent.maskBase64 === 'string' ? sent.maskBase64.length : sent.maskBase64 })}`,
    );
    return sent;
  }

  it('paints with the keyboard: the mask is a PNG of the image’s exact size whose painted pixels, and only those, are transparent', async () => {
    const p = await openStudio();
    // Keyboard only, from the thumbnail's button to Use mask.
    await p.page.getByRole('button', { name: 'Paint a mask on photo.png' }).focus();
    await p.page.keyboard.press('Enter');
    const dialog = p.page.getByRole('dialog', { name: 'Mask for photo.png' });
    await dialog.waitFor();
    // Not busy: the image is decoded and the canvas sized (the canvas of an earlier opening keeps
    // its size and takes focus at once, before this image is ready to paint on).
    await p.waitFor(
      "!document.querySelector('.mask-editor')?.hasAttribute('aria-busy') && document.activeElement?.classList.contains('mask-canvas')",
    );
    assert.equal(await dialog.locator('.mask-status').textContent(), S.maskEmpty);
    const canvas = dialog.getByRole('application', { name: S.maskCanvasLabel });
    assert.equal(
      await canvas.getAttribute('aria-describedby').then((id) => p.page.locator(`#${id}`).textContent()),
      S.maskKeys,
    );

    await dialog.getByLabel(S.brushSize).fill('10'); // diameter 10 px: radius 5
    assert.equal(await dialog.locator('output').textContent(), '10 px');
    await canvas.focus();
    // The brush starts in the middle (60, 40); arrows move it by its radius, Shift+arrows by one pixel.
    await p.page.keyboard.press('ArrowRight');
    await p.page.keyboard.press('ArrowRight');
    for (let i = 0; i < 3; i++) await p.page.keyboard.press('Shift+ArrowUp');
    assert.equal(await dialog.locator('[aria-live="polite"].visually-hidden').textContent(), 'Brush at 70, 37');
    await p.page.keyboard.press('Space');
    // A disc of radius 5 around a pixel corner covers exactly 80 pixel centres: 80 / 9600 = 0.8 %.
    assert.equal(await dialog.locator('.mask-status').textContent(), '0.8% of the image marked to change');
    await p.screenshot('mask-keyboard');
    await dialog.getByRole('button', { name: S.maskApply }).focus();
    await p.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 }); // isHidden() would not wait for the close
    assert.equal(
      await p.page.evaluate("document.activeElement?.getAttribute('aria-label')"),
      SET,
      'focus returns to the image’s mask button',
    );
    assert.equal(
      await p.page.getByRole('status').filter({ hasText: 'Mask set' }).textContent(),
      'Mask set on photo.png: 0.8% of the image may change.',
    );

    const sent = await generate(p);
    assert.deepEqual(
      sent.attachmentIds,
      ['att-2', 'att-1'],
      'the masked image goes first: the APIs apply the mask there',
    );
    const clear = transparentPixels(sent.maskBase64 as string);
    assert.equal(clear.size, 80);
    assert.deepEqual(clear, marked([{ a: [70, 37], b: [70, 37], r: 5 }]));
    // By hand, at the disc's edge: 4.5 px from the centre is in, 5.5 px is out.
    assert.ok(clear.has(37 * W + 74) && !clear.has(37 * W + 75) && clear.has(32 * W + 69) && !clear.has(31 * W + 69));
  });

  it('paints with the pointer, erases, undoes and clears; the PNG follows each step', async () => {
    const p = await openStudio();
    const dialog = await openMask(p);
    const canvas = dialog.locator('.mask-canvas');
    const box = await canvas.boundingBox();
    assert.ok(box);
    const at = (x: number, y: number): [number, number] => [box.x + (x / W) * box.width, box.y + (y / H) * box.height];
    const undo = dialog.getByRole('button', { name: S.maskUndo });
    assert.ok(await undo.isDisabled(), 'nothing to undo yet');

    await dialog.getByLabel(S.brushSize).fill('16');
    await p.page.mouse.move(...at(20, 20));
    await p.page.mouse.down();
    await p.page.mouse.move(...at(50, 20), { steps: 6 });
    await p.page.mouse.up();
    const stroke: Segment = { a: [20, 20], b: [50, 20], r: 8 };

    const erase = dialog.getByRole('button', { name: S.maskErase });
    await erase.click();
    assert.equal(await erase.getAttribute('aria-pressed'), 'true');
    await dialog.getByLabel(S.brushSize).fill('6');
    await p.page.mouse.click(...at(35, 20));
    const rubbed: Segment = { a: [35, 20], b: [35, 20], r: 3, erase: true };
    await p.screenshot('mask-pointer');

    // Clear, then Undo brings the painting back; Undo again takes back the eraser only.
    await dialog.getByRole('button', { name: S.maskClear }).click();
    assert.equal(await dialog.locator('.mask-status').textContent(), S.maskEmpty);
    await undo.click();
    await p.page.keyboard.press('Control+z');
    await dialog.getByRole('button', { name: S.maskApply }).click();
    let sent = await generate(p);
    assert.deepEqual(transparentPixels(sent.maskBase64 as string), marked([stroke]));

    // Reopened, the mask continues where it was; the eraser now stays.
    await p.clearPosted();
    await p.post({ type: 'jobEnded', jobId: 'none', outcome: 'error', elapsedMs: 0 });
    const again = await openMask(p, SET);
    assert.equal(await again.getByRole('button', { name: S.maskRemove }).isVisible(), true);
    await again.getByRole('button', { name: S.maskErase }).click();
    await again.getByLabel(S.brushSize).fill('6');
    await p.page.mouse.click(...at(35, 20));
    await again.getByRole('button', { name: S.maskApply }).click();
    sent = await generate(p);
    const expected = marked([stroke, rubbed]);
    assert.ok(expected.size < marked([stroke]).size);
    assert.deepEqual(transparentPixels(sent.maskBase64 as string), expected);
  });

  it('says when a mask is set or removed, and the mask goes with its image', async function () {
    const p = await openStudio();
    let dialog = await openMask(p);
    await p.page.keyboard.press('Space');
    await dialog.getByRole('button', { name: S.maskApply }).click();
    const news = p.page.locator('.composer [role="status"]');
    assert.match((await news.filter({ hasText: 'Mask set' }).textContent()) ?? '', /^Mask set on photo\.png: \d/);
    assert.equal(await p.page.locator('.attachment.has-mask img').getAttribute('alt'), 'photo.png');

    // Remove mask in the dialog.
    dialog = await openMask(p, SET);
    await dialog.getByRole('button', { name: S.maskRemove }).click();
    assert.equal(await news.filter({ hasText: 'Mask removed' }).textContent(), 'Mask removed from photo.png.');
    assert.equal(await p.page.locator('.attachment.has-mask').count(), 0);
    assert.equal((await generate(p)).maskBase64, undefined);

    // Painted again, then the image is removed by the host: the mask goes too.
    await p.clearPosted();
    await p.post({ type: 'jobEnded', jobId: 'none', outcome: 'error', elapsedMs: 0 });
    dialog = await openMask(p);
    await p.page.keyboard.press('Space');
    await dialog.getByRole('button', { name: S.maskApply }).click();
    await news.filter({ hasText: 'Mask set' }).waitFor();
    await p.post({
      type: 'attachments',
      attachments: [{ id: 'att-1', name: 'cat.png', webviewUri: `${studio.server.origin}/img/3.png` }],
    });
    assert.equal(await news.filter({ hasText: 'Mask removed' }).textContent(), 'Mask removed from photo.png.');
    assert.equal((await generate(p)).maskBase64, undefined);
  });

  it('an image announcing more pixels than are decoded: the dialog says why no mask can be painted on it; nothing is drawn', async () => {
    // 8000 × 6000 (48 million): chromium would decode it (it refuses 60000 × 60000 itself).
    const p = await studio.openWithInit({
      attachments: [
        { id: 'att-9', name: 'huge.png', webviewUri: `${studio.server.origin}/img/announced/8000x6000.png` },
      ],
    });
    await p.page.getByRole('button', { name: 'Paint a mask on huge.png' }).click();
    const dialog = p.page.getByRole('dialog', { name: 'Mask for huge.png' });
    await dialog.waitFor();
    await p.waitFor("document.querySelector('.mask-status')?.textContent !== ''");
    assert.equal(
      await dialog.locator('.mask-status').textContent(),
      'This image is 8000 × 6000 pixels, more than the 40 million a mask can be painted on. Use a smaller image.',
    );
    assert.equal(await dialog.getByRole('button', { name: S.maskApply }).isDisabled(), true);
    assert.equal(await p.page.evaluate("document.querySelector('.mask-canvas').hidden"), true, 'no canvas to paint on');
    assert.equal(
      await p.page.evaluate("document.querySelector('.mask-image').getAttribute('src')"),
      null,
      'the image itself is not shown (decoded)',
    );
  });

  it('Escape closes the mask dialog and keeps what was there, without cancelling the running generation', async () => {
    const p = await openStudio();
    await p.post({ type: 'jobStarted', jobId: 'job-1', prompt: 'x', model: 'gpt-image-1' });
    const dialog = await openMask(p);
    await p.page.keyboard.press('Space');
    await p.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 }); // isHidden() would not wait for the close
    assert.deepEqual(await p.postedOfType('cancel'), []);
    assert.equal(await p.page.locator('.attachment.has-mask').count(), 0, 'Escape is Cancel: nothing was applied');
  });
});
