// The work too heavy for the extension host's one thread (VS Code runs every extension of a
// window on it): image conversion, provenance reads of large files, SHA-256 of large buffers and
// the parse of large JSON answers. Behind this interface so core, the MCP server and tests pick
// where it runs: `inThreadWork` here (the reference, and the fallback), or `workerWork`
// (heavy/workerWork.ts) on a small pool of worker threads.
import type { Codecs } from '../publish/codecs';
import { convertImage, type ConvertOptions, type ConvertResult } from '../publish/convert';
import { readProvenance } from '../publish/embedProvenance';
import { imageHeaderSize } from '../publish/imageSize';
import { sha256Hex, type Provenance } from '../publish/provenance';
import type { JsonWithBlobs } from './jsonBlobs';

/** What a hover or a recipe needs of an image file's bytes. */
export interface ImageFacts {
  provenance?: Provenance;
  size?: { width: number; height: number };
  byteLength: number;
}

export interface HeavyWork {
  /** convertImage: the original bytes (kind `failed`) on any failure, the worker's included; throws only `cancelled`. */
  convert(bytes: Uint8Array, options: ConvertOptions, signal?: AbortSignal): Promise<ConvertResult>;
  sha256(bytes: Uint8Array): Promise<string>;
  /** Provenance and pixel size; `bytes` may be handed to another thread (the caller must not use them after). */
  imageFacts(bytes: Uint8Array): Promise<ImageFacts>;
  /** JSON text (UTF-8 bytes, handed over like imageFacts') with its long base64 payloads cut out; throws what JSON.parse throws. */
  parseJson(bytes: Uint8Array): Promise<JsonWithBlobs>;
  /** Stops any thread it started; later calls start again. */
  close(): Promise<void>;
}

/** The facts of an image's bytes, computed here. */
export function imageFactsOf(bytes: Uint8Array): ImageFacts {
  const provenance = readProvenance(bytes);
  const size = imageHeaderSize(bytes);
  const out: ImageFacts = { byteLength: bytes.byteLength };
  if (provenance) out.provenance = provenance;
  if (size) out.size = size;
  return out;
}

export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Everything on the calling thread: what the extension did before the worker, kept as the reference and the fallback. */
export function inThreadWork(loadCodecs: () => Promise<Codecs>): HeavyWork {
  return {
    convert: (bytes, options) => convertImage(bytes, options, loadCodecs),
    sha256: (bytes) => Promise.resolve(sha256Hex(bytes)),
    imageFacts: (bytes) => Promise.resolve(imageFactsOf(bytes)),
    // On one thread nothing is gained by cutting the payloads out: findImages decodes them as it scans.
    parseJson: (bytes) => Promise.resolve({ value: JSON.parse(utf8(bytes)) as unknown, blobs: new Map() }),
    close: () => Promise.resolve(),
  };
}
