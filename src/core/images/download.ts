// Turns an image reference from an answer into bytes: http(s) downloads with a redirect limit,
// size cap and timeout, or a decoded data URL. Anything else (file:, javascript:) is refused,
// and bytes that aren't PNG/JPEG/WebP/GIF (an HTML error page, say) are not an image. With an
// address policy, every hop's host is checked before its request (the dispatcher checks again
// when it connects), and an https address never leads to plain http.
import { request, type Dispatcher } from 'undici';
import { RefusedAddressError, type AddressPolicy, type Resolve } from '../http/addressGuard';
import { decodeDataUrl, type DecodedDataUrl } from './dataUrl';
import { ImageError, isImageError } from '../errors';
import { bodyChunks } from '../http/bodyChunks';
import { errorFromTransport } from '../http/httpErrors';
import { limitedSignal } from '../http/limitedSignal';
import { IMAGE_MAX_BYTES } from '../limits';
import type { ImageType } from '../imageType';
import { checkImage, describeUrl, fail, tooLarge, type FetchedImage } from './imageChecks';
import { SINK_HEAD_BYTES, type ImageSink, type ImageWriter, type StoredImage } from './imageSink';
import { readBack, storeInto, storeSpilled } from './storeDecoded';

export interface DownloadOptions {
  dispatcher: Dispatcher;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  signal?: AbortSignal;
  /** What the hosts may be; without it any host is fetched (callers that fetch no server's URLs). */
  addresses?: { policy: AddressPolicy; resolve: Resolve };
}

export const DEFAULT_DOWNLOAD_LIMITS = { maxBytes: IMAGE_MAX_BYTES, timeoutMs: 120_000, maxRedirects: 5 };

/**
 * Drops a body we won't read. undici's destroy() of an unread body emits a RequestAbortedError;
 * with no listener that is an uncaught exception, so one is attached first.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function isHttp(u: URL): boolean {
  return u.protocol === 'http:' || u.protocol === 'https:';
}

/** The refused address behind `e` (undici hands on a failed lookup's error, maybe as a cause). */
function refusedAddress(e: unknown): RefusedAddressError | undefined {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    if (c instanceof RefusedAddressError) return c;
  }
  return undefined;
}

function refused(e: RefusedAddressError, url: string): ImageError {
  return new ImageError('download', `refused to fetch an image from ${e.message}`, {
    reason: 'privateAddress',
    params: { url: describeUrl(url), address: e.address },
  });
}

/**
 * Collects a body's bytes, copied once: straight into a buffer of the announced length when there
 * is one (undici hands out views of the socket's reads, so nothing else is copied), else joined
 * once at the end.
 */
class Collected {
  // Unzeroed: only the bytes written are ever handed on.
  private into: Buffer | undefined;
  private readonly parts: Uint8Array[] = [];
  size = 0;

  constructor(length: number) {
    this.into = Number.isSafeInteger(length) && length > 0 ? Buffer.allocUnsafeSlow(length) : undefined;
  }

  add(c: Uint8Array): void {
    if (this.into && this.size + c.byteLength <= this.into.byteLength) {
      this.into.set(c, this.size);
    } else {
      // More than announced (undici normally refuses that itself): join whatever comes.
      if (this.into) this.parts.push(this.into.subarray(0, this.size));
      this.into = undefined;
      this.parts.push(c);
    }
    this.size += c.byteLength;
  }

  bytes(): Uint8Array {
    const b = this.into ? this.into.subarray(0, this.size) : Buffer.concat(this.parts, this.size);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
}

/** The body's bytes; more than `maxBytes` is refused as soon as it arrives. */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  length: number,
  maxBytes: number,
  url: string,
): Promise<FetchedImage> {
  const got = new Collected(length);
  for await (const c of bodyChunks(body)) {
    if (got.size + c.byteLength > maxBytes) {
      body.destroy();
      throw tooLarge(url, maxBytes);
    }
    got.add(c);
  }
  return checkImage(got.bytes(), url);
}

/** A writer's own failure: the download itself may be fine, and is fetched again into memory. */
class SinkFailed extends Error {}

async function sinkStep<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (isImageError(e) && e.kind === 'cancelled') throw e;
    throw new SinkFailed('the image could not be written as it arrived', { cause: e });
  }
}

/** The body into `sink` once its head has arrived (or into memory when the sink says so). */
async function readInto<S>(
  body: Dispatcher.ResponseData['body'],
  length: number,
  maxBytes: number,
  url: string,
  sink: ImageSink<S>,
): Promise<FetchedImage | StoredImage<S>> {
  let head: Collected | undefined = new Collected(Math.min(length, SINK_HEAD_BYTES));
  let writer: ImageWriter<S> | undefined;
  let memory: Collected | undefined;
  let type: ImageType | undefined;
  let size = 0;
  const decide = async (): Promise<void> => {
    const bytes = head?.bytes() ?? new Uint8Array(0);
    head = undefined;
    type = checkImage(bytes, url).type;
    writer = await sink.open(bytes, type);
    if (writer) {
      await sinkStep(() => (writer as ImageWriter<S>).write(bytes));
    } else {
      memory = new Collected(length);
      memory.add(bytes);
    }
  };
  try {
    for await (const c of bodyChunks(body)) {
      if (size + c.byteLength > maxBytes) {
        body.destroy();
        throw tooLarge(url, maxBytes);
      }
      size += c.byteLength;
      if (writer) {
        const w = writer;
        await sinkStep(() => w.write(c));
      } else if (memory) {
        memory.add(c);
      } else if (head) {
        head.add(c);
        if (head.size >= SINK_HEAD_BYTES) await decide();
      }
    }
    if (head) await decide();
    if (memory) return checkImage(memory.bytes(), url);
    const w = writer as ImageWriter<S>;
    return { type: type as ImageType, stored: await sinkStep(() => w.finish()) };
  } catch (e) {
    if (!body.destroyed) discard(body);
    await writer?.abort().catch(() => undefined);
    throw e;
  }
}

type ReadBody<T> = (body: Dispatcher.ResponseData['body'], length: number, url: string) => Promise<T>;

async function downloadHttp<T>(start: URL, o: DownloadOptions, read: ReadBody<T>): Promise<T> {
  const { signal, ctx, close } = limitedSignal(o.signal, o.timeoutMs, start.host);
  const visited = new Set<string>();
  let url = start;
  try {
    for (;;) {
      if (visited.has(url.href) || visited.size > o.maxRedirects)
        throw fail('redirects', start.href, 'too many redirects');
      visited.add(url.href);
      if (o.addresses) await o.addresses.policy.checkHost(url.hostname, o.addresses.resolve);
      // No Authorization header: the key is for the API, never for whatever host serves images.
      const res = await request(url, {
        method: 'GET',
        dispatcher: o.dispatcher,
        signal,
        headers: { accept: 'image/*' },
      });
      ctx.gotHeaders = true;
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        discard(res.body);
        const next = new URL(String(res.headers.location), url);
        if (!isHttp(next)) throw fail('badScheme', next.href, 'redirected to a non-http address');
        // What came encrypted stays encrypted: a downgrade could be read or changed on the way.
        if (url.protocol === 'https:' && next.protocol === 'http:')
          throw fail('insecureRedirect', next.href, 'an https image address redirected to plain http');
        url = next;
        continue;
      }
      if (res.statusCode !== 200) {
        discard(res.body);
        throw new ImageError('download', `image download answered HTTP ${res.statusCode}`, {
          reason: 'httpStatus',
          params: { url: describeUrl(url.href), status: res.statusCode },
        });
      }
      const length = Number(res.headers['content-length']);
      if (Number.isFinite(length) && length > o.maxBytes) {
        discard(res.body);
        throw tooLarge(url.href, o.maxBytes);
      }
      return await read(res.body, length, url.href);
    }
  } catch (e) {
    if (e instanceof ImageError || e instanceof SinkFailed) throw e;
    const address = refusedAddress(e);
    if (address) throw refused(address, url.href);
    const mapped = errorFromTransport(e, ctx);
    // A proxy failure is the proxy's to explain, not the image host's.
    if (mapped.kind === 'cancelled' || mapped.reason?.startsWith('proxy')) throw mapped;
    throw new ImageError('download', `image download failed: ${mapped.message}`, {
      reason: mapped.kind === 'timeout' ? 'timeout' : 'network',
      params: { url: describeUrl(start.href) },
      cause: e,
    });
  } finally {
    close();
  }
}

/**
 * Fetches or decodes one result image. `decoded` is the data URL `url` already decoded (while
 * the answer was scanned), so its payload is not read twice.
 */
export async function fetchImage(url: string, o: DownloadOptions, decoded?: DecodedDataUrl): Promise<FetchedImage> {
  if (/^data:/i.test(url)) {
    const d = decoded ?? decodeDataUrl(url);
    if (!d) throw fail('badDataUrl', url, 'the data URL is not valid base64');
    if ('spilled' in d) return checkImage(await readBack(d.spilled, url, o.maxBytes), url);
    if (d.bytes.byteLength > o.maxBytes) throw tooLarge(url, o.maxBytes);
    return checkImage(d.bytes, url);
  }
  return downloadHttp(httpUrl(url), o, (body, length, at) => readCapped(body, length, o.maxBytes, at));
}

function httpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('badUrl', url, 'the image address is not a URL');
  }
  if (!isHttp(parsed)) {
    throw new ImageError('download', `refused to fetch a ${parsed.protocol} address`, {
      reason: 'badScheme',
      params: { url: describeUrl(url), scheme: parsed.protocol },
    });
  }
  return parsed;
}

/**
 * `fetchImage` for an http(s) address whose bytes go to `sink` as they arrive (same limits, address
 * policy and checks); a data URL is decoded as before. When the sink fails (a full disk, say),
 * what it wrote is removed and the image is fetched again into memory, so it is not lost.
 */
export async function fetchImageInto<S>(
  url: string,
  o: DownloadOptions,
  sink: ImageSink<S>,
  decoded?: DecodedDataUrl,
): Promise<FetchedImage | StoredImage<S>> {
  try {
    if (/^data:/i.test(url)) {
      if (decoded && 'spilled' in decoded) return await storeSpilled(decoded.spilled, url, o.maxBytes, sink);
      return await storeInto(await fetchImage(url, o, decoded), sink);
    }
    return await downloadHttp(httpUrl(url), o, (body, length, at) => readInto(body, length, o.maxBytes, at, sink));
  } catch (e) {
    if (!(e instanceof SinkFailed)) throw e;
    if (o.signal?.aborted) throw new ImageError('cancelled', 'cancelled by the user');
    return fetchImage(url, o);
  } finally {
    await sink.release?.();
  }
}
