// The Logger port, and the one that redacts every secret of the session before a line is
// written and passes outside text through the sink's log form.
import { redact } from './text/redact';
import { shownText } from './text/shownText';
import type { Secrets } from './text/secrets';

/** The slice of VS Code's LogOutputChannel core needs; tests pass an array-backed one. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/**
 * Wraps a logger so nothing it writes can carry a secret `secrets` holds (now or later) or a base64 payload, and every message
 * stays one line (a server's words cannot fake a line of their own) without control characters.
 */
export function redactingLogger(inner: Logger, secrets: Secrets): Logger {
  const r = (m: string): string => shownText(redact(m, secrets), 'log');
  return {
    info: (m) => inner.info(r(m)),
    warn: (m) => inner.warn(r(m)),
    error: (m) => inner.error(r(m)),
    debug: (m) => inner.debug(r(m)),
  };
}
