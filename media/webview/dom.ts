// Builds DOM from trusted structure and untrusted text. Text always goes in as text nodes:
// nothing here (or anywhere in the webview) assigns innerHTML.

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** Set with setAttribute; values are plain strings, never markup. */
  attrs?: Record<string, string | undefined>;
  text?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

export function button(label: string, props: Props = {}): HTMLButtonElement {
  const b = el('button', { ...props, text: label });
  b.type = 'button';
  return b;
}

/** Fills `{0}`, `{1}` … in a localised template. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const value = args[Number(i)];
    return value === undefined ? whole : String(value);
  });
}

let idCounter = 0;
/** Unique ids for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Seconds with one decimal, e.g. 12.3, in the user's locale. */
export function seconds(ms: number, locale: string): string {
  return (ms / 1000).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
