// Scenario 17: a slow job survives a window reload. gpt-4o-image, not streamed, runs in the
// server's background mode; the window is reloaded while the server still draws; after the
// reload the extension resumes polling, saves the served image and puts the link where the
// cursor was. The job was sent once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { markdownImages, resolveLink, sleep, waitFor, waitForNewImages } from '../files';
import { currentModel, ensureApiKey, generateInMarkdown, mark, requestSince, scenario } from '../scenario';

const PROMPT = 'a lighthouse that outlives a reload';
const MODEL = 'gpt-4o-image';

scenario(17, 'A slow background job survives a window reload: the image is saved and linked after it', async (wb) => {
  const { workspace, server } = ctx();
  await ensureApiKey(wb);
  const settingsFile = path.join(workspace, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(
    settingsFile,
    JSON.stringify({ 'geekaiImage.model': MODEL, 'geekaiImage.stream': 'never' }, null, 2),
  );
  try {
    await waitFor('the workspace settings to apply', async () => (await currentModel(wb)).includes(MODEL), 30_000, 500);
    const doc = path.join(workspace, 'scenario-17.md');
    const before = '# Scenario 17\n\nFirst paragraph.\n\n\nLast paragraph.\n';
    fs.writeFileSync(doc, before);
    const line = 3;
    const lineEnd = before.split('\n').slice(0, line).join('\n').length;
    // The server draws for a while (the extension polls every 3 s): long enough to reload meanwhile.
    server.enqueueBackground({ outcome: 'completed', polls: 8 });

    const start = mark();
    await generateInMarkdown(wb, 'scenario-17.md', line, PROMPT);
    const post = await requestSince(start.from, (r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
    assert.equal(
      (post.json as { background?: unknown }).background,
      true,
      'a slow non-streamed job runs in the background',
    );
    const id = [...server.backgroundJobs.keys()].at(-1) ?? '';
    // The first poll comes after the job was kept; give the global state a moment to be written.
    await requestSince(start.from, (r) => r.method === 'GET' && r.path.endsWith(`/chat/${id}`));
    await sleep(1500);
    assert.deepEqual(mark().images, start.images, 'nothing saved before the reload');

    await wb.reloadWindow();

    const added = await waitForNewImages(workspace, start.images, 90_000);
    assert.equal(added.length, 1, `exactly one new image (got ${added.join(', ')})`);
    assert.ok(
      fs.readFileSync(added[0]).equals(server.lastServedImages()[0]),
      'the saved bytes equal what the server served',
    );
    const posts = server.requests
      .slice(start.from)
      .filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
    assert.equal(posts.length, 1, 'the job was not sent again after the reload');

    const toasts = await wb.toastLog();
    assert.ok(
      toasts.some((t) => t.includes('GeekAI Image (resumed after the reload)')),
      `the new window resumed the job; notifications:\n${toasts.join('\n')}`,
    );
    await waitFor('the link in the editor', async () => (await wb.activeEditorText()).includes('!['), 30_000);
    await wb.saveAll();
    const after = await waitFor('the link on disk', () => {
      const text = fs.readFileSync(doc, 'utf8');
      return markdownImages(text).length === 1 ? text : undefined;
    });
    const [link] = markdownImages(after);
    assert.equal(resolveLink(doc, link.target), added[0], 'the link points at the saved image');
    assert.equal(
      after,
      `${before.slice(0, lineEnd)}\n\n${link.raw}${before.slice(lineEnd)}`,
      `the document text:\n${after}`,
    );
  } finally {
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
  }
});
