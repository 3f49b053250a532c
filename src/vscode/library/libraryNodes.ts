// The Images view's rows as plain data (label, description, tooltip, menu context, icon), built
// from the index and the view's state: grouped by folder or by document, filtered, searched. File
// names, prompts and alt texts come from files: they are only ever plain-text labels and
// tooltips (never Markdown), cut to a length, control and bidi characters removed.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { ImageReference } from '../../core/library/imageReferences';
import type { IndexedImage, LibraryIndex } from '../../core/library/libraryIndex';
import { shownText } from '../../core/text/shownText';
import {
  brokenReferences,
  byDocument,
  byFolder,
  filterImages,
  isGenerated,
  isUnused,
  type LibraryFilter,
} from '../../core/library/libraryQuery';

const posix = path.posix;

export type GroupBy = 'folder' | 'document';

export interface ViewState {
  groupBy: GroupBy;
  filter: LibraryFilter;
  /** Only the broken links. */
  brokenOnly: boolean;
}

/** "Large" in the filter: above this many bytes. */
export const LARGE_IMAGE_BYTES = 1024 * 1024;

export type LibraryNode =
  | {
      kind: 'group';
      id: string;
      label: string;
      description: string;
      folder?: string;
      document?: string;
      images: IndexedImage[];
    }
  | { kind: 'broken'; id: string; references: ImageReference[] }
  /** `resourceUri`: what Reuse Prompt, Regenerate and Open in Studio take when run on the row. */
  | { kind: 'image'; id: string; image: IndexedImage; resourceUri?: vscode.Uri }
  | { kind: 'use'; id: string; reference: ImageReference }
  | { kind: 'brokenLink'; id: string; reference: ImageReference };

/** File-borne text as a one-line label through the one sink (shownText): no control or bidi characters, no link or icon syntax, at most `max` characters. */
export function plain(text: string, max = 200): string {
  return shownText(text, 'plain', max);
}

/** Bytes as a reader says them: 812 B, 41 KB, 3.2 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

export interface NodeContext {
  index: LibraryIndex;
  uses: ReadonlyMap<string, readonly ImageReference[]>;
  /** A path as the view names it: relative to its workspace folder. */
  shown(p: string): string;
  uriOf?(p: string): vscode.Uri;
}

/** The top rows: groups, then the broken links when any. */
export function rootNodes(ctx: NodeContext, state: ViewState): LibraryNode[] {
  const broken = brokenReferences(ctx.index);
  const brokenRow: LibraryNode[] = broken.length > 0 ? [{ kind: 'broken', id: 'broken', references: broken }] : [];
  if (state.brokenOnly) return brokenRow;
  const images = filterImages(ctx.index, state.filter, ctx.uses);
  const groups: LibraryNode[] = [];
  if (state.groupBy === 'folder') {
    for (const [folder, list] of byFolder(images))
      groups.push({
        kind: 'group',
        id: `folder:${folder}`,
        label: plain(ctx.shown(folder) || posix.basename(folder)),
        description: countText(list.length),
        folder,
        images: list,
      });
  } else {
    for (const [document, list] of byDocument(images, ctx.uses)) {
      if (document === undefined)
        groups.push({
          kind: 'group',
          id: 'unused',
          label: l10n.t('Not used in any document'),
          description: countText(list.length),
          images: list,
        });
      else
        groups.push({
          kind: 'group',
          id: `document:${document}`,
          label: plain(ctx.shown(document)),
          description: countText(list.length),
          document,
          images: list,
        });
    }
  }
  return [...groups, ...brokenRow];
}

function countText(n: number): string {
  return n === 1 ? l10n.t('1 image') : l10n.t('{0} images', n);
}

export function childNodes(ctx: NodeContext, node: LibraryNode): LibraryNode[] {
  switch (node.kind) {
    case 'group':
      return node.images.map((image) => ({
        kind: 'image',
        id: `${node.id}/${image.path}`,
        image,
        ...(ctx.uriOf ? { resourceUri: ctx.uriOf(image.path) } : {}),
      }));
    case 'broken':
      return node.references.map((reference, i) => ({
        kind: 'brokenLink',
        id: `broken/${i}:${reference.document}:${reference.line}`,
        reference,
      }));
    case 'image':
      return (ctx.uses.get(node.image.path) ?? []).map((reference, i) => ({
        kind: 'use',
        id: `${node.id}/${i}:${reference.document}:${reference.line}`,
        reference,
      }));
    default:
      return [];
  }
}

export interface NodeLook {
  label: string;
  description?: string;
  /** Plain text (a string tooltip is never read as Markdown). */
  tooltip?: string;
  /** `viewItem` for the menus: `image` with `generated` / `unused` flags, `use`, `brokenLink`, `group`. */
  contextValue: string;
  collapsible: boolean;
  /** A codicon id, unless the row shows the image itself. */
  icon?: string;
  /** The file this row stands for (opened on click, shown as the thumbnail for an image). */
  resource?: string;
  /** 0-based line to open `resource` at. */
  line?: number;
}

/** "1024 × 768 · 2.3 MB". */
function factsText(image: IndexedImage): string {
  const pixels = image.width && image.height ? `${image.width} × ${image.height} · ` : '';
  return `${pixels}${sizeText(image.size)}`;
}

function usedText(uses: readonly ImageReference[] | undefined): string {
  const n = uses?.length ?? 0;
  return n === 0 ? l10n.t('not used') : n === 1 ? l10n.t('used once') : l10n.t('used {0} times', n);
}

export function imageTooltip(ctx: NodeContext, image: IndexedImage): string {
  const lines = [plain(ctx.shown(image.path), 500)];
  if (image.prompt !== undefined)
    lines.push(l10n.t('Prompt: {0}', plain(image.prompt, 600) + (image.promptCut ? '…' : '')));
  if (image.model !== undefined) lines.push(l10n.t('Model: {0}', plain(image.model, 100)));
  lines.push(factsText(image));
  const uses = ctx.uses.get(image.path) ?? [];
  if (uses.length === 0) lines.push(l10n.t('Not used in any document'));
  else {
    lines.push(l10n.t('Used in:'));
    for (const r of uses.slice(0, 10)) lines.push(`  ${plain(ctx.shown(r.document), 200)}:${r.line + 1}`);
    if (uses.length > 10) lines.push(`  ${l10n.t('and {0} more', uses.length - 10)}`);
  }
  return lines.join('\n');
}

export function lookOf(ctx: NodeContext, node: LibraryNode): NodeLook {
  switch (node.kind) {
    case 'group':
      return {
        label: node.label,
        description: node.description,
        contextValue: 'group',
        collapsible: true,
        icon: node.document !== undefined ? 'file' : node.id === 'unused' ? 'circle-slash' : 'folder',
      };
    case 'broken':
      return {
        label: l10n.t('Broken links'),
        description: `${node.references.length}`,
        contextValue: 'brokenGroup',
        collapsible: true,
        icon: 'warning',
      };
    case 'image': {
      const i = node.image;
      const uses = ctx.uses.get(i.path);
      const flags = ['image', ...(isGenerated(i) ? ['generated'] : []), ...(isUnused(i, ctx.uses) ? ['unused'] : [])];
      return {
        label: plain(posix.basename(i.path)),
        description: `${factsText(i)} · ${usedText(uses)}`,
        tooltip: imageTooltip(ctx, i),
        contextValue: flags.join(' '),
        collapsible: (uses?.length ?? 0) > 0,
        resource: i.path,
      };
    }
    case 'use': {
      const r = node.reference;
      return {
        label: `${plain(ctx.shown(r.document))}:${r.line + 1}`,
        description: plain(r.alt, 100),
        tooltip: plain(r.alt, 600),
        contextValue: 'use',
        collapsible: false,
        icon: 'references',
        resource: r.document,
        line: r.line,
      };
    }
    case 'brokenLink': {
      const r = node.reference;
      return {
        label: plain(r.target),
        description: `${plain(ctx.shown(r.document))}:${r.line + 1}`,
        tooltip: l10n.t(
          '{0} names {1}, which does not exist.',
          `${plain(ctx.shown(r.document), 300)}:${r.line + 1}`,
          plain(ctx.shown(r.file), 300),
        ),
        contextValue: 'brokenLink',
        collapsible: false,
        icon: 'error',
        resource: r.document,
        line: r.line,
      };
    }
  }
}

/** The line above the tree: what is filtered, and how many images show. */
export function viewMessage(ctx: NodeContext, state: ViewState): string | undefined {
  const parts: string[] = [];
  const f = state.filter;
  if (state.brokenOnly) parts.push(l10n.t('Broken links only'));
  if (f.search !== undefined && f.search.trim() !== '') parts.push(l10n.t('Search: {0}', plain(f.search, 60)));
  if (f.generated === true) parts.push(l10n.t('Generated by GeekAI'));
  if (f.unused === true) parts.push(l10n.t('Unused'));
  if (f.largerThan !== undefined) parts.push(l10n.t('Larger than {0}', sizeText(f.largerThan)));
  const notes: string[] = [];
  if (parts.length > 0 && !state.brokenOnly)
    notes.push(l10n.t('{0} of {1} images', filterImages(ctx.index, f, ctx.uses).length, ctx.index.images.size));
  if (ctx.index.truncated)
    notes.push(l10n.t('Only the first {0} images and documents are listed.', ctx.index.images.size));
  const all = [...parts, ...notes];
  return all.length > 0 ? all.join(' · ') : undefined;
}
