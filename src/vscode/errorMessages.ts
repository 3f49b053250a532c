// One localised sentence (and the buttons that fix it) for every ImageError kind and reason.
// Nothing here shows a stack trace, a raw JSON body or the key.
import * as path from 'node:path';
import { l10n } from 'vscode';
import { isImageError, type AnyImageError, type ImageError, type Reason, type SomeParams } from '../core/errors';
import { redact } from '../core/text/redact';
import { formatCny } from '../core/price/modelPrice';
import { shownText } from '../core/text/shownText';
import { UnsavedImagesError } from '../core/job/unsavedImages';
import { STYLE_FILE_MAX_BYTES } from '../core/limits';
import type { ApiKind } from '../../shared/imageVocabulary';
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

function mb(bytes: unknown): string {
  return (Number(bytes) / (1024 * 1024)).toFixed(1);
}

/** The values of an error whose reason this file does not yet tell apart. */
function values(e: ImageError): SomeParams {
  return e.params;
}

function p(e: AnyImageError, name: string): string {
  return String(values(e)[name] ?? '');
}

/** Where GeekAI's balance is topped up. */
export const TOP_UP_URL = 'https://geekai.co';

/** 402, with the balance (when a balance key is set) and what the request was expected to cost: "balance ¥0.37, this request ≈ ¥0.60". */
function payment(e: AnyImageError): string {
  const parts: string[] = [];
  const balance = Number(values(e).balance);
  const estimate = Number(values(e).estimate);
  if (values(e).balance !== undefined && Number.isFinite(balance)) parts.push(l10n.t('balance {0}', formatCny(balance)));
  if (values(e).estimate !== undefined && Number.isFinite(estimate)) parts.push(l10n.t('this request {0}', formatCny(estimate, values(e).estimateApproximate === 1)));
  if (parts.length === 0) return l10n.t('Your GeekAI balance is too low (402). Top up your account, then try again.');
  return l10n.t('Your GeekAI balance is too low (402): {0}; top up at {1}, then try again.', parts.join(', '), TOP_UP_URL);
}

/** The sentence for each invalid-input reason core throws (a misspelt reason does not compile). */
const INVALID_INPUT: { [R in Reason<'invalidInput'>]?: (e: ImageError<'invalidInput'>) => string } = {
  emptyPrompt: () => l10n.t('Describe the image first: the prompt is empty.'),
  promptTooLong: (e) => l10n.t('The prompt is too long ({0} characters; the limit is {1}).', p(e, 'length'), p(e, 'limit')),
  badBaseUrl: () => l10n.t('The setting geekaiImage.baseUrl must be an http(s) address such as https://geekai.co/api/v1.'),
  badModel: (e) => l10n.t('"{0}" is not a valid model id (no spaces or special characters).', p(e, 'value')),
  badOutputFolder: (e) => l10n.t('The setting geekaiImage.outputFolder ("{0}") is not a usable folder inside the workspace.', p(e, 'pattern')),
  escapesWorkspace: (e) =>
    p(e, 'access') === 'read'
      ? l10n.t('{0} is outside the workspace (through ".." or a symbolic link), so it was not read or sent.', p(e, 'path'))
      : l10n.t('The folder {0} is outside the workspace (through ".." or a symbolic link); images are only saved inside it.', p(e, 'path')),
  missingFile: (e) => l10n.t('{0} no longer exists.', p(e, 'name')),
  notAFile: (e) => l10n.t('{0} is a folder, not an image.', p(e, 'name')),
  emptyImage: (e) => l10n.t('{0} is empty (0 bytes).', p(e, 'name')),
  imageTooLarge: (e) => l10n.t('{0} is too large ({1} MB; the limit is {2} MB).', p(e, 'name'), mb(values(e).size), mb(values(e).limit)),
  notAnImage: (e) => l10n.t('{0} is not a PNG, JPEG, WebP or GIF image.', p(e, 'name')),
  noFolder: () => l10n.t('Open a folder or choose where to save the image.'),
  maskUnsupported: () => l10n.t('This model takes no mask. Pick a model that does (gpt-image-1 or a Responses API model such as gpt-4.1), or clear the mask.'),
  maskWithoutImage: () => l10n.t('A mask marks what may change in an image: add the image to edit first.'),
  maskNotPng: () => l10n.t('The mask must be a PNG image.'),
  maskSizeMismatch: (e) => l10n.t('The mask ({0}) and {1} ({2}) differ in size; paint the mask over that image again.', p(e, 'mask'), p(e, 'name'), p(e, 'image')),
  editsUnsupported: (e) => l10n.t('{0} cannot edit images. Remove the reference images or pick a model that edits (gpt-image-1, gpt-4.1, gemini-2.5-flash-image).', p(e, 'model')),
  badStyle: (e) => styleProblem(p(e, 'problem'), p(e, 'field')),
  notLocalImage: (e) => l10n.t('The link "{0}" does not point to an image file in the workspace, so there is nothing to describe.', p(e, 'target')),
  badProxy: () => l10n.t('The proxy address (http.proxy, or HTTPS_PROXY / HTTP_PROXY) is not an http(s) address such as http://proxy.example:8080. Fix it and try again.'),
  tooManyReferences: (e) => l10n.t('This model takes at most {1} reference image(s); {0} were given.', p(e, 'count'), p(e, 'limit')),
};

/**
 * What is wrong with `.geekai/style.json`, naming the field, short enough for a notification's one
 * line: its Open style.json button shows the file at the field, where the schema lists what is allowed.
 */
function styleProblem(problem: string, field: string): string {
  switch (problem) {
    case 'notJson':
      return l10n.t('.geekai/style.json is not valid JSON; nothing was sent.');
    case 'unknownField':
      return l10n.t('"{0}" is not a style field in .geekai/style.json; nothing was sent.', field);
    case 'escapesWorkspace':
      return l10n.t('{0} in .geekai/style.json is outside the workspace folder; nothing was sent.', field);
    case 'tooLarge':
      return l10n.t('.geekai/style.json is larger than {0} KB, so it was not read; nothing was sent.', STYLE_FILE_MAX_BYTES / 1024);
    default:
      return l10n.t('The value of "{0}" in .geekai/style.json is not allowed; nothing was sent.', field);
  }
}

/** How an API is named to the user. */
export function apiLabel(api: string): string {
  switch (api) {
    case 'images':
      return l10n.t('the Images API');
    case 'responses':
      return l10n.t('the Responses API');
    default:
      return l10n.t('chat completions');
  }
}

function apiName(value: unknown): ApiKind | undefined {
  return value === 'chat' || value === 'images' || value === 'responses' ? value : undefined;
}

/** A refusal of the new endpoints: the parameter the model does not take, or the API that serves it. */
function badRequest(e: ImageError<'badRequest'>, detail: string): string {
  if (e.reason === 'unsupportedParameter') {
    const param = p(e, 'param');
    return param
      ? l10n.t('{0} does not take the option "{1}". Clear that setting (or pick another model) and try again.', p(e, 'model'), param) + detail
      : l10n.t('{0} does not take one of the options sent. Clear the image options (or pick another model) and try again.', p(e, 'model')) + detail;
  }
  if (e.reason === 'modelNotOnApi') {
    const suggested = p(e, 'suggested');
    return suggested
      ? l10n.t('{0} is not served by {1}; it is served by {2}. Set geekaiImage.api to "{3}" (or "auto") and try again.', p(e, 'model'), apiLabel(p(e, 'api')), apiLabel(suggested), suggested)
      : l10n.t('{0} is not served by {1}. Choose another API in geekaiImage.api, or another model.', p(e, 'model'), apiLabel(p(e, 'api')));
  }
  return l10n.t('The server refused the request ({0}).', e.status ?? 400) + detail;
}

/**
 * The Studio's sentence for a model sent to the wrong API: its API control, not the setting,
 * decides there, and the error's button switches it. Undefined for any other error.
 */
export function servedElsewhere(e: unknown): string | undefined {
  if (!isImageError(e) || e.kind !== 'badRequest' || e.reason !== 'modelNotOnApi' || !apiName(values(e).suggested)) return undefined;
  return shownText(l10n.t('{0} is not served by {1}; it is served by {2}.', p(e, 'model'), apiLabel(p(e, 'api')), apiLabel(p(e, 'suggested'))), 'plain', MESSAGE_MAX);
}

/** Whether a setting is what to fix: a folder outside the workspace is (outputFolder), a file read through a link is not. */
function settingFixes(e: ImageError<'invalidInput'>): boolean {
  if (e.reason === 'escapesWorkspace') return p(e, 'access') !== 'read';
  return ['badBaseUrl', 'badModel', 'badOutputFolder', 'badProxy', 'maskUnsupported', 'editsUnsupported'].includes(e.reason ?? '');
}

function invalidInput(e: ImageError<'invalidInput'>): string {
  const text = e.reason === undefined ? undefined : INVALID_INPUT[e.reason];
  return text ? text(e) : l10n.t('The input was not usable.');
}

function download(e: ImageError<'download'>): string {
  const url = p(e, 'url');
  switch (e.reason) {
    case 'badScheme':
    case 'badUrl':
      return l10n.t('The answer pointed to an image address that is not http(s) ({0}); it was not fetched.', url);
    case 'httpStatus':
      return l10n.t('Downloading the image failed: the image server answered HTTP {0}.', p(e, 'status'));
    case 'tooLarge':
      return l10n.t('The image is larger than {0} MB and was not downloaded.', mb(values(e).limit));
    case 'notAnImage':
    case 'empty':
      return l10n.t('The image address returned something that is not an image ({0}).', url);
    case 'redirects':
      return l10n.t('The image address redirected too many times ({0}).', url);
    case 'badDataUrl':
      return l10n.t('The answer held an image that is not valid base64 data.');
    case 'holdsKey':
      return l10n.t('The answer pointed to an image address that contains your API key; it was not fetched, so the key was not sent there.');
    case 'timeout':
      return l10n.t('Downloading the image took too long ({0}).', url);
    case 'privateAddress':
      return l10n.t('The answer pointed to an image on a local or private network address ({0}); it was not fetched.', url);
    case 'insecureRedirect':
      return l10n.t('The image address redirected from https to plain http ({0}); it was not followed.', url);
    default:
      return l10n.t('Downloading the image failed ({0}).', url);
  }
}

function network(e: ImageError<'network'>): string {
  const host = p(e, 'host');
  // `proxy` is the proxy's origin without credentials (core strips them).
  const proxy = p(e, 'proxy');
  switch (e.reason) {
    case 'proxyRefused':
      return l10n.t('The proxy at {0} refused the connection. Check http.proxy (or HTTPS_PROXY) and that the proxy is running.', proxy);
    case 'proxyNotFound':
      return l10n.t('Could not find the proxy {0}. Check the host name in http.proxy (or HTTPS_PROXY).', proxy);
    case 'proxyTimeout':
      return l10n.t('The proxy at {0} did not answer in time. Check http.proxy (or HTTPS_PROXY) and your network.', proxy);
    case 'proxyAuth':
      return l10n.t('The proxy at {0} asks for credentials (407). Set http.proxyAuthorization, or put the user name and password in http.proxy.', proxy);
    case 'proxyStatus':
      return l10n.t('The proxy at {0} would not connect to {1} (it answered {2}). Add the host to http.noProxy if it is reached directly, or ask your network administrator.', proxy, host, p(e, 'status'));
    case 'proxyTls':
      return l10n.t('The secure connection to the proxy at {0} failed (TLS). Check http.proxy and http.proxyStrictSSL.', proxy);
    case 'proxyFailed':
      return l10n.t('The connection to the proxy at {0} failed. Check http.proxy (or HTTPS_PROXY) and try again.', proxy);
    case 'refused':
      return l10n.t('Could not connect to {0}: the connection was refused. Check geekaiImage.baseUrl.', host);
    case 'dns':
      return l10n.t('Could not find the server {0}. Check your network and geekaiImage.baseUrl.', host);
    case 'tls':
      return l10n.t('The secure connection to {0} failed (TLS). Check geekaiImage.baseUrl and any proxy.', host);
    case 'closedMidBody':
      return l10n.t('The connection to {0} closed before the answer was complete. Try again.', host);
    default:
      return l10n.t('The connection to {0} closed before an answer came. Try again.', host);
  }
}

function timeout(e: ImageError<'timeout'>, timeoutSeconds: number): string {
  switch (e.reason) {
    case 'idle':
      return l10n.t('The server stopped sending for too long. Try again, or raise geekaiImage.timeoutSeconds.');
    case 'task':
      return l10n.t('The image task was still running after {0} seconds. Try again later, or raise geekaiImage.timeoutSeconds.', timeoutSeconds);
    case 'connect':
      return l10n.t('Could not connect to {0} in time.', p(e, 'host'));
    default:
      return l10n.t('No image within {0} seconds. Try again, or raise geekaiImage.timeoutSeconds.', timeoutSeconds);
  }
}

/** What the file system refused, naming the folder (never our hidden temp file) and what to do. */
function fileSystem(e: ImageError<'fs'>, d: (message: string, ...actions: ErrorAction[]) => ErrorView): ErrorView {
  const at = p(e, 'path');
  switch (e.reason) {
    case 'readFailed':
      return d(l10n.t('Could not read {0}. Check that the file is readable, then try again.', posix.basename(at)), 'showLog');
    case 'noFreeName':
      return d(l10n.t('Could not save the image: {0} and the next 1000 numbered names are all taken. Change geekaiImage.fileName or tidy the folder.', posix.basename(at)), 'openSettings');
    default: {
      // Write and rename failures name a file; the user needs its folder.
      const folder = e.reason === 'createFolderFailed' || e.reason === 'saveFailed' ? at : posix.dirname(at);
      const message = l10n.t('Could not save the image in {0}: the file system refused the write. Check that the folder is writable and has free space, then try again.', folder);
      // The image is already paid for: saving it elsewhere beats generating it again.
      return e instanceof UnsavedImagesError ? d(message, 'saveAs', 'showLog') : d(message, 'retry', 'showLog');
    }
  }
}

function describeKnown(e: AnyImageError, ctx: { model: string; timeoutSeconds: number }): ErrorView {
  const d = (message: string, ...actions: ErrorAction[]): ErrorView => ({ kind: e.kind, message, actions });
  // The server's words are cut on their own, so the sentence around them keeps its end.
  const detail = e.detail ? ` ${l10n.t('Server says: {0}', shownText(e.detail))}` : '';
  switch (e.kind) {
    case 'auth':
      if (e.reason === 'originNotApproved') {
        return d(l10n.t('Your GeekAI key was not sent to {0}: that base URL is not in your user settings and you did not allow it. Nothing was sent.', p(e, 'host')), 'retry', 'openSettings');
      }
      return e.reason === 'missingKey'
        ? d(l10n.t('No GeekAI API key is set.'), 'setApiKey')
        : d(l10n.t('GeekAI rejected the API key (401). Set a valid key and try again.'), 'setApiKey');
    case 'payment':
      return d(payment(e));
    case 'quota':
      return d(l10n.t('Your GeekAI quota is used up (insufficient_quota). Top up your account, then try again.'));
    case 'forbidden':
      return d(l10n.t('Your key may not use the model "{0}" (403). Pick another model or check your plan.', ctx.model), 'openSettings');
    case 'notFound':
      return d(l10n.t('Not found (404): check geekaiImage.baseUrl and the model id "{0}".', ctx.model), 'openSettings');
    case 'tooLarge':
      return values(e).name
        ? d(l10n.t('The request is too large for the server (413): {0} is {1} MB. Use a smaller image.', p(e, 'name'), mb(values(e).size)))
        : d(l10n.t('The request is too large for the server (413). Use smaller images.'));
    case 'moderation':
      return d(l10n.t('The request was blocked by the content safety filter. Rephrase the prompt and try again.') + detail);
    case 'badRequest': {
      // The API that serves the model is known: one button switches to it.
      const suggested = e.reason === 'modelNotOnApi' ? apiName(values(e).suggested) : undefined;
      if (suggested) return { ...d(badRequest(e, detail), 'switchApi', 'openSettings'), switchTo: suggested };
      return d(badRequest(e, detail), 'openSettings');
    }
    case 'rateLimit':
      return d(l10n.t('Too many requests (429): GeekAI asks to slow down. Try again in a moment.'), 'retry');
    case 'server':
      if (e.reason === 'taskFailed') return d(l10n.t('The image task failed on the server.') + detail + ' ' + l10n.t('Try again, or rephrase the prompt.'), 'retry', 'showLog');
      return d(l10n.t('GeekAI had a server error ({0}). Try again later.', e.status ?? 500) + detail, 'retry', 'showLog');
    case 'network':
      return d(network(e), 'retry', 'openSettings');
    case 'timeout':
      return d(timeout(e, ctx.timeoutSeconds), 'retry', 'openSettings');
    case 'cancelled':
      if (e.reason === 'spendingLimit') return d(l10n.t('Not sent: it would take today\'s spending past geekaiImage.dailySpendingLimit.'), 'openSettings');
      return d(l10n.t('Cancelled. Nothing was saved.'));
    case 'badResponse':
      if (e.reason === 'notJson' || e.reason === 'wrongShape') {
        return d(l10n.t('The server\'s answer was not an OpenAI-compatible answer. Check geekaiImage.baseUrl.'), 'openSettings', 'showLog');
      }
      if (e.reason === 'answerTooLarge') {
        return d(l10n.t('The server\'s answer was larger than {0} MB, so it was not read and nothing was saved. Check geekaiImage.baseUrl.', mb(values(e).limit)), 'openSettings', 'showLog');
      }
      if (e.reason === 'eventTooLarge') {
        return d(l10n.t('The server streamed one event larger than {0} MB, so the answer was not read and nothing was saved. Check geekaiImage.baseUrl.', mb(values(e).limit)), 'openSettings', 'showLog');
      }
      if (e.reason === 'tooManyImages') {
        return d(l10n.t('The server\'s answer named more than {0} images, so none were saved. Check geekaiImage.baseUrl.', p(e, 'limit')), 'openSettings', 'showLog');
      }
      if (e.reason === 'noAltText') return d(l10n.t('{0} answered without a description. Try again, or choose another vision model in geekaiImage.altTextModel.', p(e, 'model')), 'retry', 'openSettings');
      return d(l10n.t('The model reported an error.') + detail, 'retry', 'showLog');
    case 'noImage':
      return e.detail
        ? d(l10n.t('The model answered without an image: "{0}"', shownText(e.detail)), 'retry')
        : d(l10n.t('The model answered without an image. Try rephrasing the prompt.'), 'retry');
    case 'download':
      return d(download(e), 'retry', 'showLog');
    case 'invalidInput': {
      const message = invalidInput(e);
      if (e.reason === 'badStyle') return d(message, 'openStyle');
      const fixes = settingFixes(e);
      // A folder that turned out to lead outside only once the images were made: they are paid for.
      if (e instanceof UnsavedImagesError) return d(message, 'saveAs', 'openSettings');
      return d(message, ...(fixes ? (['openSettings'] as const) : []));
    }
    case 'fs':
      return fileSystem(e, d);
  }
}

/** What Open Settings shows for `e`: VS Code's proxy settings when the proxy failed, else ours. */
export function settingsQuery(e: unknown): string {
  if (!isImageError(e)) return 'geekaiImage';
  const proxy = (e.kind === 'network' && String(e.reason).startsWith('proxy')) || (e.kind === 'invalidInput' && e.reason === 'badProxy');
  return proxy ? 'http.proxy' : 'geekaiImage';
}

/** Always a clean sentence: unknown errors are summarised, never dumped. */
export function describeError(e: unknown, ctx: { model: string; timeoutSeconds: number; secrets: readonly string[] }): ErrorView {
  const described = isImageError(e)
    ? describeKnown(e, ctx)
    : { kind: 'unknown', message: l10n.t('Something went wrong: {0}', e instanceof Error ? e.message.split('\n')[0] : String(e).slice(0, 200)), actions: ['showLog' as const] };
  // Every value in the sentence may come from a server, a model, a file or a setting.
  return { ...described, message: shownText(redact(described.message, ctx.secrets), 'plain', MESSAGE_MAX) };
}
