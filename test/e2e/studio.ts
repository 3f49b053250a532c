// The Image Studio panel as the scenarios drive it: its webview's frame, the model picker, and a
// recorder of what the page showed (a partial image may be on screen for a fraction of a second).
import type { Frame, FrameLocator } from 'playwright-core';
import { waitFor } from './files';
import { TITLES } from './scenario';
import type { Workbench } from './ui';

export interface Studio {
  view: FrameLocator;
}

/** Opens the panel and waits for its prompt. */
export async function openStudio(wb: Workbench): Promise<Studio> {
  await wb.runCommand(TITLES.openStudio);
  const view = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  await view.locator('textarea.prompt-input').waitFor({ state: 'visible', timeout: 30_000 });
  return { view };
}

/** The webview page as it is now (VS Code may swap the frame), for running the recorder in it. */
async function frameOf(studio: Studio): Promise<Frame> {
  const handle = await studio.view.locator('#app').elementHandle();
  const frame = await handle?.contentFrame().then((f) => f ?? handle.ownerFrame());
  if (!frame) throw new Error('the Studio webview has no frame');
  return frame;
}

/** Picks a catalog model in the panel and waits until the host has described it (the API control shows its name). */
export async function pickModel(studio: Studio, model: string, apiName: string): Promise<void> {
  await studio.view.getByLabel('Model', { exact: true }).selectOption(model);
  const auto = studio.view.getByLabel('API', { exact: true }).locator('option').first();
  await waitFor(`the panel to describe ${model}`, async () => (await auto.textContent())?.includes(apiName), 15_000);
}

export interface Seen {
  kind: 'preview' | 'card';
  /** preview: its number and picture; card: its text */
  index?: number;
  src?: string;
  alt?: string;
  text?: string;
}

/** From now on, records every partial image and every new result card the page shows, in order. */
export async function recordStudio(studio: Studio): Promise<void> {
  const frame = await frameOf(studio);
  await frame.evaluate(`(() => {
    const seen = new Set(Array.from(document.querySelectorAll('.feed li.card'), (c) => 'card:' + c.dataset.id));
    window.__e2eSeen = [];
    const snap = () => {
      for (const img of document.querySelectorAll('.job-preview')) {
        const key = 'preview:' + img.dataset.variation + ':' + img.dataset.index;
        if (seen.has(key)) continue;
        seen.add(key);
        window.__e2eSeen.push({ kind: 'preview', index: Number(img.dataset.index), src: img.getAttribute('src'), alt: img.getAttribute('alt') });
      }
      for (const card of document.querySelectorAll('.feed li.card')) {
        const key = 'card:' + card.dataset.id;
        if (seen.has(key)) continue;
        seen.add(key);
        window.__e2eSeen.push({ kind: 'card', text: card.textContent });
      }
    };
    new MutationObserver(snap).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['src', 'data-index'] });
  })()`);
}

export async function seen(studio: Studio): Promise<Seen[]> {
  const frame = await frameOf(studio);
  const all = await frame.evaluate<Seen[] | null>('window.__e2eSeen ? window.__e2eSeen.slice() : null');
  if (!all) throw new Error(`the recorder is not in the Studio's page any more (${frame.url().slice(0, 80)})`);
  return all;
}
