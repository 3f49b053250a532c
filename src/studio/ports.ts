// What the Studio panel needs from outside, as two ports, so the session runs under plain mocha
// with fakes. StudioHost is the webview and window (`vscodeStudioHost.ts`); StudioBackend is
// everything that is not UI (`src/studio/studioBackend.ts`, built on the one
// GenerationService, so the panel has no generate/save/insert logic of its own).
import type * as vscode from 'vscode';
import type { ApiSetting, ModelOptionsView, StudioOptions } from '../../shared/imageVocabulary';
import type {
  ErrorView,
  HostToWebview,
  ModelChoice,
  PanelErrorAction,
  PlacementLine,
  StudioDefaults,
  StyleView,
} from '../../shared/protocol';
import type { ImageJob, ImageJobResult } from '../core/job/imageJob';
import type { ImageType } from '../core/imageType';

export interface StudioHost {
  /** Posts to the webview; dropped until the webview has said `ready`. */
  post(msg: HostToWebview): void;
  asWebviewUri(uri: vscode.Uri): string;
  /** Throws on text that is not a URI. */
  parseUri(text: string): vscode.Uri;
  /** Whether `uri` is inside an open workspace folder by real path (the webview may only read those). */
  isInWorkspace(uri: vscode.Uri): Promise<boolean>;
  /** Whether `uri` is an existing file. */
  exists(uri: vscode.Uri): Promise<boolean>;
  /** The Markdown document Insert goes to: the last one the user had active. */
  target(): vscode.Uri | undefined;
  copyText(text: string): Promise<void>;
  reveal(uri: vscode.Uri): Promise<void>;
  open(uri: vscode.Uri): Promise<void>;
  openSettings(): Promise<void>;
  /** Reuse Prompt in Studio on `uri`: the command's own path (provenance, else the history; the references attached). */
  reusePrompt(uri: vscode.Uri): Promise<void>;
  /** VS Code's display language, e.g. `en` or `zh-cn`. */
  locale(): string;
}

/** The panel always names its model (the picker's choice). */
export type PanelJob = ImageJob<vscode.Uri> & { model: string };

/** A job's progress as the panel shows it; `preview` is a partial image (Responses API) as a checked data URL. */
export interface PanelProgress {
  percent?: number;
  text: string;
  preview?: { variation: number; index: number; dataUrl: string };
  /** Set while the job waits for a free place (1 = next). */
  place?: number;
}

export interface StudioBackend {
  generate(
    job: PanelJob,
    onProgress: (p: PanelProgress) => void,
    signal: AbortSignal,
  ): Promise<ImageJobResult<vscode.Uri>>;
  /** The controls that apply to `model` on `api` (the `api` setting when absent). */
  modelOptions(model: string, api?: ApiSetting): ModelOptionsView;
  /** Inserts links to `files` at the cursor of `target` (or the active Markdown editor); alt text from `prompt`. */
  insertMarkdown(target: vscode.Uri | undefined, files: vscode.Uri[], prompt: string): Promise<void>;
  /** The links Insert would write, for Copy Markdown. */
  markdownFor(target: vscode.Uri | undefined, files: vscode.Uri[], prompt: string): Promise<string>;
  /** Where a generation for `target` would save and how it would link (the job's own rule); undefined when that is not known (no folder open, a bad outputFolder pattern). */
  placement(target: vscode.Uri | undefined): Promise<PlacementLine | undefined>;
  /** No "Show Log" in the panel: it offers the other actions. */
  describeError(e: unknown): ErrorView<PanelErrorAction>;
  setApiKey(): Promise<void>;
  /** Offers Save As… for the images of the last job whose write the workspace refused. */
  saveUnsaved(): Promise<void>;
  /** The workspace style a job for `target` would use (`problem` set when it is invalid); undefined when there is none. */
  workspaceStyle(target: vscode.Uri | undefined): Promise<StyleView | undefined>;
  pickWorkspaceImages(): Promise<vscode.Uri[]>;
  /**
   * Saves a pasted or dropped-from-disk image (bytes already sniffed) where a generated image
   * for `document` would go, never overwriting, and returns its URI. `nameHint` is untrusted.
   */
  saveReferenceImage(bytes: Uint8Array, type: ImageType, nameHint: string, document?: vscode.Uri): Promise<vscode.Uri>;
  /** The image models the picker offers, from what is at hand (the gateway's list once it has arrived). */
  models(): ModelChoice[];
  /**
   * Asks the gateway for its list, then for the prices it lacks; `show` gets the picker's models
   * each time that changed them (and once the prices are in when they changed any: the panel's
   * estimate is asked again). Nothing waits on it: the panel shows `models()` meanwhile.
   */
  refreshModels(show: (models: ModelChoice[]) => void): Promise<void>;
  /** What a job with these controls would cost, in words: "≈ ¥0.12 · 3 images", or that the price is unknown. */
  estimate(
    request: { model: string; aspectRatio?: string; imageSize?: string; options: StudioOptions },
    target: vscode.Uri | undefined,
  ): string;
  /** What a finished job cost, as a card shows it (`¥0.15`), or undefined when the price is unknown. */
  costOf(result: ImageJobResult<vscode.Uri>): string | undefined;
  /** The GeekAI balance for the header, when a balance key is set ("¥0.37"); undefined otherwise or when it cannot be had. */
  balance(): Promise<string | undefined>;
  defaults(): StudioDefaults;
  /** The option controls that apply to `model` on the API it would use (`api`, else the `api` setting). */
  modelOptions(model: string, api?: ApiSetting): ModelOptionsView;
}

// The gallery's port is the image library's (the adapter implements it; the Studio reads it).
export type { GalleryItem, StudioGallery } from '../vscode/library/libraryGallery';
