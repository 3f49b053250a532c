// A body read chunk by chunk (bodyChunks.ts): each chunk handed on is one the stream produced,
// never a join of the ones that waited meanwhile (what `for await` over a paused stream makes),
// the stream is held back while the reader is slow, a reader busy on chunks that already waited
// lets the event loop turn, and the stream's error or early close is the reader's.
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { BODY_SLICE_MS, bodyChunks } from '../../src/core/http/bodyChunks';

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('bodyChunks: a body read as its chunks came', () => {
  it('a slow reader gets the very chunks the stream made, one by one, never joined; the stream is read ahead of it by no more than it allows', async () => {
    const made: Buffer[] = Array.from({ length: 40 }, (_, i) => Buffer.alloc(16 * 1024, i));
    let pulled = 0;
    // Like a socket: a chunk whenever the stream asks for one, up to its high-water mark.
    const body = new Readable({
      highWaterMark: 64 * 1024,
      read() {
        this.push(pulled < made.length ? made[pulled++] : null);
      },
    });
    const got: Uint8Array[] = [];
    let mostAhead = 0;
    // 64 KB may wait for the reader, then the stream is paused.
    for await (const c of bodyChunks(body, 64 * 1024)) {
      got.push(c);
      mostAhead = Math.max(mostAhead, pulled - got.length);
      await wait(1);
    }
    assert.equal(got.length, made.length, 'as many chunks as were made');
    got.forEach((c, i) => assert.equal(c.buffer, made[i].buffer, `chunk ${i} is the buffer made, not a copy`));
    // Flowing without a pause would have pulled all 40 while the reader held the first.
    // What may wait here (4 chunks) and the stream's own high-water mark (4 more) at most.
    assert.ok(mostAhead <= 9, `read ahead by ${mostAhead} chunks`);
    // `for await` over the same kind of stream, pushed ahead, hands out joins of what waited.
    const joined = new PassThrough({ highWaterMark: 64 * 1024 });
    for (const c of made) joined.write(c);
    joined.end();
    let first: Uint8Array | undefined;
    for await (const c of joined as AsyncIterable<Uint8Array>) first ??= c;
    assert.ok((first?.byteLength ?? 0) > 16 * 1024, 'for-await joins what waited (the copy this avoids)');
  });

  it('a reader busy on chunks that already waited lets the event loop turn between them, every few milliseconds, and still gets every chunk in order', async () => {
    const made: Buffer[] = Array.from({ length: 30 }, (_, i) => Buffer.alloc(1024, i));
    const body = new PassThrough({ highWaterMark: 1024 * 1024 });
    for (const c of made) body.write(c);
    body.end();
    // Counts the event loop's turns (setImmediate runs once per turn, after the microtasks).
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await new Promise<void>((r) => setImmediate(r));
    const got: Uint8Array[] = [];
    const turnsAt: number[] = [];
    for await (const c of bodyChunks(body, 4 * 1024 * 1024)) {
      got.push(c);
      turnsAt.push(turns);
      // Synchronous work on each chunk, as a parser's: half a slice.
      const until = performance.now() + BODY_SLICE_MS / 2;
      while (performance.now() < until);
    }
    ticking = false;
    assert.deepEqual(
      got.map((c) => c.buffer),
      made.map((c) => c.buffer),
    );
    // Without the turns, the 30 chunks (all there at once) would all be handed on within one turn.
    const turnsDuring = (turnsAt.at(-1) ?? 0) - (turnsAt[0] ?? 0);
    assert.ok(turnsDuring >= 5, `the event loop turned ${turnsDuring} times while 30 chunks were worked on`);
    // No more than a slice of work (2 chunks here, 3 on a clock that just ticked) between two turns.
    let run = 1;
    for (let i = 1; i < turnsAt.length; i++) {
      run = turnsAt[i] === turnsAt[i - 1] ? run + 1 : 1;
      assert.ok(run <= 3, `chunks ${i - run + 1}-${i} were handed on in one turn`);
    }
  });

  it("the stream's error is thrown to the reader; a close before the end is an error too", async () => {
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from('a'));
    setTimeout(() => failing.destroy(new Error('socket hang up')), 5);
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const c of bodyChunks(failing)) seen.push(Buffer.from(c).toString());
      })(),
      /socket hang up/,
    );
    assert.deepEqual(seen, ['a']);

    const closed = new Readable({ read() {} });
    setTimeout(() => closed.destroy(), 5);
    await assert.rejects(
      (async () => {
        for await (const c of bodyChunks(closed)) assert.fail(`nothing came, yet ${c.byteLength} B did`);
      })(),
      (e: unknown) => (e as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE',
    );
  });

  it('a reader that stops early and destroys the body causes no uncaught error', async () => {
    const body = new Readable({ read() {} });
    body.push(Buffer.from('first'));
    body.push(Buffer.from('second'));
    let uncaught: unknown;
    const onUncaught = (e: unknown): void => {
      uncaught = e;
    };
    process.once('uncaughtException', onUncaught);
    try {
      for await (const c of bodyChunks(body)) {
        assert.equal(Buffer.from(c).toString(), 'first');
        break;
      }
      body.destroy(new Error('aborted by the reader'));
      await wait(10);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    assert.equal(uncaught, undefined);
  });
});
