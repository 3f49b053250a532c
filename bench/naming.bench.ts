// 4. File names and Markdown links for 10 000 prompts.
import assert from 'node:assert/strict';
import { markdownImage } from '../src/core/text/markdown';
import {
  DEFAULT_FILE_NAME,
  DEFAULT_OUTPUT_FOLDER,
  buildFileBaseNames,
  resolveOutputFolder,
} from '../src/core/files/naming';
import type { BenchCase } from './harness';
import { prompt, rng } from './fixtures';

const COUNT = 10_000;
const ROOT = '/home/me/notes';
const DOC = '/home/me/notes/docs/笔记 (1).md';
const NOW = new Date(2025, 5, 1, 12, 30, 5);

/** Half Chinese, half English, mostly short; one in 100 is a pasted paragraph of ~1500 words. */
function prompts(): string[] {
  const next = rng(42);
  const out: string[] = [];
  for (let i = 0; i < COUNT; i++)
    out.push(prompt(next, i % 100 === 99 ? 1500 : 3 + Math.floor(next() * 20), i % 2 === 0));
  return out;
}

/** What GenerationService does per image: folder, file name, Markdown link. */
function nameAndLink(p: string): string {
  const folder = resolveOutputFolder({
    pattern: DEFAULT_OUTPUT_FOLDER,
    workspaceRoot: ROOT,
    documentPath: DOC,
    now: NOW,
  });
  const [name] = buildFileBaseNames({
    pattern: DEFAULT_FILE_NAME,
    prompt: p,
    model: 'gemini-2.5-flash-image',
    documentPath: DOC,
    now: NOW,
    count: 1,
  });
  return markdownImage({ alt: p, targetPath: `${folder}/${name}.png`, documentPath: DOC, workspaceRoot: ROOT });
}

export function namingCases(): BenchCase[] {
  const all = prompts();
  assert.match(
    nameAndLink('画一只可爱的小猫 (cute)'),
    /^!\[画一只可爱的小猫 \(cute\)\]\(images\/2025-06-01-画一只可爱的小猫-cute\.png\)$/,
  );
  return [
    {
      name: 'naming+markdown 10k',
      what: 'output folder + file name + Markdown link for 10 000 prompts (zh/en, 1% long) vs encodeURIComponent of each',
      items: COUNT,
      unit: 'prompt',
      // Measured 150-245: Intl.Segmenter, NFC and a dozen small regexes per prompt (~30-100 us,
      // linear in its length) against one native call. 500 allows noise; work growing with the
      // square of a prompt's length would make the 1% long prompts (3-9k chars) blow far past it.
      limit: 500,
      ours: () => {
        let n = 0;
        for (const p of all) n += nameAndLink(p).length;
        return n;
      },
      baseline: () => {
        let n = 0;
        for (const p of all) n += encodeURIComponent(p).length;
        return n;
      },
      rounds: 5,
      sampleMs: 1,
    },
  ];
}
