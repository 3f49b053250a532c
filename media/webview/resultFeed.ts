// Results of this session and the persisted history, newest first, in one list. Cards carry
// webview URIs, so 500 of them cost 500 lazy <img> tags, not megabytes of base64.
import type { ResultCard } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { button, el, format } from './dom';
import { PlacementLine } from './placementLine';
import { isCardAction, renderCard, type CardAction, type CardContext } from './resultCard';

export class ResultFeed {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLParagraphElement;
  private readonly target: HTMLParagraphElement;
  /** Where the next images go and how the target links them, below the target. */
  readonly placement: PlacementLine;
  private readonly more: HTMLButtonElement;
  private readonly cards = new Map<string, ResultCard>();
  private total = 0;
  private loading = false;

  constructor(
    private readonly ctx: CardContext,
    /** `image`: the index of the one image (a variation) the button is for. */
    onAction: (action: CardAction, card: ResultCard, image?: number) => void,
    private readonly onLoadMore: (offset: number) => void,
  ) {
    const s: StudioStrings = ctx.strings;
    this.target = el('p', { class: 'hint target' });
    this.placement = new PlacementLine(s);
    this.list = el('ol', { class: 'feed', attrs: { 'aria-label': s.results } });
    this.empty = el('p', { class: 'hint empty', text: s.emptyHistory });
    this.more = button(s.loadMore, { class: 'secondary load-more' });
    this.root = el(
      'section',
      { class: 'results', attrs: { 'aria-label': s.results } },
      el('h2', { text: s.results }),
      this.target,
      this.placement.root,
      this.empty,
      this.list,
      this.more,
    );
    this.list.addEventListener('click', (e) => {
      const b = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-action]') : null;
      const id = b?.closest<HTMLElement>('li[data-id]')?.dataset.id;
      const card = id ? this.cards.get(id) : undefined;
      const action = b?.dataset.action;
      const image = b?.dataset.image === undefined ? undefined : Number(b.dataset.image);
      if (b && card && !b.disabled && isCardAction(action)) onAction(action, card, image);
    });
    this.more.addEventListener('click', () => this.loadMore());
    // Scrolling to the end loads the next page by itself; the button stays for keyboards.
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.loadMore();
    }).observe(this.more);
    this.sync();
  }

  setTarget(name: string | undefined): void {
    this.target.textContent = name ? format(this.ctx.strings.insertInto, name) : this.ctx.strings.noTarget;
  }

  /** A page of history; offset 0 replaces what is shown. */
  setHistory(entries: readonly ResultCard[], offset: number, total: number): void {
    this.loading = false;
    if (offset === 0) {
      this.cards.clear();
      this.list.replaceChildren();
    }
    this.total = total;
    const fragment = document.createDocumentFragment();
    for (const card of entries) {
      if (this.cards.has(card.id)) continue;
      this.cards.set(card.id, card);
      fragment.append(renderCard(card, this.ctx));
    }
    this.list.append(fragment);
    this.sync();
  }

  prepend(card: ResultCard): void {
    if (this.cards.has(card.id)) return;
    this.cards.set(card.id, card);
    this.total += 1;
    this.list.prepend(renderCard(card, this.ctx));
    this.sync();
  }

  private loadMore(): void {
    if (this.loading || this.cards.size >= this.total) return;
    this.loading = true;
    this.onLoadMore(this.cards.size);
  }

  private sync(): void {
    this.empty.hidden = this.cards.size > 0;
    this.more.hidden = this.cards.size >= this.total;
  }
}
