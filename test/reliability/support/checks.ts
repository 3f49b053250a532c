// What a user-facing sentence must and must not look like, and a scan of every place the
// extension writes text for the API key.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestServer } from '../../server/testServer';
import * as tally from './tally';

/** A clean, actionable sentence: the expected text, and no stack trace, JSON dump or key. */
export function assertUserMessage(text: string | undefined, expected: RegExp, key?: string): void {
  assert.ok(text !== undefined, `no message was shown (expected ${expected})`);
  assert.match(text, expected);
  assert.doesNotMatch(text, /\n\s+at /, 'a stack trace');
  assert.doesNotMatch(text, /\{\s*"(error|message|choices|code)"\s*:/, 'a raw JSON dump');
  assert.doesNotMatch(text, /Something went wrong|undefined|\[object Object\]|NaN/, 'an unexplained failure');
  // VS Code turns [text](https:…|command:…|file:…) in a notification into a clickable link.
  assert.doesNotMatch(text, /\[[^\]]+\]\((https?:|command:|file:)/i, 'a clickable link made from untrusted text');
  if (key) assert.ok(!text.includes(key), 'the key');
}

export interface LeakSources {
  /** Every file under it is read as bytes and searched. */
  root?: string;
  /** Named blobs of text: log, messages, webview posts, history, settings, clipboard… */
  texts?: Record<string, string>;
  /** The server's request log: bodies, paths and every header except `authorization`. */
  server?: TestServer;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    // A symbolic link may lead outside the folder searched: it is not followed.
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** Every place the key turns up, one entry each. */
export function findLeaks(key: string, s: LeakSources): string[] {
  const places: string[] = [];
  const needle = Buffer.from(key, 'utf8');
  if (s.root)
    for (const f of filesUnder(s.root))
      if (fs.readFileSync(f).includes(needle)) places.push(`file ${path.relative(s.root, f)}`);
  for (const [name, text] of Object.entries(s.texts ?? {})) if (text.includes(key)) places.push(name);
  s.server?.requests.forEach((r, i) => {
    const { authorization: _auth, ...rest } = r.headers;
    if (r.bodyText.includes(key)) places.push(`server request ${i} body`);
    if (r.path.includes(key)) places.push(`server request ${i} path`);
    if (JSON.stringify(rest).includes(key)) places.push(`server request ${i} headers`);
  });
  return places;
}

/** Counts leaks into the tally, then asserts there are none. */
export function checkNoLeaks(where: string, key: string, s: LeakSources): void {
  const places = findLeaks(key, s);
  tally.keyLeaks(where, places);
  assert.deepEqual(places, [], `the key leaked in "${where}"`);
}
