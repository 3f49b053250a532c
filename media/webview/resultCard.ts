// One generation as a card; several variations show as one group, each with its own Insert and
// Copy. Prompt, revised prompts and model reply are untrusted (a prompt may hold `<script>`, a
// reply Markdown or HTML): they are set as text, never parsed.
import type { CardImage, ResultCard } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
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

function picture(img: CardImage, alt: string, s: StudioStrings): HTMLElement {
  return img.missing || !img.webviewUri
    ? el(
        'div',
        { class: 'image missing', attrs: { role: 'img', 'aria-label': `${s.fileMissing}: ${img.name}` } },
        el('span', { text: s.fileMissing }),
        el('span', { class: 'file-name', text: img.name }),
      )
    : el('img', {
        class: 'image',
        attrs: { src: img.webviewUri, alt, title: img.name, loading: 'lazy', decoding: 'async' },
      });
}

function revised(img: CardImage, s: StudioStrings): HTMLElement | null {
  return img.revisedPrompt
    ? el(
        'details',
        { class: 'revised' },
        el('summary', { text: s.revisedPrompt }),
        el('p', { class: 'revised-text', text: img.revisedPrompt }),
      )
    : null;
}

function images(card: ResultCard, ctx: CardContext): HTMLElement {
  const alt = format(ctx.strings.imageAlt, shortPrompt(card.prompt));
  return el(
    'div',
    { class: `images count-${Math.min(card.images.length, 4)}` },
    ...card.images.map((img) => picture(img, alt, ctx.strings)),
  );
}

/** Each variation with its label, its own Insert and Copy (`data-image`: its index in the card) and the prompt the model used. */
function variationGroup(card: ResultCard, ctx: CardContext): HTMLElement {
  const s = ctx.strings;
  const alt = format(s.imageAlt, shortPrompt(card.prompt));
  return el(
    'div',
    {
      class: `images variations count-${Math.min(card.images.length, 4)}`,
      attrs: { role: 'group', 'aria-label': format(s.variationsGroup, card.images.length) },
    },
    ...card.images.map((img, i) => {
      const n = (img.variation ?? i) + 1;
      const label = format(s.variationLabel, n);
      const usable = !img.missing && img.webviewUri !== '';
      const own = (action: 'insert' | 'copyMarkdown', text: string, name: string): HTMLButtonElement => {
        const b = button(text, {
          class: 'secondary',
          attrs: { 'data-action': action, 'data-image': String(i), 'aria-label': format(name, n) },
        });
        b.disabled = !usable;
        return b;
      };
      return el(
        'figure',
        { class: 'variation', attrs: { 'data-variation': String(n - 1) } },
        picture(img, `${label}: ${alt}`, s),
        el(
          'figcaption',
          { class: 'row' },
          el('span', { class: 'variation-label', text: label }),
          own('insert', s.insert, s.insertVariation),
          own('copyMarkdown', s.copyMarkdown, s.copyVariation),
        ),
        revised(img, s),
      );
    }),
  );
}

export function renderCard(card: ResultCard, ctx: CardContext): HTMLElement {
  const s = ctx.strings;
  const headingId = uid('card');
  const when = ctx.dateFormat.format(new Date(card.createdAt));
  const usable = card.images.some((i) => !i.missing && i.webviewUri);
  const cost = card.cost ? format(s.costLabel, card.cost) : undefined;
  const meta = [
    card.model,
    card.aspectRatio,
    card.imageSize,
    when,
    format(s.elapsed, seconds(card.elapsedMs, ctx.locale)),
    cost,
  ]
    .filter(Boolean)
    .join(' · ');
  const act = (action: CardAction, label: string, primary = false): HTMLButtonElement => {
    const b = button(label, { class: primary ? 'primary' : 'secondary', attrs: { 'data-action': action } });
    if (!usable && NEEDS_FILE.includes(action)) b.disabled = true;
    return b;
  };
  const group = (card.variations ?? 0) > 1 && card.images.length > 1;
  const reusePrompt = button(card.prompt, {
    class: 'prompt-text',
    attrs: {
      'data-action': 'reuse',
      title: format(s.reusePrompt, shortPrompt(card.prompt)),
      'aria-label': format(s.reusePrompt, shortPrompt(card.prompt)),
    },
  });
  return el(
    'li',
    { class: 'card', attrs: { 'data-id': card.id } },
    el(
      'article',
      { attrs: { 'aria-labelledby': headingId } },
      el('h3', { class: 'visually-hidden', attrs: { id: headingId }, text: format(s.cardHeading, when) }),
      group ? variationGroup(card, ctx) : images(card, ctx),
      reusePrompt,
      el('p', { class: 'meta', text: meta }),
      ...(group ? [] : card.images.map((img) => revised(img, s))),
      card.text
        ? el(
            'details',
            { class: 'reply' },
            el('summary', { text: s.modelReply }),
            el('p', { class: 'reply-text', text: card.text }),
          )
        : null,
      el(
        'div',
        { class: 'row card-actions' },
        act('insert', group ? s.insertAll : s.insert, true),
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
