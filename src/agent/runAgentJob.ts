// Runs a planned tool call: one request per variation, saved without overwriting, then the
// Markdown for all of them, appended to the Markdown file when the call named one.
import type { Dispatcher } from 'undici';
import { planRequest } from '../core/apis/chat/requestPlan';
import { ImageError } from '../core/errors';
import { saveImages, type FileStore } from '../core/files/saveImages';
import { generateImages, type GenerationProgress } from '../core/generate';
import type { RetryPolicy } from '../core/http/httpClient';
import type { Logger } from '../core/logger';
import { markdownForImages } from '../core/text/markdown';
import type { Settings } from '../vscode/settings';
import type { AgentJob } from './planJob';

export interface RunDeps {
  store: FileStore;
  settings: Settings;
  apiKey: string;
  dispatcher: Dispatcher;
  log: Logger;
  retry?: RetryPolicy;
  /** Appends text at the end of the Markdown file (an open editor's buffer in VS Code). */
  appendMarkdown(file: string, markdown: string): Promise<void>;
}

export interface AgentProgress extends GenerationProgress {
  /** 1-based variation being made, of `count`. */
  variation: number;
  count: number;
}

export interface AgentOutcome {
  /** Absolute posix paths, in order. */
  files: string[];
  /** One `![alt](path)` per line, relative to the Markdown file (or the root). */
  markdown: string;
  model: string;
  /** The Markdown file the links were appended to. */
  appendedTo?: string;
  /** A later variation failed after earlier ones were saved (those are kept: they are paid for). */
  stoppedBy?: ImageError;
}

/** One request, saved: the only piece that talks to core's generate and save. */
async function runOnce(job: AgentJob, deps: RunDeps, signal: AbortSignal, onProgress: (p: GenerationProgress) => void): Promise<{ files: string[]; model: string }> {
  const { settings } = deps;
  const result = await generateImages({
    baseUrl: settings.baseUrl,
    apiKey: deps.apiKey,
    model: job.model,
    prompt: job.prompt,
    references: job.references,
    ...planRequest(job.model, settings),
    systemPrompt: settings.systemPrompt || undefined,
    aspectRatio: job.aspectRatio,
    imageSize: job.imageSize,
    dispatcher: deps.dispatcher,
    retry: deps.retry,
    log: deps.log,
    signal,
    onProgress,
  });
  const names = job.baseNames(result.images.length);
  const files = await saveImages(deps.store, job.folder, names, result.images.map((i) => ({ bytes: i.bytes, ext: i.type.ext })), signal);
  return { files, model: result.model };
}

async function deleteQuietly(store: FileStore, files: readonly string[]): Promise<void> {
  for (const f of files) await store.delete(f).catch(() => undefined);
}

export async function runAgentJob(job: AgentJob, deps: RunDeps, signal: AbortSignal, onProgress: (p: AgentProgress) => void): Promise<AgentOutcome> {
  const files: string[] = [];
  let model = job.model;
  let stoppedBy: ImageError | undefined;
  try {
    for (let variation = 1; variation <= job.count; variation++) {
      const once = await runOnce(job, deps, signal, (p) => onProgress({ ...p, variation, count: job.count }));
      files.push(...once.files);
      model = once.model;
    }
  } catch (e) {
    // Cancel means none of it is wanted: earlier variations go too, as the panel's Cancel does.
    if (e instanceof ImageError && e.kind === 'cancelled') await deleteQuietly(deps.store, files);
    if (files.length === 0 || !(e instanceof ImageError) || e.kind === 'cancelled') throw e;
    stoppedBy = e;
  }
  deps.log.info(`agent ${job.kind}: saved ${files.length} image(s) with ${model}`);
  const markdown = markdownForImages({ alt: job.prompt, targetPaths: files, documentPath: job.markdownFile, workspaceRoot: job.root });
  if (job.markdownFile !== undefined) await deps.appendMarkdown(job.markdownFile, markdown);
  return { files, markdown, model, appendedTo: job.markdownFile, stoppedBy };
}

/** What goes after the existing text so the links start on a paragraph of their own. */
export function appendedMarkdown(existing: string, markdown: string): string {
  if (existing === '') return `${markdown}\n`;
  if (existing.endsWith('\n\n')) return `${markdown}\n`;
  return existing.endsWith('\n') ? `\n${markdown}\n` : `\n\n${markdown}\n`;
}
