/** What went wrong, in terms the adapter can turn into a localised sentence: the kinds of `ErrorCatalog`, written there once. */
export type ErrorKind = keyof ErrorCatalog;

/** An error code the server sent (`insufficient_quota`, `upstream_error`, …): any text, but only from `serverCode`. */
export type ServerCode = string & { readonly __serverCode: true };

/** Marks text as a server's error code, so it may stand where a reason is expected. */
export function serverCode(code: string): ServerCode {
  return code as ServerCode;
}

/** A value a message may mention: a file name, a size, a limit. Never the key. */
export type ParamValue = string | number;

/** A reason that carries no values. */
type None = Record<string, never>;

/** Where a request went, for the messages that name it. */
type Host = { host: string };

/** A problem in `.geekai/style.json` (core/style/workspaceStyle.ts). */
export type StyleProblemReason = 'notJson' | 'badField' | 'unknownField' | 'escapesWorkspace' | 'tooLarge';

/**
 * Every reason of every kind, once, with the values (`params`) it carries. `other` is an error
 * of the kind with no reason of its own, or with a server's code (kinds in `ServerNamedKind`).
 * A reason's sentence lives in src/vscode/errorMessages.ts, a Record over this catalog: adding
 * a reason here without its sentence, or a sentence reading a value its reason does not carry,
 * does not compile.
 */
export interface ErrorCatalog {
  auth: {
    missingKey: None;
    /** The base URL's origin is not one the key may go to. */
    originNotApproved: { origin: string; host: string };
    other: None;
  };
  /** 402: the balance (when a balance key is set) and what the request was expected to cost, added on the way up. */
  payment: { other: { balance?: number; estimate?: number; estimateApproximate?: 1 } };
  forbidden: { other: None };
  notFound: { other: None };
  /** 413: the largest reference sent, when there was one. */
  tooLarge: { other: { name?: string; size?: number } };
  badRequest: {
    /** A parameter the model does not take (`param`, empty when the server did not name it). */
    unsupportedParameter: { param: string; model: string; api: string };
    /** A model the endpoint does not serve; `suggested`: the API that does, when known. */
    modelNotOnApi: { model: string; api: string; suggested?: string };
    other: None;
  };
  moderation: { other: None };
  rateLimit: { other: None };
  quota: { other: None };
  server: {
    /** An asynchronous Images API task, or a background job, ended in failure. */
    taskFailed: { task: string; status?: string };
    other: None;
  };
  network: {
    refused: Host;
    dns: Host;
    tls: Host;
    closedMidBody: Host;
    closedBeforeHeaders: Host;
    /** `proxy…`: the hop to the proxy failed (`proxy`: its origin without credentials). */
    proxyRefused: ProxyHop;
    proxyNotFound: ProxyHop;
    proxyTimeout: ProxyHop;
    proxyAuth: ProxyHop;
    /** The proxy answered `status` when asked to connect to `host`. */
    proxyStatus: ProxyHop & { status: number };
    proxyTls: ProxyHop;
    proxyFailed: ProxyHop;
    other: Host;
  };
  timeout: {
    total: Host;
    headers: Host;
    idle: Host;
    connect: Host;
    /** An asynchronous task was still running when the time limit came. */
    task: { task: string };
    other: None;
  };
  cancelled: {
    /** The user did not send a request past the daily spending limit. */
    spendingLimit: None;
    other: None;
  };
  badResponse: {
    notJson: None;
    wrongShape: None;
    inlineError: None;
    /** Write Alt Text's model answered with nothing usable. */
    noAltText: { model: string };
    /** Over a limit (limits.ts): the body passed `limit` bytes. */
    answerTooLarge: { limit: number };
    /** One streamed event passed `limit` characters. */
    eventTooLarge: { limit: number };
    /** More than `limit` images. */
    tooManyImages: { limit: number };
    other: None;
  };
  noImage: { other: None };
  /** `url`: what the message may name of the address (download.ts describeUrl). */
  download: {
    empty: Url;
    notAnImage: Url;
    tooLarge: Url & { limit: number };
    redirects: Url;
    badScheme: Url & { scheme?: string };
    badUrl: Url;
    httpStatus: Url & { status: number };
    badDataUrl: Url;
    holdsKey: Url;
    timeout: Url;
    network: Url;
    /** The host is (or resolves to) a loopback, link-local, private, shared or unspecified `address` the base URL is not on. */
    privateAddress: Url & { address: string };
    /** An https address redirected to http. */
    insecureRedirect: Url;
    other: Url;
  };
  invalidInput: {
    emptyPrompt: None;
    promptTooLong: { length: number; limit: number };
    badBaseUrl: { value: string };
    badModel: { value: string };
    badOutputFolder: { pattern: string };
    /** `path` relative to the workspace folder; `access: 'read'` for a file read through a link. */
    escapesWorkspace: { path: string; access?: 'read' | 'write' };
    missingFile: Named;
    notAFile: Named;
    emptyImage: Named;
    imageTooLarge: Named & { size: number; limit: number };
    notAnImage: Named;
    noFolder: None;
    namesMismatch: None;
    badExtension: { ext: string };
    badFileName: Named;
    /** A proxy setting or HTTPS_PROXY / HTTP_PROXY that is not an http(s) address. */
    badProxy: None;
    // What the chosen model and API cannot take.
    maskUnsupported: None;
    maskWithoutImage: None;
    maskNotPng: None;
    maskSizeMismatch: Named & { mask: string; image: string };
    editsUnsupported: { model: string };
    tooManyReferences: { count: number; limit: number };
    // Refusals only the agent tools make (src/agent).
    outsideRoot: { path: string };
    emptyPath: None;
    notMarkdown: { path: string };
    missingMarkdown: { path: string };
    /** Write Alt Text: the link names a URL or nothing, not a file. */
    notLocalImage: { target: string };
    /** The workspace style file is invalid; `path` and `offset` open it at the field. */
    badStyle: { file: string; field: string; problem: StyleProblemReason; path: string; offset: number };
    other: None;
  };
  /** `path`: the file or folder the file system refused. */
  fs: {
    statFailed: Path;
    readFailed: Path;
    writeFailed: Path;
    createFolderFailed: Path;
    renameFailed: Path;
    noFreeName: Path;
    saveFailed: Path;
    other: Path;
  };
}

type ProxyHop = { proxy: string; host: string };
type Url = { url: string };
type Named = { name: string };
type Path = { path: string };

/** The kinds whose reason may be a server's error code (httpErrors.ts): it shares the kind's `other` sentence. */
export type ServerNamedKind =
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
  | 'badResponse';

/** The reasons a kind declares (its catalog entries but `other`). */
export type DeclaredReason<K extends ErrorKind> = Exclude<keyof ErrorCatalog[K], 'other'> & string;

/** The declared reasons of the kinds a server names, to tell a server's code from one of ours at run time. */
const OWN_REASONS: { readonly [K in ServerNamedKind]: Readonly<Record<DeclaredReason<K>, true>> } = {
  auth: { missingKey: true, originNotApproved: true },
  payment: {},
  forbidden: {},
  notFound: {},
  tooLarge: {},
  badRequest: { unsupportedParameter: true, modelNotOnApi: true },
  moderation: {},
  rateLimit: {},
  quota: {},
  server: { taskFailed: true },
  badResponse: {
    notJson: true,
    wrongShape: true,
    inlineError: true,
    noAltText: true,
    answerTooLarge: true,
    eventTooLarge: true,
    tooManyImages: true,
  },
};

/**
 * A server's code as the reason of an error of `kind`; undefined when it spells one of our own
 * reasons (`taskFailed`, `answerTooLarge`, …), which would promise values the server did not send.
 */
export function serverReason(kind: ServerNamedKind, code: string): ServerCode | undefined {
  return Object.hasOwn(OWN_REASONS[kind], code) ? undefined : serverCode(code);
}

/** The reasons each kind may carry; a reason that is not in the catalog does not compile. */
export type ReasonsByKind = { [K in ErrorKind]: DeclaredReason<K> | (K extends ServerNamedKind ? ServerCode : never) };

export type Reason<K extends ErrorKind = ErrorKind> = ReasonsByKind[K];

/** What the network reasons of the proxy hop are; see `http/proxyHop.ts`. */
export type ProxyReason = Extract<DeclaredReason<'network'>, `proxy${string}`>;

/** The reason an error has when it has none of its kind's own: none, or a server's code. */
export type OtherReason<K extends ErrorKind> = Exclude<Reason<K>, DeclaredReason<K>> | undefined;

/** A catalog entry of kind `K`: a declared reason, or `other`. */
export type CatalogEntry<K extends ErrorKind> = keyof ErrorCatalog[K] & string;

/** The reason an error of entry `C` has: `C` itself, or (for `other`) none or a server's code. */
export type EntryReason<K extends ErrorKind, C extends CatalogEntry<K>> = C extends 'other' ? OtherReason<K> : C;

/** What code that does not know an error's kind and reason may read of its values. */
export type SomeParams = Readonly<Record<string, ParamValue | undefined>>;

/** `T`, which does not compile unless every entry's values are ParamValues (so a SomeParams can read any error's). */
type ValuesAreParamValues<T extends { [K in ErrorKind]: { [C in CatalogEntry<K>]: SomeParams } }> = T;

/** The values an error of kind `K` may carry, whichever its reason. */
type KindParams = { [K in ErrorKind]: ValuesAreParamValues<ErrorCatalog>[K][CatalogEntry<K>] };

interface InitBase {
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** Already-redacted text from the server or model, safe to show. */
  detail?: string;
  cause?: unknown;
}

/** `params` may be left out only when the reason carries nothing it must have. */
type ParamsField<P> = Record<never, never> extends P ? { params?: P } : { params: P };

/** The constructor's last argument: left out only when the kind's `other` entry carries nothing it must have. */
export type InitArgs<K extends ErrorKind> = K extends ErrorKind
  ? Record<never, never> extends ErrorCatalog[K]['other']
    ? [init?: ImageErrorInit<K>]
    : [init: ImageErrorInit<K>]
  : never;

/**
 * What an error of kind `K` is built from, one member per catalog entry (told apart by `reason`):
 * a declared reason with exactly the values it carries, or none (or a server's code) with the
 * kind's `other` values.
 */
export type ImageErrorInit<K extends ErrorKind = ErrorKind> = InitTable[K];
type InitTable = {
  [K in ErrorKind]: {
    [C in CatalogEntry<K>]: InitBase &
      (C extends 'other' ? { reason?: OtherReason<K> } : { reason: C }) &
      ParamsField<ErrorCatalog[K][C]>;
  }[CatalogEntry<K>];
};

/**
 * The one error type core throws. `message` is for logs (English, redacted);
 * users see the adapter's localised text for `kind`/`reason`, reading `params`.
 */
export class ImageError<K extends ErrorKind = ErrorKind> extends Error {
  readonly kind: K;
  readonly status?: number;
  readonly detail?: string;
  /** A machine-readable reason inside the kind, e.g. `emptyPrompt`, `escapesWorkspace`. */
  readonly reason?: Reason<K>;
  /** Values the message may mention (file name, size, limit), as the catalog declares them for the reason. */
  readonly params: KindParams[K];

  constructor(kind: K, message: string, ...[init]: InitArgs<K>) {
    // Checked against the catalog by the constructor's type; read here as any member of it.
    const i = (init ?? {}) as InitBase & { reason?: Reason<K>; params?: KindParams[K] };
    super(message, i.cause === undefined ? undefined : { cause: i.cause });
    this.name = 'ImageError';
    this.kind = kind;
    this.status = i.status;
    this.detail = i.detail;
    this.reason = i.reason;
    this.params = i.params ?? ({} as KindParams[K]);
  }
}

/** Values as code reads them: nothing at all of a reason that carries none (`None` would give `never` for any name). */
type Readable<P> = string extends keyof P ? Record<never, never> : P;

/** An error of kind `K` whose catalog entry is `C`: its reason and values as the catalog declares them, and no others. */
export type ErrorOf<K extends ErrorKind, C extends CatalogEntry<K>> = Omit<ImageError<K>, 'reason' | 'params'> & {
  readonly reason: EntryReason<K, C>;
  readonly params: Readable<ErrorCatalog[K][C]>;
};

/** Whether `e` is an ImageError of kind `kind` with reason `reason`, its values then typed as that reason's. */
export function hasReason<K extends ErrorKind, C extends DeclaredReason<K>>(
  e: unknown,
  kind: K,
  reason: C,
): e is ErrorOf<K, C> {
  return e instanceof ImageError && e.kind === kind && e.reason === reason;
}

/** What rebuilds `e` as it is (for a subclass that carries more, such as UnsavedImagesError). */
export function initOf<K extends ErrorKind>(e: ImageError<K>): InitArgs<K> {
  // `e` was built from a checked init of its kind; its fields are that init again.
  const init: InitBase & { reason?: Reason<K>; params: KindParams[K] } = {
    status: e.status,
    detail: e.detail,
    reason: e.reason,
    params: e.params,
    cause: e,
  };
  return [init] as unknown as InitArgs<K>;
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
  if (apiKey === undefined || apiKey.trim() === '')
    throw new ImageError('auth', 'no API key', { reason: 'missingKey' });
  return apiKey;
}

/** Statuses worth another try; 429 only when it is not `insufficient_quota`. */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === 'rateLimit' || kind === 'server' || kind === 'network';
}
