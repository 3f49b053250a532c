// The commands' and the panel's way into core's runImageJob: maps URIs to paths and back, reads
// the settings for the job's document, asks for a folder when none is open, and gets the key
// from SecretStorage for the base URL the job sends to (KeyStore.keyFor: only an allowed origin). Neither the commands nor the panel has a copy of the job's logic. Every job
// goes through one queue, so the Studio and the commands together run at most
// `maxConcurrentJobs` at once and the rest wait in order.
import type * as vscode from 'vscode';
import { l10n, Uri } from 'vscode';
import type { Dispatcher } from 'undici';
import { shownText } from '../core/text/shownText';
import type { GenerationProgress } from '../core/generate';
import type { DownloadNetwork } from '../core/http/downloadNetwork';
import type { RetryPolicy } from '../core/http/httpClient';
import type { Logger } from '../core/logger';
import type { ImageJob, ImageJobResult } from '../core/job/imageJob';
import { JobQueue } from '../core/job/jobQueue';
import { jobModel } from '../core/job/imageJob';
import { checkJob, runImageJob } from '../core/job/runImageJob';
import { apiBaseUrl } from '../core/validateInput';
import { readWorkspaceStyle, styleRoot } from '../core/job/applyStyle';
import { altTextForLink } from '../core/job/altTextJob';
import type { ImageLink, TextSpan } from '../core/text/imageLinks';
import { ModelListCache, type GatewayModel } from '../core/apis/models';
import type { Settings } from '../core/job/settings';
import type { KeyStore } from './keyStore';
import type { Ui, WorkspacePort } from './ports';
import { homeFolder, linkedDocument, workspaceRoots } from './workspaceRoots';
import { WorkspaceFileStore } from './workspaceFileStore';
import type { Codecs } from '../core/publish/codecs';
import type { HeavyWork } from '../core/heavy/heavyWork';
import { randomUUID } from 'node:crypto';
import { durableRecord, type DurableJob } from '../core/job/durableJobs';
import type { InsertWhere } from '../core/text/ownParagraph';
import type { DurableJobStore } from './durableJobStore';
import { requireKey } from '../core/errors';
import { HAS_KEY, MADE_IMAGE } from './walkthroughContext';
import { MAX_DECODE_PIXELS } from '../../shared/imageVocabulary';

export interface ServiceDeps {
  ui: Ui;
  keys: KeyStore;
  workspace: WorkspacePort;
  dispatcher: Dispatcher;
  /** The dispatchers image downloads go through (only public addresses and the base URL's networks). */
  downloads?: DownloadNetwork;
  log: Logger;
  now?: () => Date;
  /** How 429/5xx are retried; core's default (3 retries, 1-16 s backoff) when absent. */
  retry?: RetryPolicy;
  /** The image codecs (dist/codecs.js), loaded only when the saveFormat/maxSide settings need a conversion. */
  codecs?: () => Promise<Codecs>;
  /** Where conversions and other heavy work run (the worker pool); this thread with `codecs` when absent. */
  heavy?: HeavyWork;
  /** Where jobs running in the background on the server are kept across reloads (global state). */
  durable?: DurableJobStore;
  /** Between polls of a background job or task; core's default (3 s) when absent. */
  pollIntervalMs?: number;
  /** A document's text as it is now (unsaved edits included): its language may read settings from it. */
  readDocument?: (document: vscode.Uri) => Promise<string | undefined>;
}

/** How a job is kept across a reload: where its link goes, or the stored job it resumes. */
type Durability = { insert?: InsertWhere } | { resumed: DurableJob };

/** What the list of jobs shows about each. */
export interface QueuedJob {
  prompt: string;
  model: string;
}

export class GenerationService {
  private readonly modelLists = new ModelListCache();
  readonly queue: JobQueue<QueuedJob>;

  constructor(private readonly deps: ServiceDeps) {
    this.queue = new JobQueue(() => this.settings().maxConcurrentJobs);
  }

  /**
   * The model ids the gateway reports (`GET {baseUrl}/models`), cached per base URL; empty when no
   * key is set yet or the gateway does not answer (the catalog and a typed id still work).
   */
  async gatewayModels(refresh = false): Promise<GatewayModel[]> {
    const { keys, dispatcher, log } = this.deps;
    const settings = this.settings();
    let apiKey: string | undefined;
    try {
      // Never asks: a list is not worth a dialog, and an origin not allowed gets no request.
      apiKey = await keys.keyFor(settings.baseUrl);
    } catch (e) {
      log.warn(`the gateway's model list is not asked for: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
    if (!apiKey) return [];
    const timeouts = { connectMs: 10_000, headersMs: 15_000, idleMs: 15_000, totalMs: 20_000 };
    try {
      return await this.modelLists.get({ baseUrl: settings.baseUrl, apiKey, dispatcher, log, timeouts, retry: { maxRetries: 1, baseDelayMs: 500, maxDelayMs: 1000, maxRetryAfterMs: 2000 } }, { refresh });
    } catch (e) {
      log.warn(`the gateway's model list is unavailable: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  /**
   * Checks the stored key against the gateway (`GET {baseUrl}/models`, asked again, not cached) and
   * returns how many models it lists; throws the ImageError (401, network, …) otherwise.
   */
  async checkKey(signal?: AbortSignal): Promise<number> {
    const { keys, dispatcher, log, ui } = this.deps;
    const baseUrl = this.settings().baseUrl;
    // The user asked for the check: a base URL the key may not go to yet is confirmed as for a job.
    const apiKey = requireKey(await keys.keyFor(baseUrl, { ui }));
    const timeouts = { connectMs: 10_000, headersMs: 15_000, idleMs: 15_000, totalMs: 20_000 };
    const models = await this.modelLists.get({ baseUrl, apiKey, dispatcher, log, timeouts, signal, retry: { maxRetries: 1, baseDelayMs: 500, maxDelayMs: 1000, maxRetryAfterMs: 2000 } }, { refresh: true });
    return models.length;
  }

  settings(scope?: vscode.Uri): Settings {
    return this.deps.workspace.settings(scope);
  }

  /**
   * Refuses what can be refused locally (prompt, model, base URL, the workspace style) by throwing
   * the job's ImageError; the commands run it before opening their progress notification.
   */
  async check(job: ImageJob<vscode.Uri>): Promise<void> {
    const { workspace } = this.deps;
    const base = job.besideSource ?? homeFolder(workspace, job.document);
    const files = new WorkspaceFileStore(workspace.fs, () => base);
    await checkJob(
      { ...job, references: job.references.map((u) => u.path), document: linkedDocument(job.document)?.path, besideSource: job.besideSource?.path },
      { files, roots: workspaceRoots(workspace, () => base), settings: this.settings(job.document ?? job.besideSource), workspaceTrusted: workspace.isTrusted() },
    );
  }

  /** Runs `job` when a place is free (reporting its place in line until then); `signal` cancels it, waiting or running. */
  /** `insert`: where the link goes, kept with the job should it outlive a reload. */
  run(job: ImageJob<vscode.Uri>, onProgress: (p: GenerationProgress) => void, signal: AbortSignal, insert?: InsertWhere): Promise<ImageJobResult<vscode.Uri>> {
    const meta = { prompt: job.prompt, model: jobModel(job, this.settings(job.document ?? job.besideSource)) };
    return this.queue.run(meta, (own) => this.runNow(job, onProgress, own, { insert }), { signal, onQueued: (place) => onProgress({ phase: 'queued', place }) }).then((result) => {
      // The server took the key and drew: both walkthrough steps are done, however the job was asked for.
      if (result.files.length > 0) {
        this.deps.ui.setContext(HAS_KEY, true);
        this.deps.ui.setContext(MADE_IMAGE, true);
      }
      return result;
    });
  }

  /** Polls a job stored before a reload until it is done, and saves it where it would have gone. */
  resume(stored: DurableJob, onProgress: (p: GenerationProgress) => void, signal: AbortSignal): Promise<ImageJobResult<vscode.Uri>> {
    const uri = (s: string | undefined): vscode.Uri | undefined => (s === undefined ? undefined : Uri.parse(s));
    const job: ImageJob<vscode.Uri> = {
      prompt: stored.prompt,
      model: stored.model,
      references: [],
      document: uri(stored.document),
      besideSource: uri(stored.besideSource),
      api: stored.api,
      options: stored.options,
      resumeId: stored.serverId,
    };
    return this.queue.run({ prompt: stored.prompt, model: stored.model }, (own) => this.runNow(job, onProgress, own, { resumed: stored }), {
      signal,
      onQueued: (place) => onProgress({ phase: 'queued', place }),
    });
  }

  /**
   * The model a job for `document` uses when it names none: the workspace style's, else the
   * setting (an unreadable style is the job's own error to report; here it counts as none).
   */
  async defaultModel(document: vscode.Uri): Promise<string> {
    const { workspace } = this.deps;
    const settings = this.settings(document);
    const roots = workspaceRoots(workspace, () => document);
    const root = styleRoot({ document: document.path }, roots);
    // An untrusted workspace's style is not applied, so it names no model either.
    if (root === undefined || !workspace.isTrusted()) return settings.model;
    const style = await readWorkspaceStyle(new WorkspaceFileStore(workspace.fs, () => document), root, roots.all).catch(() => undefined);
    return style?.model?.trim() || settings.model;
  }

  /** Write Alt Text for `link` in `document` (whose text is `text`): the sentence and the brackets it goes into. */
  altText(document: vscode.Uri, text: string, link: ImageLink, signal: AbortSignal): Promise<{ alt: string; span: TextSpan }> {
    const { ui, keys, workspace, log, dispatcher, retry } = this.deps;
    const files = new WorkspaceFileStore(workspace.fs, () => document);
    const deps = { files, roots: workspaceRoots(workspace, () => document), apiKey: (baseUrl: string) => keys.keyFor(baseUrl, { ui, promptForKey: true }), settings: this.settings(document), dispatcher, log, retry };
    return altTextForLink(document.path, text, link, deps, signal);
  }

  private async runNow(job: ImageJob<vscode.Uri>, onProgress: (p: GenerationProgress) => void, signal: AbortSignal, durability: Durability): Promise<ImageJobResult<vscode.Uri>> {
    const { workspace, log, durable } = this.deps;
    const resumed = 'resumed' in durability ? durability.resumed : undefined;
    const storedFolder = resumed?.folder === undefined ? undefined : Uri.parse(resumed.folder);
    // A resumed job is named for when it was asked for, as it would have been.
    const now = resumed ? () => new Date(resumed.created) : this.deps.now;
    // Core works on paths; the scheme and authority come from the job's files (or the chosen folder).
    let base = job.besideSource ?? homeFolder(workspace, job.document) ?? storedFolder;
    const files = new WorkspaceFileStore(workspace.fs, () => base);
    const settings = this.settings(job.document ?? job.besideSource);
    const key = resumed?.key ?? randomUUID();
    const created = (now ?? (() => new Date()))().toISOString();
    const keep = durable && settings.durableJobs && !resumed;
    const onServerJob = (serverId: string, api: string): void => {
      if (!keep) return;
      const record = durableRecord({
        key,
        serverId,
        api,
        model: jobModel(job, settings),
        prompt: job.prompt,
        options: { ...job.options, aspectRatio: job.aspectRatio, imageSize: job.imageSize },
        created,
        document: job.document?.toString(),
        besideSource: job.besideSource?.toString(),
        folder: base?.toString(),
        insert: 'insert' in durability ? durability.insert : undefined,
        workspace: workspace.folders().map((f) => f.toString()),
        baseUrl: apiBaseUrl(settings.baseUrl),
      });
      if (!record) return;
      log.info(`job kept for a reload: ${api} job ${serverId}`);
      void durable.add(record);
      letGo ??= durable.hold(key);
    };
    // A resumed job was claimed before it got here; the claim stays fresh while it is polled.
    let letGo = resumed && durable ? durable.hold(key) : undefined;
    try {
      return await this.runKept(job, onProgress, signal, { files, now, settings, onServerJob, base: () => base, setBase: (b) => (base = b), storedFolder });
    } finally {
      letGo?.();
      // Done here, one way or the other: nothing is left to resume.
      if (durable && (keep || resumed)) await durable.remove(key);
    }
  }

  private async runKept(
    job: ImageJob<vscode.Uri>,
    onProgress: (p: GenerationProgress) => void,
    signal: AbortSignal,
    k: {
      files: WorkspaceFileStore;
      now: (() => Date) | undefined;
      settings: Settings;
      onServerJob: (id: string, api: string) => void;
      base: () => vscode.Uri | undefined;
      setBase: (b: vscode.Uri) => void;
      storedFolder: vscode.Uri | undefined;
    },
  ): Promise<ImageJobResult<vscode.Uri>> {
    const { ui, keys, workspace, log, dispatcher, downloads, retry, codecs, heavy, pollIntervalMs } = this.deps;
    const { files, now } = k;
    const document = linkedDocument(job.document);
    const documentText = job.documentText ?? (document && this.deps.readDocument ? await this.deps.readDocument(document) : undefined);
    const result = await runImageJob(
      {
        ...job,
        ...(documentText === undefined ? {} : { documentText }),
        references: job.references.map((u) => u.path),
        document: document?.path,
        besideSource: job.besideSource?.path,
      },
      {
        files,
        roots: workspaceRoots(workspace, k.base),
        chooseFolder: async () => {
          // A resumed job goes to the folder chosen before the reload, without asking again.
          const picked = k.storedFolder ?? (await ui.pickFolder(l10n.t('Choose a folder to save the image in')));
          if (picked) k.setBase(picked);
          return picked?.path;
        },
        apiKey: (baseUrl) => keys.keyFor(baseUrl, { ui, promptForKey: true }),
        settings: k.settings,
        dispatcher,
        downloads,
        log,
        now,
        retry,
        codecs,
        heavy,
        pollIntervalMs,
        // Restricted Mode: the repository's style file does not decide what is sent.
        workspaceTrusted: workspace.isTrusted(),
      },
      { onProgress, signal, onServerJob: k.onServerJob },
    );
    if (result.tooManyPixels) {
      // Nothing was decoded: a header announcing that many pixels would take gigabytes.
      const { width, height } = result.tooManyPixels;
      void ui.warn(l10n.t('The image is {0} × {1} pixels, more than the {2} million that are converted; it was saved as the server sent it.', width, height, MAX_DECODE_PIXELS / 1_000_000));
    } else if (result.conversionFailures) {
      // The image is saved all the same, as it came: say so, not as an error (nothing was lost).
      const format = this.settings(job.document ?? job.besideSource).saveFormat;
      void ui.warn(l10n.t('Could not convert the image to {0}; it was saved as the server sent it.', format.toUpperCase()));
    }
    if (result.formatForDocument) {
      const { language, format } = result.formatForDocument;
      // The language's name and the format are the extension's own, but strings: through the sink like any other.
      void ui.info(l10n.t('{0} cannot show that image format, so it was saved as {1}.', shownText(language), shownText(format.toUpperCase())));
    }
    return { ...result, files: result.files.map((f) => files.uri(f)) };
  }
}
