// The Studio's generation history, kept across panel closes and VS Code restarts. It stores
// file URIs and prompts, never image bytes, so 500 entries stay a small JSON file.
import * as z from 'zod/mini';
import type { Logger } from '../core/logger';
import { MODEL_ID_MAX_CHARS } from '../../shared/imageVocabulary';
import { LIMITS } from '../../shared/protocol';
import { apiKindSchema, studioOptionsShape } from '../../shared/protocolSchema';

export const HISTORY_CAP = 500;
const TEXT_CAP = 4000;

const entrySchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
  createdAt: z.number(),
  prompt: z.string().check(z.maxLength(LIMITS.promptMessage)),
  model: z.string().check(z.maxLength(MODEL_ID_MAX_CHARS)),
  aspectRatio: z.optional(z.string().check(z.maxLength(16))),
  imageSize: z.optional(z.string().check(z.maxLength(16))),
  elapsedMs: z.number(),
  files: z.array(z.string().check(z.maxLength(LIMITS.uri))),
  references: z.array(z.string().check(z.maxLength(LIMITS.uri))),
  text: z.string().check(z.maxLength(TEXT_CAP)),
  /** The API that drew it. */
  api: z.optional(apiKindSchema),
  /** What the panel asked for (its option controls, checked as a generate message's), so Regenerate asks the same. */
  request: z.optional(z.object(studioOptionsShape)),
  /** Per file, in order: which variation it is and the prompt the model says it used. */
  images: z.optional(
    z.array(z.object({ variation: z.int(), revisedPrompt: z.optional(z.string().check(z.maxLength(TEXT_CAP))) })),
  ),
  /** What it cost as the card shows it (`¥0.15`, `≈ ¥0.15`). */
  cost: z.optional(z.string().check(z.maxLength(32))),
});

export type HistoryEntry = z.infer<typeof entrySchema>;

/** A stored entry plus, per file, whether it is gone from disk. */
export interface HistoryItem {
  entry: HistoryEntry;
  missing: boolean[];
}

/** Where the JSON lives; the panel backs it with a file under `globalStorageUri`. */
export interface HistoryStorage {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

interface HistoryFile {
  version: 1;
  entries: HistoryEntry[];
}

export class HistoryStore {
  private entries: HistoryEntry[] | undefined;
  /** Writes run one after another so two quick results can't interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: HistoryStorage,
    private readonly exists: (uri: string) => Promise<boolean>,
    private readonly log: Logger,
    private readonly cap = HISTORY_CAP,
  ) {}

  async total(): Promise<number> {
    return (await this.all()).length;
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    return (await this.all()).find((e) => e.id === id);
  }

  /** The newest entry that saved `uri` (a URI string, as stored), for an image without provenance. */
  async findByFile(uri: string): Promise<HistoryEntry | undefined> {
    return (await this.all()).find((e) => e.files.includes(uri));
  }

  /** Newest first; checks only this page's files, so opening a long history stays cheap. */
  async page(offset: number, limit: number): Promise<HistoryItem[]> {
    const slice = (await this.all()).slice(offset, offset + limit);
    return Promise.all(
      slice.map(async (entry) => ({ entry, missing: await Promise.all(entry.files.map((f) => this.isGone(f))) })),
    );
  }

  add(entry: HistoryEntry): Promise<void> {
    const clean: HistoryEntry = { ...entry, text: entry.text.slice(0, TEXT_CAP) };
    return this.serialize(async () => {
      // Re-read first: another VS Code window may have added entries to the same file.
      const current = await this.readFile();
      this.entries = [clean, ...current.filter((e) => e.id !== clean.id)].slice(0, this.cap);
      await this.persist();
    });
  }

  remove(id: string): Promise<void> {
    return this.serialize(async () => {
      this.entries = (await this.readFile()).filter((e) => e.id !== id);
      await this.persist();
    });
  }

  private async all(): Promise<HistoryEntry[]> {
    if (!this.entries) this.entries = await this.readFile();
    return this.entries;
  }

  private async isGone(uri: string): Promise<boolean> {
    try {
      return !(await this.exists(uri));
    } catch {
      return true;
    }
  }

  private serialize(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async persist(): Promise<void> {
    const file: HistoryFile = { version: 1, entries: this.entries ?? [] };
    await this.storage.write(JSON.stringify(file));
  }

  /** A damaged file or entry is logged and skipped, never allowed to break the panel. */
  private async readFile(): Promise<HistoryEntry[]> {
    let raw: string | undefined;
    try {
      raw = await this.storage.read();
    } catch (e) {
      this.log.warn(`Studio history could not be read: ${String(e)}`);
      return [];
    }
    if (raw === undefined || raw.trim() === '') return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      this.log.warn(`Studio history is not valid JSON and was ignored: ${String(e)}`);
      return [];
    }
    const list = typeof parsed === 'object' && parsed !== null && 'entries' in parsed ? parsed.entries : undefined;
    if (!Array.isArray(list)) {
      this.log.warn('Studio history has no entry list and was ignored');
      return [];
    }
    const out: HistoryEntry[] = [];
    let dropped = 0;
    for (const item of list) {
      const r = entrySchema.safeParse(item);
      if (r.success) out.push(r.data);
      else dropped++;
    }
    if (dropped > 0) this.log.warn(`Studio history: skipped ${dropped} damaged entr${dropped === 1 ? 'y' : 'ies'}`);
    return out.slice(0, this.cap);
  }
}
