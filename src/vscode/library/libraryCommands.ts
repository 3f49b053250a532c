// The Images view's actions (also on the explorer's context menu where they take files): Reveal,
// Rename…, Move…, Delete Unused…, and for a broken link Generate and Find the File; and the view's
// own search, filter and grouping. Reuse Prompt, Regenerate and Open in Studio are the existing
// commands, given the row's URI.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import { isImageError } from '../../core/errors';
import { checkInsideWorkspace } from '../../core/files/paths';
import { planMoves, checkNewName, retargetEdits, type NameProblem } from '../../core/library/retargetEdits';
import { compareText, isUnused, searchForm, totalBytes } from '../../core/library/libraryQuery';
import type { ImageReference } from '../../core/library/imageReferences';
import { describeFor } from '../errorMessages';
import type { CommandContext } from '../commands/context';
import { announceSaved, runJob } from '../commands/runJob';
import type { PickItem } from '../ports';
import type { ImageLibrary } from './imageLibrary';
import { brokenLinkOf, imagePathsOf } from './libraryArgs';
import { applyMoves, resolveContext, storeOf } from './libraryEdits';
import { LARGE_IMAGE_BYTES, plain, sizeText, type ViewState } from './libraryNodes';
import type { LibraryPorts } from './libraryPorts';

const posix = path.posix;

export interface LibraryView {
  state: ViewState;
  update(change: Partial<ViewState>): void;
}

export interface LibraryCommandDeps {
  ctx: CommandContext;
  library: ImageLibrary;
  ports: LibraryPorts;
  view: LibraryView;
}

/** A file name as a message shows it: plain text that cannot become a link. */
const named = (p: string): string => plain(posix.basename(p));

function sayRefused(d: LibraryCommandDeps, e: unknown): void {
  const settings = d.ctx.service.settings();
  const message = describeFor(d.ctx, e, settings).message;
  void (isImageError(e) && e.reason === 'escapesWorkspace' ? d.ctx.ui.warn(message) : d.ctx.ui.error(message));
}

function nameProblem(p: NameProblem, ext: string): string {
  switch (p) {
    case 'empty':
      return l10n.t('Type a file name.');
    case 'separator':
      return l10n.t('A name only: use Move… to put the image in another folder.');
    case 'dots':
      return l10n.t('A name cannot start with a dot.');
    case 'control':
      return l10n.t('A name cannot hold control characters or any of < > : " | ? *.');
    case 'tooLong':
      return l10n.t('That name is too long (at most 255 bytes).');
    case 'reserved':
      return l10n.t('Windows reserves that name.');
    case 'extension':
      return l10n.t(
        'Keep the extension {0}: the file stays the same kind of image (Make Web-Ready… converts it).',
        ext,
      );
  }
}

/** The images the arguments name that the index knows (a URI from the explorer may be any file). */
function imagesOf(d: LibraryCommandDeps, clicked: unknown, selected: unknown): string[] {
  return imagePathsOf(clicked, selected).filter((p) => d.library.index.images.has(p));
}

function moved(
  d: LibraryCommandDeps,
  r: { documents: number; links: number; unreadable: string[] },
  what: string,
): void {
  const message =
    r.links === 0
      ? l10n.t('{0}. No document linked to it.', what)
      : r.documents === 1
        ? l10n.t('{0}; {1} links updated in 1 document.', what, r.links)
        : l10n.t('{0}; {1} links updated in {2} documents.', what, r.links, r.documents);
  void d.ctx.ui.info(message);
  if (r.unreadable.length > 0)
    void d.ctx.ui.warn(
      l10n.t(
        'These documents could not be opened, so their links still name the old place: {0}',
        plain(r.unreadable.map((p) => d.library.shown(p)).join(', '), 300),
      ),
    );
}

/** Rename…: one image, a new name in its folder; every link to it follows (one Undo). */
export async function renameImageCommand(d: LibraryCommandDeps, clicked?: unknown, selected?: unknown): Promise<void> {
  await d.library.refresh();
  const [file] = imagesOf(d, clicked, Array.isArray(selected) && selected.length > 1 ? [selected[0]] : undefined);
  if (file === undefined) {
    void d.ctx.ui.info(l10n.t('Pick an image in the Images view or the explorer to rename.'));
    return;
  }
  const old = posix.basename(file);
  const ext = posix.extname(old);
  const name = await d.ctx.ui.input({
    title: l10n.t('Rename {0}', plain(old)),
    prompt: l10n.t('The new file name. Every link to the image in the workspace is updated (one Undo).'),
    value: old,
    validate: (v) => {
      const p = checkNewName(v, old);
      return p === undefined ? undefined : nameProblem(p, ext);
    },
  });
  if (name === undefined || name.trim() === old) return;
  const to = posix.join(posix.dirname(file), name.trim());
  if (
    await storeOf(d.ctx.workspace)
      .stat(to)
      .catch(() => undefined)
  ) {
    void d.ctx.ui.warn(l10n.t('{0} already exists; nothing was renamed.', named(to)));
    return;
  }
  try {
    const r = await applyMoves({ ...d, editors: d.ctx.editors, workspace: d.ctx.workspace }, new Map([[file, to]]));
    if (!r) void d.ctx.ui.error(l10n.t('VS Code refused the change; nothing was renamed.'));
    else moved(d, r, l10n.t('Renamed {0} to {1}', named(file), named(to)));
  } catch (e) {
    sayRefused(d, e);
  }
  await d.library.refresh();
}

/** Move…: one or many images into a folder of the workspace; every link follows (one Undo). */
export async function moveImagesCommand(d: LibraryCommandDeps, clicked?: unknown, selected?: unknown): Promise<void> {
  await d.library.refresh();
  const files = imagesOf(d, clicked, selected);
  if (files.length === 0) {
    void d.ctx.ui.info(l10n.t('Pick images in the Images view or the explorer to move.'));
    return;
  }
  const folder = await d.ctx.ui.pickFolder(
    files.length === 1
      ? l10n.t('Move {0} to…', plain(posix.basename(files[0] ?? '')))
      : l10n.t('Move {0} images to…', files.length),
  );
  if (!folder) return;
  const store = storeOf(d.ctx.workspace);
  try {
    await checkInsideWorkspace(
      store,
      d.ctx.workspace.folders().map((f) => f.path),
      folder.path,
      'write',
    );
  } catch (e) {
    sayRefused(d, e);
    return;
  }
  const plan = await planMoves(
    files,
    folder.path,
    async (p) => (await store.stat(p).catch(() => undefined)) !== undefined,
  );
  if ('clash' in plan) {
    void d.ctx.ui.warn(l10n.t('{0} already exists in that folder; nothing was moved.', named(plan.clash)));
    return;
  }
  if (plan.moves.size === 0) return;
  try {
    const r = await applyMoves({ ...d, editors: d.ctx.editors, workspace: d.ctx.workspace }, plan.moves);
    if (!r) void d.ctx.ui.error(l10n.t('VS Code refused the change; nothing was moved.'));
    else
      moved(
        d,
        r,
        plan.moves.size === 1
          ? l10n.t('Moved {0}', named([...plan.moves.keys()][0] ?? ''))
          : l10n.t('Moved {0} images', plan.moves.size),
      );
  } catch (e) {
    sayRefused(d, e);
  }
  await d.library.refresh();
}

const LISTED_IN_MODAL = 30;

/**
 * Delete Unused…: the unused images among those picked (all unused ones from the view's title),
 * listed in a modal first, then moved to the trash. The index is brought up to date first, so an
 * image linked a moment ago is not taken.
 */
export async function deleteUnusedCommand(d: LibraryCommandDeps, clicked?: unknown, selected?: unknown): Promise<void> {
  await d.library.refresh();
  const picked = clicked === undefined ? [...d.library.index.images.keys()] : imagesOf(d, clicked, selected);
  const unused = picked.filter((p) => isUnused({ path: p }, d.library.uses)).sort(compareText);
  if (unused.length === 0) {
    void d.ctx.ui.info(
      picked.length === 1
        ? l10n.t('{0} is used in a document; nothing was deleted.', named(picked[0] ?? ''))
        : l10n.t('No unused images there; nothing was deleted.'),
    );
    return;
  }
  const bytes = totalBytes(unused.map((p) => d.library.index.images.get(p) ?? { size: 0 }));
  const shown = unused.slice(0, LISTED_IN_MODAL).map((p) => plain(d.library.shown(p), 300));
  if (unused.length > LISTED_IN_MODAL) shown.push(l10n.t('and {0} more', unused.length - LISTED_IN_MODAL));
  const go = l10n.t('Move to Trash');
  const answer = await d.ctx.ui.confirm(
    unused.length === 1
      ? l10n.t('Move 1 unused image ({0}) to the trash?', sizeText(bytes))
      : l10n.t('Move {0} unused images ({1}) to the trash?', unused.length, sizeText(bytes)),
    `${l10n.t('No document in the workspace links to these:')}\n\n${shown.join('\n')}`,
    go,
  );
  if (answer !== go) return;
  const done: string[] = [];
  try {
    const store = storeOf(d.ctx.workspace);
    const roots = d.ctx.workspace.folders().map((f) => f.path);
    for (const p of unused) await checkInsideWorkspace(store, roots, p, 'write');
    for (const p of unused) {
      await d.ports.trash([d.library.uriOf(p)]);
      done.push(p);
    }
    void d.ctx.ui.info(
      done.length === 1
        ? l10n.t('Moved {0} to the trash.', named(done[0] ?? ''))
        : l10n.t('Moved {0} images ({1}) to the trash.', done.length, sizeText(bytes)),
    );
  } catch (e) {
    if (isImageError(e)) sayRefused(d, e);
    else
      void d.ctx.ui.error(
        l10n.t(
          'Could not move {0} to the trash; {1} of {2} were moved.',
          named(unused[done.length] ?? ''),
          done.length,
          unused.length,
        ),
      );
  }
  await d.library.refresh();
}

/** Reveal: the image in the explorer. */
export async function revealImageCommand(d: LibraryCommandDeps, clicked?: unknown): Promise<void> {
  const [file] = imagePathsOf(clicked, undefined);
  if (file !== undefined) await d.ctx.ui.reveal(d.library.uriOf(file));
}

/** Points the broken link's document at `file` instead of the missing one (every link to it there). */
async function repoint(d: LibraryCommandDeps, ref: ImageReference, file: string): Promise<boolean> {
  const uri = d.library.uriOf(ref.document);
  const text = await d.ctx.editors.read(uri);
  if (text === undefined) return false;
  const edits = await retargetEdits(
    resolveContext({ library: d.library, workspace: d.ctx.workspace }),
    ref.document,
    text,
    new Map([[ref.file, file]]),
  );
  return edits.length > 0 && (await d.ctx.editors.replace(uri, edits));
}

/** Generate: an image made from the broken link's alt text (asked for when it has none), and the link pointed at it. */
export async function generateMissingCommand(d: LibraryCommandDeps, clicked?: unknown): Promise<void> {
  const node = brokenLinkOf(clicked);
  if (!node) return;
  if (!d.ctx.workspace.isTrusted()) {
    void d.ctx.ui.warn(
      l10n.t('This workspace is not trusted: nothing is sent from it. Trust it to generate images here.'),
    );
    return;
  }
  const ref = node.reference;
  let prompt = ref.alt.trim();
  if (prompt === '') {
    const typed = await d.ctx.ui.input({
      title: l10n.t('Generate {0}', named(ref.file)),
      prompt: l10n.t('The link has no alt text: what should the image show?'),
      validate: (v) => (v.trim() ? undefined : l10n.t('Describe the image first.')),
    });
    if (typed === undefined || !typed.trim()) return;
    prompt = typed.trim();
  }
  const document = d.library.uriOf(ref.document);
  const outcome = await runJob(d.ctx, { prompt, references: [], document });
  const file = outcome?.files[0];
  if (!outcome || !file) return;
  if (await repoint(d, ref, file.path))
    announceSaved(d.ctx, outcome, l10n.t('The link in {0} now shows the new image:', named(ref.document)));
  else announceSaved(d.ctx, outcome, l10n.t('The link changed meanwhile and was left as it is. Saved:'));
  await d.library.refresh();
}

interface FileItem extends PickItem {
  path: string;
}

/** Find the File: a workspace image picked (those of the same name first), and the link pointed at it. */
export async function findMissingCommand(d: LibraryCommandDeps, clicked?: unknown): Promise<void> {
  const node = brokenLinkOf(clicked);
  if (!node) return;
  await d.library.refresh();
  const ref = node.reference;
  const wanted = searchForm(posix.basename(ref.file));
  const stem = wanted.replace(/\.[^.]*$/, '');
  const rank = (p: string): number => {
    const b = searchForm(posix.basename(p));
    return b === wanted ? 0 : b.startsWith(stem) ? 1 : 2;
  };
  const paths = [...d.library.index.images.keys()].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
  const items: FileItem[] = paths.map((p) => ({
    label: plain(posix.basename(p)),
    description: plain(posix.dirname(d.library.shown(p))),
    path: p,
  }));
  const picked = await d.ctx.ui.pick(items, {
    title: l10n.t('Which file should {0} show?', named(ref.file)),
    placeHolder: l10n.t('Images in the workspace; those of the same name first'),
  });
  if (!picked) return;
  if (await repoint(d, ref, picked.path))
    void d.ctx.ui.info(l10n.t('The link in {0} now shows {1}.', named(ref.document), named(picked.path)));
  else void d.ctx.ui.warn(l10n.t('The link changed meanwhile and was left as it is.'));
  await d.library.refresh();
}

/** Search Images…: prompt, alt text, model or file name. */
export async function searchImagesCommand(d: LibraryCommandDeps): Promise<void> {
  const search = await d.ctx.ui.input({
    title: l10n.t('Search Images'),
    prompt: l10n.t('Words in the prompt, the alt text, the model or the file name (any language). Empty shows all.'),
    value: d.view.state.filter.search ?? '',
    placeHolder: l10n.t('e.g. lighthouse / 海边的猫'),
  });
  if (search === undefined) return;
  const filter = { ...d.view.state.filter };
  if (search.trim() === '') delete filter.search;
  else filter.search = search;
  d.view.update({ filter });
}

interface FilterItem extends PickItem {
  key: 'generated' | 'unused' | 'large' | 'broken';
}

/** Filter Images…: generated by GeekAI, unused, large, broken links (several at once). */
export async function filterImagesCommand(d: LibraryCommandDeps): Promise<void> {
  const s = d.view.state;
  const items: FilterItem[] = [
    {
      key: 'generated',
      label: l10n.t('Generated by GeekAI'),
      description: l10n.t('the file carries its prompt'),
      picked: s.filter.generated === true,
    },
    {
      key: 'unused',
      label: l10n.t('Unused'),
      description: l10n.t('no document links to it'),
      picked: s.filter.unused === true,
    },
    {
      key: 'large',
      label: l10n.t('Larger than {0}', sizeText(LARGE_IMAGE_BYTES)),
      picked: s.filter.largerThan !== undefined,
    },
    {
      key: 'broken',
      label: l10n.t('Broken links only'),
      description: l10n.t('links to files that do not exist'),
      picked: s.brokenOnly,
    },
  ];
  const picked = await d.ctx.ui.pickMany(items, {
    title: l10n.t('Show Images'),
    placeHolder: l10n.t('Pick none to show every image'),
  });
  if (!picked) return;
  const on = new Set(picked.map((p) => p.key));
  const filter = {
    ...(s.filter.search !== undefined ? { search: s.filter.search } : {}),
    ...(on.has('generated') ? { generated: true } : {}),
    ...(on.has('unused') ? { unused: true } : {}),
    ...(on.has('large') ? { largerThan: LARGE_IMAGE_BYTES } : {}),
  };
  d.view.update({ filter, brokenOnly: on.has('broken') });
}

export function clearFilterCommand(d: LibraryCommandDeps): void {
  d.view.update({ filter: {}, brokenOnly: false });
}

export function groupByCommand(d: LibraryCommandDeps, groupBy: ViewState['groupBy']): void {
  d.view.update({ groupBy });
}

/** The images the view's selection or the explorer's names, as URIs (for the existing commands). */
export function urisOf(d: LibraryCommandDeps, clicked: unknown, selected: unknown): vscode.Uri[] {
  return imagePathsOf(clicked, selected).map((p) => d.library.uriOf(p));
}
