// What every result image passes before it is taken, and the error each check gives: it is not
// empty, its bytes are a PNG, JPEG, WebP or GIF (whatever it claims), and it is not over the cap.
// The address an error names is cut short (describeUrl): never a long data URL or query string.
import { ImageError, type DeclaredReason } from '../errors';
import { sniffImageType, type ImageType } from '../imageType';

export interface FetchedImage {
  bytes: Uint8Array;
  type: ImageType;
}

/** What the error message may name: scheme and host, never a long data URL or query string. */
export function describeUrl(url: string): string {
  if (url.startsWith('data:'))
    return `data:${url.slice(5, url.indexOf(',') > 0 ? Math.min(url.indexOf(','), 40) : 30)}…`;
  try {
    const u = new URL(url);
    // `javascript:alert(1)` has no host: rebuilding it as `javascript://alert(1)` would misreport it.
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return url.length > 40 ? `${url.slice(0, 40)}…` : url;
    return `${u.protocol}//${u.host}${u.pathname.length > 60 ? `${u.pathname.slice(0, 60)}…` : u.pathname}`;
  } catch {
    return url.slice(0, 40);
  }
}

/** The reasons that carry the address alone. */
type AddressOnly = Exclude<DeclaredReason<'download'>, 'tooLarge' | 'httpStatus' | 'privateAddress'>;

export function fail(reason: AddressOnly, url: string, message: string): ImageError {
  return new ImageError('download', message, { reason, params: { url: describeUrl(url) } });
}

export function checkImage(bytes: Uint8Array, url: string): FetchedImage {
  if (bytes.byteLength === 0) throw fail('empty', url, 'the image is empty');
  const type = sniffImageType(bytes);
  if (!type) throw fail('notAnImage', url, 'the result is not a PNG, JPEG, WebP or GIF image');
  return { bytes, type };
}

export function tooLarge(url: string, maxBytes: number): ImageError {
  return new ImageError('download', `the image is larger than ${maxBytes} bytes`, {
    reason: 'tooLarge',
    params: { url: describeUrl(url), limit: maxBytes },
  });
}
