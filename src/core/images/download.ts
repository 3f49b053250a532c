// Turns an image reference from an answer into bytes: http(s) downloads with a redirect limit,
// size cap and timeout, or a decoded data URL. Anything else (file:, javascript:) is refused,
// and bytes that aren't PNG/JPEG/WebP/GIF (an HTML error page, say) are not an image. With an
// address policy, every hop's host is checked before its request (the dispatcher checks again
// when it connects), and an https address never leads to plain http.
import { request, type Dispatcher } from 'undici';
import { RefusedAddressError, type AddressPolicy, type Resolve } from '../http/addressGuard';
import { decodeDataUrl, type DecodedDataUrl } from './dataUrl';
import { ImageError, type Reason } from '../errors';
import { errorFromTransport } from '../http/httpErrors';
import { limitedSignal } from '../http/limitedSignal';
import { IMAGE_MAX_BYTES } from '../limits';
import { sniffImageType, type ImageType } from './imageType';

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

export interface FetchedImage {
  bytes: Uint8Array;
  type: ImageType;
}

/** What the error message may name: scheme and host, never a long data URL or query string. */
export function describeUrl(url: string): string {
  if (url.startsWith('data:')) return `data:${url.slice(5, url.indexOf(',') > 0 ? Math.min(url.indexOf(','), 40) : 30)}…`;
  try {
    const u = new URL(url);
    // `javascript:alert(1)` has no host: rebuilding it as `javascript://alert(1)` would misreport it.
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return url.length > 40 ? `${url.slice(0, 40)}…` : url;
    return `${u.protocol}//${u.host}${u.pathname.length > 60 ? `${u.pathname.slice(0, 60)}…` : u.pathname}`;
  } catch {
    return url.slice(0, 40);
  }
}

function fail(reason: Reason<'download'>, url: string, message: string, params: Record<string, string | number> = {}): ImageError {
  return new ImageError('download', message, { reason, params: { url: describeUrl(url), ...params } });
}

function checkImage(bytes: Uint8Array, url: string): FetchedImage {
  if (bytes.byteLength === 0) throw fail('empty', url, 'the image is empty');
  const type = sniffImageType(bytes);
  if (!type) throw fail('notAnImage', url, 'the result is not a PNG, JPEG, WebP or GIF image');
  return { bytes, type };
}

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
  return new ImageError('download', `refused to fetch an image from ${e.message}`, { reason: 'privateAddress', params: { url: describeUrl(url), address: e.address } });
}

/**
 * The body's bytes, copied once: straight into a buffer of the announced length when there is
 * one (undici hands out views of the socket's reads, so nothing else is copied), else joined once
 * at the end. More than `maxBytes` is refused as soon as it arrives.
 */
async function readCapped(body: Dispatcher.ResponseData['body'], length: number, maxBytes: number, url: string): Promise<Uint8Array> {
  // Unzeroed: only the bytes written are ever handed on.
  let into = Number.isSafeInteger(length) && length > 0 ? Buffer.allocUnsafeSlow(length) : undefined;
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of body as AsyncIterable<Uint8Array>) {
    if (size + c.byteLength > maxBytes) {
      body.destroy();
      throw fail('tooLarge', url, `the image is larger than ${maxBytes} bytes`, { limit: maxBytes });
    }
    if (into && size + c.byteLength <= into.byteLength) {
      into.set(c, size);
    } else {
      // More than announced (undici normally refuses that itself): join whatever comes.
      if (into) parts.push(into.subarray(0, size));
      into = undefined;
      parts.push(c);
    }
    size += c.byteLength;
  }
  const bytes = into ? into.subarray(0, size) : Buffer.concat(parts, size);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function downloadHttp(start: URL, o: DownloadOptions): Promise<FetchedImage> {
  const { signal, ctx, close } = limitedSignal(o.signal, o.timeoutMs, start.host);
  const visited = new Set<string>();
  let url = start;
  try {
    for (;;) {
      if (visited.has(url.href) || visited.size > o.maxRedirects) throw fail('redirects', start.href, 'too many redirects');
      visited.add(url.href);
      if (o.addresses) await o.addresses.policy.checkHost(url.hostname, o.addresses.resolve);
      // No Authorization header: the key is for the API, never for whatever host serves images.
      const res = await request(url, { method: 'GET', dispatcher: o.dispatcher, signal, headers: { accept: 'image/*' } });
      ctx.gotHeaders = true;
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        discard(res.body);
        const next = new URL(String(res.headers.location), url);
        if (!isHttp(next)) throw fail('badScheme', next.href, 'redirected to a non-http address');
        // What came encrypted stays encrypted: a downgrade could be read or changed on the way.
        if (url.protocol === 'https:' && next.protocol === 'http:') throw fail('insecureRedirect', next.href, 'an https image address redirected to plain http');
        url = next;
        continue;
      }
      if (res.statusCode !== 200) {
        discard(res.body);
        throw fail('httpStatus', url.href, `image download answered HTTP ${res.statusCode}`, { status: res.statusCode });
      }
      const length = Number(res.headers['content-length']);
      if (Number.isFinite(length) && length > o.maxBytes) {
        discard(res.body);
        throw fail('tooLarge', url.href, `the image is larger than ${o.maxBytes} bytes`, { limit: o.maxBytes });
      }
      return checkImage(await readCapped(res.body, length, o.maxBytes, url.href), url.href);
    }
  } catch (e) {
    if (e instanceof ImageError) throw e;
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
    if (d.bytes.byteLength > o.maxBytes) throw fail('tooLarge', url, 'the image is too large', { limit: o.maxBytes });
    return checkImage(d.bytes, url);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('badUrl', url, 'the image address is not a URL');
  }
  if (!isHttp(parsed)) throw fail('badScheme', url, `refused to fetch a ${parsed.protocol} address`, { scheme: parsed.protocol });
  return downloadHttp(parsed, o);
}
