// Anything that may reach a log, a message or the webview passes through here first.
import type { Secrets } from './secrets';

// `{16}x*` rather than `{16,}`, and `+` with the length checked in the replacer: open-ended
// counted quantifiers overflow V8's regex stack on multi-megabyte base64 (a 4K image easily is).
// Whitespace only as a line break inside wrapped base64 (lines of 16+), so the words after a
// data URL survive.
const DATA_URL =
  /data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]{16}[A-Za-z0-9+/=]*(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/=]{16}[A-Za-z0-9+/=]*)*/gi;
const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
const KEY_LIKE = /\b(sk|gk|ak)-([A-Za-z0-9_-]+)\b/g;
const BASE64_RUN = /[A-Za-z0-9+/]+={0,2}/g;
const MIN_KEY = 8;
const MIN_BASE64 = 200;

/** Removes the secrets `secrets` holds, bearer tokens, key-looking tokens and base64 payloads. */
export function redact(text: string, secrets?: Secrets): string {
  const out = secrets ? secrets.hide(text) : text;
  return out
    .replace(DATA_URL, (m) => `${m.slice(0, m.indexOf(',') + 1)}…(${m.length} chars)`)
    .replace(BEARER, '$1***')
    .replace(KEY_LIKE, (m, prefix: string, rest: string) => (rest.length < MIN_KEY ? m : `${prefix}-***`))
    .replace(BASE64_RUN, (m) => (m.length < MIN_BASE64 ? m : `…(${m.length} chars)`));
}

/** A short, single-line, redacted excerpt of server text, safe to show a user. */
export function safeExcerpt(text: string, secrets?: Secrets, max = 300): string {
  const oneLine = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${Array.from(oneLine).slice(0, max).join('')}…` : oneLine;
}
