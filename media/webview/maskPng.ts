// The mask as the APIs take it: a PNG of the image's exact size whose painted pixels are fully
// transparent and every other pixel opaque black. Encoded by the browser's own PNG writer.
import type { MaskBitmap, Rect } from './maskBitmap';

/** The painted area as a see-through tint, for the overlay the user paints on. */
export function overlayPixels(bitmap: MaskBitmap, r: Rect, into: ImageData): void {
  const d = into.data;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const on = bitmap.painted[(r.y + y) * bitmap.width + r.x + x] === 1;
      const i = (y * r.width + x) * 4;
      d[i] = 255;
      d[i + 1] = 40;
      d[i + 2] = 120;
      d[i + 3] = on ? 150 : 0;
    }
  }
}

export function maskPng(bitmap: MaskBitmap): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2d canvas'));
  const pixels = ctx.createImageData(bitmap.width, bitmap.height);
  const d = pixels.data;
  for (let i = 0; i < bitmap.painted.length; i++) d[i * 4 + 3] = bitmap.painted[i] === 1 ? 0 : 255;
  ctx.putImageData(pixels, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
