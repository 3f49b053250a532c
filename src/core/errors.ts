/** What went wrong, in terms the adapter can turn into a localised sentence. */
export type ErrorKind =
  | 'auth'
  | 'payment'
  | 'forbidden'
  | 'notFound'
  | 'tooLarge'
  | 'badRequest'
  | 'moderation'
  | 'rateLimit'
  | 'quota'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'badResponse'
  | 'noImage'
  | 'download'
  | 'invalidInput'
  | 'fs';

export interface ImageErrorInit {
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** Already-redacted text from the server or model, safe to show. */
  detail?: string;
  /** A machine-readable reason inside the kind, e.g. `emptyPrompt`, `escapesWorkspace`. */
  reason?: string;
  /** Values a message may mention (file name, size, limit). Never the key. */
  params?: Record<string, string | number>;
  cause?: unknown;
}

/**
 * The one error type core throws. `message` is for logs (English, redacted);
 * users see the adapter's localised text for `kind`/`reason`.
 */
export class ImageError extends Error {
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly detail?: string;
  readonly reason?: string;
  readonly params: Record<string, string | number>;

  constructor(kind: ErrorKind, message: string, init: ImageErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ImageError';
    this.kind = kind;
    this.status = init.status;
    this.detail = init.detail;
    this.reason = init.reason;
    this.params = init.params ?? {};
  }
}

export function isImageError(e: unknown): e is ImageError {
  return e instanceof ImageError;
}

/** Statuses worth another try; 429 only when it is not `insufficient_quota`. */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === 'rateLimit' || kind === 'server' || kind === 'network';
}
