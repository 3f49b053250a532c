// Decodes a base64 data URL sent as an Images or Responses API input.

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/** The bytes of a base64 data URL, or undefined for anything else (an http address, junk). */
export function decodeDataUrlLoose(url: string): Buffer | undefined {
  const m = DATA_URL.exec(url);
  if (!m || !m[2].split(';').includes('base64')) return undefined;
  return Buffer.from(m[3], 'base64');
}
