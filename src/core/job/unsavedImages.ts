// A generation whose images the workspace refused to store: the bytes are paid for, so the error
// carries them and the user is offered "Save As…" instead of losing them.
import { ImageError, initOf } from '../errors';

export interface UnsavedImage {
  bytes: Uint8Array;
  /** The name it would have had, e.g. `2025-09-22-cat.png`. */
  name: string;
}

export class UnsavedImagesError extends ImageError {
  constructor(
    cause: ImageError,
    readonly images: readonly UnsavedImage[],
  ) {
    super(cause.kind, cause.message, ...initOf(cause));
  }
}
