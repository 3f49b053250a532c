import { redact } from './text/redact';

/** The slice of VS Code's LogOutputChannel core needs; tests pass an array-backed one. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Wraps a logger so nothing it writes can carry the key or a base64 payload. */
export function redactingLogger(inner: Logger, secrets: () => readonly string[]): Logger {
  const r = (m: string): string => redact(m, secrets());
  return {
    info: (m) => inner.info(r(m)),
    warn: (m) => inner.warn(r(m)),
    error: (m) => inner.error(r(m)),
    debug: (m) => inner.debug(r(m)),
  };
}
