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
import { documentLinks, placeJob, type DocumentLinks, type JobPlacement } from '../core/job/jobPlacement';
import { altTextForLink } from '../core/job/altTextJob';
import type { ImageLink, TextSpan } from '../core/text/imageLinks';
import type { GatewayModel, ListModelsParams } from '../core/apis/models';
import { CatalogSource } from '../core/catalogSource';
import { fetchBalance, type Balance } from '../core/apis/balance';
import type { ModelCatalog } from '../core/modelCatalog';
import { estimateJob, type JobEstimate } from '../core/job/estimateJob';
import { formatCny, type CostEstimate } from '../core/price/modelPrice';
import { pastLimit, SpendingLedger, type SpendRecord, type SpendStore } from '../core/price/spending';
import { settingsOptions } from '../core/job/settings';
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
import type { DurableJobStore, MementoLike } from './durableJobStore';
import { ImageError, isImageError, requireKey } from '../core/errors';
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
  /** Where today's spending is kept across sessions (global state); in memory when absent. */
  spending?: MementoLike;
}

/** Global state key of today's spending (`SpendRecord`). */
export const SPENDING_KEY = 'geekaiImage.spending';

/** A job waits at most this long for the gateway's list (else the built-in table serves it). */
const JOB_CATALOG_TIMEOUTS = { connectMs: 5000, headersMs: 5000, idleMs: 5000, totalMs: 5000 };
const LIST_TIMEOUTS = { connectMs: 10_000, headersMs: 15_000, idleMs: 15_000, totalMs: 20_000 };
const LIST_RETRY = { maxRetries: 1, baseDelayMs: 500, maxDelayMs: 1000, maxRetryAfterMs: 2000 };
/** A Continue (or Don't send) past the spending limit answers the jobs asking within this time (a batch asks once). */
export const LIMIT_ANSWER_HOLDS_MS = 2 * 60_000;

function spendStore(m: MementoLike | undefined): SpendStore {
  let memory: unknown;
  return m
    ? { get: () => m.get(SPENDING_KEY), set: async (r: SpendRecord) => void (await m.update(SPENDING_KEY, r)) }
    : { get: () => memory, set: async (r: SpendRecord) => void (memory = r) };
}

/** How a job is kept across a reload: where its link goes, or the stored job it resumes. */
type Durability = { insert?: InsertWhere } | { resumed: DurableJob };

/** What the list of jobs shows about each. */
export interface QueuedJob {
  prompt: string;
  model: string;
  /** What it is expected to cost (refined once the job knows its style and the gateway's price). */
  estimate?: CostEstimate;
}

/** `¥0.12` / `≈ ¥0.12`, or "price unknown" (never a made-up number). */
export function costText(e: Pick<CostEstimate, 'total' | 'approximate'> | undefined): string {
  return e?.total === undefined ? l10n.t('price unknown') : formatCny(e.total, e.approximate);
}

export class GenerationService {
  readonly catalogs = new CatalogSource();
  readonly queue: JobQueue<QueuedJob>;
  readonly spending: SpendingLedger;
  private readonly spendListeners: (() => void)[] = [];
  /** One question past the limit at a time; its answer holds for the jobs asking soon after. */
  private limitQuestion: Promise<boolean> | undefined;
  private limitAnswer: { yes: boolean; at: number } | undefined;

  constructor(private readonly deps: ServiceDeps) {
    this.queue = new JobQueue(() => this.settings().maxConcurrentJobs);
    this.spending = new SpendingLedger(spendStore(deps.spending), () => (deps.now ?? (() => new Date()))());
  }

  /** The session's dispatcher (its proxy settings), for checks that ask the gateway outside a job. */
  get dispatcher(): Dispatcher {
    return this.deps.dispatcher;
  }

  /** Called after a job's cost was counted (the status bar's session total follows it). */
  onSpend(listener: () => void): void {
    this.spendListeners.push(listener);
  }

  private listParams(
    baseUrl: string,
    apiKey: string,
    timeouts = LIST_TIMEOUTS,
    signal?: AbortSignal,
  ): ListModelsParams {
    const { dispatcher, log } = this.deps;
    return { baseUrl, apiKey, dispatcher, log, timeouts, signal, retry: LIST_RETRY };
  }

  /**
   * The catalog for the base URL in use: the gateway's list (one GET /models, cached) merged over
   * the table, else the table. Never asks for a key; a base URL the key may not go to gets the table.
   */
  async catalog(o: { refresh?: boolean } = {}): Promise<ModelCatalog> {
    const p = await this.pickerParams();
    return p ? this.catalogs.load(p, o) : this.currentCatalog();
  }

  /**
   * The same with the price of each image model the list lacks looked up (GET /models/{id}, many,
   * once per list): for a picker that has shown `currentCatalog()` or `catalog()` and fills in.
   */
  async pricedCatalog(): Promise<ModelCatalog> {
    const p = await this.pickerParams();
    return p ? this.catalogs.withPrices(p) : this.currentCatalog();
  }

  /** What a picker asks the gateway with; undefined when no key may be used for the base URL in use. */
  private async pickerParams(): Promise<ListModelsParams | undefined> {
    const baseUrl = this.settings().baseUrl;
    try {
      const apiKey = await this.deps.keys.keyFor(baseUrl);
      return apiKey ? this.listParams(baseUrl, apiKey) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The catalog with `model`'s price looked up if the list lacks it (a job's, an agent tool's); the table when the gateway cannot be asked. */
  async catalogFor(model: string, scope?: vscode.Uri): Promise<ModelCatalog> {
    const baseUrl = this.settings(scope).baseUrl;
    let apiKey: string | undefined;
    try {
      apiKey = await this.deps.keys.keyFor(baseUrl);
    } catch {
      return this.catalogs.current(baseUrl);
    }
    return apiKey
      ? this.catalogs.load(this.listParams(baseUrl, apiKey, JOB_CATALOG_TIMEOUTS), { priceOf: model })
      : this.catalogs.current(baseUrl);
  }

  /**
   * The spending limit for a request estimated at `estimate` (asking when it would pass `limit`);
   * then its estimate is held as spent until the returned release is called.
   */
  async approveSpend(estimate: JobEstimate, limit: number): Promise<() => void> {
    await this.approve(estimate, limit);
    // Held as spent while it runs, so jobs side by side cannot pass the limit together.
    return this.spending.reserve(estimate.total);
  }

  /** A finished job's cost, for today's total and the session's. */
  async countSpend(cost: CostEstimate | undefined): Promise<void> {
    await this.spending.add(cost?.total);
    for (const l of this.spendListeners) l();
  }

  /** What is at hand without asking the gateway (the last list, else the table). */
  currentCatalog(scope?: vscode.Uri): ModelCatalog {
    return this.catalogs.current(this.settings(scope).baseUrl);
  }

  /** A job's estimate from what is at hand (the job refines it once it knows its style and price). */
  estimate(
    job: Pick<
      ImageJob<vscode.Uri>,
      'model' | 'api' | 'options' | 'aspectRatio' | 'imageSize' | 'document' | 'besideSource'
    >,
    catalog?: ModelCatalog,
  ): JobEstimate {
    const settings = this.settings(job.document ?? job.besideSource);
    const defined = Object.fromEntries(
      Object.entries({ aspectRatio: job.aspectRatio, imageSize: job.imageSize, ...job.options }).filter(
        ([, v]) => v !== undefined && v !== '',
      ),
    );
    return estimateJob(
      catalog ?? this.currentCatalog(job.document ?? job.besideSource),
      jobModel(job, settings),
      job.api ?? settings.api,
      { ...settingsOptions(settings), ...defined },
    );
  }

  /**
   * GeekAI's balance, when a balance key is set (undefined otherwise); throws the ImageError when
   * it cannot be had (401: the balance key was refused).
   */
  async balance(signal?: AbortSignal): Promise<Balance | undefined> {
    const { keys, dispatcher, log } = this.deps;
    const baseUrl = this.settings().baseUrl;
    const systemKey = await keys.balanceKeyFor(baseUrl);
    if (!systemKey) return undefined;
    return fetchBalance({ baseUrl, systemKey, dispatcher, log, timeouts: LIST_TIMEOUTS, signal });
  }

  /** This session's spending, as the status bar's tooltip says it; undefined before the first job. */
  sessionCost(): { total: number; unknown: number } | undefined {
    const s = this.spending.sessionTotal();
    return s.total === 0 && s.unknown === 0 ? undefined : s;
  }

  /**
   * The spending limit's question: asked (one modal at a time) when `estimate` would take today
   * past the limit; a `cancelled` ImageError when the user does not agree, and nothing is sent.
   */
  private async approve(estimate: JobEstimate, limit: number): Promise<void> {
    const past = pastLimit(this.spending.spentToday(), estimate, limit);
    if (!past) return;
    const now = Date.now();
    const held =
      this.limitAnswer && now - this.limitAnswer.at < LIMIT_ANSWER_HOLDS_MS ? this.limitAnswer.yes : undefined;
    const yes =
      held ??
      (await (this.limitQuestion ??= this.askLimit(past.spent, estimate, limit).finally(
        () => (this.limitQuestion = undefined),
      )));
    if (!yes) throw new ImageError('cancelled', 'not sent: past the daily spending limit', { reason: 'spendingLimit' });
  }

  private async askLimit(spent: number, estimate: JobEstimate, limit: number): Promise<boolean> {
    const send = l10n.t('Send Anyway');
    const detail = l10n.t(
      'Spent today: {0} of your daily limit of {1} (geekaiImage.dailySpendingLimit). This request: {2} with {3}.',
      formatCny(spent),
      formatCny(limit),
      costText(estimate),
      shownText(estimate.model),
    );
    const answer = await this.deps.ui.confirm(
      l10n.t("This request would take today's GeekAI spending past your limit."),
      detail,
      send,
    );
    this.limitAnswer = { yes: answer === send, at: Date.now() };
    this.deps.log.info(
      `spending limit: ${answer === send ? 'the user sent it anyway' : 'not sent'} (spent ${spent} of ${limit} CNY today)`,
    );
    return answer === send;
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
    try {
      return await this.catalogs.lists.get(
        { baseUrl: settings.baseUrl, apiKey, dispatcher, log, timeouts: LIST_TIMEOUTS, retry: LIST_RETRY },
        { refresh },
      );
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
    return (await this.checkList(signal)).length;
  }

  /** The gateway's list asked again (not cached) with the key in use; throws the ImageError (401, network, …). */
  async checkList(signal?: AbortSignal): Promise<GatewayModel[]> {
    const { keys, ui } = this.deps;
    const baseUrl = this.settings().baseUrl;
    // The user asked for the check: a base URL the key may not go to yet is confirmed as for a job.
    const apiKey = requireKey(await keys.keyFor(baseUrl, { ui }));
    return this.catalogs.lists.get(this.listParams(baseUrl, apiKey, LIST_TIMEOUTS, signal), { refresh: true });
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
      {
        ...job,
        references: job.references.map((u) => u.path),
        document: linkedDocument(job.document)?.path,
        besideSource: job.besideSource?.path,
      },
      {
        files,
        roots: workspaceRoots(workspace, () => base),
        settings: this.settings(job.document ?? job.besideSource),
        workspaceTrusted: workspace.isTrusted(),
      },
    );
  }

  /**
   * Where a new job's images for `document` would go and how they would be linked, as the job
   * itself decides it (core's `placeJob`); undefined with no folder open (none is asked for here).
   * Throws the job's `invalidInput` for an outputFolder pattern it would refuse.
   */
  async placement(document: vscode.Uri | undefined): Promise<JobPlacement | undefined> {
    const { workspace } = this.deps;
    const base = homeFolder(workspace, document);
    if (!base) return undefined;
    const doc = linkedDocument(document);
    return placeJob({
      document: doc?.path,
      documentText: await this.documentText(doc),
      roots: workspaceRoots(workspace, () => base),
      files: new WorkspaceFileStore(workspace.fs, () => base),
      outputFolder: this.settings(document).outputFolder,
      now: (this.deps.now ?? (() => new Date()))(),
    });
  }

  /** How `document` names files already saved (`near`: one of them, for the roots when no folder is open), as a job's links would. */
  async links(document: vscode.Uri | undefined, near: vscode.Uri): Promise<DocumentLinks> {
    const { workspace } = this.deps;
    const doc = linkedDocument(document);
    const base = homeFolder(workspace, doc) ?? near;
    const root = doc ? (workspace.folderOf(doc) ?? workspace.folders()[0]) : undefined;
    const files = new WorkspaceFileStore(workspace.fs, () => base);
    return documentLinks(
      { document: doc?.path, documentText: await this.documentText(doc), files },
      workspaceRoots(workspace, () => base),
      root?.path,
    );
  }

  private async documentText(document: vscode.Uri | undefined): Promise<string | undefined> {
    return document && this.deps.readDocument ? this.deps.readDocument(document) : undefined;
  }

  /** Runs `job` when a place is free (reporting its place in line until then); `signal` cancels it, waiting or running. */
  /** `insert`: where the link goes, kept with the job should it outlive a reload. */
  run(
    job: ImageJob<vscode.Uri>,
    onProgress: (p: GenerationProgress) => void,
    signal: AbortSignal,
    insert?: InsertWhere,
  ): Promise<ImageJobResult<vscode.Uri>> {
    const meta: QueuedJob = {
      prompt: job.prompt,
      model: jobModel(job, this.settings(job.document ?? job.besideSource)),
      estimate: this.estimate(job),
    };
    return this.queue
      .run(
        meta,
        (own) => this.runNow(job, onProgress, own, { insert }, meta).catch((e: unknown) => this.withBalance(e)),
        { signal, onQueued: (place) => onProgress({ phase: 'queued', place }) },
      )
      .then((result) => {
        // The server took the key and drew: both walkthrough steps are done, however the job was asked for.
        if (result.files.length > 0) {
          this.deps.ui.setContext(HAS_KEY, true);
          this.deps.ui.setContext(MADE_IMAGE, true);
        }
        return result;
      });
  }

  /** A 402 carries the balance when a balance key is set (the message puts it beside the request's estimate). */
  private async withBalance(e: unknown): Promise<never> {
    if (isImageError(e) && e.kind === 'payment') {
      const balance = await this.balance().catch(() => undefined);
      if (balance) e.params.balance = balance.cny;
    }
    throw e;
  }

  /** Polls a job stored before a reload until it is done, and saves it where it would have gone. */
  resume(
    stored: DurableJob,
    onProgress: (p: GenerationProgress) => void,
    signal: AbortSignal,
  ): Promise<ImageJobResult<vscode.Uri>> {
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
    return this.queue.run(
      { prompt: stored.prompt, model: stored.model },
      (own) => this.runNow(job, onProgress, own, { resumed: stored }, { prompt: stored.prompt, model: stored.model }),
      {
        signal,
        onQueued: (place) => onProgress({ phase: 'queued', place }),
      },
    );
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
    const style = await readWorkspaceStyle(new WorkspaceFileStore(workspace.fs, () => document), root, roots.all).catch(
      () => undefined,
    );
    return style?.model?.trim() || settings.model;
  }

  /** Write Alt Text for `link` in `document` (whose text is `text`): the sentence and the brackets it goes into. */
  altText(
    document: vscode.Uri,
    text: string,
    link: ImageLink,
    signal: AbortSignal,
  ): Promise<{ alt: string; span: TextSpan }> {
    const { ui, keys, workspace, log, dispatcher, retry } = this.deps;
    const files = new WorkspaceFileStore(workspace.fs, () => document);
    const deps = {
      files,
      roots: workspaceRoots(workspace, () => document),
      apiKey: (baseUrl: string) => keys.keyFor(baseUrl, { ui, promptForKey: true }),
      secrets: keys.secrets,
      settings: this.settings(document),
      dispatcher,
      log,
      retry,
    };
    return altTextForLink(document.path, text, link, deps, signal);
  }

  private async runNow(
    job: ImageJob<vscode.Uri>,
    onProgress: (p: GenerationProgress) => void,
    signal: AbortSignal,
    durability: Durability,
    meta: QueuedJob,
  ): Promise<ImageJobResult<vscode.Uri>> {
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
      return await this.runKept(job, onProgress, signal, {
        files,
        now,
        settings,
        onServerJob,
        base: () => base,
        setBase: (b) => (base = b),
        storedFolder,
        meta,
      });
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
      meta: QueuedJob;
    },
  ): Promise<ImageJobResult<vscode.Uri>> {
    const { ui, keys, workspace, log, dispatcher, downloads, retry, codecs, heavy, pollIntervalMs } = this.deps;
    const { files, now } = k;
    const document = linkedDocument(job.document);
    const documentText =
      job.documentText ?? (document && this.deps.readDocument ? await this.deps.readDocument(document) : undefined);
    let release = (): void => undefined;
    const counted = await runImageJob(
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
        secrets: keys.secrets,
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
        // The gateway's word on the job's model (its API, options and price), if it answers soon.
        catalog: (model, apiKey) =>
          this.catalogs.load(this.listParams(k.settings.baseUrl, apiKey, JOB_CATALOG_TIMEOUTS), { priceOf: model }),
        approveCost: async (estimate) => {
          k.meta.estimate = estimate;
          release = await this.approveSpend(estimate, k.settings.dailySpendingLimit);
        },
      },
      { onProgress, signal, onServerJob: k.onServerJob },
    ).finally(() => release());
    await this.countSpend(counted.cost);
    const result = counted;
    if (result.tooManyPixels) {
      // Nothing was decoded: a header announcing that many pixels would take gigabytes.
      const { width, height } = result.tooManyPixels;
      void ui.warn(
        l10n.t(
          'The image is {0} × {1} pixels, more than the {2} million that are converted; it was saved as the server sent it.',
          width,
          height,
          MAX_DECODE_PIXELS / 1_000_000,
        ),
      );
    } else if (result.conversionFailures) {
      // The image is saved all the same, as it came: say so, not as an error (nothing was lost).
      const format = this.settings(job.document ?? job.besideSource).saveFormat;
      void ui.warn(
        l10n.t('Could not convert the image to {0}; it was saved as the server sent it.', format.toUpperCase()),
      );
    }
    if (result.formatForDocument) {
      const { language, format, asked } = result.formatForDocument;
      // The language's name and the formats are the extension's own, but strings: through the sink like any other.
      const note =
        language === 'README'
          ? l10n.t(
              'Not every README renderer shows {0}, so it was saved as {1}.',
              shownText(asked.toUpperCase()),
              shownText(format.toUpperCase()),
            )
          : l10n.t(
              '{0} cannot show that image format, so it was saved as {1}.',
              shownText(language),
              shownText(format.toUpperCase()),
            );
      void ui.info(note);
    }
    return { ...result, files: result.files.map((f) => files.uri(f)) };
  }
}
