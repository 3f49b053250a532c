// A minimal XMP packet carrying the provenance JSON in our own property, plus the
// prompt as dc:description and the tool as xmp:CreatorTool so other tools show them.
const NS = 'https://geekai.co/ns/image-studio/1.0/';

function xmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function xmlUnescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? m;
  });
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

/** The provenance JSON in an XMP packet (element or attribute form), if there is one. */
export function provenanceFromXmp(xmp: string): string | undefined {
  const element = /<geekai:provenance>([\s\S]*?)<\/geekai:provenance>/.exec(xmp);
  if (element?.[1] !== undefined) return xmlUnescape(element[1]);
  const attribute = /\sgeekai:provenance="([^"]*)"/.exec(xmp);
  return attribute?.[1] === undefined ? undefined : xmlUnescape(attribute[1]);
}
