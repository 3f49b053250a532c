// One tool call, the same for Copilot's language model tools and the MCP server: parse the
// input, plan (every local check), then, with a key, run; every failure becomes a sentence.
import type { Dispatcher } from 'undici';
import { ImageError } from '../core/errors';
import type { FileStore } from '../core/files/saveImages';
import type { DownloadNetwork } from '../core/http/downloadNetwork';
import type { RetryPolicy } from '../core/http/httpClient';
import type { Logger } from '../core/logger';
import type { Settings } from '../core/job/settings';
import type { Codecs } from '../core/publish/codecs';
import type { HeavyWork } from '../core/heavy/heavyWork';
import { parseToolInput } from './parseToolInput';
import { estimateAgentJob, planEdit, planGenerate, type AgentJob } from './planJob';
import type { ModelCatalog } from '../core/modelCatalog';
import type { JobEstimate } from '../core/job/estimateJob';
import type { CostEstimate } from '../core/price/modelPrice';
import { runAgentJob, type AgentOutcome, type AgentProgress } from './runAgentJob';
import { describeToolError, resultText } from './toolText';
import { editImageInput, generateImageInput, type ToolKind } from './toolInputs';
import type { Translator } from './translator';
import type { AgentRoot } from './workspacePaths';
import type { Secrets } from '../core/text/secrets';

export interface ToolDeps {
  l10n: Translator;
  root: AgentRoot;
  store: FileStore;
  settings: Settings;
  dispatcher: Dispatcher;
  /** Where image downloads go through (see GenerateParams.downloads). */
  downloads?: DownloadNetwork;
  log: Logger;
  retry?: RetryPolicy;
  /** The image codecs (see bundledCodecs), for the conversion the settings ask for. */
  codecs?: () => Promise<Codecs>;
  /** Where conversions and other heavy work run (worker threads); this thread with `codecs` when absent. */
  heavy?: HeavyWork;
  /**
   * The key for a request to `baseUrl`, never asking for one (a tool must not wait on typing);
   * throws an ImageError when the key may not go there.
   */
  apiKey(baseUrl: string): Promise<string | undefined>;
  /** What must never be shown: the front end's one holder (the key, the balance key, proxy credentials). */
  secrets?: Secrets;
  /** What to tell the model when there is no key (each front end names its own remedy). */
  missingKeyMessage(): string;
  appendMarkdown(file: string, markdown: string): Promise<void>;
  /** The front end's sentence for any other error (never a stack, never the key). */
  describeError: (e: unknown) => string;
  now?: () => Date;
  /** False in a VS Code workspace the user has not trusted: its style file is not applied. Default true. */
  workspaceTrusted?: boolean;
  /** The catalog for the call's model (the gateway's API, options and price); the built-in table when absent. Never throws. */
  catalog?: (model: string) => Promise<ModelCatalog>;
  /** Told the estimate before anything is sent (the spending limit); throws to stop; returns the release of its hold. */
  approveCost?: (estimate: JobEstimate) => Promise<() => void>;
  /** Told what a finished call cost. */
  onCost?: (cost: CostEstimate | undefined) => Promise<void>;
}

export type Planned = { ok: true; job: AgentJob } | { ok: false; text: string };

export type ToolReply =
  { isError: false; text: string; job: AgentJob; outcome: AgentOutcome } | { isError: true; text: string };

/** Everything that can be refused without the key or the network. */
export async function planTool(kind: ToolKind, raw: unknown, deps: ToolDeps): Promise<Planned> {
  const ctx = { root: deps.root, store: deps.store, settings: deps.settings, now: (deps.now ?? (() => new Date()))() };
  try {
    let job: AgentJob;
    if (kind === 'generate') {
      const input = parseToolInput(deps.l10n, generateImageInput, raw);
      if (!input.ok) return { ok: false, text: input.message };
      job = await planGenerate(input.value, ctx);
    } else {
      const input = parseToolInput(deps.l10n, editImageInput, raw);
      if (!input.ok) return { ok: false, text: input.message };
      job = await planEdit(input.value, ctx);
    }
    // The price the confirmation names and the result repeats.
    if (deps.catalog) job.estimate = estimateAgentJob(job, await deps.catalog(job.model));
    return { ok: true, job };
  } catch (e) {
    return { ok: false, text: failure(deps, e) };
  }
}

/** The sentence for `e`; anything core did not throw on purpose is logged with its details first. */
function failure(deps: ToolDeps, e: unknown): string {
  if (!(e instanceof ImageError))
    deps.log.error(`agent tool failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return describeToolError(deps.l10n, e, deps.describeError);
}

export async function invokeTool(
  kind: ToolKind,
  raw: unknown,
  deps: ToolDeps,
  signal: AbortSignal,
  onProgress: (p: AgentProgress) => void = () => undefined,
): Promise<ToolReply> {
  const planned = await planTool(kind, raw, deps);
  if (!planned.ok) return { isError: true, text: planned.text };
  try {
    const apiKey = await deps.apiKey(deps.settings.baseUrl);
    if (!apiKey) return { isError: true, text: deps.missingKeyMessage() };
    const outcome = await runAgentJob(planned.job, { ...deps, apiKey }, signal, onProgress);
    return { isError: false, text: resultText(deps.l10n, planned.job, outcome), job: planned.job, outcome };
  } catch (e) {
    return { isError: true, text: failure(deps, e) };
  }
}
