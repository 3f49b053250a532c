// One generation as a card. Prompt and model reply are untrusted (a prompt may hold
// `<script>`, a reply Markdown or HTML): they are set as text, never parsed.
import type { ResultCard, StudioStrings } from '../../shared/protocol';
import { button, el, format, seconds, uid } from './dom';

export type CardAction = 'insert' | 'copyMarkdown' | 'reveal' | 'open' | 'editThis' | 'regenerate' | 'reuse';

const ACTIONS: readonly CardAction[] = ['insert', 'copyMarkdown', 'reveal', 'open', 'editThis', 'regenerate', 'reuse'];

export function isCardAction(value: string | undefined): value is CardAction {
  return (ACTIONS as readonly (string | undefined)[]).includes(value);
}

/** Actions that need the image file; disabled when it is gone. */
const NEEDS_FILE: readonly CardAction[] = ['insert', 'copyMarkdown', 'reveal', 'open', 'editThis'];

export interface CardContext {
  strings: StudioStrings;
  locale: string;
  dateFormat: Intl.DateTimeFormat;
}

function shortPrompt(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function images(card: ResultCard, ctx: CardContext): HTMLElement {
  const alt = format(ctx.strings.imageAlt, shortPrompt(card.prompt));
  return el(
    'div',
    { class: `images count-${Math.min(card.images.length, 4)}` },
    ...card.images.map((img) =>
      img.missing || !img.webviewUri
        ? el('div', { class: 'image missing', attrs: { role: 'img', 'aria-label': `${ctx.strings.fileMissing}: ${img.name}` } }, el('span', { text: ctx.strings.fileMissing }), el('span', { class: 'file-name', text: img.name }))
        : el('img', { class: 'image', attrs: { src: img.webviewUri, alt, title: img.name, loading: 'lazy', decoding: 'async' } }),
    ),
  );
}

export function renderCard(card: ResultCard, ctx: CardContext): HTMLElement {
  const s = ctx.strings;
  const headingId = uid('card');
  const when = ctx.dateFormat.format(new Date(card.createdAt));
  const usable = card.images.some((i) => !i.missing && i.webviewUri);
  const meta = [card.model, card.aspectRatio, card.imageSize, when, format(s.elapsed, seconds(card.elapsedMs, ctx.locale))].filter(Boolean).join(' · ');
  const act = (action: CardAction, label: string, primary = false): HTMLButtonElement => {
    const b = button(label, { class: primary ? 'primary' : 'secondary', attrs: { 'data-action': action } });
    if (!usable && NEEDS_FILE.includes(action)) b.disabled = true;
    return b;
  };
  const reusePrompt = button(card.prompt, { class: 'prompt-text', attrs: { 'data-action': 'reuse', title: format(s.reusePrompt, shortPrompt(card.prompt)), 'aria-label': format(s.reusePrompt, shortPrompt(card.prompt)) } });
  return el(
    'li',
    { class: 'card', attrs: { 'data-id': card.id } },
    el(
      'article',
      { attrs: { 'aria-labelledby': headingId } },
      el('h3', { class: 'visually-hidden', attrs: { id: headingId }, text: format(s.cardHeading, when) }),
      images(card, ctx),
      reusePrompt,
      el('p', { class: 'meta', text: meta }),
      card.text ? el('details', { class: 'reply' }, el('summary', { text: s.modelReply }), el('p', { class: 'reply-text', text: card.text })) : null,
      el(
        'div',
        { class: 'row card-actions' },
        act('insert', s.insert, true),
        act('copyMarkdown', s.copyMarkdown),
        act('reveal', s.reveal),
        act('open', s.open),
        act('editThis', s.editThis),
        act('regenerate', s.regenerate),
        act('reuse', s.reuse),
      ),
    ),
  );
}
