// One image job as every entry point states it (the commands, the panel, and any caller
// without VS Code), and what it produced. `F` names a file: a posix path in core, a
// `vscode.Uri` in the adapter, which maps one to the other.
import type { ApiKind, ApiSetting, ImageOptions } from '../../../shared/imageVocabulary';
import type { ImageError } from '../errors';
import type { JobEstimate } from './estimateJob';
import type { CostEstimate } from '../price/modelPrice';

export interface ImageJob<F = string> {
  prompt: string;
  /** Overrides the `model` setting (the panel's picker). */
  model?: string;
  aspectRatio?: string;
  imageSize?: string;
  /** Images sent along; an edit when non-empty. */
  references: readonly F[];
  /** The document the result is for: decides the output folder, what links are relative to and their language. */
  document?: F;
  /** The document's text, where its language reads settings from it (AsciiDoc's `:imagesdir:`, MDX's JSX images). */
  documentText?: string;
  /** For edits: save beside this file, named after it, instead of in the output folder. */
  besideSource?: F;
  /** Overrides the `api` setting. */
  api?: ApiSetting;
  /** Variations, size, quality, background, …: each overrides the setting of the same name. */
  options?: ImageOptions;
  /** PNG the size of the first reference whose transparent pixels mark what may change. */
  mask?: Uint8Array;
  /** Responses API: continue this answer (the model edits its own last image). */
  previousResponseId?: string;
  /** A background job or task the server already runs for this job (resumed after a reload): polled, nothing sent again. */
  resumeId?: string;
  /** Leave the workspace style (`.geekai/style.json`) out of this one job. */
  skipStyle?: boolean;
}

/** What is known about one saved image, in the order of `files`. */
export interface ResultImage {
  /** Which variation (request) it came from, from 0. */
  variation: number;
  /** The prompt the model says it really used. */
  revisedPrompt?: string;
  /** Responses API: the answer "Edit this" continues from. */
  responseId?: string;
}

export interface ImageJobResult<F = string> {
  files: F[];
  /**
   * Ready to insert: one reference per image, each its own block, in the document's language
   * (`![alt](path)` for Markdown), relative to the document (or the root the files went to).
   */
  markdown: string;
  /** The site the document belongs to decided where the images went (`folder`, from the site's root) and how they are linked (`example`). */
  site?: {
    name: string;
    rule: 'static' | 'bundle' | 'assetFolder' | 'colocated' | 'docsFolder';
    folder: string;
    example: string;
  };
  /** The document's language cannot show the asked-for format (`asked`, an extension): the images were saved as `format`. */
  formatForDocument?: { language: string; format: string; asked: string };
  /** The model's words that came with the image(s); untrusted, shown as text only. */
  text: string;
  model: string;
  prompt: string;
  /** Images the answer named but that could not be fetched; the others were saved. */
  failures: ImageError[];
  /** The API that served the job. */
  api: ApiKind;
  /** One per file, in the same order. */
  images: ResultImage[];
  /** Options the model does not take (not sent), for a note in the UI. */
  droppedOptions: (keyof ImageOptions)[];
  /** Images saved as the server sent them because the asked-for conversion failed. */
  conversionFailures?: number;
  /** Of those, the first whose header announced more pixels than are decoded (MAX_DECODE_PIXELS). */
  tooManyPixels?: { width: number; height: number };
  /** Images whose format has no place for provenance (GIF, AVIF), saved without it. */
  provenanceSkipped?: number;
  /** The workspace has a style file that was not applied because the workspace is not trusted. */
  styleSkipped?: 'untrusted';
  /** What the job was expected to cost before it was sent. */
  estimate?: JobEstimate;
  /** What it cost: the answer's `usage`, else the price × the images saved (`total` absent: price unknown). */
  cost?: CostEstimate;
}

/** The model a job uses: its own (the panel's picker), else the `model` setting. Trimmed here, once. */
export function jobModel(job: Pick<ImageJob<unknown>, 'model'>, settings: { model: string }): string {
  return job.model?.trim() || settings.model;
}
