// Jobs side by side through the real panel session, StudioBackend and GenerationService against
// the test server: several at once, each cancelled on its own, the rest waiting their turn with
// their place shown, and the status bar item and job list over the same queue.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCommand } from '../../src/vscode/commands/generate';
import { jobCountText, showJobs, trackJobs, type StatusItem } from '../../src/vscode/jobList';
import { placeholderPng } from '../server/placeholderImage';
import type { TestServer } from '../server/testServer';
import { chatRequests, defaultTarget, useEnv } from '../reliability/support/entries';

/** What the test server draws for a prompt (its first image), byte for byte. */
const drawn = (prompt: string): Buffer => placeholderPng(`${prompt}\u00000`);
const slow = { kind: 'delay', ms: 600, then: { kind: 'image', via: 'messageImage' } } as const;

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const promptsSent = (server: TestServer): string[] =>
  server.requests
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => {
      const body = r.json as { messages: { role: string; content: string }[] };
      return body.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('');
    });

class FakeStatusItem implements StatusItem {
  text = '';
  tooltip?: unknown;
  command?: unknown;
  visible = false;
  shown: string[] = [];
  show(): void {
    this.visible = true;
    this.shown.push(this.text);
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {}
}

describe('Studio jobs side by side (panel session → StudioBackend → queue → test server)', function () {
  this.timeout(20_000);
  const env = useEnv({ streamDelayMs: 5 });

  it('three jobs at once: all three sent together, one cancelled, the other two saved with their own images', async () => {
    const e = env();
    e.rig.settings.model = 'gemini-2.5-flash-image';
    e.server.enqueue(slow, slow, slow);
    const prompts = ['first red fox', 'second blue owl', 'third green bear'];
    const runs = prompts.map((p) => e.studio.generate(p));
    await until(() => chatRequests(e.server) === 3, 'three requests');
    const started = e.studio.host.ofType('jobStarted');
    assert.deepEqual(
      started.map((s) => s.prompt),
      prompts,
    );

    const cancelled = started[1].jobId;
    await e.studio.route({ type: 'cancel', jobId: cancelled });
    await Promise.all(runs);

    const results = e.studio.host.ofType('result');
    assert.deepEqual(results.map((r) => r.card.prompt).sort(), [prompts[0], prompts[2]].sort());
    assert.deepEqual(
      e.studio.errors().map((m) => [m.jobId, m.kind]),
      [[cancelled, 'cancelled']],
    );
    assert.deepEqual(
      e.studio.host
        .ofType('jobEnded')
        .map((m) => [m.jobId, m.outcome])
        .sort(),
      started.map((s) => [s.jobId, s.jobId === cancelled ? 'cancelled' : 'done']).sort(),
    );
    const images = fs.readdirSync(path.join(e.rig.root, 'images')).sort();
    assert.deepEqual(
      images,
      [path.basename(defaultTarget(prompts[0])), path.basename(defaultTarget(prompts[2]))].sort(),
    );
    for (const p of [prompts[0], prompts[2]])
      assert.deepEqual(fs.readFileSync(path.join(e.rig.root, defaultTarget(p))), drawn(p));
  });

  it('beyond maxConcurrentJobs a job waits, shows its place, is not sent until a place frees up, then is saved', async () => {
    const e = env();
    e.rig.settings.model = 'gemini-2.5-flash-image';
    e.rig.settings.maxConcurrentJobs = 2;
    e.server.enqueue(slow, slow);
    const prompts = ['one lighthouse', 'two harbours', 'three boats'];
    const runs = prompts.map((p) => e.studio.generate(p));
    await until(() => chatRequests(e.server) === 2, 'two requests');
    await until(() => e.studio.host.ofType('progress').some((m) => m.place !== undefined), 'a place in line');
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(
      promptsSent(e.server).filter((p) => prompts.some((q) => p.includes(q))).length,
      2,
      'the third is not sent while two run',
    );
    const third = e.studio.host.ofType('jobStarted')[2].jobId;
    const waiting = e.studio.host.ofType('progress').filter((m) => m.jobId === third);
    assert.deepEqual(
      waiting.map((m) => [m.place, m.text]),
      [[1, 'Waiting for a free place: number 1 in line…']],
    );

    await Promise.all(runs);
    assert.equal(chatRequests(e.server), 3);
    assert.ok(promptsSent(e.server)[2].includes(prompts[2]), 'the waiting job went last');
    const after = e.studio.host.ofType('progress').filter((m) => m.jobId === third && m.place === undefined);
    assert.ok(after.length > 0, 'once started it reports progress without a place');
    assert.deepEqual(e.studio.host.ofType('result').length, 3);
    for (const p of prompts) assert.deepEqual(fs.readFileSync(path.join(e.rig.root, defaultTarget(p))), drawn(p));
  });

  it("the status bar counts running and waiting jobs of the commands and the panel (its tooltip what the session spent); the list shows each one's estimate and cancels the one picked", async () => {
    const e = env();
    e.rig.settings.model = 'gemini-2.5-flash-image';
    e.rig.settings.maxConcurrentJobs = 1;
    const item = new FakeStatusItem();
    const stop = trackJobs(e.rig.service.queue, item, e.rig.service);
    assert.equal(item.tooltip, 'GeekAI Image jobs: click to see or cancel them');
    assert.equal(item.visible, false);
    e.server.enqueue(slow);
    e.rig.ui.inputs.push('a command job');
    const command = generateCommand(e.rig.ctx);
    await until(() => chatRequests(e.server) === 1, 'the command request');
    const panel = e.studio.generate('a panel job');
    await until(() => item.text === jobCountText(1, 1), 'the count with one waiting');
    assert.equal(item.text, '$(loading~spin) 1 running, 1 waiting');
    assert.equal(item.command, 'geekaiImage.showJobs');

    let offered: string[] = [];
    e.rig.ui.picks.push((items) => {
      offered = items.map((i) => `${i.label} | ${i.description ?? ''}`);
      return items[1];
    });
    await showJobs(e.rig.service.queue, e.rig.ui);
    // ¥0.04 an image in the test server's list; a chat answer may hold more than one, so ≈.
    assert.deepEqual(offered, [
      'a command job | gemini-2.5-flash-image · running · ≈ ¥0.04',
      'a panel job | gemini-2.5-flash-image · waiting, number 1 in line · ≈ ¥0.04',
    ]);
    await Promise.all([command, panel]);
    assert.deepEqual(
      e.studio.errors().map((m) => m.kind),
      ['cancelled'],
    );
    assert.equal(chatRequests(e.server), 1, 'the cancelled job was never sent');
    assert.deepEqual(fs.readFileSync(path.join(e.rig.root, defaultTarget('a command job'))), drawn('a command job'));
    assert.equal(item.visible, false);
    assert.ok(item.shown.includes('$(loading~spin) 1 running'));
    // The one image drawn, counted at the list's price.
    assert.equal(item.tooltip, 'GeekAI Image jobs: click to see or cancel them\nSpent this session: ¥0.04');
    stop();
  });
});
