// Turns an edit request's input images into the first result image, so a test can
// prove the input arrived intact: a PNG comes back inverted.
import { isPng, PngError } from '../support/png';
import type { ChatRequest } from './chatRequest';
import { FIXED_PLACEHOLDER_PNG, invertPng } from './placeholderImage';

export type EditResult =
  | { kind: 'none'; notes: string[] } // no data-URL input: generate as usual
  | { kind: 'image'; bytes: Buffer; notes: string[] }
  | { kind: 'reject'; message: string; notes: string[] }; // answer 400

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

function sniff(bytes: Buffer): string {
  if (isPng(bytes)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  return 'unknown';
}

export function resolveEdit(chat: ChatRequest): EditResult {
  const notes: string[] = [];
  const decoded: { declared: string; bytes: Buffer }[] = [];
  for (const { url } of chat.images) {
    const m = DATA_URL.exec(url);
    if (!m) {
      if (/^https?:/i.test(url)) notes.push(`reference URL ignored: ${url.slice(0, 100)}`);
      else notes.push(`unusable image URL: ${url.slice(0, 40)}`);
      continue;
    }
    if (!m[2].split(';').includes('base64')) {
      return { kind: 'reject', message: 'Image data URL must be base64', notes };
    }
    decoded.push({ declared: m[1].toLowerCase(), bytes: Buffer.from(m[3], 'base64') });
  }
  if (decoded.length === 0) return { kind: 'none', notes };
  notes.push(`edit inputs: ${decoded.map((d) => `${d.declared} ${d.bytes.length} bytes`).join(', ')}`);
  const png = decoded.find((d) => d.declared === 'image/png' && isPng(d.bytes));
  if (!png) {
    const first = decoded[0];
    notes.push(`non-PNG edit input (declared ${first.declared}, sniffed ${sniff(first.bytes)}): placeholder returned`);
    return { kind: 'image', bytes: FIXED_PLACEHOLDER_PNG, notes };
  }
  try {
    return { kind: 'image', bytes: invertPng(png.bytes), notes };
  } catch (err) {
    if (err instanceof PngError && err.reason === 'unsupported') {
      notes.push(`PNG edit input not handled by the test codec (${err.message}): placeholder returned`);
      return { kind: 'image', bytes: FIXED_PLACEHOLDER_PNG, notes };
    }
    notes.push(`corrupt PNG edit input: ${(err as Error).message}`);
    return { kind: 'reject', message: 'Invalid image data in image_url', notes };
  }
}
