// The one place a job (prompt, references, target document) becomes saved files and Markdown.
// The commands and the Studio panel both call `run`; neither has its own copy of this logic.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { Dispatcher } from 'undici';
import { ImageError } from '../core/errors';
import { generateImages, type GenerationProgress } from '../core/generate';
import type { RetryPolicy } from '../core/http/httpClient';
import type { Logger } from '../core/logger';
import { markdownForImages } from '../core/text/markdown';
import { buildFileBaseNames, resolveOutputFolder, sanitizeBaseName } from '../core/files/naming';
import { planRequest } from '../core/apis/chat/requestPlan';
import type { ReferenceImage } from '../core/apis/chat/requestBody';
import { readImageFile, saveImages } from '../core/files/saveImages';
import { chatCompletionsUrl, checkModelId, cleanPrompt } from '../core/validateInput';
import type { KeyStore } from './keyStore';
import type { Settings } from './settings';
import type { Ui } from './ui';
import { UnsavedImagesError } from './unsavedImages';
import { WorkspaceFileStore } from './workspaceFileStore';
import type { WorkspacePort } from './workspacePort';

const posix = path.posix;

/** Reference images above this are refused before upload (GeekAI answers 413 well below 50 MB). */
export const MAX_REFERENCE_BYTES = 20 * 1024 * 1024;

export interface ImageJob {
  prompt: string;
  /** Overrides `geekaiImage.model` (the panel's picker). */
  model?: string;
  aspectRatio?: string;
  imageSize?: string;
  /** Images sent along for an edit. */
  references: readonly vscode.Uri[];
  /** The Markdown document the link is for; decides the output folder and relative links. */
  document?: vscode.Uri;
  /** For edits: save beside this file, named after it, instead of in the output folder. */
  besideSource?: vscode.Uri;
}

export interface JobOutcome {
  files: vscode.Uri[];
  /** Ready to insert: one `![alt](path)` per line, relative to the document (or workspace root). */
  markdown: string;
  /** The model's words that came with the image(s). */
  text: string;
  model: string;
  prompt: string;
  /** Images the answer named but that could not be fetched; the others were saved. */
  failures: ImageError[];
}

export interface ServiceDeps {
  ui: Ui;
  keys: KeyStore;
  workspace: WorkspacePort;
  dispatcher: Dispatcher;
  log: Logger;
  now?: () => Date;
  /** How 429/5xx are retried; core's default (3 retries, 1-16 s backoff) when absent. */
  retry?: RetryPolicy;
}

interface Destination {
  store: WorkspaceFileStore;
  root: vscode.Uri;
  folder: string;
  documentPath?: string;
  baseNames: (count: number) => string[];
}

export class GenerationService {
  constructor(private readonly deps: ServiceDeps) {}

  settings(scope?: vscode.Uri): Settings {
    return this.deps.workspace.settings(scope);
  }

  async run(job: ImageJob, onProgress: (p: GenerationProgress) => void, signal: AbortSignal): Promise<JobOutcome> {
    const { ui, keys, log } = this.deps;
    const settings = this.settings(job.document ?? job.besideSource);
    const model = job.model?.trim() || settings.model;
    const now = (this.deps.now ?? (() => new Date()))();

    // Everything that can be refused locally is checked before the key is asked for or money spent.
    cleanPrompt(job.prompt);
    checkModelId(model);
    chatCompletionsUrl(settings.baseUrl);
    const dest = await this.destination(job, settings, now);
    const references = await this.readReferences(job.references);
    const apiKey = await keys.require(ui);
    if (!apiKey) throw new ImageError('auth', 'no API key', { reason: 'missingKey' });

    const plan = planRequest(model, settings);
    log.info(`job: model=${model} references=${references.length} stream=${plan.stream} → ${dest.folder}`);
    let result;
    try {
      result = await generateImages({
        baseUrl: settings.baseUrl,
        apiKey,
        model,
        prompt: job.prompt,
        references,
        ...plan,
        systemPrompt: settings.systemPrompt || undefined,
        aspectRatio: job.aspectRatio ?? (settings.aspectRatio || undefined),
        imageSize: job.imageSize ?? (settings.imageSize || undefined),
        dispatcher: this.deps.dispatcher,
        retry: this.deps.retry,
        log,
        signal,
        onProgress,
      });
    } catch (e) {
      throw withLargestReference(e, references);
    }

    const names = dest.baseNames(result.images.length);
    let written: string[];
    try {
      written = await saveImages(dest.store, dest.folder, names, result.images.map((i) => ({ bytes: i.bytes, ext: i.type.ext })), signal);
    } catch (e) {
      // The workspace refused the write: keep the bytes on the error so the user can save them elsewhere.
      if (e instanceof ImageError && e.kind === 'fs') {
        throw new UnsavedImagesError(e, result.images.map((img, i) => ({ bytes: img.bytes, name: `${names[i]}.${img.type.ext}` })));
      }
      throw e;
    }
    log.info(`saved ${written.length} image(s): ${written.map((w) => posix.basename(w)).join(', ')}`);
    const markdown = markdownForImages({
      alt: job.prompt,
      targetPaths: written,
      documentPath: dest.documentPath,
      workspaceRoot: dest.root.path,
    });
    return { files: written.map((w) => dest.store.uri(w)), markdown, text: result.text, model: result.model, prompt: job.prompt, failures: result.failures };
  }

  private async destination(job: ImageJob, settings: Settings, now: Date): Promise<Destination> {
    const { workspace, ui } = this.deps;
    if (job.besideSource) {
      const src = job.besideSource;
      const root = workspace.folderOf(src) ?? src.with({ path: posix.dirname(src.path) });
      const stem = posix.basename(src.path).replace(/\.[^.]*$/, '');
      const base = sanitizeBaseName(`${stem}-edited`);
      return {
        store: new WorkspaceFileStore(workspace.fs, src),
        root,
        folder: posix.dirname(src.path),
        documentPath: job.document?.scheme === 'untitled' ? undefined : job.document?.path,
        baseNames: (count) => Array.from({ length: count }, (_, i) => (count > 1 ? `${base}-${i + 1}` : base)),
      };
    }
    // An untitled document has no folder; links are then relative to the workspace root.
    const doc = job.document?.scheme === 'untitled' ? undefined : job.document;
    let documentPath = doc?.path;
    // A document outside every workspace folder keeps its images beside it.
    let root = doc ? (workspace.folderOf(doc) ?? doc.with({ path: posix.dirname(doc.path) })) : workspace.folders()[0];
    if (!root) {
      // No folder open: the user says where; links are then relative to that folder.
      const picked = await ui.pickFolder(l10n.t('Choose a folder to save the image in'));
      if (!picked) throw new ImageError('invalidInput', 'no folder to save into', { reason: 'noFolder' });
      root = picked;
      if (documentPath && !documentPath.startsWith(`${picked.path}/`)) documentPath = undefined;
    }
    const folder = resolveOutputFolder({ pattern: settings.outputFolder, workspaceRoot: root.path, documentPath, now });
    return {
      store: new WorkspaceFileStore(workspace.fs, root),
      root,
      folder,
      documentPath,
      baseNames: (count) => buildFileBaseNames({ pattern: settings.fileName, prompt: job.prompt, model: job.model ?? settings.model, documentPath, now, count }),
    };
  }

  private async readReferences(uris: readonly vscode.Uri[]): Promise<ReferenceImage[]> {
    const out: ReferenceImage[] = [];
    for (const uri of uris) {
      const img = await readImageFile(new WorkspaceFileStore(this.deps.workspace.fs, uri), uri.path, MAX_REFERENCE_BYTES);
      out.push({ name: img.name, bytes: img.bytes, mime: img.mime });
    }
    return out;
  }
}

/** A 413 names the largest image sent, so the user knows which one to shrink. */
function withLargestReference(e: unknown, refs: readonly ReferenceImage[]): unknown {
  if (!(e instanceof ImageError) || e.kind !== 'tooLarge' || refs.length === 0) return e;
  const largest = refs.reduce((a, b) => (b.bytes.byteLength > a.bytes.byteLength ? b : a));
  return new ImageError('tooLarge', e.message, { status: e.status, detail: e.detail, params: { name: largest.name, size: largest.bytes.byteLength }, cause: e });
}
