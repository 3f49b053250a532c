// Assertion helpers shared by the integration, adapter and reliability tests.
import assert from 'node:assert/strict';
import { isImageError, type ImageError, type SomeParams } from '../../src/core/errors';

/** A caught ImageError whose values a test reads by name, whatever its reason. */
export type CaughtError = ImageError & { readonly params: SomeParams };

/** Awaits `p`, which must reject with a ImageError; returns it for closer checks. */
export async function expectImageError(p: Promise<unknown>): Promise<CaughtError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isImageError(e), `expected a ImageError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ImageError, but it succeeded');
}

/** Polls `cond` until it holds (for effects that land just after a promise settles). */
export async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs `fn`, which must throw a ImageError; returns it for closer checks. */
export function expectThrows(fn: () => unknown): CaughtError {
  try {
    fn();
  } catch (e) {
    assert.ok(isImageError(e), `expected a ImageError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ImageError, but it returned');
}
