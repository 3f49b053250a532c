// 3. redact on a 1 MB log line carrying a data URL.
import assert from 'node:assert/strict';
import { redact } from '../src/core/text/redact';
import type { BenchCase } from './harness';
import { dataUrl } from './fixtures';
import { Secrets } from '../src/core/text/secrets';

const KEY = 'sk-Zq7x9Lm2Pw4Rt6Yu8KdBench';

/** What a debug log of an edit request looks like: headers, the key, the reference image inline. */
function logLine(): string {
  const body = JSON.stringify({
    model: 'gpt-4o-image',
    stream: true,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '把背景换成夕阳下的海边，保留小猫 (keep the cat)' },
          { type: 'image_url', image_url: { url: dataUrl(1024 * 1024 - 600, 21) } },
        ],
      },
    ],
  });
  return `POST https://geekai.co/api/v1/chat/completions Authorization: Bearer ${KEY} body=${body} -> 401 {"error":{"message":"invalid key ${KEY}"}}`;
}

export function redactCases(): BenchCase[] {
  const line = logLine();
  const once = redact(line, new Secrets(KEY));
  assert.ok(once.length < 2000 && !once.includes(KEY) && once.includes('chars)'), 'the key and the payload are gone');
  return [
    {
      name: 'redact 1MB log line',
      what: 'redact of a 1 MB log line (key, Bearer, data URL) vs String.prototype.replaceAll of the one fixed key',
      items: 1,
      unit: 'line',
      // Measured 15-20: four regex passes plus the split/join of the key, each linear. 60 allows
      // noise; a pattern that backtracks per character over the base64 goes far beyond it.
      limit: 60,
      ours: () => redact(line, new Secrets(KEY)).length,
      // replaceAll, not replace: the first key sits near the start, and a single replace would stop
      // there and hand back a rope without reading the other megabyte.
      baseline: () => line.replaceAll(KEY, '***').length,
    },
  ];
}
