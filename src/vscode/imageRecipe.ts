// What made a workspace image, for Reuse Prompt in Studio and Regenerate: the provenance written
// in the file, else the Studio history's entry for it. References are attached only when the
// same file (same name, same SHA-256) is still in the workspace. Nothing outside the workspace
// (by real path) is read: not the image, not a candidate reference.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { jobOptionsOf, type ApiKind, type StudioOptions } from '../../shared/imageVocabulary';
import type { HeavyWork } from '../core/heavy/heavyWork';
import { matchReferences, recipeFromProvenance, type ImageRecipe } from '../core/publish/recipe';
import { MAX_REFERENCE_BYTES } from '../core/job/runImageJob';
import { headFacts, readImageFileHead } from './imageFileHead';
import type { WorkspacePort } from './ports';
import { checkInWorkspace, isInWorkspace } from './workspaceRoots';

/** A recipe with its references as workspace files (those still there, unchanged). */
export interface FoundRecipe extends Omit<ImageRecipe, 'references'> {
  references: vscode.Uri[];
  /** Where it came from: the file's own provenance or the Studio history. */
  from: 'file' | 'history';
  /** References named in the provenance with no such file left. */
  missing: string[];
  /** References whose file holds other bytes now (left out). */
  changed: string[];
}

/** What a Studio history entry says of the image it saved (the Studio's history store keeps entries of this shape). */
export interface HistoryRecipe {
  prompt: string;
  model: string;
  api?: ApiKind;
  aspectRatio?: string;
  imageSize?: string;
  references: readonly string[];
  /** What the panel asked for, its option controls. */
  request?: StudioOptions;
  /** What it cost as the card showed it (`¥0.15`, `≈ ¥0.15`). */
  cost?: string;
}

export interface RecipeSources {
  workspace: WorkspacePort;
  /** The Studio history's newest entry that saved this file (a URI string). */
  historyEntry(uri: string): Promise<HistoryRecipe | undefined>;
  /** Large files' provenance and references' hashes off the host thread; on it when absent. */
  heavy?: HeavyWork;
}

/** `refused`: the workspace wall's error (the image is outside the workspace). */
export type RecipeLookup = { found: FoundRecipe } | { found: undefined; unreadable: boolean; refused?: unknown };

/** With no folder open, the image's own folder stands in for the workspace. */
const homeOf = (image: vscode.Uri): vscode.Uri =>
  image.with({ path: path.posix.dirname(image.path), query: '', fragment: '' });

async function fromFile(src: RecipeSources, image: vscode.Uri, head: Uint8Array): Promise<FoundRecipe | undefined> {
  const heavy = src.heavy;
  const p = (await headFacts(head, heavy)).provenance;
  const recipe = p && recipeFromProvenance(p);
  if (!recipe) return undefined;
  const { references, ...rest } = recipe;
  const candidates =
    references.length === 0 ? [] : (await src.workspace.findImages()).map((u) => ({ file: u, path: u.path }));
  // findFiles follows links: a candidate leading outside is refused before it is read (and so never matches).
  const read = async (u: vscode.Uri): Promise<Uint8Array> => {
    await checkInWorkspace(src.workspace, u, 'read', homeOf(image));
    // A file larger than any reference cannot be one: not read (it would be hashed whole).
    if ((await src.workspace.fs.stat(u)).size > MAX_REFERENCE_BYTES) throw new Error('larger than a reference may be');
    return src.workspace.fs.readFile(u);
  };
  const matched = await matchReferences(references, candidates, read, image.path, heavy && ((b) => heavy.sha256(b)));
  return { ...rest, references: matched.found, from: 'file', missing: matched.missing, changed: matched.changed };
}

async function fromHistory(src: RecipeSources, image: vscode.Uri): Promise<FoundRecipe | undefined> {
  const e = await src.historyEntry(image.toString());
  if (!e) return undefined;
  const r = e.request ?? {};
  const { options } = jobOptionsOf(r);
  const references: vscode.Uri[] = [];
  const missing: string[] = [];
  for (const text of e.references) {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(text, true);
    } catch {
      continue;
    }
    const there = await Promise.resolve(src.workspace.fs.stat(uri)).then(
      () => true,
      () => false,
    );
    // A reference now outside the workspace (through a link) counts as no longer in it.
    if (there && (await isInWorkspace(src.workspace, uri, homeOf(image)).catch(() => false))) references.push(uri);
    else missing.push(uri.path.slice(uri.path.lastIndexOf('/') + 1));
  }
  return {
    prompt: e.prompt,
    model: e.model,
    api: r.api && r.api !== 'auto' ? r.api : e.api,
    aspectRatio: e.aspectRatio,
    imageSize: e.imageSize,
    options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    references,
    from: 'history',
    missing,
    changed: [],
  };
}

/** The recipe of `image`; `unreadable` when the file itself could not be read. */
export async function findRecipe(src: RecipeSources, image: vscode.Uri): Promise<RecipeLookup> {
  try {
    await checkInWorkspace(src.workspace, image, 'read', homeOf(image));
  } catch (e) {
    return { found: undefined, unreadable: false, refused: e };
  }
  // Only the file's head, where its provenance is: never the pixels.
  let head: Uint8Array;
  try {
    head = (await readImageFileHead(src.workspace.fs, image)).head;
  } catch {
    return { found: undefined, unreadable: true };
  }
  const found = (await fromFile(src, image, head)) ?? (await fromHistory(src, image));
  return found ? { found } : { found: undefined, unreadable: false };
}
