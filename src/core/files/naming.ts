// File names from prompts: the outputFolder and fileName patterns, slugs that keep CJK readable,
// grapheme-safe caps, and names no file system refuses (reserved and control characters).
import * as path from 'node:path';
import { ImageError } from '../errors';
import { isInside, looksAbsolute, relativePosix } from './paths';

const posix = path.posix;

/**
 * Default of `geekaiImage.outputFolder`.
 *
 * Variables:
 * - `${workspaceFolder}` the workspace root
 * - `${documentDir}` the folder of the active Markdown document (the workspace root when there is none)
 * - `${documentName}` the document's file name without extension (`image` when there is none)
 * - `${date}` YYYY-MM-DD, `${year}`, `${month}`, `${day}` (local time)
 *
 * `${workspaceFolder}` and `${documentDir}` may only start the pattern; a
 * pattern without one is relative to the workspace root. The result must
 * stay inside the workspace folder. An empty pattern means the default.
 */
export const DEFAULT_OUTPUT_FOLDER = '${documentDir}/images';

/**
 * Default of `geekaiImage.fileName` (no extension: it comes from the image bytes).
 *
 * Variables:
 * - `${prompt}` the prompt as a slug (letters and digits of any script, at most 40 characters)
 * - `${model}` the model id as a slug
 * - `${date}` YYYY-MM-DD, `${time}` HHmmss (local time), `${timestamp}` milliseconds since 1970
 * - `${documentName}` the document's file name without extension (`image` when there is none)
 * - `${index}` 1-based number of the image within one answer; without it, an
 *   answer with several images gets `-1`, `-2`, … appended to every name
 *
 * Unknown variables stay as written. Characters no file system accepts are
 * removed; an unusable result falls back to `image`.
 */
export const DEFAULT_FILE_NAME = '${date}-${prompt}';

/** Longest base name, in UTF-16 units and in UTF-8 bytes (ext4 allows 255 bytes per name). */
const MAX_NAME_UNITS = 120;
const MAX_NAME_BYTES = 180;
const PROMPT_SLUG_CHARS = 40;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` user-perceived characters, so surrogate pairs and emoji stay whole. */
export function capGraphemes(text: string, max: number): string {
  let out = '';
  let n = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (n++ === max) break;
    out += segment;
  }
  return out;
}

function capUnitsAndBytes(text: string, maxUnits: number, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const { segment } of segmenter.segment(text)) {
    bytes += Buffer.byteLength(segment, 'utf8');
    if (out.length + segment.length > maxUnits || bytes > maxBytes) break;
    out += segment;
  }
  return out;
}

/**
 * Lower-case slug keeping letters, digits and marks of every script
 * (`画一只可爱的小猫` stays as is); anything else becomes one `-`.
 */
export function slugify(text: string, maxChars = PROMPT_SLUG_CHARS): string {
  const slug = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const capped = capGraphemes(slug, maxChars).replace(/-+$/, '');
  return capped === '' ? 'image' : capped;
}

// Control characters and bidi overrides (which can fake an extension: `abc\u202Egnp.exe`).
const INVISIBLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const ILLEGAL_IN_NAME = /[<>:"/\\|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** True for names Windows refuses however they end: `CON`, `nul.png`, `com1 .txt`. */
export function isReservedName(name: string): boolean {
  const stem = name.split('.')[0] ?? '';
  return RESERVED.test(stem.trimEnd());
}

/**
 * A file base name every OS accepts. Never throws: removes `<>:"/\|?*`,
 * control and bidi characters, leading dots and surrounding spaces, trailing
 * dots; appends `_` to Windows reserved names; caps the length leaving
 * `reserve` UTF-16 units (and bytes) for a suffix; falls back to `image`.
 */
export function sanitizeBaseName(name: string, reserve = 0): string {
  let s = name.normalize('NFC').replace(INVISIBLE, '').replace(ILLEGAL_IN_NAME, '');
  s = s.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (isReservedName(s)) s = s.replace(/^([^.]*?)(\s*)(\.|$)/, '$1_$3');
  s = capUnitsAndBytes(s, MAX_NAME_UNITS - reserve, MAX_NAME_BYTES - reserve).replace(/[\s.]+$/, '');
  return s === '' ? 'image' : s;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface DateVars {
  date: string;
  year: string;
  month: string;
  day: string;
  time: string;
  timestamp: string;
}

function dateVars(now: Date): DateVars {
  const year = String(now.getFullYear());
  const month = pad(now.getMonth() + 1);
  const day = pad(now.getDate());
  return {
    date: `${year}-${month}-${day}`,
    year,
    month,
    day,
    time: `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`,
    timestamp: String(now.getTime()),
  };
}

function documentName(documentPath: string | undefined): string {
  if (documentPath === undefined) return 'image';
  return sanitizeBaseName(posix.parse(documentPath).name);
}

/** Replaces `${name}` for known names; `unknown` decides what happens to the rest. */
function expand(pattern: string, vars: Readonly<Record<string, string>>, unknown: (whole: string) => string): string {
  return pattern.replace(/\$\{([^}]*)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : unknown(whole),
  );
}

function badFolder(pattern: string, why: string): never {
  throw new ImageError('invalidInput', `Bad output folder pattern: ${why}`, {
    reason: 'badOutputFolder',
    params: { pattern },
  });
}

export interface OutputFolderInput {
  pattern: string;
  workspaceRoot: string;
  documentPath?: string;
  now: Date;
}

/**
 * The absolute posix folder for new images, from `geekaiImage.outputFolder`.
 * Throws `invalidInput` with `badOutputFolder` (absolute path, `~`, a
 * misplaced or unknown variable, a character Windows refuses in a folder
 * name) or `escapesWorkspace` (the folder would leave the workspace).
 */
export function resolveOutputFolder(input: OutputFolderInput): string {
  const pattern = input.pattern.trim() === '' ? DEFAULT_OUTPUT_FOLDER : input.pattern.trim();
  const root = input.workspaceRoot;
  const docDir = input.documentPath === undefined ? root : posix.dirname(input.documentPath);

  // Only a leading variable may bring an absolute path (and a drive's `:`).
  const lead = /^\$\{(workspaceFolder|documentDir)\}/.exec(pattern);
  const base = lead === null ? root : lead[1] === 'workspaceFolder' ? root : docDir;
  const rest = lead === null ? pattern : pattern.slice(lead[0].length);
  if (lead !== null && rest !== '' && !/^[/\\]/.test(rest)) badFolder(pattern, 'text glued to a folder variable');
  if (lead === null && looksAbsolute(rest)) badFolder(pattern, 'absolute path');

  const { date, year, month, day } = dateVars(input.now);
  const vars = { date, year, month, day, documentName: documentName(input.documentPath) };
  const expanded = expand(rest, vars, () => badFolder(pattern, 'unknown or misplaced variable'));
  for (const segment of expanded.split(/[/\\]/)) {
    if (/[<>:"|?*\p{Cc}]/u.test(segment)) badFolder(pattern, 'illegal character');
    if (isReservedName(segment)) badFolder(pattern, 'reserved name');
  }

  const folder = posix.normalize(posix.join(base, expanded.replace(/\\/g, '/'))).replace(/(.)\/$/, '$1');
  if (!isInside(root, folder)) {
    // Named relative to the workspace folder, as the wall names what it refuses.
    throw new ImageError('invalidInput', 'Output folder leaves the workspace folder', {
      reason: 'escapesWorkspace',
      params: { path: relativePosix(root, folder), access: 'write' },
    });
  }
  return folder;
}

export interface FileNameInput {
  pattern: string;
  prompt: string;
  model: string;
  documentPath?: string;
  now: Date;
  /** Images in this answer (one name each). */
  count: number;
}

/** One sanitised base name (no extension) per image, from `geekaiImage.fileName`. */
export function buildFileBaseNames(input: FileNameInput): string[] {
  const pattern = input.pattern.trim() === '' ? DEFAULT_FILE_NAME : input.pattern;
  const vars: Record<string, string> = {
    ...dateVars(input.now),
    prompt: slugify(input.prompt),
    model: slugify(input.model, PROMPT_SLUG_CHARS),
    documentName: documentName(input.documentPath),
  };
  const hasIndex = pattern.includes('${index}');
  const names: string[] = [];
  for (let i = 1; i <= input.count; i++) {
    const name = expand(pattern, { ...vars, index: String(i) }, (whole) => whole);
    const suffix = !hasIndex && input.count > 1 ? `-${i}` : '';
    names.push(sanitizeBaseName(name, suffix.length) + suffix);
  }
  return names;
}
