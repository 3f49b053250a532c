// The heavy-work thread (bundled alone as dist/worker.js): one request at a time from the pool
// (workerPool.ts), answered with its buffers transferred. The WebAssembly codecs (dist/codecs.js
// beside this file) load here, on the first conversion, never on the extension host.
import { parentPort } from 'node:worker_threads';
import { bundledCodecs } from '../publish/bundledCodecs';
import { convertImage } from '../publish/convert';
import { sha256Hex } from '../publish/provenance';
import { imageFactsOf, utf8 } from './heavyWork';
import { parseJsonWithBlobs } from './jsonBlobs';
import {
  movableBlobs,
  ownBuffer,
  type WireConvertResult,
  type WorkMessage,
  type WorkReply,
  type WorkRequest,
  type WorkResults,
} from './workerProtocol';

const loadCodecs = bundledCodecs(__dirname);

async function handle(r: WorkRequest, transfer: ArrayBuffer[]): Promise<WorkResults[WorkRequest['op']]> {
  switch (r.op) {
    case 'convert': {
      const out = await convertImage(r.bytes, r.options, loadCodecs);
      if (out.kind !== 'converted') {
        const { bytes: _, ...rest } = out;
        return rest satisfies WireConvertResult;
      }
      const own = ownBuffer(out.bytes);
      transfer.push(own.buffer);
      return { ...out, bytes: own.bytes };
    }
    case 'sha256':
      return sha256Hex(r.bytes);
    case 'imageFacts':
      return imageFactsOf(r.bytes);
    case 'parseJson': {
      const parsed = parseJsonWithBlobs(utf8(r.bytes));
      return { value: parsed.value, blobs: movableBlobs(parsed.blobs, transfer) };
    }
  }
}

const port = parentPort;
port?.on('message', (m: WorkMessage) => {
  const transfer: ArrayBuffer[] = [];
  handle(m.request, transfer).then(
    (result) => port.postMessage({ id: m.id, ok: true, result } satisfies WorkReply, transfer),
    (e: unknown) => {
      const reply: WorkReply = { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) };
      if (m.request.op === 'parseJson' && e instanceof SyntaxError) reply.code = 'notJson';
      port.postMessage(reply);
    },
  );
});
