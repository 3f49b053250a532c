// Fakes for the Studio session's ports (StudioHost, StudioBackend) and HistoryStorage,
// so the panel's message handling runs under plain mocha with no VS Code.
import * as vscode from 'vscode';
import type { ApiSetting as ApiChoice, StudioOptions } from '../../../shared/imageVocabulary';
import type {
  ErrorView,
  HostToWebview,
  ModelChoice,
  PanelErrorAction,
  PlacementLine,
  StyleView,
} from '../../../shared/protocol';
import type { ImageJobResult } from '../../../src/core/job/imageJob';
import { modelOptionsView } from '../../../src/core/apis/optionsView';
import { HistoryStore, type HistoryStorage } from '../../../src/studio/historyStore';
import type { PanelJob, StudioBackend, StudioHost } from '../../../src/studio/ports';
import { altText } from '../../../src/core/text/markdown';
import type { ImageType } from '../../../src/core/imageType';
import type { Logger } from '../../../src/core/logger';

export const WS = '/ws';
/** A `file:` URI from the `vscode` stub (test/support/vscodeStub.ts), the one fake Uri the tests share. */
export const file = (p: string): vscode.Uri => vscode.Uri.file(p);

export class FakeHost implements StudioHost {
  readonly posted: HostToWebview[] = [];
  readonly files = new Set<string>();
  readonly calls: string[] = [];
  targetUri: vscode.Uri | undefined = file(`${WS}/docs/README.md`);

  post(msg: HostToWebview): void {
    this.posted.push(msg);
  }
  ofType<K extends HostToWebview['type']>(type: K): Extract<HostToWebview, { type: K }>[] {
    return this.posted.filter((m): m is Extract<HostToWebview, { type: K }> => m.type === type);
  }
  asWebviewUri(uri: vscode.Uri): string {
    return `https://webview.test${uri.path}`;
  }
  parseUri(text: string): vscode.Uri {
    return vscode.Uri.parse(text);
  }
  async isInWorkspace(uri: vscode.Uri): Promise<boolean> {
    const parts = uri.path.split('/');
    return uri.scheme === 'file' && uri.path.startsWith(`${WS}/`) && !parts.includes('..') && !parts.includes('.');
  }
  async exists(uri: vscode.Uri): Promise<boolean> {
    return this.files.has(uri.path);
  }
  target(): vscode.Uri | undefined {
    return this.targetUri;
  }
  async copyText(text: string): Promise<void> {
    this.calls.push(`copy ${text}`);
  }
  async reveal(uri: vscode.Uri): Promise<void> {
    this.calls.push(`reveal ${uri.path}`);
  }
  async open(uri: vscode.Uri): Promise<void> {
    this.calls.push(`open ${uri.path}`);
  }
  async openSettings(): Promise<void> {
    this.calls.push('openSettings');
  }
  async reusePrompt(uri: vscode.Uri): Promise<void> {
    this.calls.push(`reusePrompt ${uri.path}`);
  }
  locale(): string {
    return 'en';
  }
}

type Generate = StudioBackend['generate'];

export class FakeBackend implements StudioBackend {
  readonly jobs: PanelJob[] = [];
  readonly calls: string[] = [];
  readonly saved: { bytes: Uint8Array; type: ImageType }[] = [];
  /** Replace to script an answer; the default draws one file. */
  onGenerate: Generate = async (job, onProgress) => {
    onProgress({ percent: 50, text: 'Drawing' });
    return {
      files: [file(`${WS}/images/out-${this.jobs.length}.png`)],
      markdown: '![x](x.png)',
      text: 'Here you go',
      model: job.model,
      prompt: job.prompt,
      failures: [],
      api: 'chat',
      images: [{ variation: 0 }],
      droppedOptions: [],
    };
  };

  generate: Generate = (job, onProgress, signal) => {
    this.jobs.push(job);
    return this.onGenerate(job, onProgress, signal);
  };
  /** Records the alt text the real backend would put in the link. */
  async insertMarkdown(target: vscode.Uri | undefined, files: vscode.Uri[], prompt: string): Promise<void> {
    this.calls.push(`insert ${target?.path} ${files.map((f) => f.path).join(',')} ${altText(prompt)}`);
  }
  async markdownFor(_target: vscode.Uri | undefined, files: vscode.Uri[], prompt: string): Promise<string> {
    return files.map((f) => `![${altText(prompt)}](${f.path})`).join('\n');
  }
  /** The placement line the panel shows; none unless a test sets one. */
  placementLine: PlacementLine | undefined;
  async placement(): Promise<PlacementLine | undefined> {
    return this.placementLine;
  }
  describeError(e: unknown): ErrorView<PanelErrorAction> {
    const kind = e instanceof Error && e.name === 'AbortError' ? 'cancelled' : 'server';
    return { kind, message: `failed: ${e instanceof Error ? e.message : String(e)}`, actions: ['retry'] };
  }
  async setApiKey(): Promise<void> {
    this.calls.push('setApiKey');
  }
  async saveUnsaved(): Promise<void> {
    this.calls.push('saveUnsaved');
  }
  /** The workspace style the panel shows; none unless a test sets one. */
  style: StyleView | undefined;
  async workspaceStyle(): Promise<StyleView | undefined> {
    return this.style;
  }
  async pickWorkspaceImages(): Promise<vscode.Uri[]> {
    return [file(`${WS}/picked.png`)];
  }
  async saveReferenceImage(bytes: Uint8Array, type: ImageType): Promise<vscode.Uri> {
    this.saved.push({ bytes, type });
    return file(`${WS}/images/pasted-${this.saved.length}.${type.ext}`);
  }
  models() {
    return [{ id: 'gpt-4o-image', label: 'gpt-4o-image' }];
  }
  /** What refreshModels shows (undefined: the gateway's list changed nothing). */
  refreshed: ModelChoice[] | undefined;
  async refreshModels(show: (models: ModelChoice[]) => void): Promise<void> {
    if (this.refreshed) show(this.refreshed);
  }
  /** The estimates asked for, and what they are answered with. */
  readonly estimates: { model: string; options: StudioOptions }[] = [];
  estimate(request: { model: string; options: StudioOptions }): string {
    this.estimates.push({ model: request.model, options: request.options });
    return `estimate for ${request.model} × ${request.options.variations ?? 1}`;
  }
  costOf(result: ImageJobResult<vscode.Uri>): string | undefined {
    return result.cost?.total === undefined ? undefined : `¥${result.cost.total.toFixed(2)}`;
  }
  balanceText: string | undefined;
  async balance(): Promise<string | undefined> {
    return this.balanceText;
  }
  defaults() {
    return { model: 'gpt-4o-image' };
  }
  modelOptions(model: string, api?: ApiChoice) {
    return modelOptionsView(model, api);
  }
}

export class MemoryStorage implements HistoryStorage {
  text: string | undefined;
  writes = 0;
  async read(): Promise<string | undefined> {
    return this.text;
  }
  async write(text: string): Promise<void> {
    this.writes++;
    this.text = text;
  }
}

export function memoryHistory(host: FakeHost, log: Logger, storage = new MemoryStorage()): HistoryStore {
  return new HistoryStore(storage, async (uri) => host.files.has(vscode.Uri.parse(uri).path), log);
}
