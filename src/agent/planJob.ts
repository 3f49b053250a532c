// A tool call, checked and resolved before the key is used or anything is sent or written:
// the prompt, the model, where the files go, the Markdown file and the images to edit.
import * as path from 'node:path';
import type { ReferenceImage } from '../core/apis/chat/requestBody';
import { ImageError } from '../core/errors';
import { buildFileBaseNames, resolveOutputFolder, sanitizeBaseName } from '../core/files/naming';
import { readImageFile, type FileStore } from '../core/files/saveImages';
import { chatCompletionsUrl, checkModelId, cleanPrompt } from '../core/validateInput';
import type { Settings } from '../vscode/settings';
import type { EditImageInput, GenerateImageInput, ToolKind } from './toolInputs';
import { checkRealInside, pathInRoot, resolveInRoot, rootRelative, type AgentRoot } from './workspacePaths';

const posix = path.posix;

/** Reference images above this are refused before upload (GeekAI answers 413 well below 50 MB). */
const MAX_REFERENCE_BYTES = 20 * 1024 * 1024;
const MARKDOWN_EXT = /\.(md|markdown|mdx)$/i;

export interface PlanContext {
  root: AgentRoot;
  store: FileStore;
  settings: Settings;
  now: Date;
}

export interface AgentJob {
  kind: ToolKind;
  /** As sent: control characters stripped, trimmed. */
  prompt: string;
  model: string;
  /** Separate requests, one after the other. */
  count: number;
  aspectRatio?: string;
  imageSize?: string;
  references: ReferenceImage[];
  /** Absolute posix folder the images are saved in. */
  folder: string;
  /** One base name per image of one answer. */
  baseNames: (count: number) => string[];
  /** Absolute path of the Markdown file the links are relative to and appended to. */
  markdownFile?: string;
  root: string;
}

function common(input: { prompt: string; model?: string }, settings: Settings): { prompt: string; model: string } {
  const prompt = cleanPrompt(input.prompt);
  const model = checkModelId(input.model?.trim() || settings.model);
  chatCompletionsUrl(settings.baseUrl);
  return { prompt, model };
}

async function markdownFile(ctx: PlanContext, userPath: string | undefined): Promise<string | undefined> {
  if (userPath === undefined) return undefined;
  const p = await pathInRoot(ctx.root, userPath);
  if (!MARKDOWN_EXT.test(p)) throw new ImageError('invalidInput', 'not a Markdown file', { reason: 'notMarkdown', params: { path: userPath } });
  const stat = await ctx.store.stat(p);
  if (stat?.type !== 'file') throw new ImageError('invalidInput', 'no such Markdown file', { reason: 'missingMarkdown', params: { path: userPath } });
  return p;
}

/** A folder the model named (relative, or absolute inside the root) as an output-folder pattern relative to the root. */
function folderPattern(root: string, userFolder: string | undefined, fallback: string): string {
  if (userFolder === undefined || userFolder.trim() === '') return fallback;
  return rootRelative(root, resolveInRoot(root, userFolder));
}

export async function planGenerate(input: GenerateImageInput, ctx: PlanContext): Promise<AgentJob> {
  const { prompt, model } = common(input, ctx.settings);
  const root = ctx.root.path;
  const doc = await markdownFile(ctx, input.markdownFile);
  const folder = resolveOutputFolder({
    pattern: folderPattern(root, input.outputFolder, ctx.settings.outputFolder),
    workspaceRoot: root,
    documentPath: doc,
    now: ctx.now,
  });
  await checkRealInside(ctx.root, folder, input.outputFolder ?? rootRelative(root, folder));
  return {
    kind: 'generate',
    prompt,
    model,
    count: input.count ?? 1,
    aspectRatio: input.aspectRatio ?? (ctx.settings.aspectRatio || undefined),
    imageSize: input.imageSize ?? (ctx.settings.imageSize || undefined),
    references: [],
    folder,
    baseNames: (count) => buildFileBaseNames({ pattern: ctx.settings.fileName, prompt, model, documentPath: doc, now: ctx.now, count }),
    markdownFile: doc,
    root,
  };
}

export async function planEdit(input: EditImageInput, ctx: PlanContext): Promise<AgentJob> {
  const { prompt, model } = common(input, ctx.settings);
  const doc = await markdownFile(ctx, input.markdownFile);
  const sources: string[] = [];
  const references: ReferenceImage[] = [];
  for (const userPath of input.images) {
    const p = await pathInRoot(ctx.root, userPath);
    const img = await readImageFile(ctx.store, p, MAX_REFERENCE_BYTES);
    sources.push(p);
    references.push({ name: img.name, bytes: img.bytes, mime: img.mime });
  }
  const first = sources[0] as string;
  const base = sanitizeBaseName(`${posix.basename(first).replace(/\.[^.]*$/, '')}-edited`);
  return {
    kind: 'edit',
    prompt,
    model,
    count: 1,
    references,
    folder: posix.dirname(first),
    baseNames: (count) => Array.from({ length: count }, (_, i) => (count > 1 ? `${base}-${i + 1}` : base)),
    markdownFile: doc,
    root: ctx.root.path,
  };
}
