// Runs a planned tool call through core's job pipeline (which makes the variations), then
// appends the Markdown to the Markdown file when the call named one.
import type { Dispatcher } from 'undici';
import { pathRoots } from '../core/files/destination';
import { checkInsideWorkspace } from '../core/files/paths';
import type { FileStore } from '../core/files/saveImages';
import type { GenerationProgress } from '../core/generate';
import type { DownloadNetwork } from '../core/http/downloadNetwork';
import type { RetryPolicy } from '../core/http/httpClient';
import type { Logger } from '../core/logger';
import { runImageJob } from '../core/job/runImageJob';
import type { Codecs } from '../core/publish/codecs';
import type { HeavyWork } from '../core/heavy/heavyWork';
import { lineBreakOf, ownParagraphInsertion, type Insertion } from '../core/text/ownParagraph';
import type { AgentJob } from './planJob';
import type { ModelCatalog } from '../core/modelCatalog';
import type { JobEstimate } from '../core/job/estimateJob';
import type { CostEstimate } from '../core/price/modelPrice';
import type { Secrets } from '../core/text/secrets';

/** What a job runs with, the same for the agent tools (ToolDeps) and for one job run here (RunDeps). */
export interface JobServices {
  store: FileStore;
  /** What must never be shown: the front end's one holder (the key, the balance key, proxy credentials), by reference. */
  secrets?: Secrets;
  dispatcher: Dispatcher;
  /** Where image downloads go through (see GenerateParams.downloads). */
  downloads?: DownloadNetwork;
  log: Logger;
  retry?: RetryPolicy;
  now?: () => Date;
  /** The image codecs (see bundledCodecs), for the web-ready conversion the settings ask for (loaded only then). */
  codecs?: () => Promise<Codecs>;
  /** Where conversions and other heavy work run (worker threads); this thread with `codecs` when absent. */
  heavy?: HeavyWork;
  /** Appends text at the end of the Markdown file (an open editor's buffer in VS Code). */
  appendMarkdown(file: string, markdown: string): Promise<void>;
  /** False in a VS Code workspace the user has not trusted: its style file is not applied. Default true. */
  workspaceTrusted?: boolean;
  /** The catalog for the call's model (the gateway's API, options and price); the built-in table when absent. Never throws. */
  catalog?: (model: string) => Promise<ModelCatalog>;
  /** Told the estimate before anything is sent (the spending limit); throws to stop; returns the release of its hold. */
  approveCost?: (estimate: JobEstimate) => Promise<() => void>;
  /** Told what a finished call cost. */
  onCost?: (cost: CostEstimate | undefined) => Promise<void>;
}

export interface RunDeps extends JobServices {
  apiKey: string;
}

export interface AgentProgress extends GenerationProgress {
  /** Variations asked for (made side by side where the model cannot make them in one request). */
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
  /** Variations asked for that brought no image (the others were saved: they are paid for). */
  failedVariations: number;
  /** What it cost (the answer's usage, else the price × the images saved); `total` absent: price unknown. */
  cost?: CostEstimate;
}

export async function runAgentJob(
  plan: AgentJob,
  deps: RunDeps,
  signal: AbortSignal,
  onProgress: (p: AgentProgress) => void,
): Promise<AgentOutcome> {
  // Planned before the confirmation; a link planted since must not carry the append outside.
  const markdownStaysInside = async (): Promise<void> => {
    if (plan.markdownFile !== undefined)
      await checkInsideWorkspace(deps.store, [plan.root], plan.markdownFile, 'write');
  };
  await markdownStaysInside();
  let release = (): void => undefined;
  const { catalog, approveCost } = deps;
  const result = await runImageJob(
    plan.job,
    {
      files: deps.store,
      roots: pathRoots([plan.root]),
      apiKey: async () => deps.apiKey,
      secrets: deps.secrets,
      settings: plan.settings,
      dispatcher: deps.dispatcher,
      downloads: deps.downloads,
      log: deps.log,
      retry: deps.retry,
      now: deps.now,
      codecs: deps.codecs,
      workspaceTrusted: deps.workspaceTrusted,
      heavy: deps.heavy,
      catalog: catalog && ((model) => catalog(model)),
      approveCost: approveCost && (async (e) => void (release = await approveCost(e))),
    },
    { signal, onProgress: (p) => onProgress({ ...p, count: plan.count }) },
  ).finally(() => release());
  await deps.onCost?.(result.cost);
  deps.log.info(`agent ${plan.kind}: saved ${result.files.length} image(s) with ${result.model}`);
  if (plan.markdownFile !== undefined) {
    await markdownStaysInside();
    await deps.appendMarkdown(plan.markdownFile, result.markdown);
  }
  const variations = new Set(result.images.map((i) => i.variation)).size;
  const outcome: AgentOutcome = {
    files: result.files,
    markdown: result.markdown,
    model: result.model,
    appendedTo: plan.markdownFile,
    failedVariations: Math.max(0, plan.count - variations),
  };
  if (result.cost) outcome.cost = result.cost;
  return outcome;
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
