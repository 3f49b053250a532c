// The Studio session and the workspace style: shown after init and whenever it changes (a job
// ends, the target moves), and a generation's skipStyle handed on to that one job.
import assert from 'node:assert/strict';
import { createMessageRouter } from '../../src/studio/messageRouter';
import { StudioSession } from '../../src/studio/studioSession';
import { studioStrings } from '../../src/studio/studioStrings';
import { LogCapture } from '../support/logCapture';
import { FakeBackend, FakeHost, file, MemoryStorage, memoryHistory, WS } from './support/studioFakes';

describe('Studio session: workspace style', () => {
  let host: FakeHost;
  let backend: FakeBackend;
  let session: StudioSession;
  let route: (raw: unknown) => Promise<unknown>;

  beforeEach(() => {
    host = new FakeHost();
    backend = new FakeBackend();
    const log = new LogCapture();
    session = new StudioSession(
      host,
      backend,
      memoryHistory(host, log, new MemoryStorage()),
      studioStrings({ t: (m) => m }),
      log,
    );
    route = createMessageRouter(session.handlers, log, (_m, e) => session.reportError(e));
  });
  afterEach(() => session.dispose());

  it('posts the style after init, then only when it changes', async () => {
    backend.style = { prompt: 'pastel', references: 1 };
    await route({ type: 'ready' });
    assert.deepEqual(host.ofType('style'), [{ type: 'style', style: { prompt: 'pastel', references: 1 } }]);

    await route({ type: 'generate', prompt: 'a kite', model: 'gpt-4o-image', attachmentIds: [] });
    assert.equal(host.ofType('style').length, 1, 'unchanged after the job: nothing posted');

    backend.style = { references: 0, problem: 'not valid JSON' };
    host.targetUri = file(`${WS}/other.md`);
    session.targetChanged();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(host.ofType('style').at(-1), {
      type: 'style',
      style: { references: 0, problem: 'not valid JSON' },
    });

    backend.style = undefined;
    await route({ type: 'generate', prompt: 'a boat', model: 'gpt-4o-image', attachmentIds: [] });
    assert.deepEqual(
      host.ofType('style').at(-1),
      { type: 'style', style: undefined },
      'the file was removed: the bar goes',
    );
  });

  it('skipStyle from the panel reaches that job only', async () => {
    await route({ type: 'ready' });
    await route({ type: 'generate', prompt: 'a kite', model: 'gpt-4o-image', attachmentIds: [], skipStyle: true });
    await route({ type: 'generate', prompt: 'a boat', model: 'gpt-4o-image', attachmentIds: [] });
    assert.deepEqual(
      backend.jobs.map((j) => j.skipStyle),
      [true, undefined],
    );
  });
});
