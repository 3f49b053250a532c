// Copilot agent mode's "generate image" and "edit image" tools: a confirmation that names the
// model, the prompt and that a paid request follows; a cancellable run; the saved paths and the
// exact Markdown as text, plus the images themselves where this VS Code can carry them.
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import { invokeTool, planTool, type ToolReply } from '../../agent/agentTools';
import type { AgentProgress } from '../../agent/runAgentJob';
import { confirmation, invocationMessage } from '../../agent/toolText';
import type { ToolKind } from '../../agent/toolInputs';
import { sniffImageType } from '../../core/imageType';
import { shownText } from '../../core/text/shownText';
import { progressMessage } from '../progressMessage';
import { toolDeps, type AgentAdapterDeps } from './toolDeps';

/** Images above this stay out of the chat (the paths are enough); keeps the model's context small. */
const MAX_DATA_PART_BYTES = 4 * 1024 * 1024;

/** What newer VS Code versions offer beyond the 1.95 API, detected at run time. */
export interface RuntimeApi {
  /** `LanguageModelDataPart.image` (newer than 1.95). */
  imagePart?: (bytes: Uint8Array, mime: string) => unknown;
}

export function runtimeApi(api: object = vscode): RuntimeApi {
  const dataPart = (api as { LanguageModelDataPart?: { image?: unknown } }).LanguageModelDataPart;
  const image = dataPart?.image;
  return typeof image === 'function'
    ? { imagePart: (bytes, mime) => (image as (b: Uint8Array, m: string) => unknown).call(dataPart, bytes, mime) }
    : {};
}

/** One step of a tool's progress: a string the chat appends to Markdown as text. */
export interface ToolProgressStep {
  message?: string;
}

/** A progress sink VS Code may hand `invoke` as a third argument (not in the 1.95 API). */
type MaybeProgress = { report?: (step: ToolProgressStep) => void } | undefined;

function noFolder(): string {
  return l10n.t('No folder is open, so there is nowhere to save an image. Ask the user to open a folder first.');
}

export class ImageTool implements vscode.LanguageModelTool<unknown> {
  constructor(
    private readonly kind: ToolKind,
    private readonly deps: AgentAdapterDeps,
    private readonly api: RuntimeApi = runtimeApi(),
  ) {}

  async prepareInvocation(
    options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>,
  ): Promise<vscode.PreparedToolInvocation> {
    const deps = toolDeps(this.deps, options.input);
    if (!deps) return { invocationMessage: noFolder() };
    const planned = await planTool(this.kind, options.input, deps);
    // Bad input costs nothing, so there is nothing to confirm: invoke explains what to fix.
    if (!planned.ok) return { invocationMessage: l10n.t('Checking the image request…') };
    return {
      invocationMessage: invocationMessage(l10n, planned.job),
      confirmationMessages: confirmation(l10n, planned.job, deps.settings.baseUrl),
    };
  }

  async invoke(
    options: vscode.LanguageModelToolInvocationOptions<unknown>,
    token: vscode.CancellationToken,
    progress?: MaybeProgress,
  ): Promise<vscode.LanguageModelToolResult> {
    const deps = toolDeps(this.deps, options.input);
    if (!deps) return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(noFolder())]);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    const started = Date.now();
    const asked = (options.input as { model?: unknown } | undefined)?.model;
    const model = typeof asked === 'string' && asked.trim() !== '' ? asked.trim() : deps.settings.model;
    const onProgress = (p: AgentProgress): void => {
      const of = p.count > 1 ? ` (×${p.count})` : '';
      // The chat appends a progress string to Markdown as text (as it does the running message).
      progress?.report?.({ message: shownText(progressMessage(p, model, Date.now() - started) + of, 'chatText') });
    };
    let reply: ToolReply;
    try {
      reply = await invokeTool(this.kind, options.input, deps, abort.signal, onProgress);
    } finally {
      sub.dispose();
    }
    const result = new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(reply.text)]);
    if (!reply.isError && this.api.imagePart) {
      for (const file of reply.outcome.files) {
        const bytes = await deps.store.readFile(file).catch(() => undefined);
        const type = bytes && bytes.byteLength <= MAX_DATA_PART_BYTES ? sniffImageType(bytes) : undefined;
        if (bytes && type) result.content.push(this.api.imagePart(bytes, type.mime));
      }
    }
    return result;
  }
}
