// Instant start: activation loads only the small entry bundle; HTTP (undici), SSE, zod and image
// code live in dist/engine.js, loaded the first time a command runs. A regression (an import that
// drags the engine into the entry point) fails here, not in a user's start-up time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MARKDOWN_PROVIDERS } from '../../src/markdownProviders';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/extension.js');
const ENGINE = path.join(ROOT, 'dist/engine.js');
const PROBE = path.join(ROOT, 'out/test/support/activationProbe.js');
const MAIN_LIMIT_BYTES = 150 * 1024;

interface Probe {
  ms: number;
  registered: string[];
  executed: string[];
  loaded: string[];
  providers: string[];
  /** Worker threads started. */
  workers: number;
}

function probe(...args: string[]): Probe {
  const r = spawnSync(process.execPath, [PROBE, MAIN, ...args], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Probe;
}

const contributed = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[] };
  }
).contributes.commands.map((c) => c.command);

describe('instant start (dist/extension.js)', () => {
  it(`is under ${MAIN_LIMIT_BYTES / 1024} KB and carries no HTTP, SSE, zod or Markdown parser code`, () => {
    assert.ok(statSync(MAIN).size < MAIN_LIMIT_BYTES, `dist/extension.js is ${statSync(MAIN).size} bytes`);
    const main = readFileSync(MAIN, 'utf8');
    for (const marker of [/undici/i, /\$Zod|zod/, /eventsource/i, /micromark/, /safeParse/])
      assert.doesNotMatch(main, marker);
    // They are all in the engine, which the entry point requires by a computed path.
    const engine = readFileSync(ENGINE, 'utf8');
    for (const marker of [/undici/i, /\$Zod/, /eventsource/i]) assert.match(engine, marker);
    assert.match(main, /engine\.js/);
  });

  it('activation registers a stand-in for every contributed command and Markdown provider, and loads nothing else', () => {
    const p = probe('--activate');
    assert.deepEqual([...p.registered].sort(), [...contributed].sort());
    const languages = Object.values(MARKDOWN_PROVIDERS).map((m) => m.language);
    assert.equal(p.providers.length, languages.length);
    assert.deepEqual(p.providers.map((r) => r.split(':')[1].split('+')[0]).sort(), languages.sort());
    // Each answers for the other document languages too, by id and by file extension.
    for (const r of p.providers) assert.match(r, /\+asciidoc\+restructuredtext\+html.*\+\*\*\/\*\.\{mdx,adoc,/);
    assert.deepEqual(p.loaded, []);
    assert.deepEqual(p.executed, []);
    assert.equal(p.workers, 0, 'no worker thread at activation');
  });

  it('with jobs kept from before a reload, activation loads the engine to resume them (and only then)', () => {
    const p = probe('--activate', '--stored-jobs');
    assert.deepEqual(p.loaded, ['dist/engine.js']);
    assert.deepEqual(p.executed, []);
    assert.equal(p.workers, 0, 'the engine starts no worker thread until heavy work comes');
  });

  it('the first command loads the engine, which registers the real commands, and runs the command there', () => {
    const p = probe('--activate', '--run', 'geekaiImage.selectModel');
    assert.deepEqual(p.loaded, ['dist/engine.js']);
    // Stand-ins first, then each id again by the engine (the recorder refuses a duplicate that is still registered).
    assert.deepEqual(p.registered.slice(0, contributed.length).sort(), [...contributed].sort());
    assert.deepEqual(p.registered.slice(contributed.length).sort(), [...contributed].sort());
    assert.deepEqual(p.executed, ['geekaiImage.selectModel']);
    assert.equal(p.workers, 0, 'a command with no heavy work starts no worker thread');
  });
});
