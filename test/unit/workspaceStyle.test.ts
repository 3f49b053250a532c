import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseStyle, styledPrompt, styleJsonSchema, STYLE_FILE } from '../../src/core/style/workspaceStyle';

const ROOT = '/home/me/blog';
const REPO = path.resolve(__dirname, '../../..');

describe('workspace style (.geekai/style.json)', () => {
  it('reads every field, with references as paths inside the workspace', () => {
    const r = parseStyle(
      JSON.stringify({
        $schema: 'https://example/x.json',
        prompt: '  扁平插画，柔和的粉彩色调  ',
        references: ['docs/style/a.png', 'style\\b.webp'],
        model: 'gpt-4o-image',
        aspectRatio: '16:9',
        saveFormat: 'webp',
      }),
      ROOT,
    );
    assert.deepEqual(r, {
      ok: true,
      style: {
        prompt: '扁平插画，柔和的粉彩色调',
        references: [`${ROOT}/docs/style/a.png`, `${ROOT}/style/b.webp`],
        model: 'gpt-4o-image',
        aspectRatio: '16:9',
        saveFormat: 'webp',
      },
    });
  });

  it('an empty object is a style that changes nothing', () => {
    assert.deepEqual(parseStyle('{}', ROOT), { ok: true, style: { references: [] } });
  });

  it('names every bad field: not JSON, wrong types, unknown keys, too many references, bad values', () => {
    assert.deepEqual(parseStyle('{ prompt: x }', ROOT), { ok: false, problems: [{ reason: 'notJson', field: '' }] });
    const r = parseStyle(
      JSON.stringify({
        prompt: 5,
        references: ['a.png', 'b.png', 'c.png', 'd.png', 'e.png'],
        model: 'bad model',
        aspectRatio: 'wide',
        saveFormat: 'gif',
        colour: 'red',
      }),
      ROOT,
    );
    assert.equal(r.ok, false);
    const fields = r.ok ? [] : r.problems.map((p) => `${p.reason}:${p.field}`).sort();
    assert.deepEqual(fields, [
      'badField:aspectRatio',
      'badField:model',
      'badField:prompt',
      'badField:references',
      'badField:saveFormat',
      'unknownField:colour',
    ]);
  });

  it('refuses reference paths that leave the workspace', () => {
    for (const bad of ['../secret.png', '/etc/passwd', '~/x.png', 'C:\\x.png', 'a/../../x.png']) {
      const r = parseStyle(JSON.stringify({ references: ['ok.png', bad] }), ROOT);
      assert.deepEqual(r, { ok: false, problems: [{ reason: 'escapesWorkspace', field: 'references.1' }] }, bad);
    }
  });

  it('appends the style prompt as its own paragraph, and nothing without one', () => {
    assert.equal(
      styledPrompt('a red kite  ', { prompt: 'watercolour, muted greys' }),
      'a red kite\n\nwatercolour, muted greys',
    );
    assert.equal(styledPrompt('a red kite', {}), 'a red kite');
    assert.equal(styledPrompt('a red kite', undefined), 'a red kite');
  });

  it('schemas/style.schema.json is the JSON Schema of the same validator, and package.json contributes it', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas/style.schema.json'), 'utf8')) as unknown;
    assert.deepEqual(
      committed,
      styleJsonSchema(),
      "schemas/style.schema.json is stale: node -e \"process.stdout.write(JSON.stringify(require('./out/src/core/style/workspaceStyle.js').styleJsonSchema(), null, 2)+'\\n')\" > schemas/style.schema.json",
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      contributes: { jsonValidation?: { fileMatch: string; url: string }[] };
    };
    assert.deepEqual(pkg.contributes.jsonValidation, [
      { fileMatch: `**/${STYLE_FILE}`, url: './schemas/style.schema.json' },
    ]);
    assert.ok(fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8').includes('!schemas/style.schema.json'));
  });
});
