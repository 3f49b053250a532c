// Runs many jobs with at most `concurrency` at once (Generate All Images in Document):
// each outcome is reported as it lands, a failure never stops the others, and Cancel
// stops starting new ones while those running get the signal.

export type BatchOutcome<R> =
  { status: 'done'; value: R } | { status: 'failed'; error: unknown } | { status: 'skipped' };

export interface BatchOptions<T, R> {
  concurrency: number;
  signal?: AbortSignal;
  /** Called once per item as it settles, with how many have settled so far. */
  onSettled?: (
    item: T,
    index: number,
    outcome: BatchOutcome<R>,
    settled: number,
    total: number,
  ) => void | Promise<void>;
}

export async function runBatch<T, R>(
  items: readonly T[],
  work: (item: T, index: number, signal: AbortSignal | undefined) => Promise<R>,
  o: BatchOptions<T, R>,
): Promise<BatchOutcome<R>[]> {
  const outcomes: BatchOutcome<R>[] = items.map(() => ({ status: 'skipped' }));
  let next = 0;
  let settled = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !o.signal?.aborted) {
      const index = next++;
      const item = items[index];
      let outcome: BatchOutcome<R>;
      try {
        outcome = { status: 'done', value: await work(item, index, o.signal) };
      } catch (error) {
        outcome = { status: 'failed', error };
      }
      outcomes[index] = outcome;
      settled++;
      await o.onSettled?.(item, index, outcome, settled, items.length);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(o.concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return outcomes;
}

/**
 * The most paid requests one Generate All Images in Document sends: a document with more (a
 * crafted one, or a long one) is refused whole, before anything is sent.
 */
export const MAX_BATCH_REQUESTS = 50;

/** What a batch will cost, for the question asked before it runs. */
export interface BatchCost {
  requests: number;
  /** Requests per model, most first (ties in the order first met). */
  byModel: { model: string; requests: number }[];
}

/** The requests each item sends (its variations), by the model that serves it. */
export function batchCost(items: readonly { model: string; requests: number }[]): BatchCost {
  const byModel = new Map<string, number>();
  for (const i of items) byModel.set(i.model, (byModel.get(i.model) ?? 0) + i.requests);
  const list = [...byModel].map(([model, requests]) => ({ model, requests }));
  // A stable sort keeps first-met order among equals.
  list.sort((a, b) => b.requests - a.requests);
  return { requests: list.reduce((n, m) => n + m.requests, 0), byModel: list };
}
