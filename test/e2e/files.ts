// Disk-side helpers for the scenarios: image snapshots, waiting, Markdown links, secret scans.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const IMAGE_EXT = /\.(png|jpe?g|webp|gif)$/i;

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function walk(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** Every image file under `dir` (absolute path -> sha256), temp/partial files included. */
export function imageSnapshot(dir: string): Map<string, string> {
  const snap = new Map<string, string>();
  for (const file of walk(dir)) {
    if (IMAGE_EXT.test(file) || /\.(tmp|part)$/i.test(file) || file.includes('.geekai-')) {
      snap.set(file, sha256(fs.readFileSync(file)));
    }
  }
  return snap;
}

/** Files in `after` that were not in `before` (or changed). */
export function newFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([f, h]) => before.get(f) !== h).map(([f]) => f);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined/false, or throws `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** New image files under `dir` since `before`, once at least one appeared and all are stable (same size twice). */
export async function waitForNewImages(
  dir: string,
  before: Map<string, string>,
  timeoutMs = 60_000,
): Promise<string[]> {
  let last = '';
  return waitFor(
    `a new image file under ${dir}`,
    () => {
      const added = newFiles(before, imageSnapshot(dir)).filter((f) => IMAGE_EXT.test(f));
      if (added.length === 0) return undefined;
      const sig = added.map((f) => `${f}:${fs.statSync(f).size}`).join('|');
      const stable = sig === last;
      last = sig;
      return stable ? added : undefined;
    },
    timeoutMs,
    300,
  );
}

export interface MarkdownImage {
  alt: string;
  /** the link target as written */
  target: string;
  /** offset of `![` in the text */
  index: number;
  /** the whole `![alt](target)` */
  raw: string;
}

/** `![alt](target)` and `![alt](<target with spaces>)` links in `text`. */
export function markdownImages(text: string): MarkdownImage[] {
  const re = /!\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g;
  const out: MarkdownImage[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const target = m[2].startsWith('<') ? m[2].slice(1, -1) : m[2];
    out.push({ alt: m[1], target, index: m.index, raw: m[0] });
  }
  return out;
}

/** The file a relative Markdown link points at, from the Markdown file's folder. */
export function resolveLink(markdownFile: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    /* keep as written */
  }
  return path.resolve(path.dirname(markdownFile), decoded);
}

/** Files under `dir` whose bytes contain `needle` (as UTF-8, UTF-16LE or base64). */
export function filesContaining(dir: string, needle: string): string[] {
  const forms = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(Buffer.from(needle).toString('base64')),
  ];
  return walk(dir).filter((file) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return false;
    }
    return forms.some((f) => bytes.includes(f));
  });
}

export function listFiles(dir: string): string[] {
  return walk(dir);
}
