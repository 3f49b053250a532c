// The baselines of the response-path benchmarks: the least a Node client can do to turn the same
// answer into the same file (one request, the bytes, a temp file renamed into place, a link), with
// none of the checks ours makes. Not a model to copy: it trusts the server completely.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { request } from 'undici';
import type { BenchJob } from './responseServer';

interface Chunk {
  choices?: Array<{ delta?: { content?: string }; message?: { content?: string } }>;
}

async function sseContent(body: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let pending = '';
  let content = '';
  const take = (event: string): void => {
    if (!event.startsWith('data: ') || event === 'data: [DONE]') return;
    content += (JSON.parse(event.slice(6)) as Chunk).choices?.[0]?.delta?.content ?? '';
  };
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let at = pending.indexOf('\n\n');
    let from = 0;
    for (; at !== -1; at = pending.indexOf('\n\n', from)) {
      take(pending.slice(from, at));
      from = at + 2;
    }
    pending = pending.slice(from);
  }
  take(pending.trim());
  return content;
}

/** Asks, takes the first `![..](url)`, fetches or decodes it, writes `name.png`; returns the link. */
export async function minimalJob(j: BenchJob): Promise<{ markdown: string; file: string }> {
  const res = await request(`${j.baseUrl}/chat/completions`, {
    method: 'POST',
    dispatcher: j.dispatcher,
    headers: {
      authorization: `Bearer ${j.apiKey}`,
      'content-type': 'application/json',
      accept: j.stream ? 'text/event-stream' : 'application/json',
    },
    body: JSON.stringify({ model: j.model, messages: [{ role: 'user', content: j.prompt }], stream: j.stream }),
  });
  const content = j.stream
    ? await sseContent(res.body)
    : (((await res.body.json()) as Chunk).choices?.[0]?.message?.content ?? '');
  const start = content.indexOf('](') + 2;
  const url = content.slice(start, content.indexOf(')', start));
  let bytes: Buffer;
  if (url.startsWith('data:')) {
    bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  } else {
    const img = await request(url, { dispatcher: j.dispatcher });
    bytes = Buffer.from(await img.body.arrayBuffer());
  }
  const temp = path.join(j.folder, `.${j.name}.tmp`);
  const file = path.join(j.folder, `${j.name}.png`);
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, file);
  return { markdown: `![${j.prompt}](${path.basename(file)})`, file };
}
