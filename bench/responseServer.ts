// A loopback server for the response-path benchmarks: canned GeekAI-shaped answers built once,
// so serving costs the same for our client and the minimal one. The model in the request picks
// the answer; everything here is written with one `end()` or one write per SSE event.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import { chunkEvent } from './fixtures';

export const BENCH_MODELS = {
  /** JSON answer whose Markdown links an image URL on this server. */
  url: 'bench-url',
  /** JSON answer whose Markdown holds the image as a data URL. */
  dataUrl: 'bench-data-url',
  /** SSE answer: progress lines, then the data URL in `deltaChars`-character deltas. */
  stream: 'bench-stream',
  /** JSON answer with a small image URL, sent only after `slowMs`. */
  slow: 'bench-slow',
} as const;

/** One job as both benchmark clients take it. */
export interface BenchJob {
  baseUrl: string;
  apiKey: string;
  model: string;
  prompt: string;
  stream: boolean;
  dispatcher: Dispatcher;
  /** Where the image is written, as `<name>.png`. */
  folder: string;
  name: string;
}

export interface ResponseServer {
  baseUrl: string;
  origin: string;
  close(): Promise<void>;
}

export interface ResponseServerOptions {
  image: Buffer;
  /** For the slow model: a small image, answered after `slowMs`. */
  smallImage: Buffer;
  slowMs: number;
  deltaChars: number;
}

function completion(model: string, content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_750_000_000,
    model,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
  });
}

function streamEvents(model: string, dataUrl: string, deltaChars: number): Buffer[] {
  const text = `![file_bench](${dataUrl})\n\n`;
  const events = [chunkEvent({ role: 'assistant', content: '> 🎨 生成中...\n\n' }, model)];
  for (const p of [10, 50, 90, 100]) events.push(chunkEvent({ content: `> 进度 **${p}%**\n\n` }, model));
  for (let i = 0; i < text.length; i += deltaChars)
    events.push(chunkEvent({ content: text.slice(i, i + deltaChars) }, model));
  events.push(chunkEvent({}, model), 'data: [DONE]\n\n');
  return events.map((e) => Buffer.from(e));
}

export async function startResponseServer(o: ResponseServerOptions): Promise<ResponseServer> {
  let origin = '';
  const dataUrl = `data:image/png;base64,${o.image.toString('base64')}`;
  let answers: Record<string, Buffer> = {};
  const stream = streamEvents(BENCH_MODELS.stream, dataUrl, o.deltaChars);
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method === 'GET') {
        const bytes =
          req.url === '/files/big.png' ? o.image : req.url === '/files/small.png' ? o.smallImage : undefined;
        if (!bytes) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(bytes.length) });
        return void res.end(bytes);
      }
      const model = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { model: string }).model;
      if (model === BENCH_MODELS.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
        for (const e of stream) res.write(e);
        return void res.end();
      }
      const body = answers[model];
      if (!body) return void res.writeHead(400).end();
      const send = (): void => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.end(body);
      };
      if (model === BENCH_MODELS.slow) setTimeout(send, o.slowMs);
      else send();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  answers = {
    [BENCH_MODELS.url]: Buffer.from(
      completion(BENCH_MODELS.url, `好的，这是图片：\n![image](${origin}/files/big.png)\n`),
    ),
    [BENCH_MODELS.dataUrl]: Buffer.from(completion(BENCH_MODELS.dataUrl, `好的，这是图片：\n![image](${dataUrl})\n`)),
    [BENCH_MODELS.slow]: Buffer.from(completion(BENCH_MODELS.slow, `![image](${origin}/files/small.png)`)),
  };
  return {
    baseUrl: `${origin}/api/v1`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
