// One image job as every entry point states it (the commands, the panel, and any caller
// without VS Code), and what it produced. `F` names a file: a posix path in core, a
// `vscode.Uri` in the adapter, which maps one to the other.
import type { ImageError } from '../errors';

export interface ImageJob<F = string> {
  prompt: string;
  /** Overrides the `model` setting (the panel's picker). */
  model?: string;
  aspectRatio?: string;
  imageSize?: string;
  /** Images sent along; an edit when non-empty. */
  references: readonly F[];
  /** The Markdown document the result is for: decides the output folder and what links are relative to. */
  document?: F;
  /** For edits: save beside this file, named after it, instead of in the output folder. */
  besideSource?: F;
}

export interface ImageJobResult<F = string> {
  files: F[];
  /** Ready to insert: one `![alt](path)` per line, relative to the document (or the root the files went to). */
  markdown: string;
  /** The model's words that came with the image(s); untrusted, shown as text only. */
  text: string;
  model: string;
  prompt: string;
  /** Images the answer named but that could not be fetched; the others were saved. */
  failures: ImageError[];
}

/** The model a job uses: its own (the panel's picker), else the `model` setting. Trimmed here, once. */
export function jobModel(job: Pick<ImageJob<unknown>, 'model'>, settings: { model: string }): string {
  return job.model?.trim() || settings.model;
}
