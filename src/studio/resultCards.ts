// Turns stored history into what the webview draws: webview URIs for files it may read (inside
// the workspace by real path), a `missing` flag for the rest. Never image bytes.
import type * as vscode from 'vscode';
import type { CardImage, ResultCard } from '../../shared/protocol';
import type { HistoryItem } from './historyStore';
import type { StudioHost } from './ports';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

async function cardImage(host: StudioHost, file: string, missing: boolean): Promise<CardImage> {
  let uri: vscode.Uri;
  try {
    uri = host.parseUri(file);
  } catch {
    return { name: file.slice(0, 80), webviewUri: '', missing: true };
  }
  const readable = !missing && (await host.isInWorkspace(uri));
  return { name: baseName(uri.path), webviewUri: readable ? host.asWebviewUri(uri) : '', missing: !readable };
}

/** Which variation an image is and the prompt the model used, when known. */
function imageFacts(
  i: NonNullable<HistoryItem['entry']['images']>[number] | undefined,
): Pick<CardImage, 'variation' | 'revisedPrompt'> {
  if (!i) return {};
  return i.revisedPrompt ? { variation: i.variation, revisedPrompt: i.revisedPrompt } : { variation: i.variation };
}

export async function toCard(host: StudioHost, item: HistoryItem): Promise<ResultCard> {
  const e = item.entry;
  const images = await Promise.all(
    e.files.map(async (f, i) => ({
      ...(await cardImage(host, f, item.missing[i] ?? true)),
      ...imageFacts(e.images?.[i]),
    })),
  );
  return {
    id: e.id,
    prompt: e.prompt,
    model: e.model,
    aspectRatio: e.aspectRatio,
    imageSize: e.imageSize,
    createdAt: e.createdAt,
    elapsedMs: e.elapsedMs,
    text: e.text,
    ...(e.api ? { api: e.api } : {}),
    ...(e.request?.variations ? { variations: e.request.variations } : {}),
    ...(e.cost ? { cost: e.cost } : {}),
    images,
  };
}
