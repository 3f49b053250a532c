// Runs a planned tool call through core's job pipeline: one job per variation, then the
// Markdown for all of them, appended to the Markdown file when the call named one.
import type { Dispatcher } from 'undici';
import { ImageError } from '../core/errors';
import { pathRoots } from '../core/files/destination';
import type { FileStore } from '../core/files/saveImages';
import type { GenerationProgress } from '../core/generate';
import type { RetryPolicy } from '../core/http/httpClient';
import type { Logger } from '../core/logger';
import { runImageJob } from '../core/job/runImageJob';
import { lineBreakOf, ownParagraphInsertion, type Insertion } from '../core/text/ownParagraph';
import type { AgentJob } from './planJob';

export interface RunDeps {
  store: FileStore;
  apiKey: string;
  dispatcher: Dispatcher;
  log: Logger;
  retry?: RetryPolicy;
  now?: () => Date;
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

async function deleteQuietly(store: FileStore, files: readonly string[]): Promise<void> {
  for (const f of files) await store.delete(f).catch(() => undefined);
}

export async function runAgentJob(plan: AgentJob, deps: RunDeps, signal: AbortSignal, onProgress: (p: AgentProgress) => void): Promise<AgentOutcome> {
  const files: string[] = [];
  const links: string[] = [];
  let model = plan.model;
  let stoppedBy: ImageError | undefined;
  const jobDeps = {
    files: deps.store,
    roots: pathRoots([plan.root]),
    apiKey: async () => deps.apiKey,
    settings: plan.settings,
    dispatcher: deps.dispatcher,
    log: deps.log,
    retry: deps.retry,
    now: deps.now,
  };
  try {
    for (let variation = 1; variation <= plan.count; variation++) {
      const result = await runImageJob(plan.job, jobDeps, { signal, onProgress: (p) => onProgress({ ...p, variation, count: plan.count }) });
      files.push(...result.files);
      links.push(result.markdown);
      model = result.model;
    }
  } catch (e) {
    // Cancel means none of it is wanted: earlier variations go too, as the panel's Cancel does.
    if (e instanceof ImageError && e.kind === 'cancelled') await deleteQuietly(deps.store, files);
    if (files.length === 0 || !(e instanceof ImageError) || e.kind === 'cancelled') throw e;
    stoppedBy = e;
  }
  deps.log.info(`agent ${plan.kind}: saved ${files.length} image(s) with ${model}`);
  const markdown = links.join('\n');
  if (plan.markdownFile !== undefined) await deps.appendMarkdown(plan.markdownFile, markdown);
  return { files, markdown, model, appendedTo: plan.markdownFile, stoppedBy };
}

/** Where and what to insert so `markdown` ends `doc` as a paragraph of its own, in the document's line breaks. */
export function markdownAppendInsertion(doc: string, markdown: string): Insertion {
  return ownParagraphInsertion(doc, doc.length, markdown.split('\n').join(lineBreakOf(doc)));
}

/** The text after appending `markdown` at the end of `doc`. */
export function withMarkdownAppended(doc: string, markdown: string): string {
  const ins = markdownAppendInsertion(doc, markdown);
  return doc.slice(0, ins.offset) + ins.text + doc.slice(ins.offset);
}
