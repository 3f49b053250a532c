// Anything that may reach a log, a message or the webview passes through here first.

// Whitespace only as a line break inside wrapped base64, so the words after a data URL survive.
const DATA_URL = /data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]{16,}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/=]{16,})*/gi;
const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
const KEY_LIKE = /\b(sk|gk|ak)-[A-Za-z0-9_-]{8,}\b/g;
const LONG_BASE64 = /[A-Za-z0-9+/]{200,}={0,2}/g;

/** Removes known secrets, bearer tokens, key-looking tokens and base64 payloads. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('***');
  }
  return out
    .replace(DATA_URL, (m) => `${m.slice(0, m.indexOf(',') + 1)}…(${m.length} chars)`)
    .replace(BEARER, '$1***')
    .replace(KEY_LIKE, '$1-***')
    .replace(LONG_BASE64, (m) => `…(${m.length} chars)`);
}

/** A short, single-line, redacted excerpt of server text, safe to show a user. */
export function safeExcerpt(text: string, secrets: readonly string[] = [], max = 300): string {
  const oneLine = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${Array.from(oneLine).slice(0, max).join('')}…` : oneLine;
}
