// What an answer says it cost, from its `usage` object, where the gateway puts one there:
// `usage.cost` (or `total_cost`) in yuan, unless `usage.currency` names another currency.
// Absent or odd: undefined (the price × images stands in; nothing is guessed).

const MAX_COST = 100_000;

export function usageCost(usage: unknown): number | undefined {
  if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) return undefined;
  const u = usage as Record<string, unknown>;
  if (
    u.currency !== undefined &&
    (typeof u.currency !== 'string' || !['cny', 'rmb'].includes(u.currency.trim().toLowerCase()))
  )
    return undefined;
  const raw = u.cost ?? u.total_cost;
  const cost =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(raw)
        ? Number(raw)
        : undefined;
  return cost !== undefined && Number.isFinite(cost) && cost >= 0 && cost <= MAX_COST ? cost : undefined;
}

/** The last cost any of several pieces (stream chunks, events) states. */
export function lastUsageCost(usages: readonly unknown[]): number | undefined {
  let out: number | undefined;
  for (const u of usages) out = usageCost(u) ?? out;
  return out;
}
