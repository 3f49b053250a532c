// Set Balance Key…, Show Balance and Check Connection through the real adapter and the test server
// (a loopback base URL, whose origin answers GeekAI's balance in tests): the balance key is kept in
// SecretStorage, never logged or shown, sent only to the balance endpoint and forgotten by Clear;
// Check Connection reports each step and offers the fix of the first that failed.
import assert from 'node:assert/strict';
import { clearApiKeyCommand } from '../../src/vscode/commands/apiKey';
import { setBalanceKeyCommand, showBalanceCommand } from '../../src/vscode/commands/balance';
import { checkConnectionCommand } from '../../src/vscode/commands/checkConnection';
import { generateCommand } from '../../src/vscode/commands/generate';
import { redact } from '../../src/core/text/redact';
import { TEST_BALANCE_KEY } from '../server/catalogAnswers';
import { useLoopback } from '../support/loopback';
import { makeHarness, type Harness } from './support/harness';

const KEY = 'sk-balance-test-key-0123456789';
const BALANCE_SECRET = 'geekaiImage.balanceKey';

describe('Balance key, Show Balance and Check Connection (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;
  const balanceRequests = () => lb.server.requests.filter((r) => r.path === '/api/credit/balance');

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
    lb.server.setBalance(3700);
  });
  afterEach(async () => {
    assert.ok(!h.log.text().includes(TEST_BALANCE_KEY), 'the balance key is never logged');
    assert.ok(!JSON.stringify(h.ui.shown).includes(TEST_BALANCE_KEY), 'nor shown');
    await h.dispose();
  });

  it('Set Balance Key… keeps the key in secret storage (a password box) and shows the balance it reads', async () => {
    h.ui.inputs.push(`  ${TEST_BALANCE_KEY}  `);
    await setBalanceKeyCommand(h.ctx);
    assert.equal(h.ui.asked[0].password, true);
    assert.equal(h.secrets.map.get(BALANCE_SECRET), TEST_BALANCE_KEY);
    assert.deepEqual(h.ui.messages(), [
      "Balance key saved in VS Code's secret storage. GeekAI balance: ¥37.00 (3700 gold coins).",
    ]);
    const [get] = balanceRequests();
    assert.equal(get.headers.authorization, `Bearer ${TEST_BALANCE_KEY}`, 'the system key, never the API key');
    assert.equal(redact(`key ${TEST_BALANCE_KEY}`, h.keys.secrets), 'key ***', 'redacted wherever keys are');
  });

  it('Show Balance without a balance key offers to set one and asks nothing of GeekAI', async () => {
    await showBalanceCommand(h.ctx);
    assert.deepEqual(h.ui.messages(), [
      "No balance key is set. GeekAI's balance needs its system key (not the API key); set it to see your balance here.",
    ]);
    assert.deepEqual(h.ui.shown[0].actions, ['Set Balance Key…']);
    assert.deepEqual(balanceRequests(), []);
  });

  it('a balance key GeekAI refuses is said so, with Set Balance Key… as the fix', async () => {
    h.secrets.map.set(BALANCE_SECRET, 'sys-bad');
    h.ui.errorChoices.push(undefined);
    await showBalanceCommand(h.ctx);
    assert.deepEqual(h.ui.messages('error'), [
      'GeekAI refused the balance key (401). Check that it is the system key from your GeekAI account, then set it again.',
    ]);
    assert.deepEqual(h.ui.shown[0].actions, ['Set Balance Key…']);
  });

  it('the balance key goes to no other server: a loopback base URL the key may not go to gets nothing', async () => {
    h.secrets.map.set(BALANCE_SECRET, TEST_BALANCE_KEY);
    h.workspaceSettings.baseUrl = 'http://127.0.0.1:9/api/v1';
    await showBalanceCommand(h.ctx);
    assert.deepEqual(h.ui.messages('warn'), [
      'The balance key goes only to GeekAI (geekai.co), and this base URL is not one it may go to.',
    ]);
    assert.deepEqual(balanceRequests(), []);
  });

  it('Clear API Key forgets the balance key too', async () => {
    h.secrets.map.set(BALANCE_SECRET, TEST_BALANCE_KEY);
    await clearApiKeyCommand(h.ctx, {});
    assert.equal(h.secrets.map.size, 0);
    assert.deepEqual(h.ui.messages(), ['GeekAI API key removed from secret storage. The balance key was removed too.']);
    assert.equal(await h.keys.hasBalanceKey(), false);
  });

  it('a 402 says the balance beside what the request was expected to cost, and where to top up', async () => {
    h.secrets.map.set(BALANCE_SECRET, TEST_BALANCE_KEY);
    lb.server.setBalance(37);
    h.settings.model = 'dall-e-3';
    lb.server.enqueueApi({ kind: 'error', status: 402, message: 'Insufficient balance' });
    h.ui.inputs.push('a lamp');
    h.ui.errorChoices.push(undefined);
    await generateCommand(h.ctx);
    assert.deepEqual(h.ui.messages('error'), [
      'Your GeekAI balance is too low (402): balance ¥0.37, this request ¥0.28; top up at https://geekai.co, then try again.',
    ]);
  });

  it('Check Connection: reachable (direct, with its latency), the key works, the image models listed, the balance', async () => {
    h.secrets.map.set(BALANCE_SECRET, TEST_BALANCE_KEY);
    const report = await checkConnectionCommand(h.ctx);
    assert.equal(report.route, 'direct');
    assert.ok(
      report.reachable.ok && report.reachable.status === 401,
      'the probe carries no key: the server answers 401, and it is there',
    );
    assert.ok(report.key?.ok);
    // 13 typed image models, and the 3 Responses models (which draw through the image tool); not gpt-4o-mini or the embedding model.
    assert.equal(report.key.imageModels, 16);
    const [message] = h.ui.messages('info');
    assert.match(
      message,
      new RegExp(
        `^${lb.server.origin.replace('http://', '').replace(/\./g, '\\.')} answers \\(direct, \\d+ ms\\)\\. The key works: 16 image models listed \\(\\d+ ms\\)\\. Balance: ¥37\\.00\\.$`,
      ),
    );
    assert.deepEqual(h.ui.shown[0].actions, ['Show Log']);
    assert.match(h.log.text(), /Check Connection: http:\/\/127\.0\.0\.1:\d+\/api\/v1/);
    assert.match(h.log.text(), /key: accepted, \d+ models listed \(16 image models\)/);
    // The probe went without a key; the list with the API key; the balance with the balance key.
    const models = lb.server.requests.filter((r) => r.path === '/api/v1/models');
    assert.equal(models.length, 2);
    assert.ok(!String(models[0].headers.authorization ?? '').includes(KEY));
    assert.equal(models[1].headers.authorization, `Bearer ${KEY}`);
    assert.equal(balanceRequests()[0].headers.authorization, `Bearer ${TEST_BALANCE_KEY}`);
  });

  it('Check Connection names the proxy the requests go through', async () => {
    h.ctx.network = { proxyFor: () => 'http://proxy.corp:3128' };
    await checkConnectionCommand(h.ctx);
    assert.match(h.ui.messages('info')[0], /answers \(through the proxy http:\/\/proxy\.corp:3128, \d+ ms\)/);
    assert.match(h.log.text(), /route: http:\/\/proxy\.corp:3128/);
  });

  it('Check Connection with a key the gateway refuses: the key step fails, with Set API Key as the fix', async () => {
    h.secrets.map.set('geekaiImage.apiKey', 'bad-key');
    h.ui.errorChoices.push(undefined);
    await checkConnectionCommand(h.ctx);
    const [message] = h.ui.messages('error');
    assert.match(message, /answers \(direct, \d+ ms\)\. The key was not accepted: /);
    assert.deepEqual(h.ui.shown[0].actions, ['Set API Key', 'Show Log']);
  });

  it('Check Connection without a key: reachable, then says no key is set', async () => {
    h.secrets.map.delete('geekaiImage.apiKey');
    const report = await checkConnectionCommand(h.ctx);
    assert.ok(report.reachable.ok);
    assert.equal(report.key, undefined);
    assert.match(h.ui.messages('warn')[0], /answers \(direct, \d+ ms\)\. No API key is set\.$/);
    assert.deepEqual(h.ui.shown[0].actions, ['Set API Key', 'Show Log']);
  });

  it('Check Connection to a base URL nothing answers at: not reachable, why, and Open Settings', async () => {
    h.settings.baseUrl = 'http://127.0.0.1:9/api/v1';
    h.ui.errorChoices.push('Open Settings');
    const report = await checkConnectionCommand(h.ctx);
    assert.equal(report.reachable.ok, false);
    assert.deepEqual(h.ui.messages('error'), [
      '127.0.0.1:9 is not reachable (direct): Could not connect to 127.0.0.1:9: the connection was refused. Check geekaiImage.baseUrl.',
    ]);
    assert.deepEqual(h.ui.shown[0].actions, ['Open Settings', 'Show Log']);
    assert.deepEqual(h.ui.settingsOpened, ['geekaiImage']);
  });
});
