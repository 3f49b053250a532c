// Reference images that arrive by drag and drop or from the clipboard. Explorer drags carry
// URIs (the host checks they are workspace images); files from the OS or the clipboard are
// sent as base64 once, for the host to save into the workspace.
import { LIMITS, PASTE_MIMES, type PasteMime, type WebviewToHost } from '../../shared/protocol';

const URI_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

/** The bytes of a file or blob as base64 (no data: prefix). */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function isPasteMime(type: string): type is PasteMime {
  return (PASTE_MIMES as readonly string[]).includes(type);
}

/** Skips what the host would refuse anyway (its `LIMITS`), rather than posting it. */
async function postFiles(files: readonly File[], post: (m: WebviewToHost) => void): Promise<void> {
  for (const file of files) {
    if (!isPasteMime(file.type) || file.size > LIMITS.pasteBytes) continue;
    post({
      type: 'pasteImage',
      name: file.name.slice(0, LIMITS.fileName),
      mime: file.type,
      base64: await readBase64(file),
    });
  }
}

/** At most as many URIs as the host accepts in one drop. */
function urisFrom(data: DataTransfer): string[] {
  for (const type of URI_TYPES) {
    const text = data.getData(type);
    if (!text) continue;
    const uris = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    if (uris.length > 0) return uris.slice(0, LIMITS.urisPerDrop);
  }
  return [];
}

/** Listens on the whole page, so dropping anywhere in the panel works. */
export function listenForImages(zone: HTMLElement, post: (m: WebviewToHost) => void): void {
  let depth = 0;
  document.addEventListener('dragenter', () => {
    depth += 1;
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('dragging');
  });
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    zone.classList.remove('dragging');
    if (!e.dataTransfer) return;
    const uris = urisFrom(e.dataTransfer);
    if (uris.length > 0) post({ type: 'dropUris', uris });
    else void postFiles(Array.from(e.dataTransfer.files), post);
  });
  document.addEventListener('paste', (e) => {
    const files = Array.from(e.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
    if (files.length === 0) return; // plain text pastes into the prompt as usual
    e.preventDefault();
    void postFiles(files, post);
  });
}
