// One localised sentence (and the buttons that fix it) for every ImageError kind and reason.
// Nothing here shows a stack trace, a raw JSON body or the key.
import * as path from 'node:path';
import { l10n } from 'vscode';
import {
  hasReason,
  isImageError,
  type AnyImageError,
  type CatalogEntry,
  type ErrorCatalog,
  type ErrorKind,
  type ErrorOf,
  type ImageError,
  type StyleProblemReason,
} from '../core/errors';
import { redact } from '../core/text/redact';
import type { Secrets } from '../core/text/secrets';
import { formatCny } from '../core/price/modelPrice';
import { shownText } from '../core/text/shownText';
import { UnsavedImagesError } from '../core/job/unsavedImages';
import { STYLE_FILE_MAX_BYTES } from '../core/limits';
import { API_KINDS, type ApiKind } from '../../shared/imageVocabulary';
import type { ErrorAction, ErrorView } from '../../shared/protocol';

const posix = path.posix;
/** A whole error sentence, its values included (each server text is cut to shownText's default first). */
const MESSAGE_MAX = 1000;

const ACTION_LABELS: Record<ErrorAction, (switchTo?: ApiKind) => string> = {
  setApiKey: () => l10n.t('Set API Key'),
  openSettings: () => l10n.t('Open Settings'),
  retry: () => l10n.t('Retry'),
  showLog: () => l10n.t('Show Log'),
  saveAs: () => l10n.t('Save As…'),
  switchApi: (api) => l10n.t('Switch to {0}', apiLabel(api ?? 'chat')),
  openStyle: () => l10n.t('Open style.json'),
};

/** A button's label; `switchApi` names the API of the view's `switchTo`. */
export function actionLabel(a: ErrorAction, view?: Pick<ErrorView, 'switchTo'>): string {
  return ACTION_LABELS[a](view?.switchTo);
}

function mb(bytes: number | undefined): string {
  return (Number(bytes) / (1024 * 1024)).toFixed(1);
}

/** Where GeekAI's balance is topped up. */
export const TOP_UP_URL = 'https://geekai.co';

/** What a sentence may name besides the error: the model asked for and the time limit. */
export interface DescribeContext {
  model: string;
  timeoutSeconds: number;
}

/** A sentence and the buttons that fix it. */
interface Said {
  message: string;
  actions: ErrorAction[];
  /** With `switchApi`: the API that serves the model. */
  switchTo?: ApiKind;
}

function say(message: string, ...actions: ErrorAction[]): Said {
  return { message, actions };
}

/** The sentence for an error of kind `K` whose catalog entry is `C`, reading only the values `C` carries. */
type Sentence<K extends ErrorKind, C extends CatalogEntry<K>> = (e: ErrorOf<K, C>, ctx: DescribeContext) => Said;

/**
 * One sentence for every reason of every kind in core's ErrorCatalog, and for each kind's
 * `other` (no reason, or a server's code): a reason without its sentence does not compile.
 */
type Sentences = { [K in ErrorKind]: { [C in CatalogEntry<K>]: Sentence<K, C> } };

/** The server's words after a sentence, cut on their own so the sentence around them keeps its end. */
function serverSays(e: ImageError): string {
  return e.detail ? ` ${l10n.t('Server says: {0}', shownText(e.detail))}` : '';
}

/** 402, with the balance (when a balance key is set) and what the request was expected to cost: "balance ¥0.37, this request ≈ ¥0.60". */
function payment(params: ErrorCatalog['payment']['other']): string {
  const parts: string[] = [];
  const { balance, estimate } = params;
  if (balance !== undefined && Number.isFinite(balance)) parts.push(l10n.t('balance {0}', formatCny(balance)));
  if (estimate !== undefined && Number.isFinite(estimate))
    parts.push(l10n.t('this request {0}', formatCny(estimate, params.estimateApproximate === 1)));
  if (parts.length === 0) return l10n.t('Your GeekAI balance is too low (402). Top up your account, then try again.');
  return l10n.t(
    'Your GeekAI balance is too low (402): {0}; top up at {1}, then try again.',
    parts.join(', '),
    TOP_UP_URL,
  );
}

/**
 * What is wrong with `.geekai/style.json`, naming the field, short enough for a notification's one
 * line: its Open style.json button shows the file at the field, where the schema lists what is allowed.
 */
const STYLE_PROBLEMS: Record<StyleProblemReason, (field: string) => string> = {
  notJson: () => l10n.t('.geekai/style.json is not valid JSON; nothing was sent.'),
  unknownField: (field) => l10n.t('"{0}" is not a style field in .geekai/style.json; nothing was sent.', field),
  escapesWorkspace: (field) =>
    l10n.t('{0} in .geekai/style.json is outside the workspace folder; nothing was sent.', field),
  tooLarge: () =>
    l10n.t(
      '.geekai/style.json is larger than {0} KB, so it was not read; nothing was sent.',
      STYLE_FILE_MAX_BYTES / 1024,
    ),
  badField: (field) => l10n.t('The value of "{0}" in .geekai/style.json is not allowed; nothing was sent.', field),
};

/** How an API is named to the user; a value that names no API (a server's, say) reads as chat completions. A new API does not compile without its name (no default). */
export function apiLabel(api: string): string {
  const kind = apiName(api) ?? 'chat';
  switch (kind) {
    case 'chat':
      return l10n.t('chat completions');
    case 'images':
      return l10n.t('the Images API');
    case 'responses':
      return l10n.t('the Responses API');
  }
}

function apiName(value: unknown): ApiKind | undefined {
  return API_KINDS.find((k) => k === value);
}

/**
 * The Studio's sentence for a model sent to the wrong API: its API control, not the setting,
 * decides there, and the error's button switches it. Undefined for any other error.
 */
export function servedElsewhere(e: unknown): string | undefined {
  if (!hasReason(e, 'badRequest', 'modelNotOnApi') || !apiName(e.params.suggested)) return undefined;
  return shownText(
    l10n.t(
      '{0} is not served by {1}; it is served by {2}.',
      e.params.model,
      apiLabel(e.params.api),
      apiLabel(e.params.suggested ?? ''),
    ),
    'plain',
    MESSAGE_MAX,
  );
}

/** What the file system refused: a write or rename names a file, the user needs its folder. */
function saveFailed(e: ErrorOf<'fs', CatalogEntry<'fs'>>, folder: string): Said {
  const message = l10n.t(
    'Could not save the image in {0}: the file system refused the write. Check that the folder is writable and has free space, then try again.',
    folder,
  );
  // The image is already paid for: saving it elsewhere beats generating it again.
  return e instanceof UnsavedImagesError ? say(message, 'saveAs', 'showLog') : say(message, 'retry', 'showLog');
}

/** A setting is what to fix: the buttons of an invalid input the user's settings caused. */
const inSettings = (message: string): Said => say(message, 'openSettings');

const SENTENCES: Sentences = {
  auth: {
    missingKey: () => say(l10n.t('No GeekAI API key is set.'), 'setApiKey'),
    originNotApproved: (e) =>
      say(
        l10n.t(
          'Your GeekAI key was not sent to {0}: that base URL is not in your user settings and you did not allow it. Nothing was sent.',
          e.params.host,
        ),
        'retry',
        'openSettings',
      ),
    other: () => say(l10n.t('GeekAI rejected the API key (401). Set a valid key and try again.'), 'setApiKey'),
  },
  payment: { other: (e) => say(payment(e.params)) },
  quota: {
    other: () => say(l10n.t('Your GeekAI quota is used up (insufficient_quota). Top up your account, then try again.')),
  },
  forbidden: {
    other: (_, ctx) =>
      say(
        l10n.t('Your key may not use the model "{0}" (403). Pick another model or check your plan.', ctx.model),
        'openSettings',
      ),
  },
  notFound: {
    other: (_, ctx) =>
      say(l10n.t('Not found (404): check geekaiImage.baseUrl and the model id "{0}".', ctx.model), 'openSettings'),
  },
  tooLarge: {
    other: (e) =>
      e.params.name
        ? say(
            l10n.t(
              'The request is too large for the server (413): {0} is {1} MB. Use a smaller image.',
              e.params.name,
              mb(e.params.size),
            ),
          )
        : say(l10n.t('The request is too large for the server (413). Use smaller images.')),
  },
  moderation: {
    other: (e) =>
      say(
        l10n.t('The request was blocked by the content safety filter. Rephrase the prompt and try again.') +
          serverSays(e),
      ),
  },
  badRequest: {
    // A refusal of the new endpoints: the parameter the model does not take, or the API that serves it.
    unsupportedParameter: (e) =>
      inSettings(
        (e.params.param
          ? l10n.t(
              '{0} does not take the option "{1}". Clear that setting (or pick another model) and try again.',
              e.params.model,
              e.params.param,
            )
          : l10n.t(
              '{0} does not take one of the options sent. Clear the image options (or pick another model) and try again.',
              e.params.model,
            )) + serverSays(e),
      ),
    modelNotOnApi: (e) => {
      const { model, api, suggested } = e.params;
      const message = suggested
        ? l10n.t(
            '{0} is not served by {1}; it is served by {2}. Set geekaiImage.api to "{3}" (or "auto") and try again.',
            model,
            apiLabel(api),
            apiLabel(suggested),
            suggested,
          )
        : l10n.t(
            '{0} is not served by {1}. Choose another API in geekaiImage.api, or another model.',
            model,
            apiLabel(api),
          );
      // The API that serves the model is known: one button switches to it.
      const switchTo = apiName(suggested);
      return switchTo ? { ...say(message, 'switchApi', 'openSettings'), switchTo } : inSettings(message);
    },
    other: (e) => inSettings(l10n.t('The server refused the request ({0}).', e.status ?? 400) + serverSays(e)),
  },
  rateLimit: {
    other: () => say(l10n.t('Too many requests (429): GeekAI asks to slow down. Try again in a moment.'), 'retry'),
  },
  server: {
    taskFailed: (e) =>
      say(
        l10n.t('The image task failed on the server.') +
          serverSays(e) +
          ' ' +
          l10n.t('Try again, or rephrase the prompt.'),
        'retry',
        'showLog',
      ),
    other: (e) =>
      say(
        l10n.t('GeekAI had a server error ({0}). Try again later.', e.status ?? 500) + serverSays(e),
        'retry',
        'showLog',
      ),
  },
  // `proxy` is the proxy's origin without credentials (core strips them).
  network: {
    proxyRefused: (e) =>
      netSay(
        l10n.t(
          'The proxy at {0} refused the connection. Check http.proxy (or HTTPS_PROXY) and that the proxy is running.',
          e.params.proxy,
        ),
      ),
    proxyNotFound: (e) =>
      netSay(
        l10n.t('Could not find the proxy {0}. Check the host name in http.proxy (or HTTPS_PROXY).', e.params.proxy),
      ),
    proxyTimeout: (e) =>
      netSay(
        l10n.t(
          'The proxy at {0} did not answer in time. Check http.proxy (or HTTPS_PROXY) and your network.',
          e.params.proxy,
        ),
      ),
    proxyAuth: (e) =>
      netSay(
        l10n.t(
          'The proxy at {0} asks for credentials (407). Set http.proxyAuthorization, or put the user name and password in http.proxy.',
          e.params.proxy,
        ),
      ),
    proxyStatus: (e) =>
      netSay(
        l10n.t(
          'The proxy at {0} would not connect to {1} (it answered {2}). Add the host to http.noProxy if it is reached directly, or ask your network administrator.',
          e.params.proxy,
          e.params.host,
          e.params.status,
        ),
      ),
    proxyTls: (e) =>
      netSay(
        l10n.t(
          'The secure connection to the proxy at {0} failed (TLS). Check http.proxy and http.proxyStrictSSL.',
          e.params.proxy,
        ),
      ),
    proxyFailed: (e) =>
      netSay(
        l10n.t(
          'The connection to the proxy at {0} failed. Check http.proxy (or HTTPS_PROXY) and try again.',
          e.params.proxy,
        ),
      ),
    refused: (e) =>
      netSay(l10n.t('Could not connect to {0}: the connection was refused. Check geekaiImage.baseUrl.', e.params.host)),
    dns: (e) =>
      netSay(l10n.t('Could not find the server {0}. Check your network and geekaiImage.baseUrl.', e.params.host)),
    tls: (e) =>
      netSay(
        l10n.t('The secure connection to {0} failed (TLS). Check geekaiImage.baseUrl and any proxy.', e.params.host),
      ),
    closedMidBody: (e) =>
      netSay(l10n.t('The connection to {0} closed before the answer was complete. Try again.', e.params.host)),
    closedBeforeHeaders: (e) => netSay(closedBeforeAnswer(e.params.host)),
    other: (e) => netSay(closedBeforeAnswer(e.params.host)),
  },
  timeout: {
    idle: () =>
      netSay(l10n.t('The server stopped sending for too long. Try again, or raise geekaiImage.timeoutSeconds.')),
    task: (_, ctx) =>
      netSay(
        l10n.t(
          'The image task was still running after {0} seconds. Try again later, or raise geekaiImage.timeoutSeconds.',
          ctx.timeoutSeconds,
        ),
      ),
    connect: (e) => netSay(l10n.t('Could not connect to {0} in time.', e.params.host)),
    total: (_, ctx) => netSay(noImageWithin(ctx.timeoutSeconds)),
    headers: (_, ctx) => netSay(noImageWithin(ctx.timeoutSeconds)),
    other: (_, ctx) => netSay(noImageWithin(ctx.timeoutSeconds)),
  },
  cancelled: {
    spendingLimit: () =>
      inSettings(l10n.t("Not sent: it would take today's spending past geekaiImage.dailySpendingLimit.")),
    other: () => say(l10n.t('Cancelled. Nothing was saved.')),
  },
  badResponse: {
    notJson: () => notOpenAi(),
    wrongShape: () => notOpenAi(),
    answerTooLarge: (e) =>
      say(
        l10n.t(
          "The server's answer was larger than {0} MB, so it was not read and nothing was saved. Check geekaiImage.baseUrl.",
          mb(e.params.limit),
        ),
        'openSettings',
        'showLog',
      ),
    eventTooLarge: (e) =>
      say(
        l10n.t(
          'The server streamed one event larger than {0} MB, so the answer was not read and nothing was saved. Check geekaiImage.baseUrl.',
          mb(e.params.limit),
        ),
        'openSettings',
        'showLog',
      ),
    tooManyImages: (e) =>
      say(
        l10n.t(
          "The server's answer named more than {0} images, so none were saved. Check geekaiImage.baseUrl.",
          e.params.limit,
        ),
        'openSettings',
        'showLog',
      ),
    noAltText: (e) =>
      say(
        l10n.t(
          '{0} answered without a description. Try again, or choose another vision model in geekaiImage.altTextModel.',
          e.params.model,
        ),
        'retry',
        'openSettings',
      ),
    inlineError: (e) => modelError(e),
    other: (e) => modelError(e),
  },
  noImage: {
    other: (e) =>
      e.detail
        ? say(l10n.t('The model answered without an image: "{0}"', shownText(e.detail)), 'retry')
        : say(l10n.t('The model answered without an image. Try rephrasing the prompt.'), 'retry'),
  },
  download: {
    badScheme: (e) => fetchSay(notHttp(e.params.url)),
    badUrl: (e) => fetchSay(notHttp(e.params.url)),
    httpStatus: (e) =>
      fetchSay(l10n.t('Downloading the image failed: the image server answered HTTP {0}.', e.params.status)),
    tooLarge: (e) => fetchSay(l10n.t('The image is larger than {0} MB and was not downloaded.', mb(e.params.limit))),
    notAnImage: (e) => fetchSay(notAnImage(e.params.url)),
    empty: (e) => fetchSay(notAnImage(e.params.url)),
    redirects: (e) => fetchSay(l10n.t('The image address redirected too many times ({0}).', e.params.url)),
    badDataUrl: () => fetchSay(l10n.t('The answer held an image that is not valid base64 data.')),
    holdsKey: () =>
      fetchSay(
        l10n.t(
          'The answer pointed to an image address that contains your API key; it was not fetched, so the key was not sent there.',
        ),
      ),
    timeout: (e) => fetchSay(l10n.t('Downloading the image took too long ({0}).', e.params.url)),
    privateAddress: (e) =>
      fetchSay(
        l10n.t(
          'The answer pointed to an image on a local or private network address ({0}); it was not fetched.',
          e.params.url,
        ),
      ),
    insecureRedirect: (e) =>
      fetchSay(
        l10n.t('The image address redirected from https to plain http ({0}); it was not followed.', e.params.url),
      ),
    network: (e) => fetchSay(downloadFailed(e.params.url)),
    other: (e) => fetchSay(downloadFailed(e.params.url)),
  },
  invalidInput: {
    emptyPrompt: () => say(l10n.t('Describe the image first: the prompt is empty.')),
    promptTooLong: (e) =>
      say(l10n.t('The prompt is too long ({0} characters; the limit is {1}).', e.params.length, e.params.limit)),
    badBaseUrl: () =>
      inSettings(
        l10n.t('The setting geekaiImage.baseUrl must be an http(s) address such as https://geekai.co/api/v1.'),
      ),
    badModel: (e) =>
      inSettings(l10n.t('"{0}" is not a valid model id (no spaces or special characters).', e.params.value)),
    badOutputFolder: (e) =>
      inSettings(
        l10n.t(
          'The setting geekaiImage.outputFolder ("{0}") is not a usable folder inside the workspace.',
          e.params.pattern,
        ),
      ),
    // A folder outside the workspace is the outputFolder setting's doing; a file read through a link is not.
    escapesWorkspace: (e) =>
      e.params.access === 'read'
        ? say(
            l10n.t(
              '{0} is outside the workspace (through ".." or a symbolic link), so it was not read or sent.',
              e.params.path,
            ),
          )
        : inSettings(
            l10n.t(
              'The folder {0} is outside the workspace (through ".." or a symbolic link); images are only saved inside it.',
              e.params.path,
            ),
          ),
    missingFile: (e) => say(l10n.t('{0} no longer exists.', e.params.name)),
    notAFile: (e) => say(l10n.t('{0} is a folder, not an image.', e.params.name)),
    emptyImage: (e) => say(l10n.t('{0} is empty (0 bytes).', e.params.name)),
    imageTooLarge: (e) =>
      say(
        l10n.t('{0} is too large ({1} MB; the limit is {2} MB).', e.params.name, mb(e.params.size), mb(e.params.limit)),
      ),
    notAnImage: (e) => say(l10n.t('{0} is not a PNG, JPEG, WebP or GIF image.', e.params.name)),
    noFolder: () => say(l10n.t('Open a folder or choose where to save the image.')),
    namesMismatch: () =>
      say(l10n.t('Could not save the images: one file name per image is needed; nothing was saved.')),
    badExtension: (e) =>
      say(l10n.t('Could not save the image: "{0}" is not a usable file extension; nothing was saved.', e.params.ext)),
    badFileName: (e) =>
      say(l10n.t('Could not save the image: "{0}" is not a usable file name; nothing was saved.', e.params.name)),
    badProxy: () =>
      inSettings(
        l10n.t(
          'The proxy address (http.proxy, or HTTPS_PROXY / HTTP_PROXY) is not an http(s) address such as http://proxy.example:8080. Fix it and try again.',
        ),
      ),
    maskUnsupported: () =>
      inSettings(
        l10n.t(
          'This model takes no mask. Pick a model that does (gpt-image-1 or a Responses API model such as gpt-4.1), or clear the mask.',
        ),
      ),
    maskWithoutImage: () => say(l10n.t('A mask marks what may change in an image: add the image to edit first.')),
    maskNotPng: () => say(l10n.t('The mask must be a PNG image.')),
    maskSizeMismatch: (e) =>
      say(
        l10n.t(
          'The mask ({0}) and {1} ({2}) differ in size; paint the mask over that image again.',
          e.params.mask,
          e.params.name,
          e.params.image,
        ),
      ),
    editsUnsupported: (e) =>
      inSettings(
        l10n.t(
          '{0} cannot edit images. Remove the reference images or pick a model that edits (gpt-image-1, gpt-4.1, gemini-2.5-flash-image).',
          e.params.model,
        ),
      ),
    tooManyReferences: (e) =>
      say(l10n.t('This model takes at most {1} reference image(s); {0} were given.', e.params.count, e.params.limit)),
    // The agent tools word these themselves (agent/toolText.ts); the same sentences here.
    outsideRoot: (e) =>
      say(
        l10n.t(
          '"{0}" is outside the workspace folder, or a symbolic link in it points outside (links pointing inside are followed). Use a path relative to the workspace folder.',
          e.params.path,
        ),
      ),
    emptyPath: () => say(l10n.t('A path is empty. Use a path relative to the workspace folder.')),
    notMarkdown: (e) =>
      say(
        l10n.t(
          '"{0}" is not a Markdown file (.md). Name an existing Markdown file, or omit markdownFile and place the returned Markdown yourself.',
          e.params.path,
        ),
      ),
    missingMarkdown: (e) =>
      say(
        l10n.t(
          '"{0}" does not exist. Create the Markdown file first, or omit markdownFile and place the returned Markdown yourself.',
          e.params.path,
        ),
      ),
    notLocalImage: (e) =>
      say(
        l10n.t(
          'The link "{0}" does not point to an image file in the workspace, so there is nothing to describe.',
          e.params.target,
        ),
      ),
    badStyle: (e) => say(STYLE_PROBLEMS[e.params.problem](e.params.field), 'openStyle'),
    other: () => say(l10n.t('The input was not usable.')),
  },
  // What the file system refused, naming the folder (never our hidden temp file) and what to do.
  fs: {
    readFailed: (e) =>
      say(
        l10n.t('Could not read {0}. Check that the file is readable, then try again.', posix.basename(e.params.path)),
        'showLog',
      ),
    noFreeName: (e) =>
      say(
        l10n.t(
          'Could not save the image: {0} and the next 1000 numbered names are all taken. Change geekaiImage.fileName or tidy the folder.',
          posix.basename(e.params.path),
        ),
        'openSettings',
      ),
    createFolderFailed: (e) => saveFailed(e, e.params.path),
    saveFailed: (e) => saveFailed(e, e.params.path),
    writeFailed: (e) => saveFailed(e, posix.dirname(e.params.path)),
    renameFailed: (e) => saveFailed(e, posix.dirname(e.params.path)),
    statFailed: (e) => saveFailed(e, posix.dirname(e.params.path)),
    other: (e) => saveFailed(e, posix.dirname(e.params.path)),
  },
};

function netSay(message: string): Said {
  return say(message, 'retry', 'openSettings');
}

function fetchSay(message: string): Said {
  return say(message, 'retry', 'showLog');
}

function closedBeforeAnswer(host: string): string {
  return l10n.t('The connection to {0} closed before an answer came. Try again.', host);
}

function noImageWithin(seconds: number): string {
  return l10n.t('No image within {0} seconds. Try again, or raise geekaiImage.timeoutSeconds.', seconds);
}

function notOpenAi(): Said {
  return say(
    l10n.t("The server's answer was not an OpenAI-compatible answer. Check geekaiImage.baseUrl."),
    'openSettings',
    'showLog',
  );
}

function modelError(e: ImageError): Said {
  return say(l10n.t('The model reported an error.') + serverSays(e), 'retry', 'showLog');
}

function notHttp(url: string): string {
  return l10n.t('The answer pointed to an image address that is not http(s) ({0}); it was not fetched.', url);
}

function notAnImage(url: string): string {
  return l10n.t('The image address returned something that is not an image ({0}).', url);
}

function downloadFailed(url: string): string {
  return l10n.t('Downloading the image failed ({0}).', url);
}

/**
 * The sentence of `e`'s own kind and reason (a server's code, or none, takes the kind's `other`).
 * The pairing of an error's kind, reason and values was checked when it was built; here the
 * table is read by the values at run time, which the type system cannot follow.
 */
function said(e: AnyImageError, ctx: DescribeContext): Said {
  const entries = SENTENCES[e.kind] as unknown as Readonly<
    Record<string, (e: AnyImageError, ctx: DescribeContext) => Said>
  >;
  // Own entries only: a server's code such as "constructor" is not a sentence.
  const entry = e.reason !== undefined && Object.hasOwn(entries, e.reason) ? entries[e.reason] : entries.other;
  const s = entry(e, ctx);
  // A folder that turned out to lead outside only once the images were made: they are paid for.
  if (e.kind === 'invalidInput' && e.reason !== 'badStyle' && e instanceof UnsavedImagesError)
    return { ...s, actions: ['saveAs', 'openSettings'] };
  return s;
}

function describeKnown(e: AnyImageError, ctx: DescribeContext): ErrorView {
  const s = said(e, ctx);
  return { kind: e.kind, message: s.message, actions: s.actions, ...(s.switchTo ? { switchTo: s.switchTo } : {}) };
}

/** Where the adapter's describeError takes its secrets from: the session's one holder (the key store's). */
export interface SecretsSource {
  readonly keys: { readonly secrets: Secrets };
}

/**
 * describeError as the adapter calls it: the secrets from the session's holder, the model and
 * time limit a sentence names from `about` (the settings in force, or the job's own).
 */
export function describeFor(source: SecretsSource, e: unknown, about: DescribeContext): ErrorView {
  return describeError(e, { model: about.model, timeoutSeconds: about.timeoutSeconds, secrets: source.keys.secrets });
}

/** What Open Settings shows for `e`: VS Code's proxy settings when the proxy failed, else ours. */
export function settingsQuery(e: unknown): string {
  if (!isImageError(e)) return 'geekaiImage';
  const proxy =
    (e.kind === 'network' && String(e.reason).startsWith('proxy')) ||
    (e.kind === 'invalidInput' && e.reason === 'badProxy');
  return proxy ? 'http.proxy' : 'geekaiImage';
}

/** Always a clean sentence, without a secret `ctx.secrets` holds: unknown errors are summarised, never dumped. */
export function describeError(e: unknown, ctx: DescribeContext & { secrets: Secrets }): ErrorView {
  const described = isImageError(e)
    ? describeKnown(e, ctx)
    : {
        kind: 'unknown',
        message: l10n.t(
          'Something went wrong: {0}',
          e instanceof Error ? e.message.split('\n')[0] : String(e).slice(0, 200),
        ),
        actions: ['showLog' as const],
      };
  // Every value in the sentence may come from a server, a model, a file or a setting.
  return { ...described, message: shownText(redact(described.message, ctx.secrets), 'plain', MESSAGE_MAX) };
}
