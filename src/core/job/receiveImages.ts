// A job's images served by address, written to disk as they download: into a hidden temp file in
// the folder they are saved in (ReceivingFolder), with the provenance chunk put in as the PNG
// passes (pngTextStream.ts), so what lands is byte for byte what prepareImage would have made and
// the save is only a rename. The folder and the temp file are made while the request is on its
// way, not after the first bytes. An image that must be converted, or whose provenance goes where
// only the whole file can say (JPEG, WebP), is kept in memory as before.
import { isImageError } from '../errors';
import type { ImageReceiver, IncomingImage, Received } from '../generate';
import type { ImageSink, ImageWriter } from '../images/imageSink';
import type { ImageType } from '../imageType';
import type { Logger } from '../logger';
import { conversionPlan, type SaveFormat, type SavedExt } from '../publish/convert';
import { PNG_PROVENANCE_KEYWORD } from '../publish/embedProvenance';
import { PngTextStream } from '../publish/pngTextStream';
import type { PublishSettings } from '../publish/prepareImage';
import { serializeProvenance, type Provenance } from '../publish/provenance';
import type { ReceivingFolder, TempFile } from '../files/receivingFolder';

/** A download in its temp file, ready to be moved into place (saveImages' WrittenImage). */
export interface ReceivedFile extends Received {
  temp: string;
  ext: SavedExt;
  /** Provenance was asked for and the format has no place for it (GIF), or the PNG could not take it. */
  provenanceSkipped?: boolean;
}

export interface ReceiveOptions {
  folder: ReceivingFolder;
  settings: PublishSettings;
  /** The format an image of this type is saved in (the document's language may not show the asked one). */
  formatFor: (ext: SavedExt) => SaveFormat;
  /** The record to embed in this image (undefined when none is asked for). */
  provenance: (image: IncomingImage) => Promise<Provenance | undefined>;
  /** How a stored file is hashed when a repeat of its size comes up (off the host thread for large ones). */
  hash: (bytes: Uint8Array) => Promise<string>;
  log: Logger;
}

/** Whether `head` is saved exactly as it comes, or is converted (which needs every byte in memory). */
function unchanged(head: Uint8Array, format: SaveFormat, settings: PublishSettings): boolean {
  const plan = conversionPlan(head, { format, maxSide: settings.maxSide, quality: settings.saveQuality });
  return plan.kind === 'done' && plan.result.kind === 'unchanged';
}

export function diskReceiver(o: ReceiveOptions): ImageReceiver<ReceivedFile> {
  // Once the folder refuses a temp file, the job's other images are kept in memory without asking again.
  let refused = false;
  const tempFile = async (): Promise<TempFile | undefined> => {
    if (refused) return undefined;
    try {
      return await o.folder.create();
    } catch (e) {
      if (isImageError(e) && e.kind === 'cancelled') throw e;
      // The save says why (the same wall, the same refusal), with the image in memory for Save As.
      o.log.warn(
        `downloading to disk refused (${e instanceof Error ? e.message : String(e)}); keeping the image in memory`,
      );
      refused = true;
      return undefined;
    }
  };
  const sink = (image: IncomingImage): ImageSink<ReceivedFile> => {
    if (refused || !o.folder.canStream) return { open: () => Promise.resolve(undefined) };
    // Made ahead, while the request is on its way; removed when the image is kept in memory after all.
    let ahead: Promise<TempFile | undefined> | undefined = tempFile();
    const record = o.settings.embedProvenance ? o.provenance(image) : Promise.resolve(undefined);
    // A rejection nobody awaited (a download that failed first) would be reported as unhandled.
    ahead.catch(() => undefined);
    record.catch(() => undefined);
    const release = async (): Promise<void> => {
      const file = await ahead?.catch(() => undefined);
      ahead = undefined;
      if (file) await o.folder.remove(file.path);
    };
    // Kept in memory: the temp file made ready goes.
    const decline = (): Promise<undefined> => release().then(() => undefined);
    return {
      async open(head, type) {
        if (!ahead || !unchanged(head, o.formatFor(type.ext), o.settings)) return decline();
        const taken = await record;
        if (taken && (type.ext === 'jpg' || type.ext === 'webp')) return decline();
        const file = await ahead;
        ahead = undefined;
        return file && writerFor(o.folder, file, type, taken, o.hash);
      },
      release,
    };
  };
  return { sink, drop: (stored) => o.folder.remove(stored.temp) };
}

function writerFor(
  folder: ReceivingFolder,
  file: TempFile,
  type: ImageType,
  record: Provenance | undefined,
  hash: (bytes: Uint8Array) => Promise<string>,
): ImageWriter<ReceivedFile> {
  const png =
    record && type.ext === 'png' ? new PngTextStream(PNG_PROVENANCE_KEYWORD, serializeProvenance(record)) : undefined;
  let size = 0;
  const put = async (parts: readonly Uint8Array[]): Promise<void> => {
    for (const part of parts) await file.writer.write(part);
  };
  const writer: ImageWriter<ReceivedFile> = {
    async write(bytes) {
      size += bytes.byteLength;
      await put(png ? png.push(bytes) : [bytes]);
    },
    async finish() {
      let skipped = record !== undefined && png === undefined;
      if (png) {
        const end = png.end();
        // writePngText would have left such a PNG as it came: only the whole file can say so.
        if (end.outcome === 'malformed') throw new Error('the PNG ends inside a chunk');
        await put(end.parts);
        skipped = end.outcome === 'unreadable';
      }
      await file.writer.close();
      const out: ReceivedFile = {
        temp: file.path,
        ext: type.ext,
        size,
        digest: async () => hash(await folder.read(file.path)),
      };
      if (skipped) out.provenanceSkipped = true;
      return out;
    },
    abort: () => folder.remove(file.path),
    // The PNG stream passes views of what it is given, uncopied: settled once the file has them.
    settled: () => file.writer.settled(),
  };
  return writer;
}
