// Workspaces on disk for the image library's tests and bench: images with and without
// provenance (real PNG bytes), and documents in every language that reference them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { embedProvenance } from '../../src/core/publish/embedProvenance';
import { buildProvenance } from '../../src/core/publish/provenance';
import { encodePng } from './png';

/** A PNG of `width` × `height` (one colour), with provenance when `prompt` is given. */
export function pngBytes(
  width: number,
  height: number,
  prompt?: string,
  model = 'gemini-3-pro-image-preview',
): Uint8Array {
  const data = new Uint8Array(width * height * 3).fill(0x7f);
  const png = encodePng({ width, height, channels: 3, data });
  if (prompt === undefined) return png;
  const r = embedProvenance(
    png,
    buildProvenance({ prompt, model, api: 'chat/completions', date: new Date('2025-01-02T03:04:05Z') }),
  );
  if (!r.embedded) throw new Error('provenance not embedded');
  return r.bytes;
}

/** The head of a baseline JPEG announcing `width` × `height` (SOI, SOF0, EOI: enough for its header). */
export function jpegBytes(width: number, height: number): Uint8Array {
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
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

export interface GeneratedWorkspace {
  images: string[];
  documents: string[];
  /** The images no document links to (every 10th). */
  unused: string[];
}

const LANGUAGES = [
  { ext: 'md', ref: (p: string, alt: string) => `![${alt}](${p.replace(/ /g, '%20')})` },
  { ext: 'html', ref: (p: string, alt: string) => `<img src="${p.replace(/ /g, '%20')}" alt="${alt}">` },
  { ext: 'adoc', ref: (p: string, alt: string) => `image::${p}[${alt}]` },
  { ext: 'rst', ref: (p: string, alt: string) => `.. image:: ${p.replace(/ /g, '%20')}\n   :alt: ${alt}` },
  { ext: 'typ', ref: (p: string, alt: string) => `#image("${p}", alt: "${alt}")` },
];

/**
 * A writer's repository at scale under `root`: `images` PNGs in folders of 100 (every other one
 * with provenance), `documents` documents in folders of 50 across the languages, each linking
 * five images (every 10th image linked by none).
 */
export function generateWorkspace(root: string, images: number, documents: number): GeneratedWorkspace {
  const withPrompt = pngBytes(16, 16, '海边的灯塔，水彩 lighthouse at dawn');
  const plainPng = pngBytes(16, 16);
  const out: GeneratedWorkspace = { images: [], documents: [], unused: [] };
  const linkable: string[] = [];
  for (let i = 0; i < images; i++) {
    const rel = `assets/set-${Math.floor(i / 100)}/图 ${i}.png`;
    const p = path.join(root, rel);
    if (i % 100 === 0) fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, i % 2 === 0 ? withPrompt : plainPng);
    out.images.push(p);
    if (i % 10 === 9) out.unused.push(p);
    else linkable.push(rel);
  }
  for (let d = 0; d < documents; d++) {
    const lang = LANGUAGES[d % LANGUAGES.length];
    const rel = `docs/part-${Math.floor(d / 50)}/page-${d}.${lang.ext}`;
    const p = path.join(root, rel);
    if (d % 50 === 0) fs.mkdirSync(path.dirname(p), { recursive: true });
    const refs: string[] = [];
    for (let k = 0; k < 5; k++) {
      const target = linkable[(d * 5 + k) % linkable.length];
      refs.push(lang.ref(`../../${target}`, `figure ${d}.${k}`));
    }
    fs.writeFileSync(p, `Page ${d}\n\n${refs.join('\n\n')}\n`);
    out.documents.push(p);
  }
  return out;
}
