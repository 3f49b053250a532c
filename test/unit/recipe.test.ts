import assert from 'node:assert/strict';
import { embedProvenance, readProvenance } from '../../src/core/publish/embedProvenance';
import { buildProvenance, sha256Hex } from '../../src/core/publish/provenance';
import { matchReferences, recipeFromProvenance } from '../../src/core/publish/recipe';
import { samplePng } from '../support/sampleImage';

const REF = Buffer.from('reference bytes');
const OTHER = Buffer.from('edited since');

describe('recipe from provenance', () => {
  it('reads prompt, model, API and options back from a saved PNG (CJK kept)', () => {
    const p = buildProvenance({
      prompt: '水彩风格的小猫',
      model: 'gpt-image-1',
      api: 'images',
      options: {
        aspectRatio: '16:9',
        imageSize: '2K',
        n: 2,
        size: '1536x1024',
        quality: 'high',
        background: 'transparent',
        outputFormat: 'webp',
        negativePrompt: 'text',
        stream: false,
      },
      references: [{ name: 'docs/ref.png', bytes: REF }],
    });
    const saved = embedProvenance(samplePng(4, 3), p);
    assert.ok(saved.embedded);
    const back = readProvenance(saved.bytes);
    assert.ok(back);
    assert.deepEqual(recipeFromProvenance(back), {
      prompt: '水彩风格的小猫',
      model: 'gpt-image-1',
      api: 'images',
      aspectRatio: '16:9',
      imageSize: '2K',
      options: {
        n: 2,
        size: '1536x1024',
        quality: 'high',
        background: 'transparent',
        outputFormat: 'webp',
        negativePrompt: 'text',
      },
      references: [{ name: 'ref.png', sha256: sha256Hex(REF) }],
    });
  });

  it('maps chat/completions to chat and drops values a job may not carry', () => {
    const p = buildProvenance({
      prompt: 'a fox',
      model: 'gemini-2.5-flash-image',
      options: { n: 9, background: 'purple', outputFormat: 'tiff', size: 'x'.repeat(40), stream: true },
    });
    const r = recipeFromProvenance({ ...p, references: [{ name: 'a.png', sha256: 'not-a-hash' }] });
    assert.deepEqual(r, {
      prompt: 'a fox',
      model: 'gemini-2.5-flash-image',
      api: 'chat',
      aspectRatio: undefined,
      imageSize: undefined,
      options: {},
      references: [],
    });
  });

  it('is undefined without a prompt or with a model id no job would accept', () => {
    const p = buildProvenance({ prompt: 'a fox', model: 'gemini-2.5-flash-image' });
    assert.equal(recipeFromProvenance({ ...p, prompt: '  ' }), undefined);
    assert.equal(recipeFromProvenance({ ...p, model: 'bad model id' }), undefined);
  });
});

describe('matchReferences', () => {
  const files: Record<string, Buffer> = {
    '/ws/docs/images/ref.png': REF,
    '/ws/other/ref.png': OTHER,
    '/ws/changed/gone.png': OTHER,
  };
  const read = async (f: string): Promise<Uint8Array> => {
    const b = files[f];
    if (!b) throw new Error('ENOENT');
    return b;
  };
  const candidates = Object.keys(files).map((p) => ({ file: p, path: p }));

  it('attaches the file with the same name and SHA-256, wherever it is', async () => {
    const refs = [
      { name: 'ref.png', sha256: sha256Hex(REF) },
      { name: 'gone.png', sha256: sha256Hex(REF) },
      { name: 'missing.png', sha256: sha256Hex(REF) },
    ];
    assert.deepEqual(await matchReferences(refs, candidates, read, '/ws/other/picture.png'), {
      found: ['/ws/docs/images/ref.png'],
      missing: ['missing.png'],
      changed: ['gone.png'],
    });
  });

  it('prefers the same folder as the image when two files match', async () => {
    const twice = [...candidates, { file: '/ws/blog/ref.png', path: '/ws/blog/ref.png' }];
    files['/ws/blog/ref.png'] = REF;
    try {
      const r = await matchReferences([{ name: 'ref.png', sha256: sha256Hex(REF) }], twice, read, '/ws/blog/out.png');
      assert.deepEqual(r.found, ['/ws/blog/ref.png']);
    } finally {
      delete files['/ws/blog/ref.png'];
    }
  });

  it('counts an unreadable candidate as changed, never throws', async () => {
    const r = await matchReferences(
      [{ name: 'x.png', sha256: sha256Hex(REF) }],
      [{ file: '/ws/x.png', path: '/ws/x.png' }],
      read,
      '/ws/a.png',
    );
    assert.deepEqual(r, { found: [], missing: [], changed: ['x.png'] });
  });
});
