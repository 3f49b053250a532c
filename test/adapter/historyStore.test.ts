// The Studio history: persisted as URIs (never bytes), capped, newest first, survives a
// "restart" (a new store on the same storage), and shrugs off damaged files.
import assert from 'node:assert/strict';
import { HistoryStore, type HistoryEntry } from '../../src/studio/historyStore';
import { LogCapture } from '../support/logCapture';
import { MemoryStorage } from './support/studioFakes';

function entry(i: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `e${i}`,
    createdAt: 1_700_000_000_000 + i,
    prompt: `prompt ${i}`,
    model: 'gpt-4o-image',
    elapsedMs: 1000,
    files: [`file:///ws/images/${i}.png`],
    references: [],
    text: '',
    ...extra,
  };
}

describe('Studio history store', () => {
  let storage: MemoryStorage;
  let log: LogCapture;
  let present: Set<string>;
  const store = (cap?: number): HistoryStore => new HistoryStore(storage, async (u) => present.has(u), log, cap);

  beforeEach(() => {
    storage = new MemoryStorage();
    log = new LogCapture();
    present = new Set();
  });

  it('starts empty without a file', async () => {
    assert.equal(await store().total(), 0);
    assert.deepEqual(await store().page(0, 50), []);
  });

  it('keeps entries newest first across a restart, as URIs and prompts only', async () => {
    const a = store();
    await a.add(entry(1));
    await a.add(entry(2));
    const b = store(); // a new VS Code session reading the same file
    assert.deepEqual(
      (await b.page(0, 10)).map((i) => i.entry.id),
      ['e2', 'e1'],
    );
    assert.deepEqual((JSON.parse(storage.text ?? '') as { entries: { files: string[] }[] }).entries[0].files, [
      'file:///ws/images/2.png',
    ]);
    assert.ok((storage.text ?? '').length < 1000, 'no image bytes in the file');
  });

  it('caps the history, dropping the oldest', async () => {
    const s = store(5);
    for (let i = 0; i < 8; i++) await s.add(entry(i));
    assert.equal(await s.total(), 5);
    assert.deepEqual(
      (await s.page(0, 10)).map((i) => i.entry.id),
      ['e7', 'e6', 'e5', 'e4', 'e3'],
    );
  });

  it('holds 500 entries by default and pages through them', async () => {
    storage.text = JSON.stringify({ version: 1, entries: Array.from({ length: 600 }, (_, i) => entry(i)) });
    const s = store();
    assert.equal(await s.total(), 500);
    const page = await s.page(450, 100);
    assert.equal(page.length, 50);
    assert.equal(page[0].entry.id, 'e450');
  });

  it('marks files that are gone, and treats a failing check as gone', async () => {
    present.add('file:///ws/a.png');
    const s = new HistoryStore(
      storage,
      async (u) => {
        if (u.includes('boom')) throw new Error('stat failed');
        return present.has(u);
      },
      log,
    );
    await s.add(entry(1, { files: ['file:///ws/a.png', 'file:///ws/deleted.png', 'file:///ws/boom.png'] }));
    assert.deepEqual((await s.page(0, 1))[0].missing, [false, true, true]);
  });

  it('ignores a damaged file and damaged entries, logging why', async () => {
    storage.text = '{ not json';
    assert.equal(await store().total(), 0);
    assert.match(log.text(), /not valid JSON/);

    log.clear();
    storage.text = JSON.stringify({
      version: 1,
      entries: [entry(1), { id: 5 }, entry(2, { files: 'nope' as unknown as string[] }), entry(3)],
    });
    assert.deepEqual(
      (await store().page(0, 10)).map((i) => i.entry.id),
      ['e1', 'e3'],
    );
    assert.match(log.text(), /skipped 2 damaged entries/);
  });

  it('keeps every entry when results arrive together, and entries another window added', async () => {
    const s = store();
    await s.add(entry(1));
    // Another VS Code window appends to the same file behind this store's back.
    const other = store();
    await other.add(entry(2));
    await Promise.all([3, 4, 5, 6].map((i) => s.add(entry(i))));
    assert.deepEqual((await store().page(0, 10)).map((i) => i.entry.id).sort(), ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
  });

  it('caps the stored model reply and removes entries', async () => {
    const s = store();
    await s.add(entry(1, { text: 'y'.repeat(10_000) }));
    await s.add(entry(2));
    assert.equal((await s.get('e1'))?.text.length, 4000);
    await s.remove('e1');
    assert.equal(await s.get('e1'), undefined);
    assert.equal(await store().total(), 1);
  });
});
