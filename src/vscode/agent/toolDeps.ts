// The agent tools' ports over the workspace: which folder is the root, files through workspace.fs
// (symlinks followed on local disks, by the store, for the wall), the key without ever asking for it
// (a base URL the user has not allowed is confirmed in a modal, as for the commands), errors in the
// user's language.
import type { Dispatcher } from 'undici';
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { ToolDeps } from '../../agent/agentTools';
import type { DownloadNetwork } from '../../core/http/downloadNetwork';
import type { RetryPolicy } from '../../core/http/httpClient';
import type { HeavyWork } from '../../core/heavy/heavyWork';
import type { Logger } from '../../core/logger';
import type { Codecs } from '../../core/publish/codecs';
import { describeFor } from '../errorMessages';
import type { KeyStore } from '../keyStore';
import type { Ui, WorkspacePort } from '../ports';
import { WorkspaceFileStore } from '../workspaceFileStore';
import type { ModelCatalog } from '../../core/modelCatalog';
import type { JobEstimate } from '../../core/job/estimateJob';
import type { CostEstimate } from '../../core/price/modelPrice';

/** Appends Markdown to a document: into its editor buffer when open, so unsaved edits are kept. */
export interface MarkdownFiles {
  append(document: vscode.Uri, markdown: string): Promise<void>;
}

/** The session's prices and spending (the GenerationService): the tools' calls count like any job. */
export interface AgentCosts {
  catalogFor(model: string, scope?: vscode.Uri): Promise<ModelCatalog>;
  approveSpend(estimate: JobEstimate, limit: number): Promise<() => void>;
  countSpend(cost: CostEstimate | undefined): Promise<void>;
}

export interface AgentAdapterDeps {
  ui: Ui;
  /** Without it the tools price nothing and pass no limit (the built-in table serves them). */
  costs?: AgentCosts;
  workspace: WorkspacePort;
  keys: KeyStore;
  markdown: MarkdownFiles;
  dispatcher: Dispatcher;
  downloads?: DownloadNetwork;
  log: Logger;
  retry?: RetryPolicy;
  now?: () => Date;
  /** The codecs and the worker threads the commands use, so the tools convert as they do. */
  codecs?: () => Promise<Codecs>;
  heavy?: HeavyWork;
}

function pathsIn(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const o = input as Record<string, unknown>;
  const images: unknown[] = Array.isArray(o.images) ? (o.images as unknown[]) : [];
  return [o.markdownFile, o.outputFolder, ...images].filter((v): v is string => typeof v === 'string');
}

/** The workspace folder an absolute path in the input names, else the first folder. */
export function rootFor(workspace: WorkspacePort, input: unknown): vscode.Uri | undefined {
  const folders = workspace.folders();
  for (const p of pathsIn(input)) {
    const named = folders.find((f) => p === f.path || p.startsWith(`${f.path}/`));
    if (named) return named;
  }
  return folders[0];
}

/** Null when no folder is open: the tools have nowhere to save. */
export function toolDeps(deps: AgentAdapterDeps, input: unknown): ToolDeps | undefined {
  const root = rootFor(deps.workspace, input);
  if (!root) return undefined;
  const settings = deps.workspace.settings(root);
  const costs = deps.costs;
  return {
    l10n,
    root: { path: root.path },
    store: new WorkspaceFileStore(deps.workspace.fs, root),
    workspaceTrusted: deps.workspace.isTrusted(),
    settings,
    dispatcher: deps.dispatcher,
    downloads: deps.downloads,
    log: deps.log,
    retry: deps.retry,
    now: deps.now,
    codecs: deps.codecs,
    heavy: deps.heavy,
    apiKey: (baseUrl) => deps.keys.keyFor(baseUrl, { ui: deps.ui }),
    secrets: deps.keys.secrets,
    missingKeyMessage: () =>
      l10n.t(
        'No GeekAI API key is set, so no image was made. Ask the user to run the command "GeekAI Image: Set API Key" from the Command Palette, then try again.',
      ),
    appendMarkdown: (file, markdown) => deps.markdown.append(root.with({ path: file }), markdown),
    describeError: (e) => describeFor(deps, e, settings).message,
    ...(costs
      ? {
          catalog: (model: string) => costs.catalogFor(model, root),
          approveCost: (e: JobEstimate) => costs.approveSpend(e, settings.dailySpendingLimit),
          onCost: (c: CostEstimate | undefined) => costs.countSpend(c),
        }
      : {}),
  };
}
