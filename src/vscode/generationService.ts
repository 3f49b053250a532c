// The commands' and the panel's way into core's runImageJob: maps URIs to paths and back, reads
// the settings for the job's document, asks for a folder when none is open, and gets the key
// from SecretStorage. Neither the commands nor the panel has a copy of the job's logic. Every job
// goes through one queue, so the Studio and the commands together run at most
// `maxConcurrentJobs` at once and the rest wait in order.
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { Dispatcher } from 'undici';
import type { GenerationProgress } from '../core/generate';
import type { RetryPolicy } from '../core/http/httpClient';
import type { Logger } from '../core/logger';
import type { ImageJob, ImageJobResult } from '../core/job/imageJob';
import { JobQueue } from '../core/job/jobQueue';
import { jobModel } from '../core/job/imageJob';
import { runImageJob } from '../core/job/runImageJob';
import { altTextForLink } from '../core/job/altTextJob';
import type { ImageLink, TextSpan } from '../core/text/imageLinks';
import { ModelListCache, type GatewayModel } from '../core/apis/models';
import type { Settings } from '../core/job/settings';
import type { KeyStore } from './keyStore';
import type { Ui, WorkspacePort } from './ports';
import { homeFolder, linkedDocument, workspaceRoots } from './workspaceRoots';
import { WorkspaceFileStore } from './workspaceFileStore';
import type { Codecs } from '../core/publish/codecs';

export interface ServiceDeps {
  ui: Ui;
  keys: KeyStore;
  workspace: WorkspacePort;
  dispatcher: Dispatcher;
  log: Logger;
  now?: () => Date;
  /** How 429/5xx are retried; core's default (3 retries, 1-16 s backoff) when absent. */
  retry?: RetryPolicy;
  /** The image codecs (dist/codecs.js), loaded only when the saveFormat/maxSide settings need a conversion. */
  codecs?: () => Promise<Codecs>;
}

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
    const apiKey = await keys.get();
    if (!apiKey) return [];
    const settings = this.settings();
    const timeouts = { connectMs: 10_000, headersMs: 15_000, idleMs: 15_000, totalMs: 20_000 };
    try {
      return await this.modelLists.get({ baseUrl: settings.baseUrl, apiKey, dispatcher, log, timeouts, retry: { maxRetries: 1, baseDelayMs: 500, maxDelayMs: 1000, maxRetryAfterMs: 2000 } }, { refresh });
    } catch (e) {
      log.warn(`the gateway's model list is unavailable: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  settings(scope?: vscode.Uri): Settings {
    return this.deps.workspace.settings(scope);
  }

  /** Runs `job` when a place is free (reporting its place in line until then); `signal` cancels it, waiting or running. */
  run(job: ImageJob<vscode.Uri>, onProgress: (p: GenerationProgress) => void, signal: AbortSignal): Promise<ImageJobResult<vscode.Uri>> {
    const meta = { prompt: job.prompt, model: jobModel(job, this.settings(job.document ?? job.besideSource)) };
    return this.queue.run(meta, (own) => this.runNow(job, onProgress, own), { signal, onQueued: (place) => onProgress({ phase: 'queued', place }) });
  }

  /** Write Alt Text for `link` in `document` (whose text is `text`): the sentence and the brackets it goes into. */
  altText(document: vscode.Uri, text: string, link: ImageLink, signal: AbortSignal): Promise<{ alt: string; span: TextSpan }> {
    const { ui, keys, workspace, log, dispatcher, retry } = this.deps;
    const files = new WorkspaceFileStore(workspace.fs, () => document);
    const deps = { files, roots: workspaceRoots(workspace, () => document), apiKey: () => keys.require(ui), settings: this.settings(document), dispatcher, log, retry };
    return altTextForLink(document.path, text, link, deps, signal);
  }

  private async runNow(job: ImageJob<vscode.Uri>, onProgress: (p: GenerationProgress) => void, signal: AbortSignal): Promise<ImageJobResult<vscode.Uri>> {
    const { ui, keys, workspace, log, dispatcher, retry, now, codecs } = this.deps;
    // Core works on paths; the scheme and authority come from the job's files (or the chosen folder).
    let base = job.besideSource ?? homeFolder(workspace, job.document);
    const files = new WorkspaceFileStore(workspace.fs, () => base);
    const result = await runImageJob(
      {
        ...job,
        references: job.references.map((u) => u.path),
        document: linkedDocument(job.document)?.path,
        besideSource: job.besideSource?.path,
      },
      {
        files,
        roots: workspaceRoots(workspace, () => base),
        chooseFolder: async () => {
          const picked = await ui.pickFolder(l10n.t('Choose a folder to save the image in'));
          if (picked) base = picked;
          return picked?.path;
        },
        apiKey: () => keys.require(ui),
        settings: this.settings(job.document ?? job.besideSource),
        dispatcher,
        log,
        now,
        retry,
        codecs,
      },
      { onProgress, signal },
    );
    if (result.conversionFailures) {
      // The image is saved all the same, as it came: say so, not as an error (nothing was lost).
      const format = this.settings(job.document ?? job.besideSource).saveFormat;
      void ui.warn(l10n.t('Could not convert the image to {0}; it was saved as the server sent it.', format.toUpperCase()));
    }
    return { ...result, files: result.files.map((f) => files.uri(f)) };
  }
}
