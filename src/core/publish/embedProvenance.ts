// Writes provenance into an image's bytes in the way its format allows (PNG iTXt,
// WebP and JPEG XMP) and reads it back. The pixels are never touched.
import { sniffImageType } from '../images/imageType';
import { readJpegXmp, writeJpegXmp } from './jpegXmp';
import { readPngText, writePngText } from './pngText';
import { parseProvenance, serializeProvenance, type Provenance } from './provenance';
import { readWebpXmp, writeWebpXmp } from './webpXmp';
import { provenanceFromXmp, xmpPacket } from './xmpPacket';

export const PNG_PROVENANCE_KEYWORD = 'geekai-provenance';

export type EmbedResult =
  | { embedded: true; bytes: Uint8Array; provenance: Provenance }
  /** The bytes unchanged: a format without a place for it (GIF, AVIF) or bytes we cannot read. */
  | { embedded: false; bytes: Uint8Array; reason: 'unsupportedFormat' | 'unreadable' };

function writeXmp(bytes: Uint8Array, p: Provenance, write: (b: Uint8Array, xmp: string) => Uint8Array | undefined): Uint8Array | undefined {
  return write(bytes, xmpPacket(serializeProvenance(p), p.prompt));
}

/** JPEG holds one 64 KB segment: drop the revised prompt, then shorten the prompt, until it fits. */
function fitJpeg(bytes: Uint8Array, p: Provenance): { bytes: Uint8Array; provenance: Provenance } | undefined {
  const whole = writeXmp(bytes, p, writeJpegXmp);
  if (whole) return { bytes: whole, provenance: p };
  const base: Provenance = { ...p, truncated: true };
  delete base.revisedPrompt;
  const chars = Array.from(p.prompt);
  let lo = 0;
  let hi = chars.length;
  let best: { bytes: Uint8Array; provenance: Provenance } | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = { ...base, prompt: chars.slice(0, mid).join('') };
    const out = writeXmp(bytes, candidate, writeJpegXmp);
    if (out) {
      best = { bytes: out, provenance: candidate };
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

export function embedProvenance(bytes: Uint8Array, p: Provenance): EmbedResult {
  const type = sniffImageType(bytes);
  let out: { bytes: Uint8Array; provenance: Provenance } | undefined;
  if (type?.ext === 'png') {
    const b = writePngText(bytes, PNG_PROVENANCE_KEYWORD, serializeProvenance(p));
    out = b && { bytes: b, provenance: p };
  } else if (type?.ext === 'webp') {
    const b = writeXmp(bytes, p, writeWebpXmp);
    out = b && { bytes: b, provenance: p };
  } else if (type?.ext === 'jpg') {
    out = fitJpeg(bytes, p);
  } else {
    return { embedded: false, bytes, reason: 'unsupportedFormat' };
  }
  return out ? { embedded: true, ...out } : { embedded: false, bytes, reason: 'unreadable' };
}

/** The provenance written in an image file, if it has one we can read. */
export function readProvenance(bytes: Uint8Array): Provenance | undefined {
  const type = sniffImageType(bytes);
  let json: string | undefined;
  if (type?.ext === 'png') json = readPngText(bytes, PNG_PROVENANCE_KEYWORD);
  else if (type?.ext === 'webp') json = provenanceFromXmp(readWebpXmp(bytes) ?? '');
  else if (type?.ext === 'jpg') json = provenanceFromXmp(readJpegXmp(bytes) ?? '');
  return json === undefined ? undefined : parseProvenance(json);
}
