import assert from 'node:assert/strict';
import { ImageError } from '../../src/core/errors';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, sleep, type RetryPolicy } from '../../src/core/http/httpClient';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-09-22T08:00:00Z');

  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('1', now), 1000);
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
    assert.equal(parseRetryAfter('1.5', now), 1500);
    assert.equal(parseRetryAfter(['3', '9'], now), 3000);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    assert.equal(parseRetryAfter('Mon, 22 Sep 2025 08:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Mon, 22 Sep 2025 07:59:00 GMT', now), 0);
  });

  it('ignores a missing or unreadable value', () => {
    for (const v of [undefined, '', 'soon', '-1', '-5', '1, 2', '12abc', []]) {
      assert.equal(parseRetryAfter(v, now), undefined, JSON.stringify(v));
    }
  });
});

describe('backoffDelay', () => {
  const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 16_000, maxRetryAfterMs: 60_000 };

  it('doubles per attempt with jitter between half and all of the step', () => {
    for (const [attempt, step] of [
      [0, 1000],
      [1, 2000],
      [2, 4000],
      [3, 8000],
    ] as const) {
      assert.equal(
        backoffDelay(attempt, policy, () => 0),
        step / 2,
      );
      assert.equal(
        backoffDelay(attempt, policy, () => 0.5),
        (step * 3) / 4,
      );
      assert.equal(
        backoffDelay(attempt, policy, () => 0.999999),
        step,
      );
    }
  });

  it('never exceeds maxDelayMs, even for large attempts', () => {
    for (let attempt = 0; attempt < 60; attempt++) {
      for (const r of [0, 0.3, 0.999999]) {
        const d = backoffDelay(attempt, policy, () => r);
        assert.ok(d >= 500 && d <= 16_000, `attempt ${attempt}: ${d}`);
        assert.ok(Number.isFinite(d));
      }
    }
    assert.equal(
      backoffDelay(10, policy, () => 0),
      8000,
    );
  });

  it('default policy is bounded', () => {
    assert.ok(DEFAULT_RETRY.maxRetries >= 1 && DEFAULT_RETRY.maxRetries <= 5);
    assert.ok(DEFAULT_RETRY.maxDelayMs <= 60_000);
  });
});

describe('sleep', () => {
  it('waits, and rejects with cancelled as soon as the signal aborts', async () => {
    const t0 = Date.now();
    await sleep(20);
    assert.ok(Date.now() - t0 >= 15);
    const c = new AbortController();
    const started = Date.now();
    const p = sleep(10_000, c.signal);
    setTimeout(() => c.abort(), 10);
    await assert.rejects(p, (e: unknown) => e instanceof ImageError && e.kind === 'cancelled');
    assert.ok(Date.now() - started < 1000);
    c.abort();
    await assert.rejects(sleep(10, c.signal), (e: unknown) => e instanceof ImageError && e.kind === 'cancelled');
  });
});
