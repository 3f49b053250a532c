// One tool call, the same for Copilot's language model tools and the MCP server: parse the
// input, plan (every local check), then, with a key, run; every failure becomes a sentence.
import { ImageError } from '../core/errors';
import type { Settings } from '../core/job/settings';
import { parseToolInput } from './parseToolInput';
import { estimateAgentJob, planEdit, planGenerate, type AgentJob } from './planJob';
import { runAgentJob, type AgentOutcome, type AgentProgress, type JobServices } from './runAgentJob';
import { describeToolError, resultText } from './toolText';
import { editImageInput, generateImageInput, type ToolKind } from './toolInputs';
import type { Translator } from './translator';
import type { AgentRoot } from './workspacePaths';

export interface ToolDeps extends JobServices {
  l10n: Translator;
  root: AgentRoot;
  settings: Settings;
  /**
   * The key for a request to `baseUrl`, never asking for one (a tool must not wait on typing);
   * throws an ImageError when the key may not go there.
   */
  apiKey(baseUrl: string): Promise<string | undefined>;
  /** What to tell the model when there is no key (each front end names its own remedy). */
  missingKeyMessage(): string;
  /** The front end's sentence for any other error (never a stack, never the key). */
  describeError: (e: unknown) => string;
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
