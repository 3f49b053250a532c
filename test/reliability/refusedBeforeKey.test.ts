// With no key stored yet, input that can be refused locally is refused before the user is
// asked for a key (and before anything is sent or written).
import assert from 'node:assert/strict';
import { generateCommand } from '../../src/vscode/commands/generate';
import { assertUserMessage } from './support/checks';
import { chatRequests, finish, useEnv, type Env } from './support/entries';
import { BAD_BASE_URL, TOO_LONG } from './support/inputMessages';
import { Rig } from './support/rig';
import { badInputCase } from './support/tally';

const setting =
  (key: 'baseUrl', value: string) =>
  (e: Env): void => {
    e.rig.settings[key] = value;
  };

describe('Reliability: bad input with no key stored yet', function () {
  this.timeout(15_000);
  const env = useEnv();

  const NO_KEY: [string, string, (e: Env) => void, RegExp][] = [
    ['a prompt that is too long', 'x'.repeat(100_000), () => undefined, TOO_LONG],
    ['a base URL that is not a URL', 'a lighthouse', setting('baseUrl', 'not a url'), BAD_BASE_URL],
    [
      'a model id with spaces',
      'a lighthouse',
      (e) => void (e.rig.settings.model = 'my model'),
      /^"my model" is not a valid model id \(no spaces or special characters\)\.$/,
    ],
  ];
  for (const [title, prompt, setup, message] of NO_KEY) {
    badInputCase(`${title} is refused before the key is asked for`, async () => {
      const e = env();
      const keyless = new Rig(e.server.baseUrl, {});
      try {
        setup({ ...e, rig: keyless });
        keyless.seal();
        keyless.ui.inputs.push(prompt);

        await generateCommand(keyless.ctx);

        assert.equal(keyless.ui.asked.length, 1, `asked: ${keyless.ui.asked.map((a) => a.title).join(', ')}`);
        assertUserMessage(keyless.ui.messages('error')[0], message);
        assert.equal(chatRequests(e.server), 0);
        finish(title, { ...e, rig: keyless }, { saved: [], noNewFolders: true });
      } finally {
        await keyless.dispose();
      }
    });
  }
});
