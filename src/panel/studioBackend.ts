// Everything the Studio panel needs that is not UI. The lead's adapter implements it with the
// one GenerationService, so the panel never holds a second copy of generate/save/insert logic.
import type * as vscode from 'vscode';
import type { ErrorAction, ModelChoice, StudioDefaults } from '../../shared/protocol';
import type { ImageType } from '../core/images/imageType';

export interface StudioJob {
  prompt: string;
  model: string;
  aspectRatio?: string;
  imageSize?: string;
  /** Reference images; an edit when non-empty. */
  references: vscode.Uri[];
  /** The Markdown document the result is meant for (decides the output folder and relative links). */
  targetDocument?: vscode.Uri;
}

export interface StudioJobResult {
  files: vscode.Uri[];
  markdown: string;
  /** What the model wrote beside the image (untrusted; shown as text). */
  text: string;
  model: string;
}

export interface StudioErrorView {
  kind: string;
  /** Localised sentence for the user. */
  message: string;
  /** Redacted server or model text worth showing, e.g. the reply that held no image. */
  detail?: string;
  actions: ErrorAction[];
}

export interface StudioBackend {
  generate(
    job: StudioJob,
    onProgress: (p: { percent?: number; text: string }) => void,
    signal: AbortSignal,
  ): Promise<StudioJobResult>;
  /** Inserts links to `files` at the cursor of `target` (or the active Markdown editor). */
  insertMarkdown(target: vscode.Uri | undefined, files: vscode.Uri[], alt: string): Promise<void>;
  markdownFor(target: vscode.Uri | undefined, files: vscode.Uri[], alt: string): string;
  describeError(e: unknown): StudioErrorView;
  setApiKey(): Promise<void>;
  /** Offers Save As… for the images of the last job whose write the workspace refused. */
  saveUnsaved(): Promise<void>;
  pickWorkspaceImages(): Promise<vscode.Uri[]>;
  /**
   * Saves a pasted or dropped-from-disk image (bytes already sniffed) into the workspace,
   * never overwriting, and returns its URI. `nameHint` is untrusted and may be ignored.
   */
  saveReferenceImage(bytes: Uint8Array, type: ImageType, nameHint: string, targetDocument?: vscode.Uri): Promise<vscode.Uri>;
  models(): ModelChoice[];
  defaults(): StudioDefaults;
}
