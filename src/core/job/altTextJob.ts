// Write Alt Text for one image link: read the linked file, ask the vision model for one sentence
// in the document's language, and say where it goes (the link's brackets).
import { posix } from 'node:path';
import type { Dispatcher } from 'undici';
import { describeImage, documentLanguage } from '../apis/chat/altText';
import { wallOf, type Roots } from '../files/destination';
import { readImageFile, type FileStore } from '../files/saveImages';
import type { RetryPolicy } from '../http/httpClient';
import { ImageError, requireKey } from '../errors';
import type { Logger } from '../logger';
import type { ImageLink, TextSpan } from '../text/imageLinks';
import { linkedImagePath } from '../text/linkedImage';
import { apiBaseUrl, checkModelId } from '../validateInput';
import { MAX_REFERENCE_BYTES } from './runImageJob';
import type { Settings } from './settings';
import type { Secrets } from '../text/secrets';

export interface AltTextDeps {
  files: FileStore;
  roots: Roots;
  /** The key for a request to `baseUrl`; throws when it may not go there. */
  apiKey(baseUrl: string): Promise<string | undefined>;
  /** What must never be shown (the session's holder, by reference); the key alone when absent. */
  secrets?: Secrets;
  settings: Settings;
  dispatcher: Dispatcher;
  log: Logger;
  retry?: RetryPolicy;
}

/** The file a link points at: relative to the document, or (`/x.png`) to its workspace folder; a URL or non-image is refused. */
function linkedFile(documentPath: string, link: ImageLink, roots: Roots): string {
  const file = linkedImagePath(link, documentPath, roots.of(documentPath));
  if (file === undefined) {
    throw new ImageError('invalidInput', 'the link does not name an image file in the workspace', {
      reason: 'notLocalImage',
      params: { target: link.target.slice(0, 80) },
    });
  }
  return file;
}

/** The alt text for `link` in the document at `documentPath`, and the span of the brackets it goes into. */
export async function altTextForLink(
  documentPath: string,
  documentText: string,
  link: ImageLink,
  deps: AltTextDeps,
  signal?: AbortSignal,
): Promise<{ alt: string; span: TextSpan }> {
  // Everything that can be wrong locally is refused before the key is asked for.
  apiBaseUrl(deps.settings.baseUrl);
  const model = checkModelId(deps.settings.altTextModel);
  // The wall: a link (`../../private.png`, or through a symbolic link) to a file outside the workspace is never read or sent.
  const inside = wallOf(deps.roots, posix.dirname(documentPath));
  const image = await readImageFile(
    deps.files,
    linkedFile(documentPath, link, deps.roots),
    MAX_REFERENCE_BYTES,
    inside,
  );
  const apiKey = requireKey(await deps.apiKey(deps.settings.baseUrl));
  const alt = await describeImage({
    baseUrl: deps.settings.baseUrl,
    apiKey,
    secrets: deps.secrets,
    model,
    image,
    language: documentLanguage(documentText),
    dispatcher: deps.dispatcher,
    log: deps.log,
    timeoutMs: Math.min(deps.settings.timeoutSeconds, 120) * 1000,
    retry: deps.retry,
    signal,
  });
  if (!alt)
    throw new ImageError('badResponse', `${model} answered without a description`, {
      reason: 'noAltText',
      params: { model },
    });
  return { alt, span: link.altSpan };
}
