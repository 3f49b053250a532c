// The MCP server's sentence for an error the tools did not word themselves: core's English
// message (already free of the key and of base64) with its values, the HTTP status and the
// server's words (those and the values through shownText: an agent's client may render links).
import { isImageError } from '../core/errors';
import { redact } from '../core/text/redact';
import { shownText } from '../core/text/shownText';
import type { Secrets } from '../core/text/secrets';

export function describeError(e: unknown, secrets: Secrets): string {
  if (!isImageError(e)) return 'Unexpected error in the GeekAI image tool; see the server log.';
  if (e.kind === 'cancelled') return 'Cancelled; nothing was saved.';
  const values = Object.entries(e.params).map(([k, v]) => `${k}: ${shownText(String(v))}`);
  const message = `${e.message}${values.length > 0 ? ` (${values.join(', ')})` : ''}`;
  if (e.kind === 'invalidInput') return redact(`Refused: ${message}.`, secrets);
  const status = e.status === undefined ? '' : ` (HTTP ${e.status})`;
  const detail = e.detail ? ` Server says: ${shownText(e.detail)}` : '';
  return redact(`GeekAI image request failed: ${e.kind}${status}: ${message}.${detail}`, secrets);
}
