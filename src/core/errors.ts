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

/** An error code the server sent (`insufficient_quota`, `upstream_error`, …): any text, but only from `serverCode`. */
export type ServerCode = string & { readonly __serverCode: true };

/** Marks text as a server's error code, so it may stand where a reason is expected. */
export function serverCode(code: string): ServerCode {
  return code as ServerCode;
}

/** The reasons each kind may carry; a reason that is not listed here does not compile. */
/** What went wrong between us and a proxy; see `http/proxyHop.ts`. */
export type ProxyReason = 'proxyRefused' | 'proxyNotFound' | 'proxyTimeout' | 'proxyAuth' | 'proxyStatus' | 'proxyTls' | 'proxyFailed';

export interface ReasonsByKind {
  /** `originNotApproved`: the base URL's origin (`params.origin`, `params.host`) is not one the key may go to. */
  auth: 'missingKey' | 'originNotApproved' | ServerCode;
  payment: ServerCode;
  forbidden: ServerCode;
  notFound: ServerCode;
  tooLarge: ServerCode;
  /** A parameter the model does not take (`params.param`); a model the endpoint does not serve (`params.suggested`: the API that does). */
  badRequest: 'unsupportedParameter' | 'modelNotOnApi' | ServerCode;
  moderation: ServerCode;
  rateLimit: ServerCode;
  quota: ServerCode;
  /** `taskFailed`: an asynchronous Images API task ended in failure (`params.task`). */
  server: 'taskFailed' | ServerCode;
  /** `proxy…`: the hop to the proxy failed (`params.proxy`, its origin without credentials). */
  network: 'refused' | 'dns' | 'tls' | 'closedMidBody' | 'closedBeforeHeaders' | ProxyReason;
  /** `task`: an asynchronous task was still running when the time limit came. */
  timeout: 'total' | 'headers' | 'idle' | 'connect' | 'task';
  /** `spendingLimit`: the user did not send a request past the daily spending limit. */
  cancelled: 'spendingLimit';
  /**
   * `noAltText`: Write Alt Text's model answered with nothing usable. Over a limit (limits.ts):
   * `answerTooLarge`, the body passed `params.limit` bytes; `eventTooLarge`, one streamed event
   * passed `params.limit` characters; `tooManyImages`, more than `params.limit` images.
   */
  badResponse: 'notJson' | 'wrongShape' | 'inlineError' | 'noAltText' | 'answerTooLarge' | 'eventTooLarge' | 'tooManyImages' | ServerCode;
  noImage: never;
  /**
   * `privateAddress`: the image's host is (or resolves to) a loopback, link-local, private, shared
   * or unspecified address the base URL is not on (`params.address`); `insecureRedirect`: an https
   * address redirected to http.
   */
  download: 'empty' | 'notAnImage' | 'tooLarge' | 'redirects' | 'badScheme' | 'badUrl' | 'httpStatus' | 'badDataUrl' | 'holdsKey' | 'timeout' | 'network' | 'privateAddress' | 'insecureRedirect';
  invalidInput:
    | 'emptyPrompt'
    | 'promptTooLong'
    | 'badBaseUrl'
    | 'badModel'
    | 'badOutputFolder'
    | 'escapesWorkspace'
    | 'missingFile'
    | 'notAFile'
    | 'emptyImage'
    | 'imageTooLarge'
    | 'notAnImage'
    | 'noFolder'
    | 'namesMismatch'
    | 'badExtension'
    | 'badFileName'
    // a proxy setting or HTTPS_PROXY / HTTP_PROXY that is not an http(s) address
    | 'badProxy'
    // what the chosen model and API cannot take
    | 'maskUnsupported'
    | 'maskWithoutImage'
    | 'maskNotPng'
    | 'maskSizeMismatch'
    | 'editsUnsupported'
    | 'tooManyReferences'
    // refusals only the agent tools make (src/agent)
    | 'outsideRoot'
    | 'emptyPath'
    | 'notMarkdown'
    | 'missingMarkdown'
    // Write Alt Text: the link names a URL or nothing, not a file
    | 'notLocalImage'
    // the workspace style file is invalid (`params.field`, `params.problem`)
    | 'badStyle';
  fs: 'statFailed' | 'readFailed' | 'writeFailed' | 'createFolderFailed' | 'renameFailed' | 'noFreeName' | 'saveFailed';
}

export type Reason<K extends ErrorKind = ErrorKind> = ReasonsByKind[K];

export interface ImageErrorInit<K extends ErrorKind = ErrorKind> {
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** Already-redacted text from the server or model, safe to show. */
  detail?: string;
  /** A machine-readable reason inside the kind, e.g. `emptyPrompt`, `escapesWorkspace`. */
  reason?: Reason<K>;
  /** Values a message may mention (file name, size, limit). Never the key. */
  params?: Record<string, string | number>;
  cause?: unknown;
}

/**
 * The one error type core throws. `message` is for logs (English, redacted);
 * users see the adapter's localised text for `kind`/`reason`.
 */
export class ImageError<K extends ErrorKind = ErrorKind> extends Error {
  readonly kind: K;
  readonly status?: number;
  readonly detail?: string;
  readonly reason?: Reason<K>;
  readonly params: Record<string, string | number>;

  constructor(kind: K, message: string, init: ImageErrorInit<K> = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ImageError';
    this.kind = kind;
    this.status = init.status;
    this.detail = init.detail;
    this.reason = init.reason;
    this.params = init.params ?? {};
  }
}

/** An ImageError whose `kind` narrows it (and its `reason`) in a `switch`. */
export type AnyImageError = { [K in ErrorKind]: ImageError<K> }[ErrorKind];

export function isImageError(e: unknown): e is AnyImageError {
  return e instanceof ImageError;
}

/**
 * The key, or the one "no API key" error every path throws when there is none (empty or only
 * whitespace): the user sees the same sentence and the Set API Key button wherever it happened.
 */
export function requireKey(apiKey: string | undefined): string {
  if (apiKey === undefined || apiKey.trim() === '') throw new ImageError('auth', 'no API key', { reason: 'missingKey' });
  return apiKey;
}

/** Statuses worth another try; 429 only when it is not `insufficient_quota`. */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === 'rateLimit' || kind === 'server' || kind === 'network';
}
