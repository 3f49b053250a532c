// What a library command was invoked on: from the Images view, the row clicked and the rows
// selected (VS Code passes both); from the explorer, a URI and the selected URIs; from the
// palette, nothing. Image rows and folder or document groups become the images they stand for.
import * as vscode from 'vscode';
import type { LibraryNode } from './libraryNodes';

function isNode(x: unknown): x is LibraryNode {
  return (
    typeof x === 'object' && x !== null && 'kind' in x && 'id' in x && typeof (x as { id: unknown }).id === 'string'
  );
}

/** The image paths (absolute) the arguments name, in order, each once. */
export function imagePathsOf(clicked: unknown, selected: unknown): string[] {
  const list =
    Array.isArray(selected) && selected.length > 0 ? (selected as unknown[]) : clicked === undefined ? [] : [clicked];
  const out: string[] = [];
  for (const x of list) {
    if (x instanceof vscode.Uri) out.push(x.path);
    else if (isNode(x) && x.kind === 'image') out.push(x.image.path);
    else if (isNode(x) && x.kind === 'group') out.push(...x.images.map((i) => i.path));
  }
  return [...new Set(out)];
}

/** The broken-link row the arguments name, if any. */
export function brokenLinkOf(clicked: unknown): Extract<LibraryNode, { kind: 'brokenLink' }> | undefined {
  return isNode(clicked) && clicked.kind === 'brokenLink' ? clicked : undefined;
}

/**
 * The URI an image command (Reuse Prompt, Regenerate, Open in Studio) takes, from an image row
 * of the view as well as from the explorer: the row's `resourceUri`.
 */
export function imageUriArg(x: unknown): vscode.Uri | undefined {
  if (x instanceof vscode.Uri) return x;
  const uri = (x as { resourceUri?: unknown } | undefined)?.resourceUri;
  return uri instanceof vscode.Uri ? uri : undefined;
}
