// GeekAI's balance: GET https://geekai.co/api/credit/balance (no /v1) with the separate system
// key, answering `{"balance": <gold coins>}` (100 coins = 1 CNY). The system key goes to GeekAI's
// balance origin only; the one exception is a base URL on this machine (the project's test
// server), whose origin answers in GeekAI's place, so tests never reach the real GeekAI.
import * as z from 'zod/mini';
import type { Dispatcher } from 'undici';
import { ImageError } from '../errors';
import { addressClass } from '../http/addressClass';
import { DEFAULT_RETRY, postWithRetry, type RetryPolicy, type Timeouts } from '../http/httpClient';
import type { Logger } from '../logger';
import { boundedText } from './models';
import { parseJson, shapeAs } from './parseJson';

export const GEEKAI_BALANCE_URL = 'https://geekai.co/api/credit/balance';
export const COINS_PER_CNY = 100;
const MAX_BALANCE_BYTES = 64 * 1024;

/** Whether `baseUrl` names this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackBase(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || addressClass(host) === 'loopback';
  } catch {
    return false;
  }
}

/** Where the balance is asked: GeekAI's, or a loopback test server's own origin. */
export function balanceUrlFor(baseUrl: string): string {
  return isLoopbackBase(baseUrl) ? `${new URL(baseUrl).origin}/api/credit/balance` : GEEKAI_BALANCE_URL;
}

const coins = z.union([z.number(), z.string().check(z.maxLength(32), z.regex(/^\s*-?\d+(?:\.\d+)?\s*$/))]);
const BalanceSchema = z.union([z.object({ balance: coins }), z.object({ data: z.object({ balance: coins }) })]);

export interface Balance {
  coins: number;
  cny: number;
}

export interface BalanceParams {
  baseUrl: string;
  systemKey: string;
  dispatcher: Dispatcher;
  log: Logger;
  timeouts: Timeouts;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

export async function fetchBalance(p: BalanceParams): Promise<Balance> {
  if (!p.systemKey.trim()) throw new ImageError('auth', 'no balance key', { reason: 'missingKey' });
  const res = await postWithRetry({
    url: balanceUrlFor(p.baseUrl),
    apiKey: p.systemKey,
    accept: 'application/json',
    timeouts: p.timeouts,
    retry: p.retry ?? { ...DEFAULT_RETRY, maxRetries: 1 },
    dispatcher: p.dispatcher,
    log: p.log,
    signal: p.signal,
  });
  let body: z.infer<typeof BalanceSchema>;
  try {
    body = shapeAs(
      parseJson(await boundedText(res, MAX_BALANCE_BYTES, 'balance'), 'balance'),
      BalanceSchema,
      'balance',
    );
  } finally {
    res.close();
  }
  const raw = Number('data' in body ? body.data.balance : body.balance);
  if (!Number.isFinite(raw) || Math.abs(raw) > 1e12)
    throw new ImageError('badResponse', 'the balance is not a number', { reason: 'wrongShape' });
  return { coins: raw, cny: Math.round(raw) / COINS_PER_CNY };
}
