// The messages between the extension host and a heavy-work thread (workerMain.ts). Buffers
// travel as transferred ArrayBuffers: moved, not copied.
import type { ConvertOptions, ConvertResult } from '../publish/convert';
import type { ImageFacts } from './heavyWork';
import type { Blobs, JsonWithBlobs } from './jsonBlobs';
import type { DecodedDataUrl } from '../images/dataUrl';

export type WorkRequest =
  | { op: 'convert'; bytes: Uint8Array; options: ConvertOptions }
  | { op: 'sha256'; bytes: Uint8Array }
  | { op: 'imageFacts'; bytes: Uint8Array }
  | { op: 'parseJson'; bytes: Uint8Array };

/** Only a converted image comes back with bytes: otherwise they are the original, which the host still has. */
export type WireConvertResult =
  | Extract<ConvertResult, { kind: 'converted' }>
  | Omit<Extract<ConvertResult, { kind: 'unchanged' }>, 'bytes'>
  | Omit<Extract<ConvertResult, { kind: 'failed' }>, 'bytes'>;

export interface WorkResults {
  convert: WireConvertResult;
  sha256: string;
  imageFacts: ImageFacts;
  parseJson: JsonWithBlobs;
}

export type WorkOp = WorkRequest['op'];

export interface WorkMessage {
  id: number;
  request: WorkRequest;
}

export type WorkReply =
  | { id: number; ok: true; result: WorkResults[WorkOp] }
  /** `notJson`: JSON.parse refused the text (a bad answer, not a broken worker). */
  | { id: number; ok: false; message: string; code?: 'notJson' };

/** `blobs` with each buffer of its own, listed in `transfer`. */
export function movableBlobs(blobs: Blobs, transfer: ArrayBuffer[]): Blobs {
  const out = new Map<string, DecodedDataUrl>();
  for (const [k, v] of blobs) {
    // The worker's own cut (jsonBlobs) holds no spilled payload; one would cross as its file.
    if (!('bytes' in v)) {
      out.set(k, v);
      continue;
    }
    const own = ownBuffer(v.bytes);
    transfer.push(own.buffer);
    out.set(k, { mime: v.mime, bytes: own.bytes });
  }
  return out;
}

/** The buffer behind `bytes` when it can be moved as it is; else a copy of just these bytes. */
export function ownBuffer(bytes: Uint8Array): { bytes: Uint8Array; buffer: ArrayBuffer } {
  const b = bytes.buffer;
  if (b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength)
    return { bytes, buffer: b };
  const copy = new Uint8Array(bytes); // a copy (Buffer#slice would be a view)
  return { bytes: copy, buffer: copy.buffer };
}
