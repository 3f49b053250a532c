// One generation or edit, end to end, on whichever API serves the model: validate, fit the
// options to what the model takes, send one request (or one per variation when the model
// refuses `n`), then fetch every image once. Callers never branch on the API.
import type { Dispatcher } from 'undici';
import type { ApiAnswer, ApiJob, ApiTransport, GenerationProgress, ImageApi } from './apis/api';
import { refineApiError } from './apis/apiErrors';
import { readJsonStreamed } from './apis/parseJson';
import { chatApi } from './apis/chat/chatApi';
import { readableText } from './apis/chat/findImages';
import type { ReferenceImage } from './apis/chat/requestBody';
import { imagesApi } from './apis/images/imagesApi';
import { checkMask } from './apis/mask';
import { variationCount, type ApiKind, type ApiSetting, type ImageOptions } from '../../shared/imageVocabulary';
import { fitOptions } from './apis/options';
import { BUILTIN_CATALOG, type ModelCatalog } from './modelCatalog';
import { responsesApi } from './apis/responses/responsesApi';
import { ImageError, hasReason, isImageError, requireKey } from './errors';
import type { HeavyWork } from './heavy/heavyWork';
import type { SpillTarget } from './heavy/spill';
import { DEFAULT_RETRY, postWithRetry, sleep, type RetryPolicy, type Timeouts } from './http/httpClient';
import { DEFAULT_DOWNLOAD_LIMITS, fetchImage, fetchImageInto, type DownloadOptions } from './images/download';
import { describeUrl } from './images/imageChecks';
import type { ImageSink } from './images/imageSink';
import { policyForBase, systemResolve } from './http/addressGuard';
import type { DownloadNetwork } from './http/downloadNetwork';
import type { ImageType } from './imageType';
import type { Logger } from './logger';
import { redact, safeExcerpt } from './text/redact';
import { withSecret, type Secrets } from './text/secrets';
import { checkRequest, type CheckedRequest } from './validateInput';

export type { GenerationPhase, GenerationProgress, PartialImage } from './apis/api';

const APIS: Record<ApiKind, ImageApi> = { chat: chatApi, images: imagesApi, responses: responsesApi };

/** Previews asked for on a streamed Responses request when the user set none. */
export const DEFAULT_PARTIAL_IMAGES = 2;
export const DEFAULT_POLL_INTERVAL_MS = 3000;

export interface GenerateParams {
  baseUrl: string;
  apiKey: string;
  /** What must never be shown (the session's holder, by reference); the key is added to it. The key alone when absent. */
  secrets?: Secrets;
  model: string;
  prompt: string;
  references: readonly ReferenceImage[];
  stream: boolean;
  /** Send the Gemini remedies on the first try (chat). */
  forceImage: boolean;
  /** When the first answer has no image, try once more with the remedies (chat; Gemini is fickle). */
  retryWithRemedies: boolean;
  systemPrompt?: string;
  aspectRatio?: string;
  imageSize?: string;
  /** Which API; `auto` (the default) follows the catalog, then the model's family name. */
  api?: ApiSetting;
  /** The catalog that decides the API and options (the gateway's list merged over the table); the table alone by default. */
  catalog?: ModelCatalog;
  /** Variations, size, quality, …; each is sent only where the model takes it. */
  options?: ImageOptions;
  /** PNG the size of the first reference whose transparent pixels mark what may change. */
  mask?: Uint8Array;
  /** Responses API: continue from this answer (the model edits its own last image). */
  previousResponseId?: string;
  /** Images API: ask for an asynchronous task and poll it. */
  asyncTask?: boolean;
  /** Chat: background mode, polled (see ApiJob.background). */
  background?: boolean;
  /** Poll this background job or task instead of sending the request (a job resumed after a reload). */
  resumeId?: string;
  /** Told the server's id of a background job or task as soon as it is known. */
  onServerJob?: (id: string, api: ApiKind) => void;
  pollIntervalMs?: number;
  timeouts: Timeouts;
  retry?: RetryPolicy;
  download?: Partial<typeof DEFAULT_DOWNLOAD_LIMITS>;
  dispatcher: Dispatcher;
  /**
   * The dispatchers image downloads go through, each reaching only public addresses and the kinds
   * of network the base URL is on. Without it they go through `dispatcher`, each host still
   * checked (resolved with the system's DNS) before its request.
   */
  downloads?: DownloadNetwork;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (p: GenerationProgress) => void;
  /** Where large answers are parsed; this thread when absent. */
  heavy?: HeavyWork;
  /** Where an answer's long base64 payloads go as they are decoded (the receiving folder); memory when absent. */
  spill?: SpillTarget;
}

/** Everything but what `checkRequest` checks. */
export type SendParams = Omit<GenerateParams, 'prompt' | 'model' | 'baseUrl'>;

/** SendParams with the one holder of secrets the whole request redacts with. */
type Sending = SendParams & { secrets: Secrets };

export interface GeneratedImage extends ImageInfo {
  bytes: Uint8Array;
}

/** An image a receiver took as it downloaded (see ImageReceiver): `stored` says where. */
export interface ReceivedImage<S> extends ImageInfo {
  stored: S;
}

/** Without a receiver every image is in memory. */
export type ResultImage<S> = [S] extends [never] ? GeneratedImage : GeneratedImage | ReceivedImage<S>;

/** What a receiver tells generate of what it made of a download, to find repeats by. */
export interface Received {
  /** Bytes as they came. */
  size: number;
  /**
   * A digest of what was stored, asked only when an image of the same size comes up (hashing
   * every download as it arrives costs more than the rare repeat it finds). Equal digests mean
   * equal stored files, which is what saving once needs.
   */
  digest(): Promise<string>;
}

/** An image about to be downloaded, for its receiver. */
export interface IncomingImage {
  variation: number;
  revisedPrompt?: string;
  /** The model the answer names, the API and the options not sent (as GenerationResult has them). */
  model: string;
  api: ApiKind;
  droppedOptions: readonly (keyof ImageOptions)[];
}

/** Takes images served by address as they arrive (to disk, say) instead of into memory. */
export interface ImageReceiver<S extends Received> {
  sink(image: IncomingImage): ImageSink<S>;
  /** A repeat of an image already kept: removed. */
  drop(stored: S): Promise<void>;
}

export interface ImageInfo {
  type: ImageType;
  /** Where it came from, shortened for logs. */
  source: string;
  /** Which variation (request) it came from. */
  variation: number;
  /** The prompt the model says it really used, when it says. */
  revisedPrompt?: string;
  /** Responses API: the answer a refinement of this image continues from. */
  responseId?: string;
}

export interface GenerationResult<S = never> {
  images: ResultImage<S>[];
  /** The model's words, without the image links and progress lines. */
  text: string;
  model: string;
  api: ApiKind;
  usedRemedies: boolean;
  /** Revised prompts of the images, in order, without repeats. */
  revisedPrompts: string[];
  /** Responses API: the id of the (first) answer, for "Edit this". */
  responseId?: string;
  /** Options the user set that this model does not take (not sent). */
  droppedOptions: (keyof ImageOptions)[];
  /** Images the answer named but that could not be fetched (the others were kept). */
  failures: ImageError[];
  /** What each answer's `usage` says it cost (CNY), in order; undefined where it says nothing. */
  usageCosts: (number | undefined)[];
}

/**
 * Whether fetching `url` would hand the key to whoever serves it. A data URL is decoded here and
 * never fetched, so it is not searched (its payload is megabytes of base64); an address is
 * decoded only when it has a `%` that could hide the key.
 */
function holdsSecret(url: string, secret: string): boolean {
  if (/^data:/i.test(url)) return false;
  if (url.includes(secret)) return true;
  if (!url.includes('%')) return false;
  try {
    return decodeURIComponent(url).includes(secret);
  } catch {
    return false;
  }
}

/**
 * An image kept so far, as repeats are found: by size, then bytes in memory, or the stored files'
 * digests (asked once, and only for a same-size pair). One of each is not compared: what was
 * stored may hold provenance the bytes in memory do not, and the same picture is stored or not
 * alike (by its type and the job's settings).
 */
interface Seen {
  size: number;
  bytes?: Uint8Array;
  stored?: Received;
  digest?: Promise<string>;
}

/** Compared by length, then bytes: cheaper than hashing megabytes, and exact. */
async function isRepeat(seen: readonly Seen[], next: Seen): Promise<boolean> {
  const digestOf = (s: Seen, stored: Received): Promise<string> => (s.digest ??= stored.digest());
  for (const s of seen) {
    if (s.size !== next.size) continue;
    if (s.bytes && next.bytes) {
      if (Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength).equals(next.bytes)) return true;
    } else if (s.stored && next.stored) {
      if ((await digestOf(s, s.stored)) === (await digestOf(next, next.stored))) return true;
    }
  }
  return false;
}

/** How the images of an answer from `base` are fetched: limits, and where their hosts may be. */
async function downloadOptions(p: SendParams, base: string): Promise<DownloadOptions> {
  const resolve = p.downloads?.resolve ?? systemResolve;
  const policy = await policyForBase(base, resolve);
  const dispatcher = p.downloads?.dispatcher(policy) ?? p.dispatcher;
  return { ...DEFAULT_DOWNLOAD_LIMITS, ...p.download, dispatcher, signal: p.signal, addresses: { policy, resolve } };
}

interface FetchRun<S extends Received> {
  images: ResultImage<S>[];
  failures: ImageError[];
  download: () => Promise<DownloadOptions>;
  receive?: ImageReceiver<S>;
  /** What every IncomingImage of the job says (the model the first answer names, …). */
  job: Omit<IncomingImage, 'variation' | 'revisedPrompt'>;
}

async function fetchAll<S extends Received>(
  p: Sending,
  answer: ApiAnswer,
  variation: number,
  run: FetchRun<S>,
): Promise<void> {
  const { images, failures, download, receive } = run;
  // The same picture can come as a URL and as a data URL in one answer: save it once.
  const seen: Seen[] = [];
  for (const ref of answer.images) {
    p.onProgress?.({ phase: 'downloading' });
    const shown = redact(describeUrl(ref.url), p.secrets);
    try {
      // Fetching an address that holds the key would hand the key to whoever serves it.
      if (holdsSecret(ref.url, p.apiKey)) {
        throw new ImageError('download', 'the image address holds the API key', {
          reason: 'holdsKey',
          params: { url: shown },
        });
      }
      const revisedPrompt = ref.revisedPrompt ? redact(ref.revisedPrompt, p.secrets) : undefined;
      const info = { source: shown, variation, revisedPrompt, responseId: answer.responseId };
      const isData = /^data:/i.test(ref.url);
      const limits = async (): Promise<DownloadOptions> =>
        isData ? { ...DEFAULT_DOWNLOAD_LIMITS, ...p.download, dispatcher: p.dispatcher } : await download();
      if (!receive) {
        const img = await fetchImage(ref.url, await limits(), ref.decoded);
        const next = { size: img.bytes.byteLength, bytes: img.bytes };
        if (await isRepeat(seen, next)) continue;
        seen.push(next);
        images.push({ ...img, ...info });
        continue;
      }
      // A data URL's bytes are saved as a download's are: written to their file, not copied.
      const got = await fetchImageInto(
        ref.url,
        await limits(),
        receive.sink({ ...run.job, variation, revisedPrompt }),
        ref.decoded,
      );
      const next: Seen =
        'stored' in got
          ? { size: got.stored.size, stored: got.stored }
          : { size: got.bytes.byteLength, bytes: got.bytes };
      if (await isRepeat(seen, next)) {
        if ('stored' in got) await receive.drop(got.stored);
        continue;
      }
      seen.push(next);
      images.push({ ...got, ...info } as ResultImage<S>);
    } catch (e) {
      if (isImageError(e) && e.kind !== 'cancelled') {
        p.log.warn(`image ${shown} skipped: ${e.message}`);
        failures.push(e);
        continue;
      }
      throw e;
    }
  }
}

/** `durable`: the job is one request, so one server id stands for it and can be resumed. */
function transport(
  p: Sending,
  base: string,
  api: ApiKind,
  model: string,
  durable: boolean,
  catalog: ModelCatalog,
): ApiTransport {
  return {
    async send(path, body, accept) {
      if (body !== undefined) p.onProgress?.({ phase: 'sending' });
      const json = body === undefined ? undefined : JSON.stringify(body);
      try {
        const res = await postWithRetry({
          url: `${base}${path}`,
          apiKey: p.apiKey,
          secrets: p.secrets,
          body: json,
          accept,
          timeouts: p.timeouts,
          retry: p.retry ?? DEFAULT_RETRY,
          dispatcher: p.dispatcher,
          log: p.log,
          signal: p.signal,
          onRetry: ({ delayMs }) => p.onProgress?.({ phase: 'retrying', delayMs }),
        });
        if (json !== undefined) p.log.info(`sent ${json.length} B to ${path}`);
        return res;
      } catch (e) {
        throw refineApiError(e, api, model, catalog);
      }
    },
    host: new URL(base).host,
    secrets: p.secrets,
    log: p.log,
    signal: p.signal,
    progress: (g) => p.onProgress?.(g),
    sleep: (ms) => sleep(ms, p.signal),
    pollIntervalMs: p.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    serverJob: (id) => {
      if (durable) p.onServerJob?.(id, api);
    },
    deadline: Date.now() + p.timeouts.totalMs,
    readJson: (res) => readJsonStreamed(res, p.heavy, p.spill),
    spill: p.spill,
  };
}

export async function generateImages(p: GenerateParams): Promise<GenerationResult> {
  return generateChecked(checkRequest(p), p);
}

/**
 * `generateImages` for a request already checked by `checkRequest`. With `receive`, images served
 * by address go to it as they download (GenerationResult holds ReceivedImages for them).
 */
export async function generateChecked<S extends Received = never>(
  req: CheckedRequest,
  params: SendParams,
  receive?: ImageReceiver<S>,
): Promise<GenerationResult<S>> {
  const { prompt, model, base } = req;
  requireKey(params.apiKey);
  const p: Sending = { ...params, secrets: withSecret(params.secrets, params.apiKey) };
  const catalog = p.catalog ?? BUILTIN_CATALOG;
  const api = catalog.resolveApi(model, p.api);
  const support = catalog.supportFor(model, api);
  const wanted: ImageOptions = { ...p.options };
  wanted.aspectRatio ??= p.aspectRatio;
  wanted.imageSize ??= p.imageSize;
  if (api === 'responses' && p.stream && wanted.partialImages === undefined)
    wanted.partialImages = DEFAULT_PARTIAL_IMAGES;
  const { sent, dropped } = fitOptions(wanted, support);
  if (p.references.length > support.maxReferences) {
    throw support.maxReferences === 0
      ? new ImageError('invalidInput', `${model} cannot edit images`, { reason: 'editsUnsupported', params: { model } })
      : new ImageError('invalidInput', 'too many reference images', {
          reason: 'tooManyReferences',
          params: { count: p.references.length, limit: support.maxReferences },
        });
  }
  if (p.mask) checkMask(p.mask, p.references, support.mask);
  const count = variationCount(p.options?.n);
  if (dropped.length) p.log.info(`model=${model} on ${api} does not take: ${dropped.join(', ')} (not sent)`);
  p.log.info(
    `model=${model} api=${api} variations=${count}${count > 1 ? (support.n ? ' in one request' : ' in parallel requests') : ''}`,
  );

  const impl = APIS[api];
  const t = transport(p, base, api, model, count === 1, catalog);
  const job: ApiJob = {
    model,
    prompt,
    references: p.references,
    mask: p.mask,
    options: sent,
    stream: p.stream,
    previousResponseId: api === 'responses' ? p.previousResponseId : undefined,
    forceImage: p.forceImage,
    retryWithRemedies: p.retryWithRemedies,
    systemPrompt: p.systemPrompt,
    asyncTask: api === 'images' && (p.asyncTask ?? false),
    background: api === 'chat' && !p.stream && count === 1 && (p.background ?? false),
    resumeId: count === 1 ? p.resumeId : undefined,
    variation: 0,
  };
  const fanOut = async (): Promise<ApiAnswer[]> => {
    const settled = await Promise.allSettled(
      Array.from({ length: count }, (_, i) => impl.run({ ...job, variation: i }, t)),
    );
    const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (p.signal?.aborted) throw new ImageError('cancelled', 'cancelled by the user');
    if (ok.length === 0) throw errors[0];
    for (const e of errors) p.log.warn(`a variation failed: ${e instanceof Error ? e.message : String(e)}`);
    return ok;
  };
  let answers: ApiAnswer[];
  if (count === 1) answers = [await impl.run(job, t)];
  else if (!support.n) answers = await fanOut();
  else {
    try {
      answers = [await impl.run({ ...job, options: { ...sent, n: count } }, t)];
    } catch (e) {
      // A model that refuses `n` still gets its variations, one request each.
      if (!(hasReason(e, 'badRequest', 'unsupportedParameter') && e.params.param === 'n')) throw e;
      p.log.info(`model=${model} refused n; asking for ${count} images in parallel requests`);
      answers = await fanOut();
    }
  }

  // The model's words reach the panel, its history file and the log: never with the key in them.
  const text = redact([...new Set(answers.map((a) => readableText(a.text)).filter((x) => x))].join('\n'), p.secrets);
  if (answers.every((a) => a.images.length === 0)) {
    throw new ImageError('noImage', 'the answer holds no image', {
      detail: text ? safeExcerpt(text, p.secrets, 2000) : undefined,
    });
  }
  const images: ResultImage<S>[] = [];
  const failures: ImageError[] = [];
  // The base URL's addresses are looked up once, and only when an answer names an address.
  let download: Promise<DownloadOptions> | undefined;
  const options = (): Promise<DownloadOptions> => (download ??= downloadOptions(p, base));
  const run: FetchRun<S> = {
    images,
    failures,
    download: options,
    receive,
    job: { model: answers[0].model ?? model, api, droppedOptions: dropped },
  };
  for (const [i, a] of answers.entries()) await fetchAll(p, a, i, run);
  if (images.length === 0) throw failures[0];
  return {
    images,
    text,
    model: answers[0].model ?? model,
    api,
    usedRemedies: answers.some((a) => a.usedRemedies),
    revisedPrompts: [...new Set(images.flatMap((img) => (img.revisedPrompt ? [img.revisedPrompt] : [])))],
    responseId: answers.find((a) => a.responseId)?.responseId,
    droppedOptions: dropped,
    failures,
    usageCosts: answers.map((a) => a.cost),
  };
}
