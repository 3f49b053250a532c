// A tool call, checked and resolved before the key is used or anything is sent or written:
// the prompt, the model, where the files go (core's destination rules), the Markdown file and
// the images to edit, each kept inside the root with symlinks followed.
import { ImageError } from '../core/errors';
import { besideDestination, outputDestination, pathRoots } from '../core/files/destination';
import { readImageFile, type FileStore } from '../core/files/saveImages';
import type { ImageJob } from '../core/job/imageJob';
import { MAX_REFERENCE_BYTES } from '../core/job/runImageJob';
import { settingsOptions, type Settings } from '../core/job/settings';
import type { ModelCatalog } from '../core/modelCatalog';
import { estimateJob, type JobEstimate } from '../core/job/estimateJob';
import { checkRequest } from '../core/validateInput';
import type { EditImageInput, GenerateImageInput, ToolKind } from './toolInputs';
import { checkRealInside, pathInRoot, resolveInRoot, rootRelative, type AgentRoot } from './workspacePaths';

const MARKDOWN_EXT = /\.(md|markdown|mdx)$/i;

export interface PlanContext {
  root: AgentRoot;
  store: FileStore;
  settings: Settings;
  now: Date;
}

export interface AgentJob {
  kind: ToolKind;
  /** What core runs, once per variation; paths are absolute posix. */
  job: ImageJob;
  /** The settings it runs with (an explicit output folder replaces the setting's pattern). */
  settings: Settings;
  /** As sent: control characters stripped, trimmed. */
  prompt: string;
  model: string;
  /** Variations: each a paid request unless the model makes several in one. */
  count: number;
  /** File names of the images sent. */
  sent: string[];
  /** Absolute posix folder the images are saved in. */
  folder: string;
  /** Absolute path of the Markdown file the links are relative to and appended to. */
  markdownFile?: string;
  root: string;
  /** What it is expected to cost (set by `planTool` from the catalog; `total` absent: price unknown). */
  estimate?: JobEstimate;
}

/** The job's estimate from `catalog`, with the settings' options under the call's own. */
export function estimateAgentJob(job: AgentJob, catalog: ModelCatalog): JobEstimate {
  const own = Object.fromEntries(
    Object.entries({ aspectRatio: job.job.aspectRatio, imageSize: job.job.imageSize, ...job.job.options }).filter(
      ([, v]) => v !== undefined && v !== '',
    ),
  );
  return estimateJob(catalog, job.model, job.job.api ?? job.settings.api, { ...settingsOptions(job.settings), ...own });
}

function checked(input: { prompt: string; model?: string }, settings: Settings): { prompt: string; model: string } {
  const { prompt, model } = checkRequest({
    prompt: input.prompt,
    model: input.model?.trim() || settings.model,
    baseUrl: settings.baseUrl,
  });
  return { prompt, model };
}

async function markdownFile(ctx: PlanContext, userPath: string | undefined): Promise<string | undefined> {
  if (userPath === undefined) return undefined;
  const p = await pathInRoot(ctx.store, ctx.root, userPath);
  if (!MARKDOWN_EXT.test(p))
    throw new ImageError('invalidInput', 'not a Markdown file', { reason: 'notMarkdown', params: { path: userPath } });
  const stat = await ctx.store.stat(p);
  if (stat?.type !== 'file')
    throw new ImageError('invalidInput', 'no such Markdown file', {
      reason: 'missingMarkdown',
      params: { path: userPath },
    });
  return p;
}

/** A folder the model named (relative, or absolute inside the root), as an output-folder pattern relative to the root. */
function folderPattern(root: string, userFolder: string | undefined, fallback: string): string {
  if (userFolder === undefined || userFolder.trim() === '') return fallback;
  return rootRelative(root, resolveInRoot(root, userFolder));
}

export async function planGenerate(input: GenerateImageInput, ctx: PlanContext): Promise<AgentJob> {
  const { prompt, model } = checked(input, ctx.settings);
  const root = ctx.root.path;
  const doc = await markdownFile(ctx, input.markdownFile);
  const settings = {
    ...ctx.settings,
    outputFolder: folderPattern(root, input.outputFolder, ctx.settings.outputFolder),
  };
  const dest = outputDestination({
    roots: pathRoots([root]),
    document: doc,
    outputFolder: settings.outputFolder,
    now: ctx.now,
  });
  const folder = dest?.folder ?? root;
  await checkRealInside(ctx.store, ctx.root, folder, input.outputFolder ?? rootRelative(root, folder));
  return {
    kind: 'generate',
    job: {
      prompt,
      model,
      aspectRatio: input.aspectRatio,
      imageSize: input.imageSize,
      references: [],
      document: doc,
      options: { n: input.count ?? 1 },
    },
    settings,
    prompt,
    model,
    count: input.count ?? 1,
    sent: [],
    folder,
    markdownFile: doc,
    root,
  };
}

export async function planEdit(input: EditImageInput, ctx: PlanContext): Promise<AgentJob> {
  const { prompt, model } = checked(input, ctx.settings);
  const root = ctx.root.path;
  const doc = await markdownFile(ctx, input.markdownFile);
  const sources: string[] = [];
  const sent: string[] = [];
  for (const userPath of input.images) {
    const p = await pathInRoot(ctx.store, ctx.root, userPath);
    // Read now so a missing file or a non-image is refused before the confirmation.
    sent.push((await readImageFile(ctx.store, p, MAX_REFERENCE_BYTES, [root])).name);
    sources.push(p);
  }
  const first = sources[0];
  return {
    kind: 'edit',
    job: { prompt, model, references: sources, document: doc, besideSource: first, options: { n: 1 } },
    settings: ctx.settings,
    prompt,
    model,
    count: 1,
    sent,
    folder: besideDestination(pathRoots([root]), first).folder,
    markdownFile: doc,
    root,
  };
}
