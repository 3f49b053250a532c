// Writes provenance into an image's bytes in the way its format allows (PNG iTXt,
// WebP and JPEG XMP) and reads it back. The pixels are never touched. What is written fits
// the readers' limit (PROVENANCE_MAX_BYTES), so whatever we write can be read back.
import { sniffImageType } from '../imageType';
import { PROVENANCE_MAX_BYTES } from '../limits';
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

type Writer = (bytes: Uint8Array, p: Provenance) => Uint8Array | undefined;

/** Provenance (as JSON, or in an XMP packet) no larger than readers take: more would never be read back. */
const withinLimit = (text: string): boolean => Buffer.byteLength(text, 'utf8') <= PROVENANCE_MAX_BYTES;

const writePng: Writer = (bytes, p) => {
  const json = serializeProvenance(p);
  return withinLimit(json) ? writePngText(bytes, PNG_PROVENANCE_KEYWORD, json) : undefined;
};

function xmpWriter(write: (b: Uint8Array, xmp: string) => Uint8Array | undefined): Writer {
  return (bytes, p) => {
    const xmp = xmpPacket(serializeProvenance(p), p.prompt);
    return withinLimit(xmp) ? write(bytes, xmp) : undefined;
  };
}

const writeWebp = xmpWriter(writeWebpXmp);
/** JPEG holds one 64 KB segment (writeJpegXmp refuses more). */
const writeJpeg = xmpWriter(writeJpegXmp);

/** Too large for its place: drop the revised prompt, then shorten the prompt, until it fits. */
function fit(
  bytes: Uint8Array,
  p: Provenance,
  write: Writer,
): { bytes: Uint8Array; provenance: Provenance } | undefined {
  const whole = write(bytes, p);
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
    const out = write(bytes, candidate);
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
  const ext = sniffImageType(bytes)?.ext;
  const write = ext === 'png' ? writePng : ext === 'webp' ? writeWebp : ext === 'jpg' ? writeJpeg : undefined;
  if (!write) return { embedded: false, bytes, reason: 'unsupportedFormat' };
  const out = fit(bytes, p, write);
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
