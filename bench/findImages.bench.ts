// 2. findImages on a large non-stream answer.
import assert from 'node:assert/strict';
import { findImages } from '../src/core/apis/chat/findImages';
import type { Completion } from '../src/core/apis/chat/responseSchema';
import type { BenchCase } from './harness';
import { dataUrl } from './fixtures';

const MB = 1024 * 1024;

/** Three 2 MB data URLs in the Markdown, plus message.images repeating one and adding a fourth. */
function bigAnswer(): { completion: Completion; text: string } {
  const urls = [dataUrl(2 * MB, 11), dataUrl(2 * MB, 12), dataUrl(2 * MB, 13), dataUrl(2 * MB, 14)];
  const text = [
    '{"prompt":"画一只可爱的小猫","size":"1024x1024"}',
    '> 🎨 生成中...',
    '> 进度 **100%**',
    `![file_1](${urls[0]})`,
    'Here are three variations (see [the docs](https://geekai.co/docs) for sizes):',
    `![file_2](${urls[1]} "second")`,
    `![file_3](<${urls[2]}>)`,
    '[下载⏬](https://geekai.co/download/file_3.png)',
  ].join('\n\n');
  const completion: Completion = {
    model: 'gemini-2.5-flash-image',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: {
          role: 'assistant',
          content: text,
          images: [
            { type: 'image_url', image_url: { url: urls[0] } },
            { type: 'image_url', image_url: { url: urls[3] } },
          ],
        },
      },
    ],
  };
  return { completion, text };
}

// The irreducible part: one pass of a plain image-link regex over the same text.
const PLAIN_MD_IMAGE = /!\[[^\]\n]*\]\(([^)]*)\)/g;

export function findImagesCases(): BenchCase[] {
  const { completion, text } = bigAnswer();
  const found = findImages([completion], text);
  assert.equal(found.length, 4, 'three Markdown images plus one new message.images entry');
  assert.equal([...text.matchAll(PLAIN_MD_IMAGE)].length, 3);
  return [
    {
      name: 'findImages 8MB answer',
      what: 'findImages on a 6 MB Markdown answer + message.images (4 x 2 MB data URLs) vs one plain regex pass over the text',
      items: 1,
      unit: 'answer',
      // Measured 3.9-8: MD_IMAGE tries an alternation per URL character where the baseline runs a
      // tight [^)]* loop. 25 allows noise; a rescan per image or per character would be far above.
      limit: 25,
      ours: () => findImages([completion], text).length,
      baseline: () => {
        let n = 0;
        for (const m of text.matchAll(PLAIN_MD_IMAGE)) n += m[1].length;
        return n;
      },
    },
  ];
}
