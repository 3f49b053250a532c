// What the property-based fuzz tests share: arbitraries for the text outside parties send (CJK,
// brackets, backslashes, Markdown and SSE syntax mixed with raw random strings), the two
// properties every parser of outside text must keep (nothing but an ImageError escapes; each
// case ends in bounded time), and one place that sets how many cases run. fc.assert prints the
// seed and the shrunk counterexample of a failure; `FUZZ_RUNS`/`FUZZ_SEED` replay or deepen a run.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isImageError } from '../../src/core/errors';

/** Cases per property: enough to find the defects seen so far in well under a second each. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/**
 * Generous: the inputs are a few KB at most and parse in a few ms, so a case that takes this long
 * is stuck (a regex that backtracks, a loop that does not end), not slowed by a busy machine.
 */
export const CASE_MS = 1000;

export function params<T>(extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  return { numRuns: RUNS, ...(seed === undefined ? {} : { seed }), ...extra };
}

/** Runs `fn`, failing when it takes longer than `CASE_MS` (timed per case, not per run). */
export function timed<T>(fn: () => T, limitMs = CASE_MS): T {
  const started = performance.now();
  const out = fn();
  const took = performance.now() - started;
  assert.ok(took < limitMs, `one case took ${took.toFixed(0)} ms (limit ${limitMs} ms)`);
  return out;
}

export async function timedAsync<T>(fn: () => Promise<T>, limitMs = CASE_MS): Promise<T> {
  const started = performance.now();
  const out = await fn();
  const took = performance.now() - started;
  assert.ok(took < limitMs, `one case took ${took.toFixed(0)} ms (limit ${limitMs} ms)`);
  return out;
}

/** The value, or the ImageError it threw; anything else thrown fails the property. */
export function onlyImageError<T>(fn: () => T): T | { refused: unknown } {
  try {
    return fn();
  } catch (e) {
    assert.ok(
      isImageError(e),
      `threw something other than an ImageError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
    );
    return { refused: e };
  }
}

export async function onlyImageErrorAsync<T>(fn: () => Promise<T>): Promise<T | { refused: unknown }> {
  try {
    return await fn();
  } catch (e) {
    assert.ok(
      isImageError(e),
      `threw something other than an ImageError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
    );
    return { refused: e };
  }
}

export function refused(v: unknown): v is { refused: unknown } {
  return typeof v === 'object' && v !== null && 'refused' in v && Object.keys(v).length === 1;
}

/** Characters that mean something to Markdown, HTML, URLs, SSE or JSON, and a few that break naive code. */
const SYNTAX = [
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '!',
  '\\',
  '`',
  '*',
  '_',
  '&',
  '#',
  '%',
  '?',
  '"',
  "'",
  '|',
  '~',
  ':',
  '/',
  '=',
  ';',
  ',',
  '.',
  '-',
  '{',
  '}',
  '$',
  '@',
  '+',
  '^',
];
const SPACES = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\u200b',
  '\ufeff',
  '\u0000',
  '\u001b',
  '\u0085',
  '\u007f',
];
const WORDS = [
  'geekai:',
  'data:',
  'base64',
  'https://',
  'http://',
  'command:',
  'javascript:',
  'file:///',
  '](',
  '![',
  '&amp;',
  '&#41;',
  '&lt;',
  '%20',
  '%28',
  '%E4',
  '..',
  '16:9',
  'model=',
  'ratio=',
  'size=',
  '[DONE]',
  'data: ',
  'event: ',
];
const CJK = [
  '一',
  '只',
  '猫',
  '灯塔',
  '風',
  '、',
  '。',
  '（',
  '）',
  '【',
  '】',
  '「',
  '」',
  '가',
  'あ',
  '🎨',
  '👩‍👩‍👧',
  '🇨🇳',
  'é',
  'e\u0301',
  '\ud83d',
  '\ude00',
];

/** A string built from Markdown/URL/SSE syntax, spacing, CJK and emoji (lone surrogates included), plus raw characters. */
export function hostileText(maxLength = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SYNTAX) },
    { weight: 2, arbitrary: fc.constantFrom(...SPACES) },
    { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 2, arbitrary: fc.constantFrom(...CJK) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );
  return fc.array(piece, { maxLength }).map((parts) => parts.join(''));
}

/** Raw random strings of every kind fast-check makes (full Unicode, lone surrogates, ASCII). */
export function rawText(maxLength = 200): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
  );
}

/** Either kind. */
export function anyText(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(hostileText(maxLength), rawText(maxLength * 4));
}

/** A JSON value whose strings are hostile, nested a few levels. */
export function hostileJson(): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: 4 }).chain((shape) =>
    fc.oneof(
      fc.constant(shape),
      hostileText(20).map((s) => ({
        ...(typeof shape === 'object' && shape !== null && !Array.isArray(shape) ? shape : {}),
        text: s,
      })),
    ),
  );
}
