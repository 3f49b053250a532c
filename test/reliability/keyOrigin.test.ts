// A trusted repository's committed .vscode/settings.json pointing geekaiImage.baseUrl at another
// server must not collect the key: nothing reaches that server (not a request, let alone an
// Authorization header) until the user says Send in the modal naming its host; after that the key
// goes there, and after Clear API Key the user is asked again. The same holds for the key from
// GEEKAI_API_KEY, Write Alt Text, Select Model's model list, the MCP server and its snippet.
import assert from 'node:assert/strict';
import { KEY_ORIGINS_KEY } from '../../src/vscode/keyOrigins';
import { clearApiKeyCommand, setApiKeyCommand } from '../../src/vscode/commands/apiKey';
import { copyMcpConfigCommand } from '../../src/vscode/commands/copyMcpConfig';
import { writeAltTextCommand } from '../../src/vscode/commands/writeAltText';
import { mcpServerDefinitions } from '../../src/vscode/agent/mcpServers';
import { placeholderPng } from '../server/placeholderImage';
import { startTestServer, type TestServer } from '../server/testServer';
import { assertUserMessage, checkNoLeaks } from './support/checks';
import { chatRequests, drive, ENTRIES, finish, prepare, producedTexts, useEnv, type Env } from './support/entries';
import { entryLabel } from './support/failureCases';
import { Rig } from './support/rig';
import { hostileCase } from './support/tally';
import { FakeDefinition } from '../support/sharedFakes';

const NOT_SENT =
  /^Your GeekAI key was not sent to 127\.0\.0\.1:\d+: that base URL is not in your user settings and you did not allow it\. Nothing was sent\.$/;
const DONT = "Don't send";

describe('Reliability: a workspace base URL the user did not set gets no key', function () {
  this.timeout(20_000);
  const env = useEnv();
  let other: TestServer;
  beforeEach(async () => {
    other = await startTestServer({ streamDelayMs: 5 });
  });
  afterEach(async () => {
    await other.close();
  });

  /** Points the workspace's settings at the other server, as a committed .vscode/settings.json does. */
  const committed = (e: Env): string => {
    e.rig.workspaceSettings.baseUrl = other.baseUrl;
    return new URL(other.baseUrl).host;
  };

  /** The modal was asked exactly once more, naming the other server's host and origin. */
  const askedOnce = (e: Env, before: number): void => {
    const asked = e.rig.ui.confirmations.slice(before);
    assert.equal(asked.length, 1, `modals: ${asked.map((c) => c.message).join(' | ')}`);
    assert.equal(asked[0].message, `Send your GeekAI key to ${new URL(other.baseUrl).host}?`);
    assert.ok((asked[0].detail ?? '').includes(other.origin), asked[0].detail);
    assert.deepEqual(asked[0].buttons, ['Send', DONT]);
  };

  for (const entry of ENTRIES) {
    hostileCase(
      `${entryLabel(entry)}: nothing reaches it before Send, the key does after, and Clear API Key asks again`,
      async () => {
        const e = env();
        const prompt = 'a lighthouse at dusk';
        prepare(e, prompt);
        committed(e);

        e.rig.ui.confirmChoices.push(DONT);
        const refused = await drive(entry, e, prompt);
        askedOnce(e, 0);
        assertUserMessage(refused.error?.message, NOT_SENT, e.key);
        assert.deepEqual(
          refused.error?.actions,
          entry === 'command' ? ['Retry', 'Open Settings'] : ['retry', 'openSettings'],
        );
        assert.equal(other.requests.length, 0, "not a single request reached the workspace's server");
        assert.equal(chatRequests(e.server), 0, "nor the user's: the job stopped");
        finish(`${entry}: refused`, e, { saved: [], noNewFolders: true });

        e.rig.keyClock.ms += 5000;
        e.rig.ui.confirmChoices.push('Send');
        const sent = await drive(entry, e, prompt);
        askedOnce(e, 1);
        assert.equal(sent.error, undefined, sent.error?.message);
        const posts = other.requests.filter((r) => r.method === 'POST');
        assert.equal(posts.length, 1);
        assert.equal(posts[0].headers.authorization, `Bearer ${e.key}`);
        assert.deepEqual(e.rig.globalState.get(KEY_ORIGINS_KEY), [other.origin]);

        // Allowed once: the next job is not asked.
        await drive(entry, e, 'a second lighthouse');
        assert.equal(e.rig.ui.confirmations.length, 2);
        assert.equal(other.requests.filter((r) => r.method === 'POST').length, 2);

        await clearApiKeyCommand(e.rig.ctx, {});
        assert.equal(e.rig.globalState.get(KEY_ORIGINS_KEY), undefined, 'the approvals went with the key');
        e.rig.keyClock.ms += 5000;
        e.rig.ui.inputs.push(e.key);
        await setApiKeyCommand(e.rig.ctx);
        e.rig.ui.confirmChoices.push(DONT);
        const after = await drive(entry, e, 'a third lighthouse');
        askedOnce(e, 2);
        assertUserMessage(after.error?.message, NOT_SENT, e.key);
        assert.equal(other.requests.filter((r) => r.method === 'POST').length, 2, 'nothing more reached it');
        assert.deepEqual(
          e.rig.globalState.get(KEY_ORIGINS_KEY),
          [e.server.origin],
          "Set API Key binds the key to the user's base URL only",
        );
        checkNoLeaks(`${entry}: the workspace's server`, e.key, { texts: producedTexts(e), server: other });
      },
    );
  }

  hostileCase('the key from GEEKAI_API_KEY is bound the same way', async () => {
    const e = env();
    const envKey = `${e.key}-env`;
    const rig = new Rig(e.server.baseUrl, { env: { GEEKAI_API_KEY: envKey } });
    try {
      rig.workspaceSettings.baseUrl = other.baseUrl;
      rig.ui.inputs.push('a lighthouse');
      rig.ui.confirmChoices.push(DONT);
      await drive('command', { ...e, rig }, 'a lighthouse');
      assert.equal(rig.ui.confirmations.length, 1);
      assertUserMessage(rig.ui.messages('error')[0], NOT_SENT, envKey);
      assert.equal(other.requests.length, 0);
      // At the user's own base URL the environment's key is used without asking.
      rig.workspaceSettings.baseUrl = undefined;
      const ok = await drive('command', { ...e, rig }, 'a lighthouse');
      assert.equal(ok.error, undefined, ok.error?.message);
      assert.equal(e.server.requests.find((r) => r.method === 'POST')?.headers.authorization, `Bearer ${envKey}`);
      assert.equal(rig.ui.confirmations.length, 1);
    } finally {
      await rig.dispose();
    }
  });

  hostileCase("Write Alt Text and Select Model's model list send nothing there either", async () => {
    const e = env();
    committed(e);
    const doc = e.rig.write('notes/post.md', '# Post\n\n![](cat.png)\n');
    e.rig.write('notes/cat.png', placeholderPng('cat'));
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

    e.rig.ui.confirmChoices.push(DONT);
    await writeAltTextCommand(e.rig.ctx);
    assert.equal(e.rig.ui.confirmations.length, 1);
    assertUserMessage(e.rig.ui.messages('error')[0], NOT_SENT, e.key);

    // The list is a convenience: never worth a dialog, never sent to an origin not allowed.
    assert.deepEqual(await e.rig.service.gatewayModels(true), []);
    assert.equal(e.rig.ui.confirmations.length, 1);
    assert.match(
      e.rig.log.text(),
      /the gateway's model list is not asked for: the key is not sent to http:\/\/127\.0\.0\.1:\d+/,
    );
    assert.equal(other.requests.length, 0);
    assert.equal(e.server.requests.length, 0);
  });

  hostileCase('the MCP server is registered, and its snippet copied, with an allowed base URL only', async () => {
    const e = env();
    committed(e);
    const provider = mcpServerDefinitions(FakeDefinition, {
      workspace: e.rig.ctx.workspace,
      keys: e.rig.keys,
      log: e.rig.log,
      script: '/ext/dist/mcp.js',
      version: '0.1.0',
      nodePath: '/bin/node',
    });
    let changes = 0;
    provider.onDidChange(() => changes++);

    const [def] = provider.provideMcpServerDefinitions();
    assert.deepEqual(
      def.args,
      ['/ext/dist/mcp.js', '--root', e.rig.root, '--base-url', e.server.baseUrl],
      "the user's base URL, not the workspace's",
    );
    assert.match(
      e.rig.log.text(),
      /MCP server: this workspace's base URL \(http:\/\/127\.0\.0\.1:\d+\) is not one the key may go to; the server is registered with the base URL of your user settings/,
    );
    assert.equal((await provider.resolveMcpServerDefinition(def)).env.GEEKAI_API_KEY, e.key);
    // A definition naming the workspace's server (kept from before, or made up) gets no key.
    const forged = new FakeDefinition('geekai-image', '/bin/node', [
      '/ext/dist/mcp.js',
      '--root',
      e.rig.root,
      '--base-url',
      other.baseUrl,
    ]);
    assert.equal((await provider.resolveMcpServerDefinition(forged)).env.GEEKAI_API_KEY, null);

    e.rig.ui.confirmChoices.push(DONT);
    const declined = await copyMcpConfigCommand(e.rig.ctx, '/ext/dist/mcp.js');
    assert.ok(
      declined !== undefined && declined.includes(e.server.baseUrl) && !declined.includes(other.origin),
      declined,
    );
    assert.ok(!declined.includes(e.key));
    assert.match(
      e.rig.ui.messages('info').at(-1) ?? '',
      /It uses the base URL of your user settings \(http:\/\/127\.0\.0\.1:\d+\), not this workspace's\.$/,
    );

    e.rig.keyClock.ms += 5000;
    e.rig.ui.confirmChoices.push('Send');
    const allowed = await copyMcpConfigCommand(e.rig.ctx, '/ext/dist/mcp.js');
    assert.ok(allowed?.includes(other.baseUrl) && !allowed.includes(e.key), allowed);
    assert.equal(changes, 1, 'the definition is provided again once the origin is allowed');
    assert.deepEqual(provider.provideMcpServerDefinitions()[0].args.slice(-2), ['--base-url', other.baseUrl]);
    assert.equal((await provider.resolveMcpServerDefinition(forged)).env.GEEKAI_API_KEY, e.key);
    assert.equal(e.rig.ui.confirmations.length, 2);
    assert.equal(other.requests.length, 0);
  });
});
