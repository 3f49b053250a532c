import assert from 'node:assert/strict';
import { MODEL_CATALOG } from '../../src/core/catalog';
import { clearApiKeyCommand, setApiKeyCommand } from '../../src/vscode/commands/apiKey';
import { selectModelCommand } from '../../src/vscode/commands/selectModel';
import { makeHarness, type Harness } from './support/harness';

describe('Set/Clear API Key and Select Model commands', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness('http://127.0.0.1:9/api/v1');
  });
  afterEach(async () => h.dispose());

  it('Set API Key stores the trimmed key in secret storage only, in a password box, and never echoes it', async () => {
    h.ui.inputs.push('  sk-abc-0123456789  ');
    await setApiKeyCommand(h.ctx);
    assert.equal(h.ui.asked[0].password, true);
    assert.equal(h.secrets.map.get('geekaiImage.apiKey'), 'sk-abc-0123456789');
    // The harness's server refuses connections: the key is kept, and the check says why it could not run.
    assert.deepEqual(h.ui.messages(), [
      "GeekAI API key saved in VS Code's secret storage. Could not connect to 127.0.0.1:9: the connection was refused. Check geekaiImage.baseUrl.",
    ]);
    assert.equal(h.log.text().includes('sk-abc-0123456789'), false);
  });

  it('Set API Key refuses a key with spaces and stores nothing', async () => {
    h.ui.inputs.push('sk abc');
    await setApiKeyCommand(h.ctx);
    assert.equal(h.ui.asked[0].validate?.('sk abc'), 'An API key has no spaces.');
    assert.equal(h.secrets.map.size, 0);
  });

  it('Clear API Key removes it and mentions an environment fallback', async () => {
    h.secrets.map.set('geekaiImage.apiKey', 'sk-old-0123456789');
    await clearApiKeyCommand(h.ctx, { GEEKAI_API_KEY: 'sk-env' });
    assert.equal(h.secrets.map.size, 0);
    assert.deepEqual(h.ui.messages(), [
      'GeekAI API key removed from secret storage. GEEKAI_API_KEY from the environment is still used.',
    ]);
  });

  it('Select Model offers every catalog model (chat, Images API, Responses API) and saves the pick', async () => {
    let labels: string[] = [];
    h.ui.picks.push((items) => {
      labels = items.map((i) => i.label);
      return items.find((i) => i.label === 'midjourney-chat');
    });
    const id = await selectModelCommand(h.ctx);
    assert.deepEqual(labels, [
      ...MODEL_CATALOG.map((m) => m.id),
      "Refresh the gateway's model list",
      'Other model id…',
    ]);
    assert.equal(id, 'midjourney-chat');
    assert.deepEqual(h.modelSetTo, ['midjourney-chat']);
  });

  it('Select Model takes any typed model id, and refuses one with spaces', async () => {
    h.ui.picks.push((items) => items.at(-1));
    h.ui.inputs.push('my model');
    assert.equal(await selectModelCommand(h.ctx), undefined);
    assert.deepEqual(h.modelSetTo, []);

    h.ui.picks.push((items) => items.at(-1));
    h.ui.inputs.push('flux-kontext-pro');
    assert.equal(await selectModelCommand(h.ctx), 'flux-kontext-pro');
    assert.deepEqual(h.modelSetTo, ['flux-kontext-pro']);
  });
});
