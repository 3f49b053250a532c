// The index as kept in the workspace's storage between sessions, so a window opens with the
// view filled and re-reads only what changed (size or mtime). The file is ours but lives on
// disk: it is size-capped and checked field by field, and anything unexpected means "no cache".
import * as z from 'zod/mini';
import type { LibraryIndex } from './libraryIndex';

export const INDEX_CACHE_VERSION = 1;

/** A cache past this is not read (5,000 images and 2,000 documents take about 2 MB). */
export const INDEX_CACHE_MAX_BYTES = 64 * 1024 * 1024;

const file = { path: z.string(), size: z.number(), mtime: z.number() };
const schema = z.object({
  v: z.literal(INDEX_CACHE_VERSION),
  roots: z.array(z.string()),
  images: z.array(
    z.object({
      ...file,
      width: z.optional(z.number()),
      height: z.optional(z.number()),
      prompt: z.optional(z.string()),
      promptCut: z.optional(z.boolean()),
      model: z.optional(z.string()),
      date: z.optional(z.string()),
    }),
  ),
  documents: z.array(
    z.object({
      ...file,
      unread: z.optional(z.boolean()),
      references: z.array(
        z.object({
          line: z.number(),
          file: z.string(),
          form: z.enum(['relative', 'root', 'site']),
          alt: z.string(),
          target: z.string(),
        }),
      ),
    }),
  ),
  elsewhere: z.array(z.string()),
  truncated: z.boolean(),
});

/** The index as JSON for workspace storage. */
export function serializeIndex(index: LibraryIndex, roots: readonly string[]): string {
  return JSON.stringify({
    v: INDEX_CACHE_VERSION,
    roots,
    images: [...index.images.values()],
    documents: [...index.documents.values()].map((d) => ({
      ...d,
      references: d.references.map(({ document: _document, ...r }) => r),
    })),
    elsewhere: [...index.elsewhere],
    truncated: index.truncated,
  });
}

/** The index from its JSON, or undefined: another version, other workspace folders, or anything malformed. */
export function parseIndex(text: string, roots: readonly string[]): LibraryIndex | undefined {
  if (text.length > INDEX_CACHE_MAX_BYTES) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = schema.safeParse(json);
  if (!r.success || r.data.roots.length !== roots.length || r.data.roots.some((x, i) => x !== roots[i]))
    return undefined;
  const d = r.data;
  return {
    images: new Map(d.images.map((i) => [i.path, i])),
    documents: new Map(
      d.documents.map((doc) => [
        doc.path,
        { ...doc, references: doc.references.map((ref) => ({ ...ref, document: doc.path })) },
      ]),
    ),
    elsewhere: new Set(d.elsewhere),
    truncated: d.truncated,
  };
}
