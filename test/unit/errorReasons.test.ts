// ImageError reasons are typed per kind: the `@ts-expect-error` lines fail `tsc` (run by npm test)
// the day a misspelt or misplaced reason compiles again.
import assert from 'node:assert/strict';
import { ImageError, isImageError, serverCode, type Reason } from '../../src/core/errors';

describe('ImageError reasons', () => {
  it('accept the reasons listed for their kind, and server codes only through serverCode()', () => {
    assert.equal(new ImageError('invalidInput', 'x', { reason: 'emptyPrompt' }).reason, 'emptyPrompt');
    assert.equal(new ImageError('quota', 'x', { reason: serverCode('insufficient_quota') }).reason, 'insufficient_quota');
    // @ts-expect-error a misspelt reason
    assert.equal(new ImageError('invalidInput', 'x', { reason: 'emptyPromt' }).reason, 'emptyPromt');
    // @ts-expect-error a reason of another kind
    assert.equal(new ImageError('fs', 'x', { reason: 'emptyPrompt' }).reason, 'emptyPrompt');
    // @ts-expect-error plain text where only a server code may stand
    assert.equal(new ImageError('server', 'x', { reason: 'upstream' }).reason, 'upstream');
  });

  it('narrow by kind', () => {
    const e: unknown = new ImageError('network', 'x', { reason: 'dns' });
    assert.ok(isImageError(e) && e.kind === 'network');
    const reason: Reason<'network'> | undefined = e.reason;
    assert.equal(reason, 'dns');
    // @ts-expect-error not a network reason
    const other: Reason<'network'> = 'missingKey';
    assert.equal(other, 'missingKey');
  });
});
