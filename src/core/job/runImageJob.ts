// The whole job without VS Code: check the input, decide where the files go, read the
// references, ask for the key, generate, save, and write the Markdown. The commands and the
// panel reach it through the adapter's GenerationService; any other caller (a server, an
// agent tool) hands in its own FileStore, key provider and settings.
import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import { ImageError, isImageError, requireKey } from '../errors';
import { generateChecked, type GenerationProgress } from '../generate';
import type { DownloadNetwork } from '../http/downloadNetwork';
import type { RetryPolicy } from '../http/httpClient';
import type { Logger } from '../logger';
import { planRequest } from '../apis/chat/requestPlan';
import { BUILTIN_CATALOG, type ModelCatalog } from '../modelCatalog';
import { costOfJob, estimateJob, type JobEstimate } from './estimateJob';
import type { ApiKind } from '../../../shared/imageVocabulary';
import type { ReferenceImage } from '../apis/chat/requestBody';
import { besideDestination, editedBaseNames, wallOf, type Destination, type Roots } from '../files/destination';
import { checkInsideWorkspace, relativePosix } from '../files/paths';
import { buildFileBaseNames } from '../files/naming';
import { ReceivingFolder } from '../files/receivingFolder';
import { readImageFile, saveImages, type FileStore } from '../files/saveImages';
import type { Codecs } from '../publish/codecs';
import { inThreadWork, type HeavyWork } from '../heavy/heavyWork';
import type { ConvertOptions, SavedExt } from '../publish/convert';
import { prepareImage, type PreparedImage } from '../publish/prepareImage';
import { buildProvenance, type Provenance } from '../publish/provenance';
import { askedExt, documentReferences, shownSaveFormat } from '../documents/references';
import { SITE_LABELS, type Placement } from '../sites/siteRules';
import { checkRequest, type CheckedRequest } from '../validateInput';
import { applyStyle, hasWorkspaceStyle, readWorkspaceStyle, styleRoot, type StyledJob } from './applyStyle';
import { jobModel, type ImageJob, type ImageJobResult } from './imageJob';
import { diskReceiver, type ReceivedFile } from './receiveImages';
import { documentLinks, placeJob, type DocumentLinks } from './jobPlacement';
import { settingsOptions, type Settings } from './settings';
import { withSecret, type Secrets } from '../text/secrets';
import { UnsavedImagesError } from './unsavedImages';

const posix = path.posix;

/** Reference images above this are refused before upload (GeekAI answers 413 well below 50 MB). */
export const MAX_REFERENCE_BYTES = 20 * 1024 * 1024;

export interface JobDeps {
  /** Where references are read and results written; paths are absolute posix. */
  files: FileStore;
  /** The open workspace folders. */
  roots: Roots;
  /** Asked for a folder when none is open; undefined when the user declined. */
  chooseFolder?: () => Promise<string | undefined>;
  /**
   * The API key for a request to `baseUrl` (asking the user for one if need be); undefined when
   * there is none. It throws (and nothing is sent) when the key may not go to that base URL.
   */
  apiKey: (baseUrl: string) => Promise<string | undefined>;
  /** What must never be shown (the session's holder, by reference); the job adds its key. The key alone when absent. */
  secrets?: Secrets;
  settings: Settings;
  dispatcher: Dispatcher;
  /** Where image downloads go through (see GenerateParams.downloads). */
  downloads?: DownloadNetwork;
  log: Logger;
  now?: () => Date;
  /** How 429/5xx are retried; core's default (3 retries, 1-16 s backoff) when absent. */
  retry?: RetryPolicy;
  /** Between polls of an asynchronous task; core's default (3 s) when absent. */
  pollIntervalMs?: number;
  /** The WebAssembly codecs, loaded only when a saved image must be converted (see bundledCodecs); used on this thread when `heavy` is absent. */
  codecs?: () => Promise<Codecs>;
  /**
   * False in a workspace the user has not trusted: its style file is not read, so a cloned
   * repository does not choose what is sent (the result says when one was left out). Default true.
   */
  workspaceTrusted?: boolean;
  /** Where conversions, large hashes and large answers are worked on (a worker pool; heavy/workerWork.ts); this thread when absent. */
  heavy?: HeavyWork;
  /**
   * The catalog for a job with `model` (the gateway's list merged over the table), asked for once
   * the key is known; the built-in table when absent. It never throws: a list it cannot get is the table.
   */
  catalog?: (model: string, apiKey: string) => Promise<ModelCatalog>;
  /**
   * Told the estimate before anything is sent (the spending limit asks here); it throws (a
   * `cancelled` ImageError) to stop the job.
   */
  approveCost?: (estimate: JobEstimate) => Promise<void>;
}

/** The endpoint each API answered on, as provenance names it. */
const API_PATHS = { chat: 'chat/completions', images: 'images', responses: 'responses' } as const;

const noCodecs = (): Promise<Codecs> => Promise.reject(new Error('no image codecs in this host'));

export interface JobControls {
  onProgress?: (p: GenerationProgress) => void;
  /** The server's id of the job running in the background, as soon as it is known (to resume it after a reload). */
  onServerJob?: (id: string, api: ApiKind) => void;
  signal?: AbortSignal;
}

interface Target extends Destination, Omit<DocumentLinks, 'site'> {
  baseNames: (count: number) => string[];
  /** The site the document belongs to decided the folder. */
  placedBySite?: Placement;
  /** The roots the files went under: the workspace's, or the folder the user chose. */
  roots: Roots;
}

/**
 * Everything about a job that can be refused locally, before the key is asked for or money spent:
 * the job as asked before any file is touched, then again with the workspace style applied (its
 * defaults decide the model, references and format). Callers run it before they show progress, so
 * a refused job never flashes a notification; runImageJob runs it again itself.
 */
export async function checkJob(
  asked: ImageJob,
  deps: Pick<JobDeps, 'files' | 'roots' | 'settings' | 'workspaceTrusted'>,
): Promise<StyledJob & { request: CheckedRequest; styleSkipped: boolean }> {
  checkRequest({ prompt: asked.prompt, model: jobModel(asked, deps.settings), baseUrl: deps.settings.baseUrl });
  const trusted = deps.workspaceTrusted ?? true;
  const root = asked.skipStyle ? undefined : styleRoot(asked, deps.roots);
  // An untrusted workspace's style is left unread: the job says it was skipped.
  const styleSkipped = !trusted && root !== undefined && (await hasWorkspaceStyle(deps.files, root));
  const style = root === undefined || !trusted ? undefined : await readWorkspaceStyle(deps.files, root, deps.roots.all);
  const styled = applyStyle(asked, deps.settings, style);
  const request = checkRequest({
    prompt: styled.requestPrompt,
    model: jobModel(styled.job, styled.settings),
    baseUrl: styled.settings.baseUrl,
  });
  return { ...styled, request, styleSkipped };
}

export async function runImageJob(
  asked: ImageJob,
  jobDeps: JobDeps,
  controls: JobControls = {},
): Promise<ImageJobResult> {
  const { onProgress, signal } = controls;
  const now = (jobDeps.now ?? (() => new Date()))();

  const { job, settings, request, styleSkipped } = await checkJob(asked, jobDeps);
  const deps: JobDeps = { ...jobDeps, settings };
  const { log, files } = deps;
  const work = deps.heavy ?? inThreadWork(deps.codecs ?? noCodecs);
  const target = await destination(job, deps, request.model, now);
  // Nothing is read or written outside the workspace by real path: checked before the key is asked for.
  const wall = wallOf(target.roots, target.root);
  await checkInsideWorkspace(files, wall, target.folder, 'write');
  // A resumed job's references were sent before the reload; they need not exist any more.
  const references = job.resumeId ? [] : await readReferences(files, job.references, wall);
  const apiKey = requireKey(await deps.apiKey(settings.baseUrl));
  const secrets = withSecret(deps.secrets, apiKey);

  const catalog = (await deps.catalog?.(request.model, apiKey)) ?? BUILTIN_CATALOG;
  const plan = planRequest(request.model, settings, catalog);
  const { onServerJob } = controls;
  log.info(`job: model=${request.model} references=${references.length} stream=${plan.stream} → ${target.folder}`);
  // The job's own options win one by one over the settings of the same name.
  const options = {
    ...settingsOptions(settings),
    ...definedOnly({ aspectRatio: job.aspectRatio, imageSize: job.imageSize }),
    ...definedOnly(job.options ?? {}),
  };
  const api = job.api ?? settings.api;
  const estimate = estimateJob(catalog, request.model, api, options);
  // A resumed job was paid for before the reload: nothing new is asked.
  if (!job.resumeId) await deps.approveCost?.(estimate);
  // What one image costs at the gateway's price, for each image's provenance (known before it is drawn).
  const perImage = costOfJob(catalog, estimate, 1, []);
  // Each image gets its own record: a model may revise the prompt differently per image.
  // References are hashed once for all of them (large ones off this thread), when the first needs it.
  let hashing: Promise<{ name: string; bytes: Uint8Array; sha256: string }[]> | undefined;
  const hashed = () =>
    (hashing ??= Promise.all(
      references.map(async (r) => ({ name: r.name, bytes: r.bytes, sha256: await work.sha256(r.bytes) })),
    ));
  const sentOptions = (dropped: readonly string[]) =>
    Object.fromEntries(
      Object.entries(options).filter(
        ([k, v]) => ['string', 'number', 'boolean'].includes(typeof v) && !dropped.includes(k),
      ),
    );
  const provenanceOf = async (
    model: string,
    api: ApiKind,
    revisedPrompt: string | undefined,
    dropped: readonly string[],
  ): Promise<Provenance | undefined> =>
    settings.embedProvenance
      ? buildProvenance({
          prompt: job.prompt,
          model,
          api: API_PATHS[api],
          baseUrl: settings.baseUrl,
          options: { ...sentOptions(dropped), stream: plan.stream },
          date: now,
          references: await hashed(),
          revisedPrompt,
          cost:
            perImage?.perImage === undefined
              ? undefined
              : { cny: perImage.perImage, approximate: perImage.approximate },
          secrets,
        })
      : undefined;
  // The document's language decides which formats can be shown (LaTeX: no WebP or AVIF).
  const { language } = target;
  const formatFor = (ext: SavedExt) => shownSaveFormat(language, settings.saveFormat, ext);
  // Images served by address go to disk as they download, into the folder they are saved in.
  const names1 = target.baseNames(1)[0] ?? 'image';
  const receiving = new ReceivingFolder(files, { folder: target.folder, inside: wall }, names1);
  const receive = receiving.canStream
    ? diskReceiver({
        folder: receiving,
        settings,
        formatFor: (ext) => formatFor(ext).format,
        log,
        provenance: (i) => provenanceOf(i.model, i.api, i.revisedPrompt, i.droppedOptions),
        hash: (bytes) => work.sha256(bytes),
      })
    : undefined;
  receiving.prepareAhead();
  try {
    let result;
    try {
      result = await generateChecked(
        request,
        {
          apiKey,
          secrets,
          references,
          ...plan,
          systemPrompt: settings.systemPrompt || undefined,
          api,
          catalog,
          options,
          mask: job.mask,
          previousResponseId: job.previousResponseId,
          asyncTask: settings.asyncTasks,
          resumeId: job.resumeId,
          onServerJob,
          pollIntervalMs: deps.pollIntervalMs,
          heavy: work,
          spill: receive ? receiving.spillTarget() : undefined,
          dispatcher: deps.dispatcher,
          downloads: deps.downloads,
          retry: deps.retry,
          log,
          signal,
          onProgress,
        },
        receive,
      );
    } catch (e) {
      // A 402 says what this request was expected to cost, so the message can put it beside the balance.
      if (isImageError(e) && e.kind === 'payment' && estimate.total !== undefined) {
        e.params.estimate = estimate.total;
        if (estimate.approximate) e.params.estimateApproximate = 1;
      }
      throw withLargestReference(e, references);
    }
    const cost = costOfJob(catalog, estimate, result.images.length, result.usageCosts);
    if (cost?.total !== undefined)
      log.info(
        `cost of the job: ${cost.total} CNY${cost.fromUsage ? ' (usage)' : cost.approximate ? ' (estimated)' : ''}`,
      );

    // Variations are converted side by side (on as many worker threads as the pool has); an image
    // already on disk was made ready as it came.
    const convert = (bytes: Uint8Array, o: ConvertOptions) => work.convert(bytes, o, signal);
    const prepared: Ready[] = await Promise.all(
      result.images.map(async (img): Promise<Ready> => {
        if ('stored' in img)
          return { ext: img.stored.ext, file: img.stored, provenanceSkipped: img.stored.provenanceSkipped };
        const shown = { ...settings, saveFormat: formatFor(img.type.ext).format };
        return prepareImage(
          { bytes: img.bytes, ext: img.type.ext },
          shown,
          await provenanceOf(result.model, result.api, img.revisedPrompt, result.droppedOptions),
          convert,
        );
      }),
    );
    const conversionFailures = prepared.filter((p) => 'bytes' in p && p.conversionFailed).length;
    for (const p of prepared)
      if ('bytes' in p && p.conversionFailed)
        log.warn(
          `conversion to ${settings.saveFormat} failed (${p.conversionFailed.detail}); saving the image as received`,
        );

    const names = target.baseNames(prepared.length);
    const onDisk = prepared.flatMap((p) => ('file' in p ? [p.file.temp] : []));
    let written: string[];
    for (const temp of onDisk) receiving.keep(temp);
    try {
      written = await saveImages(
        files,
        { folder: target.folder, inside: wall },
        names,
        prepared.map((p) => ('file' in p ? { temp: p.file.temp, ext: p.ext } : p)),
        signal,
      );
    } catch (e) {
      // saveImages moved the files it was given back to their temp names: they are the job's again.
      for (const temp of onDisk) receiving.reclaim(temp);
      // The workspace refused the write (or a link planted since the check leads out of it): keep
      // the bytes on the error so the user can save them elsewhere.
      if (isImageError(e) && (e.kind === 'fs' || (e.kind === 'invalidInput' && e.reason === 'escapesWorkspace'))) {
        const kept = await Promise.all(
          prepared.map((p) =>
            'file' in p ? files.readFile(p.file.temp).catch(() => undefined) : Promise.resolve(p.bytes),
          ),
        );
        throw new UnsavedImagesError(
          e,
          prepared.flatMap((p, i) => {
            const bytes = kept[i];
            return bytes ? [{ bytes, name: `${names[i]}.${p.ext}` }] : [];
          }),
        );
      }
      throw e;
    }
    log.info(`saved ${written.length} image(s): ${written.map((w) => posix.basename(w)).join(', ')}`);
    const markdown = documentReferences({ language, alt: job.prompt, targetPaths: written, linkOf: target.linkOf });
    const out: ImageJobResult = {
      files: written,
      markdown,
      text: result.text,
      model: result.model,
      prompt: job.prompt,
      failures: result.failures,
      api: result.api,
      images: result.images.map((i) => ({
        variation: i.variation,
        revisedPrompt: i.revisedPrompt,
        responseId: i.responseId,
      })),
      droppedOptions: result.droppedOptions,
      estimate,
    };
    if (cost) out.cost = cost;
    if (conversionFailures) out.conversionFailures = conversionFailures;
    const changed = prepared.findIndex(
      (p, i) => formatFor(result.images[i].type.ext).changed && !('bytes' in p && p.conversionFailed),
    );
    const shown = prepared[changed];
    if (shown)
      out.formatForDocument = {
        language: language.label,
        format: shown.ext,
        asked: askedExt(settings.saveFormat, result.images[changed].type.ext),
      };
    const bySite = target.placedBySite;
    if (bySite)
      out.site = {
        name: SITE_LABELS[bySite.site],
        rule: bySite.rule,
        folder: relativePosix(bySite.siteRoot, bySite.folder) || '.',
        example: target.linkOf(written[0] ?? target.folder),
      };
    const tooMany = prepared.flatMap((p) =>
      'bytes' in p && p.conversionFailed?.size ? [p.conversionFailed.size] : [],
    )[0];
    if (tooMany) out.tooManyPixels = tooMany;
    if (styleSkipped) out.styleSkipped = 'untrusted';
    const skipped = prepared.filter((p) => p.provenanceSkipped).length;
    if (skipped) out.provenanceSkipped = skipped;
    return out;
  } catch (e) {
    // Nothing of a failed or cancelled job stays behind: no temp file, no folder made for it.
    await receiving.discard();
    throw e;
  }
}

/** One image between the answer and the save: in memory (prepared), or already in its temp file. */
type Ready = PreparedImage | { ext: PreparedImage['ext']; file: ReceivedFile; provenanceSkipped?: boolean };

/** The entries whose value is set (an empty string counts as unset: "let the model decide"). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

async function destination(job: ImageJob, deps: JobDeps, model: string, now: Date): Promise<Target> {
  const source = job.besideSource;
  if (source !== undefined) {
    // An edit goes beside its source; its links are the document's all the same (a site's static file stays site-rooted).
    const beside = besideDestination(deps.roots, source);
    return {
      ...beside,
      ...(await documentLinks({ ...job, files: deps.files }, deps.roots, beside.root)),
      roots: deps.roots,
      baseNames: (count) => editedBaseNames(source, count),
    };
  }
  const placed = await placeJob({
    document: job.document,
    documentText: job.documentText,
    roots: deps.roots,
    files: deps.files,
    outputFolder: deps.settings.outputFolder,
    now,
    chooseFolder: deps.chooseFolder,
  });
  if (!placed) throw new ImageError('invalidInput', 'no folder to save into', { reason: 'noFolder' });
  const pattern = deps.settings.fileName;
  const { site, ...rest } = placed;
  return {
    ...rest,
    ...(site ? { placedBySite: site } : {}),
    baseNames: (count) =>
      buildFileBaseNames({ pattern, prompt: job.prompt, model, documentPath: job.document, now, count }),
  };
}

async function readReferences(
  files: FileStore,
  paths: readonly string[],
  wall: readonly string[],
): Promise<ReferenceImage[]> {
  const out: ReferenceImage[] = [];
  for (const p of paths) {
    const img = await readImageFile(files, p, MAX_REFERENCE_BYTES, wall);
    out.push({ name: img.name, bytes: img.bytes, mime: img.mime });
  }
  return out;
}

/** A 413 names the largest image sent, so the user knows which one to shrink. */
function withLargestReference(e: unknown, refs: readonly ReferenceImage[]): unknown {
  if (!isImageError(e) || e.kind !== 'tooLarge' || refs.length === 0) return e;
  const largest = refs.reduce((a, b) => (b.bytes.byteLength > a.bytes.byteLength ? b : a));
  return new ImageError('tooLarge', e.message, {
    status: e.status,
    detail: e.detail,
    params: { name: largest.name, size: largest.bytes.byteLength },
    cause: e,
  });
}
