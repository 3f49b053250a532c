// The webview bundle is what every panel load parses: it takes the shared limits from
// shared/protocol.ts but must not pull in zod, which only the extension side needs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/studioServer';

describe('webview bundle (dist/webview.js)', () => {
  it('holds the shared limits and no zod', () => {
    const script = readFileSync(path.join(ROOT, 'dist/webview.js'), 'utf8');
    assert.match(script, /pasteBytes/);
    assert.match(script, /urisPerDrop/);
    assert.doesNotMatch(script, /zod|\$Zod|safeParse/i);
    // The extension's engine bundle, by contrast, does carry the schema checks.
    assert.match(readFileSync(path.join(ROOT, 'dist/engine.js'), 'utf8'), /\$Zod/);
  });
});
