// Bad input to the small commands: Select Model and Set API Key refuse it in their input box.
import assert from 'node:assert/strict';
import { setApiKeyCommand } from '../../src/vscode/commands/apiKey';
import { selectModelCommand } from '../../src/vscode/commands/selectModel';
import { assertUserMessage } from './support/checks';
import { finish, useEnv } from './support/entries';
import { badInputCase } from './support/tally';

describe('Reliability: bad input to Select Model and Set API Key', function () {
  this.timeout(15_000);
  const env = useEnv();

  badInputCase(
    'Select Model with a typed id holding spaces: the input box says why, the setting is unchanged',
    async () => {
      const e = env();
      e.rig.seal();
      e.rig.ui.picks.push((items) => items.at(-1));
      e.rig.ui.inputs.push('gpt 4o image');

      assert.equal(await selectModelCommand(e.rig.ctx), undefined);

      assertUserMessage(
        e.rig.ui.asked[0].validate?.('gpt 4o image'),
        /^A model id has no spaces or special characters\.$/,
      );
      assert.equal(e.rig.settings.model, 'gemini-2.5-flash-image');
      finish('select model with spaces', e, { saved: [], noNewFolders: true });
    },
  );

  badInputCase('Set API Key with a key holding spaces: the input box says why, nothing is stored', async () => {
    const e = env();
    e.rig.seal();
    e.rig.ui.inputs.push('sk not a key');

    await setApiKeyCommand(e.rig.ctx);

    assertUserMessage(e.rig.ui.asked[0].validate?.('sk not a key'), /^An API key has no spaces\.$/);
    assert.equal(e.rig.secrets.map.get('geekaiImage.apiKey'), e.key, 'the stored key is unchanged');
    assert.deepEqual(e.rig.ui.shown, []);
    finish('set key with spaces', e, { saved: [], noNewFolders: true });
  });
});
