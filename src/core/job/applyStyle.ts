// The workspace style applied to a job: read from the folder the job belongs to, refused with
// its problem named when invalid (before any key or byte is used), skipped when the job says so.
import { posix } from 'node:path';
import { ImageError, isImageError } from '../errors';
import type { Roots } from '../files/destination';
import { checkInsideWorkspace } from '../files/paths';
import { STYLE_FILE_MAX_BYTES } from '../limits';
import type { FileStore } from '../files/saveImages';
import {
  parseStyle,
  STYLE_FILE,
  styledPrompt,
  styleFieldOffset,
  type StyleProblem,
  type WorkspaceStyle,
} from '../style/workspaceStyle';
import type { ImageJob } from './imageJob';
import type { Settings } from './settings';

const STYLE_PROBLEM_TEXT: Record<StyleProblem['reason'], string> = {
  notJson: 'is not valid JSON',
  badField: 'has a value that is not allowed in',
  unknownField: 'is not a style field, in',
  escapesWorkspace: 'points outside the workspace folder, in',
  tooLarge: 'is too large to be a style:',
};

/** The workspace folder whose style applies to `job`: the one holding its document or source, else the first. */
export function styleRoot(job: Pick<ImageJob, 'document' | 'besideSource'>, roots: Roots): string | undefined {
  return (job.document && roots.of(job.document)) ?? (job.besideSource && roots.of(job.besideSource)) ?? roots.all[0];
}

/** Whether `root` has a style file (looked at, not read: an untrusted workspace's is left unread). */
export async function hasWorkspaceStyle(files: FileStore, root: string): Promise<boolean> {
  return (await files.stat(posix.join(root, STYLE_FILE)).catch(() => undefined))?.type === 'file';
}

/**
 * The style of `root`: undefined when it has none; throws `invalidInput`/`badStyle` naming the
 * first problem when it is invalid (a reference outside the workspace folders `inside`, by text
 * or through a link, is one), and `escapesWorkspace` when the file itself is a link leading out.
 */
export async function readWorkspaceStyle(
  files: FileStore,
  root: string,
  inside: readonly string[],
): Promise<WorkspaceStyle | undefined> {
  const file = posix.join(root, STYLE_FILE);
  const stat = await files.stat(file).catch(() => undefined);
  if (stat?.type !== 'file') return undefined;
  await checkInsideWorkspace(files, inside, file, 'read');
  // A repository's file: one over the limit is refused unread.
  if (stat.size !== undefined && stat.size > STYLE_FILE_MAX_BYTES)
    throw styleError({ reason: 'tooLarge', field: '' }, file, '');
  const text = new TextDecoder().decode(await files.readFile(file));
  const result = parseStyle(text, root);
  if (result.ok) {
    const outside = await firstOutside(files, inside, result.style.references);
    if (outside === undefined) return result.style;
    throw styleError({ reason: 'escapesWorkspace', field: `references.${outside}` }, file, text);
  }
  throw styleError(result.problems[0] ?? { reason: 'notJson', field: '' }, file, text);
}

/** The index of the first reference a link carries out of the workspace, if any. */
async function firstOutside(
  files: FileStore,
  inside: readonly string[],
  references: readonly string[],
): Promise<number | undefined> {
  for (const [i, ref] of references.entries()) {
    try {
      await checkInsideWorkspace(files, inside, ref, 'read');
    } catch (e) {
      if (isImageError(e) && e.reason === 'escapesWorkspace') return i;
      throw e;
    }
  }
  return undefined;
}

/** The error naming `first`, with where it is in `file` (whose text is `text`). */
function styleError(first: StyleProblem, file: string, text: string): ImageError {
  const what = first.field ? `"${first.field}" ${STYLE_PROBLEM_TEXT[first.reason]}` : STYLE_PROBLEM_TEXT[first.reason];
  return new ImageError('invalidInput', `the workspace style: ${what} ${STYLE_FILE}`, {
    reason: 'badStyle',
    // `path` and `offset`: the message's button opens the file with the cursor at the field.
    params: {
      file: STYLE_FILE,
      field: first.field,
      problem: first.reason,
      path: file,
      offset: styleFieldOffset(text, first.field),
    },
  });
}

/** What the job sends once the style is applied: the prompt, references, model, aspect ratio and settings. */
export interface StyledJob {
  /** The prompt as sent: the style's prompt appended. File names, alt text and provenance keep the job's own. */
  requestPrompt: string;
  job: ImageJob;
  settings: Settings;
}

/** The style's defaults fill what the job leaves unset; its references come after the job's own. */
export function applyStyle(job: ImageJob, settings: Settings, style: WorkspaceStyle | undefined): StyledJob {
  if (!style) return { requestPrompt: job.prompt, job, settings };
  const references = [...job.references, ...style.references.filter((r) => !job.references.includes(r))];
  return {
    requestPrompt: styledPrompt(job.prompt, style),
    job: { ...job, references, model: job.model ?? style.model, aspectRatio: job.aspectRatio ?? style.aspectRatio },
    settings: style.saveFormat ? { ...settings, saveFormat: style.saveFormat } : settings,
  };
}
