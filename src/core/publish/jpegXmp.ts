// XMP in a JPEG file: an APP1 segment headed `http://ns.adobe.com/xap/1.0/\0`,
// placed after SOI and any APP0 (JFIF) / Exif APP1, replacing an earlier XMP segment.

const XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
/** A segment's length field counts itself (2 bytes) and holds at most 65535. */
export const MAX_JPEG_XMP_BYTES = 65535 - 2 - XMP_HEADER.length;

interface Segment {
  marker: number;
  start: number;
  end: number;
  data: Uint8Array;
}

/** The marker segments before the scan data, and where the scan data starts. */
function segments(bytes: Uint8Array): { list: Segment[]; rest: number } | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  const list: Segment[] = [];
  let at = 2;
  while (at + 2 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) return { list, rest: at };
    if (at + 4 > b.length) return undefined;
    const len = b.readUInt16BE(at + 2);
    const end = at + 2 + len;
    if (len < 2 || end > b.length) return undefined;
    list.push({ marker, start: at, end, data: bytes.subarray(at + 4, end) });
    at = end;
  }
  return undefined;
}

const isXmp = (s: Segment): boolean =>
  s.marker === 0xe1 && Buffer.from(s.data.subarray(0, XMP_HEADER.length)).equals(XMP_HEADER);

/** `bytes` with `xmp` in an APP1 segment, or undefined if it is not a JPEG we can read or the packet is too big for one segment. */
export function writeJpegXmp(bytes: Uint8Array, xmp: string): Uint8Array | undefined {
  const parsed = segments(bytes);
  const packet = Buffer.from(xmp, 'utf8');
  if (!parsed || packet.length > MAX_JPEG_XMP_BYTES) return undefined;
  const app1 = Buffer.alloc(4 + XMP_HEADER.length + packet.length);
  app1[0] = 0xff;
  app1[1] = 0xe1;
  app1.writeUInt16BE(2 + XMP_HEADER.length + packet.length, 2);
  app1.set(XMP_HEADER, 4);
  app1.set(packet, 4 + XMP_HEADER.length);
  const kept = parsed.list.filter((s) => !isXmp(s));
  // After APP0 and an Exif APP1, where readers look first.
  let insertAt = 0;
  while (insertAt < kept.length && (kept[insertAt]?.marker === 0xe0 || kept[insertAt]?.marker === 0xe1)) insertAt++;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  kept.forEach((s, i) => {
    if (i === insertAt) parts.push(app1);
    parts.push(bytes.subarray(s.start, s.end));
  });
  if (insertAt === kept.length) parts.push(app1);
  parts.push(bytes.subarray(parsed.rest));
  return Buffer.concat(parts);
}

export function readJpegXmp(bytes: Uint8Array): string | undefined {
  const s = segments(bytes)?.list.find(isXmp);
  return s ? Buffer.from(s.data.subarray(XMP_HEADER.length)).toString('utf8') : undefined;
}
