// A minimal XMP packet carrying the provenance JSON in our own property, plus the
// prompt as dc:description and the tool as xmp:CreatorTool so other tools show them.
import { PROVENANCE_MAX_BYTES } from '../limits';

const NS = 'https://geekai.co/ns/image-studio/1.0/';

function xmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** A character reference as text: U+FFFD for one outside Unicode, a surrogate or NUL (never a throw). */
function codePointText(n: number): string {
  const valid = Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff);
  return valid ? String.fromCodePoint(n) : '\ufffd';
}

function xmlUnescape(s: string): string {
  // Digits are capped so a thousand-digit reference is not turned into a number at all.
  return s.replace(
    /&(amp|lt|gt|quot|apos|#(\d{1,8})|#x([0-9a-f]{1,8}));/gi,
    (m, name: string, dec?: string, hex?: string) => {
      if (dec) return codePointText(Number(dec));
      if (hex) return codePointText(parseInt(hex, 16));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? m;
    },
  );
}

export function xmpPacket(provenanceJson: string, description: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:geekai="${NS}">`,
    '<xmp:CreatorTool>GeekAI Image Studio</xmp:CreatorTool>',
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(description)}</rdf:li></rdf:Alt></dc:description>`,
    `<geekai:provenance>${xmlEscape(provenanceJson)}</geekai:provenance>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

const OPEN = '<geekai:provenance>';
const CLOSE = '</geekai:provenance>';
const ATTRIBUTE = /\sgeekai:provenance="/g;

/**
 * The provenance JSON in an XMP packet (element or attribute form), if there is one. Files are
 * untrusted: a packet over PROVENANCE_MAX_BYTES is not ours, and the search is by indexOf (a
 * lazy regex would rescan the rest of the packet from each of thousands of opening tags).
 */
export function provenanceFromXmp(xmp: string): string | undefined {
  if (xmp.length > PROVENANCE_MAX_BYTES) return undefined;
  const open = xmp.indexOf(OPEN);
  if (open !== -1) {
    const close = xmp.indexOf(CLOSE, open + OPEN.length);
    if (close !== -1) return xmlUnescape(xmp.slice(open + OPEN.length, close));
  }
  ATTRIBUTE.lastIndex = 0;
  const attribute = ATTRIBUTE.exec(xmp);
  if (!attribute) return undefined;
  const start = attribute.index + attribute[0].length;
  const end = xmp.indexOf('"', start);
  return end === -1 ? undefined : xmlUnescape(xmp.slice(start, end));
}
