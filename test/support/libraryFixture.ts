// Workspaces on disk for the image library's tests and bench: images with and without
// provenance (real PNG bytes), and documents in every language that reference them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { embedProvenance } from '../../src/core/publish/embedProvenance';
import { buildProvenance } from '../../src/core/publish/provenance';
import { encodePng } from './png';

/** A PNG of `width` × `height` (one colour), with provenance when `prompt` is given. */
export function pngBytes(width: number, height: number, prompt?: string, model = 'gemini-3-pro-image-preview'): Uint8Array {
  const data = new Uint8Array(width * height * 3).fill(0x7f);
  const png = encodePng({ width, height, channels: 3, data });
  if (prompt === undefined) return png;
  const r = embedProvenance(png, buildProvenance({ prompt, model, api: 'chat/completions', date: new Date('2025-01-02T03:04:05Z') }));
  if (!r.embedded) throw new Error('provenance not embedded');
  return r.bytes;
}

/** The head of a baseline JPEG announcing `width` × `height` (SOI, SOF0, EOI: enough for its header). */
export function jpegBytes(width: number, height: number): Uint8Array {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
}

/** A temp folder (its real path) holding `tree`: text or bytes per relative path. */
export function workspaceOnDisk(tree: Record<string, string | Uint8Array>, prefix = 'geekai-library-'): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  writeTree(root, tree);
  return root;
}

export function writeTree(root: string, tree: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(tree)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}
