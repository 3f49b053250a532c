// "Saves to … · links as …" in the Studio, in real headless chromium, fed by the real session and
// the real backend over a workspace on disk: the line a Hugo post, an AsciiDoc book and a LaTeX
// paper get (the job's own placement rule), changing as the target and the settings change.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostToWebview } from '../../shared/protocol';
import { createMessageRouter } from '../../src/studio/messageRouter';
import { StudioSession } from '../../src/studio/studioSession';
import { studioStrings } from '../../src/studio/studioStrings';
import { VsCodeStudioBackend } from '../../src/studio/studioBackend';
import { makeHarness, markdownDoc, type Harness } from '../adapter/support/harness';
import { FakeHost, memoryHistory } from '../adapter/support/studioFakes';
import type { StudioPage } from './support/studioPage';
import { useStudio } from './support/useStudio';

describe('Studio placement line (headless chromium, real backend)', function () {
  this.timeout(60_000);
  const studio = useStudio();
  let h: Harness;
  let host: FakeHost;
  let session: StudioSession;
  let page: StudioPage;

  beforeEach(async () => {
    // Nothing is sent: the line is worked out locally.
    h = makeHarness('http://127.0.0.1:9');
    host = new FakeHost();
    session = new StudioSession(
      host,
      new VsCodeStudioBackend(h.ctx),
      memoryHistory(host, h.log),
      studioStrings({ t: (m) => m }),
      h.log,
    );
    page = await studio.open();
  });
  afterEach(async () => {
    session.dispose();
    await h.dispose();
  });

  /** Hands what the session posted to the page, in order, once it has posted a placement line. */
  async function deliver(): Promise<HostToWebview[]> {
    const end = Date.now() + 5000;
    while (host.ofType('placement').length === 0) {
      if (Date.now() > end) throw new Error('the session posted no placement message');
      await new Promise((r) => setTimeout(r, 10));
    }
    const sent = host.posted.splice(0);
    for (const m of sent) await page.post(m);
    return sent;
  }
  const line = () => page.page.locator('p.placement');

  it("shows where the target's images go and the link it gets, and changes with the target and the settings", async () => {
    // A Hugo site in a folder of the workspace, beside documents that belong to no site.
    fs.mkdirSync(path.join(h.root, 'blog'));
    fs.writeFileSync(path.join(h.root, 'blog/hugo.toml'), 'baseURL = "https://example.org/blog/"\n');
    const post = markdownDoc(h, 'blog/content/posts/kites.md', '---\ntitle: Kites\n---\n');
    h.settings.saveFormat = 'webp';
    host.targetUri = post;
    const route = createMessageRouter(session.handlers, h.log, (_m, e) => session.reportError(e));
    await route({ type: 'ready' });
    await deliver();
    assert.equal(await line().textContent(), 'Hugo site: saves to blog/static/images · links as /blog/images/….webp');
    assert.ok(await line().isVisible());
    await page.screenshot('placement-hugo');

    // An AsciiDoc book whose header sets :imagesdir: writes its macro's target relative to it.
    const book = markdownDoc(h, 'docs/book.adoc', '= Book\n:imagesdir: images\n\nText.\n', { languageId: 'asciidoc' });
    host.targetUri = book;
    session.targetChanged();
    await deliver();
    assert.equal(await line().textContent(), 'Saves to docs/images · links as ….webp');

    // LaTeX cannot show WebP: the line names the PNG the job will save.
    const paper = markdownDoc(h, 'paper/main.tex', '\\documentclass{article}\n', { languageId: 'latex' });
    host.targetUri = paper;
    session.targetChanged();
    await deliver();
    assert.equal(await line().textContent(), 'Saves to paper/images · links as images/….png');

    // The user's own output folder wins over Hugo's static/ for the folder; the link follows where the file is.
    h.settings.outputFolder = '${workspaceFolder}/blog/static/pics';
    h.settings.saveFormat = 'keep';
    host.targetUri = post;
    session.targetChanged();
    await deliver();
    assert.equal(await line().textContent(), 'Saves to blog/static/pics · links as /blog/pics/…');
    h.settings.outputFolder = '${workspaceFolder}/assets';
    session.targetChanged();
    await deliver();
    assert.equal(
      await line().textContent(),
      'Saves to assets · links as ../../../assets/…',
      'outside static/: a relative link, as without a site',
    );
  });

  it('folder and link names from the workspace are text, never markup; an outputFolder the job would refuse hides the line', async () => {
    const doc = markdownDoc(h, '<img src=x onerror=alert(1)>/notes.md', '# Notes\n');
    host.targetUri = doc;
    const route = createMessageRouter(session.handlers, h.log, (_m, e) => session.reportError(e));
    await route({ type: 'ready' });
    await deliver();
    assert.equal(await line().textContent(), 'Saves to <img src=x onerror=alert(1)>/images · links as images/…');
    assert.equal(await line().locator('img').count(), 0);

    // A pattern the job would refuse: the line goes, the job says why when it runs.
    h.settings.outputFolder = '${nope}/x';
    session.targetChanged();
    const sent = await deliver();
    assert.deepEqual(
      sent.filter((m) => m.type === 'placement'),
      [{ type: 'placement', placement: undefined }],
    );
    assert.ok(await line().isHidden());
  });
});
