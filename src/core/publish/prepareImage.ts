// What happens to a received image between the server and the disk: the web-ready
// conversion the settings ask for, then the provenance written into it. Each step
// that cannot be done leaves the bytes as they were and says why.
import type { ConvertFailure, ConvertOptions, ConvertResult, SaveFormat, SavedExt } from './convert';
import { embedProvenance } from './embedProvenance';
import type { Provenance } from './provenance';

export interface PublishSettings {
  saveFormat: SaveFormat;
  maxSide: number;
  saveQuality: number;
  embedProvenance: boolean;
}

export interface PreparedImage {
  bytes: Uint8Array;
  ext: SavedExt;
  /** Conversion was asked for and failed: these are the bytes as received. */
  /** `size`: the announced pixels, when they were too many to decode. */
  conversionFailed?: { reason: ConvertFailure; detail: string; size?: { width: number; height: number } };
  /** Provenance was asked for and the format has no place for it (GIF, AVIF). */
  provenanceSkipped?: boolean;
}

export async function prepareImage(
  image: { bytes: Uint8Array; ext: SavedExt },
  settings: PublishSettings,
  provenance: Provenance | undefined,
  /** convertImage, on this thread or another (HeavyWork.convert). */
  convert: (bytes: Uint8Array, options: ConvertOptions) => Promise<ConvertResult>,
): Promise<PreparedImage> {
  const converted = await convert(image.bytes, {
    format: settings.saveFormat,
    maxSide: settings.maxSide,
    quality: settings.saveQuality,
  });
  const out: PreparedImage = { bytes: converted.bytes, ext: converted.ext ?? image.ext };
  if (converted.kind === 'failed')
    out.conversionFailed = {
      reason: converted.reason,
      detail: converted.detail,
      ...(converted.size ? { size: converted.size } : {}),
    };
  if (settings.embedProvenance && provenance) {
    const embedded = embedProvenance(out.bytes, provenance);
    out.bytes = embedded.bytes;
    if (!embedded.embedded) out.provenanceSkipped = true;
  }
  return out;
}
