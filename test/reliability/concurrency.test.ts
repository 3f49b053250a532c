// Several generations at once: a second one while the first runs, and twenty together. No
// interference: each result in its own file holding exactly the bytes served for its request.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCommand } from '../../src/vscode/commands/generate';
import { placeholderPng } from '../server/placeholderImage';
import { chatRequests, defaultTarget, finish, prepare, useEnv } from './support/entries';
import { readDisk } from './support/disk';
import { faultCase } from './support/tally';

/** What the test server draws for a prompt (its first image), byte for byte. */
const drawn = (prompt: string): Buffer => placeholderPng(`${prompt}\u00000`);

describe('Reliability: concurrent generations', function () {
  this.timeout(20_000);
  const env = useEnv({ streamDelayMs: 10 });

  faultCase(
    'a second Generate while one runs (same prompt): both saved, neither over the other nor the earlier file',
    async () => {
      const e = env();
      const prompt = 'twin request';
      prepare(e, prompt);
      e.server.enqueue({ kind: 'delay', ms: 300, then: { kind: 'image', via: 'messageImage' } });
      e.rig.ui.inputs.push(prompt, prompt);

      await Promise.all([generateCommand(e.rig.ctx), generateCommand(e.rig.ctx)]);

      assert.deepEqual(e.rig.ui.messages('error'), []);
      assert.equal(chatRequests(e.server), 2);
      const added = [...readDisk(e.rig.root).files.keys()].filter((f) => !e.rig.before.files.has(f)).sort();
      assert.deepEqual(added, [
        defaultTarget(prompt).replace('.png', '-1.png'),
        defaultTarget(prompt).replace('.png', '-2.png'),
      ]);
      finish('two at once', e, { saved: [drawn(prompt), drawn(prompt)] });
    },
  );

  faultCase('a second Generate in the Studio while one runs: both run side by side, both saved', async () => {
    const e = env();
    const prompt = 'the first job';
    prepare(e, prompt);
    e.server.enqueue({ kind: 'delay', ms: 300, then: { kind: 'image', via: 'messageImage' } });

    const first = e.studio.generate(prompt);
    await e.server.waitForRequest((r) => r.path.endsWith('/chat/completions'), 3000);
    await e.studio.generate('a second job');
    await first;

    assert.deepEqual(e.studio.errors(), []);
    assert.equal(e.studio.host.ofType('result').length, 2);
    assert.equal(chatRequests(e.server), 2);
    finish('two in the panel', e, { saved: [drawn(prompt), drawn('a second job')] });
  });

  faultCase(
    "twenty Generate commands at once, distinct prompts: twenty files, each with its own request's image",
    async () => {
      const e = env();
      const prompts = Array.from({ length: 20 }, (_, i) => `concurrent picture number ${i + 1}`);
      prepare(e, prompts[0]);
      e.rig.ui.inputs.push(...prompts);

      await Promise.all(prompts.map(() => generateCommand(e.rig.ctx)));

      assert.deepEqual(e.rig.ui.messages('error'), []);
      assert.equal(chatRequests(e.server), 20);
      const served = [...e.server.servedImages.values()];
      for (const [i, prompt] of prompts.entries()) {
        const rel = i === 0 ? defaultTarget(prompt).replace('.png', '-1.png') : defaultTarget(prompt);
        const bytes = fs.readFileSync(path.join(e.rig.root, rel));
        assert.ok(bytes.equals(drawn(prompt)), `${rel} holds the image drawn for "${prompt}"`);
        assert.ok(
          served.some((b) => b.equals(bytes)),
          `${rel} is what the server served`,
        );
      }
      finish('twenty at once', e, { saved: prompts.map(drawn) });
    },
  );

  faultCase('twenty at once with the same prompt: twenty numbered files, none lost to the naming race', async () => {
    const e = env();
    const prompt = 'same name race';
    prepare(e, prompt);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        e.rig.service.run({ prompt, references: [] }, () => undefined, new AbortController().signal),
      ),
    );

    const names = outcomes
      .map((o) => path.basename(o.files[0].path))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    assert.deepEqual(
      names,
      Array.from({ length: 20 }, (_, i) => path.basename(defaultTarget(prompt)).replace('.png', `-${i + 1}.png`)),
    );
    finish('same-name race', e, { saved: Array.from({ length: 20 }, () => drawn(prompt)) });
  });
});
