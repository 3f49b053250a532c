// What it takes to make an image again: prompt, model, API and options, read back from the
// provenance in a file (or the Studio history, which the adapter maps itself). Files are
// untrusted, so every value is checked against what a job may carry before it is used.
import { sha256Hex, type Provenance, type ProvenanceReference } from './provenance';
import {
  API_KINDS,
  MAX_REFERENCES,
  MAX_VARIATIONS,
  OPTION_VALUE_MAX_CHARS,
  USER_OPTIONS,
  USER_OPTION_NAMES,
  type ApiKind,
  type ImageOptions,
  type OptionValueSpec,
} from '../../../shared/imageVocabulary';
import { isValidModelId } from '../catalog';

export interface ImageRecipe {
  prompt: string;
  model: string;
  api?: ApiKind;
  aspectRatio?: string;
  imageSize?: string;
  /** The other options, as a job's `options` (aspect ratio and size class are above). */
  options: ImageOptions;
  /** Reference images the provenance names, by file name and SHA-256. */
  references: ProvenanceReference[];
}

/** `chat/completions` → `chat`; the endpoint provenance names back to the API kind. */
function apiKind(path: string): ApiKind | undefined {
  const head = path.split('/')[0];
  return API_KINDS.find((k) => k === head);
}

/** A value from a file (a size, a quality, an aspect ratio), kept only when short enough. */
function short(v: unknown, cap = OPTION_VALUE_MAX_CHARS): string | undefined {
  return typeof v === 'string' && v.trim() !== '' && v.length <= cap ? v.trim() : undefined;
}

/** `v` as the vocabulary says the option is written, or undefined. */
function checked(spec: OptionValueSpec, v: unknown): string | undefined {
  if (spec.kind === 'oneOf') return spec.values.find((x) => x === v);
  return short(v, spec.kind === 'text' ? spec.maxChars : OPTION_VALUE_MAX_CHARS);
}

/** The recipe in `p`, or undefined when it names no usable prompt or model. */
export function recipeFromProvenance(p: Provenance): ImageRecipe | undefined {
  if (!p.prompt.trim() || !isValidModelId(p.model)) return undefined;
  const o = p.options;
  const n = typeof o.n === 'number' && Number.isInteger(o.n) && o.n >= 1 && o.n <= MAX_VARIATIONS ? o.n : undefined;
  const options: ImageOptions = { n };
  // Each value checked as the vocabulary writes it (a listed option only takes one of its list).
  for (const k of USER_OPTION_NAMES) Object.assign(options, { [k]: checked(USER_OPTIONS[k], o[k]) });
  const recipe: ImageRecipe = {
    prompt: p.prompt,
    model: p.model,
    api: apiKind(p.api),
    aspectRatio: short(o.aspectRatio),
    imageSize: short(o.imageSize),
    options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    // No more than a job may carry: a file listing thousands would have each one looked for and hashed.
    references: p.references.filter((r) => /^[0-9a-f]{64}$/.test(r.sha256) && r.name !== '').slice(0, MAX_REFERENCES),
  };
  return recipe;
}

export interface ReferenceCandidate<F> {
  file: F;
  /** A POSIX path, for the file name and for preferring files near the image. */
  path: string;
}

export interface MatchedReferences<F> {
  /** In the provenance's order: each reference found with the same name and bytes. */
  found: F[];
  /** Names with no file of that name left. */
  missing: string[];
  /** Names whose files all hold other bytes now (edited since): not attached. */
  changed: string[];
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf('/'));
}

/**
 * Finds each reference among `candidates` by file name, nearest to `near` (the image's own
 * path) first, and keeps it only when its SHA-256 is the one recorded. Unreadable candidates
 * count as not matching.
 */
export async function matchReferences<F>(
  refs: readonly ProvenanceReference[],
  candidates: readonly ReferenceCandidate<F>[],
  read: (file: F) => Promise<Uint8Array>,
  near: string,
  /** How a candidate is hashed (off the host thread for large files); sha256Hex here by default. */
  hash: (bytes: Uint8Array) => Promise<string> = (b) => Promise.resolve(sha256Hex(b)),
): Promise<MatchedReferences<F>> {
  const out: MatchedReferences<F> = { found: [], missing: [], changed: [] };
  const home = dirname(near);
  const closeness = (c: ReferenceCandidate<F>): number => {
    const dir = dirname(c.path);
    if (dir === home) return 0;
    return home.startsWith(`${dir}/`) || dir.startsWith(`${home}/`) ? 1 : 2;
  };
  for (const ref of refs) {
    const same = candidates.filter((c) => basename(c.path) === ref.name).sort((a, b) => closeness(a) - closeness(b));
    if (same.length === 0) {
      out.missing.push(ref.name);
      continue;
    }
    let hit: F | undefined;
    for (const c of same) {
      const bytes = await read(c.file).catch(() => undefined);
      if (bytes && (await hash(bytes)) === ref.sha256) {
        hit = c.file;
        break;
      }
    }
    if (hit === undefined) out.changed.push(ref.name);
    else if (!out.found.includes(hit)) out.found.push(hit);
  }
  return out;
}
