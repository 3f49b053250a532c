// The gateway's catalog as outside input: an answer that is not a model list leaves the jobs on
// the built-in table (its API and options) with one log line; a hostile list (model names and
// prices with markup, links, codicons or absurd numbers, a flood of entries) stays plain text in
// Select Model and the Studio, never a number made up or a link.
import assert from 'node:assert/strict';
import { MAX_GATEWAY_MODELS } from '../../src/core/apis/models';
import { MODEL_CATALOG } from '../../src/core/catalog';
import { selectModelCommand } from '../../src/vscode/commands/selectModel';
import { checkNoLeaks } from './support/checks';
import { chatRequests, drive, ENTRIES, finish, prepare, producedTexts, useEnv } from './support/entries';
import { entryLabel } from './support/failureCases';
import { faultCase, hostileCase } from './support/tally';

const UNUSABLE = /the gateway's model list is not usable/;

/** Bodies GET /models may answer with that are not a model list. */
const MALFORMED: [string, unknown][] = [
  ['an HTML maintenance page', '<!doctype html><title>Maintenance</title><h1>Back soon</h1>'],
  ['JSON of the wrong shape', { object: 'list', data: { id: 'gpt-image-1' } }],
  ['truncated JSON', '{"object":"list","data":[{"id":"gpt-image-1","type":"ima'],
  [
    'a body over the size limit',
    JSON.stringify({ object: 'list', data: [{ id: 'x', description: 'y'.repeat(9 * 1024 * 1024) }] }),
  ],
];

/** Text that would become markup, a link, a command or an icon if anything rendered it. */
const ACTIVE = /<|>|\]\(|command:|javascript:|\$\(|https?:\/\//;

describe("Reliability: the gateway's catalog", function () {
  this.timeout(30_000);
  const env = useEnv();

  for (const entry of ENTRIES) {
    for (const [what, body] of MALFORMED) {
      faultCase(
        `${entryLabel(entry)}: a model list that is ${what} leaves the job on the built-in table, in one log line`,
        async () => {
          const e = env();
          const prompt = 'a lighthouse at dusk';
          prepare(e, prompt);
          e.server.setModelList(body);
          const out = await drive(entry, e, prompt, { model: 'gemini-2.5-flash-image' });
          assert.equal(out.error, undefined, out.error?.message);
          // The table's API for the model: chat, with Gemini's remedies (an image_generation flag).
          assert.equal(chatRequests(e.server), 1);
          assert.equal(e.rig.log.lines.filter((l) => UNUSABLE.test(l.message)).length, 1, e.rig.log.text());
          // Asked again a minute later, not at every job: the next job does not add a line.
          await drive(entry, e, 'a second lighthouse', { model: 'gemini-2.5-flash-image' });
          assert.equal(e.rig.log.lines.filter((l) => UNUSABLE.test(l.message)).length, 1);
          assert.equal(e.server.requests.filter((r) => r.path === '/api/v1/models').length, 1);
          finish(`${entry}: catalog ${what}`, e, { saved: e.server.allServedImages() });
        },
      );
    }
  }

  faultCase('Select Model on a model list that is not one: the built-in table, said in one log line', async () => {
    const e = env();
    e.server.setModelList('<html>502 Bad Gateway</html>');
    let labels: string[] = [];
    e.rig.ui.picks.push((items) => {
      labels = items.map((i) => i.label);
      return undefined;
    });
    await selectModelCommand(e.rig.ctx);
    assert.deepEqual(
      labels.slice(0, MODEL_CATALOG.length),
      MODEL_CATALOG.map((m) => m.id),
    );
    assert.equal(labels.length, MODEL_CATALOG.length + 2);
    assert.equal(e.rig.log.lines.filter((l) => UNUSABLE.test(l.message)).length, 1);
  });

  hostileCase(
    'model names, prices and types with markup, links or codicons stay plain text; bad prices are "price unknown"; a flood is cut',
    async () => {
      const e = env();
      const hostile = [
        { id: '<img src=x onerror=alert(1)>', type: 'image', pricing: { draw_image: { price: 0.1, unit: 'nums' } } },
        { id: '[Click to top up](command:workbench.action.terminal.new)', type: 'image' },
        { id: '$(alert) urgent', type: 'image' },
        { id: 'https://evil.example/model', type: 'image' },
        {
          id: 'painter-x',
          owned_by: '<script>steal()</script>',
          type: 'image<b>',
          status: '<i>available</i>',
          pricing: { draw_image: { price: '<b>0.01</b>', unit: 'nums' } },
        },
        {
          id: 'painter-y',
          type: 'image',
          pricing: {
            currency: 'CNY',
            draw_image: { price: 0.02, unit: 'nums', quality: '[hd](https://evil.example)' },
          },
        },
        { id: 'painter-z', type: 'image', pricing: { draw_image: { price: 1e308, unit: 'nums' } } },
        {
          id: 'painter-w',
          type: 'image',
          capabilities: {
            image_generation: true,
            sizes: ['<svg onload=alert(1)>', '1024x1024'],
            endpoints: ['javascript:alert(1)'],
          },
        },
        ...Array.from({ length: MAX_GATEWAY_MODELS + 500 }, (_, i) => ({
          id: `flood-${String(i).padStart(5, '0')}`,
          type: 'image',
        })),
      ];
      e.server.setModelList({ object: 'list', data: hostile });

      let items: { label: string; description?: string }[] = [];
      e.rig.ui.picks.push((offered) => {
        items = offered.map((i) => ({ label: i.label, description: i.description }));
        return undefined;
      });
      await selectModelCommand(e.rig.ctx);
      const labels = items.map((i) => i.label);
      for (const i of items) {
        assert.doesNotMatch(i.label, ACTIVE, i.label);
        assert.doesNotMatch(i.description ?? '', ACTIVE, `${i.label}: ${i.description}`);
      }
      // Ids that cannot be model ids are never offered (they would be sent verbatim).
      assert.ok(labels.includes('painter-x') && labels.includes('painter-y'));
      const described = (id: string): string => items.find((i) => i.label === id)?.description ?? '';
      // A price that is not a number, or past belief, is unknown: nothing is made up.
      assert.match(described('painter-x'), /price unknown/);
      assert.match(described('painter-z'), /price unknown/);
      // A tier named with markup is not a tier: the plain price shows.
      assert.match(described('painter-y'), /¥0\.02 per image/);
      assert.equal(labels.filter((l) => l.startsWith('flood-')).length, MAX_GATEWAY_MODELS - 4);

      // The Studio's picker, from the same catalog.
      await e.studio.route({ type: 'ready' });
      await new Promise((r) => setTimeout(r, 50));
      const models = e.studio.host.ofType('models').at(-1)?.models ?? e.studio.host.ofType('init')[0].models;
      for (const m of models) assert.doesNotMatch(`${m.id} ${m.label}`, ACTIVE, m.label);
      // What the panel shows for a model whose sizes came with markup: only the usable one.
      await e.studio.route({ type: 'describeModel', model: 'painter-w' });
      const view = e.studio.host.ofType('modelOptions').at(-1)?.options;
      assert.equal(view?.api, 'chat', 'an endpoint that is not one names no API: the name decides');
      assert.deepEqual(view?.sizes, { values: ['1024x1024'], free: false });
      checkNoLeaks('hostile catalog', e.key, { root: e.rig.root, texts: producedTexts(e), server: e.server });
    },
  );
});
