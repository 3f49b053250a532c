// ImageError reasons and their values are typed per kind from core's ErrorCatalog: the
// `@ts-expect-error` lines fail `tsc` (run by npm test) the day a misspelt or misplaced reason,
// or a value its reason does not carry, compiles again.
import assert from 'node:assert/strict';
import { ImageError, hasReason, isImageError, serverCode, serverReason, type Reason } from '../../src/core/errors';
import { errorFromInlineBody, errorFromResponse } from '../../src/core/http/httpErrors';
import { Secrets } from '../../src/core/text/secrets';

describe('ImageError reasons', () => {
  it('accept the reasons listed for their kind, and server codes only through serverCode()', () => {
    assert.equal(new ImageError('invalidInput', 'x', { reason: 'emptyPrompt' }).reason, 'emptyPrompt');
    assert.equal(
      new ImageError('quota', 'x', { reason: serverCode('insufficient_quota') }).reason,
      'insufficient_quota',
    );
    // @ts-expect-error a misspelt reason
    assert.equal(new ImageError('invalidInput', 'x', { reason: 'emptyPromt' }).reason, 'emptyPromt');
    // @ts-expect-error a reason of another kind
    assert.equal(new ImageError('fs', 'x', { reason: 'emptyPrompt' }).reason, 'emptyPrompt');
    // @ts-expect-error plain text where only a server code may stand
    assert.equal(new ImageError('server', 'x', { reason: 'upstream' }).reason, 'upstream');
  });

  it('narrow by kind', () => {
    const e: unknown = new ImageError('network', 'x', { reason: 'dns', params: { host: 'h' } });
    assert.ok(isImageError(e) && e.kind === 'network');
    const reason: Reason<'network'> | undefined = e.reason;
    assert.equal(reason, 'dns');
    // @ts-expect-error not a network reason
    const other: Reason<'network'> = 'missingKey';
    assert.equal(other, 'missingKey');
  });

  it('take exactly the values their reason carries', () => {
    const long = new ImageError('invalidInput', 'x', {
      reason: 'promptTooLong',
      params: { length: 40_000, limit: 32_000 },
    });
    assert.deepEqual(long.params, { length: 40_000, limit: 32_000 });
    // @ts-expect-error a value the reason carries is missing
    assert.ok(new ImageError('invalidInput', 'x', { reason: 'promptTooLong', params: { length: 1 } }));
    // @ts-expect-error the values are left out altogether
    assert.ok(new ImageError('invalidInput', 'x', { reason: 'promptTooLong' }));
    // @ts-expect-error a value of another reason
    assert.ok(new ImageError('invalidInput', 'x', { reason: 'missingFile', params: { name: 'a.png', limit: 2 } }));
    // @ts-expect-error a reason that carries nothing
    assert.ok(new ImageError('invalidInput', 'x', { reason: 'emptyPrompt', params: { length: 1 } }));
    // @ts-expect-error a value of the wrong type
    assert.ok(new ImageError('invalidInput', 'x', { reason: 'promptTooLong', params: { length: '1', limit: 2 } }));
    // @ts-expect-error a network error names its host, with or without a reason
    assert.ok(new ImageError('network', 'x'));
    assert.equal(new ImageError('cancelled', 'x').reason, undefined);
  });

  it('narrow their values by reason through hasReason', () => {
    const e: unknown = new ImageError('download', 'x', {
      reason: 'httpStatus',
      params: { url: 'https://cdn.test/a.png', status: 404 },
    });
    assert.ok(hasReason(e, 'download', 'httpStatus'));
    const status: number = e.params.status;
    assert.equal(status, 404);
    assert.equal(hasReason(e, 'download', 'tooLarge'), false);
  });

  it('let a sentence read only the values its reason carries', () => {
    const long: unknown = new ImageError('invalidInput', 'x', {
      reason: 'promptTooLong',
      params: { length: 40_000, limit: 32_000 },
    });
    assert.ok(hasReason(long, 'invalidInput', 'promptTooLong'));
    assert.equal(long.params.limit, 32_000);
    // @ts-expect-error not a value promptTooLong carries
    assert.equal(long.params.name, undefined);
    const empty: unknown = new ImageError('invalidInput', 'x', { reason: 'emptyPrompt' });
    assert.ok(hasReason(empty, 'invalidInput', 'emptyPrompt'));
    // @ts-expect-error emptyPrompt carries no values at all
    assert.equal(empty.params.name, undefined);
  });

  it('are not taken from a server code that spells one of our own', () => {
    assert.equal(serverReason('badResponse', 'answerTooLarge'), undefined);
    assert.equal(serverReason('badResponse', 'upstream_error'), 'upstream_error');
    // The 401 sentence, not the one for a key kept from a base URL (whose host the server did not send).
    const auth = errorFromResponse(
      401,
      JSON.stringify({ error: { code: 'originNotApproved', message: 'no' } }),
      new Secrets(),
    );
    assert.equal(auth.kind, 'auth');
    assert.equal(auth.reason, undefined);
    const inline = errorFromInlineBody({ code: 'tooManyImages', message: 'x' }, new Secrets());
    assert.equal(inline.reason, 'inlineError');
    assert.equal(errorFromInlineBody({ code: 'upstream_error', message: 'x' }, new Secrets()).reason, 'upstream_error');
  });
});
