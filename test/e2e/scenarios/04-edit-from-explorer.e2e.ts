// Scenario 4: Explorer right-click on a workspace PNG → Edit Image with AI…:
// the server gets that PNG as a data URL, the result is saved beside the
// source, and the source is unchanged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { sha256, waitForNewImages } from '../files';
import { ensureApiKey, imageUrls, mark, scenario, TITLES, userText, waitForCompletion } from '../scenario';

const INSTRUCTION = '把背景换成蓝色';

scenario(4, 'Edit Image with AI… from the explorer sends the PNG and saves the result beside it', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  const source = path.join(workspace, 'photo.png');
  const sourceBytes = fs.readFileSync(source);

  const start = mark();
  await wb.explorerContextMenu('photo.png', TITLES.editImage);
  await wb.answerInputBox(INSTRUCTION);
  const request = await waitForCompletion(start.from);
  const dataUrl = `data:image/png;base64,${sourceBytes.toString('base64')}`;
  const urls = imageUrls(request);
  assert.ok(
    urls.includes(dataUrl),
    `the request carries photo.png as a data URL (image URLs sent: ${urls.map((u) => u.slice(0, 40) + '…').join(', ') || 'none'})`,
  );
  assert.ok(userText(request).includes(INSTRUCTION), 'the instruction reaches the server');

  const added = await waitForNewImages(workspace, start.images);
  assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
  assert.equal(path.dirname(added[0]), path.dirname(source), 'the result is saved beside the source');
  const result = fs.readFileSync(added[0]);
  const served = server.lastServedImages();
  assert.ok(served.length >= 1 && result.equals(served[0]), 'the saved bytes equal what the server served');
  assert.ok(!result.equals(sourceBytes), 'the result differs from the source');
  assert.equal(sha256(fs.readFileSync(source)), sha256(sourceBytes), 'the source PNG is unchanged');
});
