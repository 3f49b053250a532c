// Cheap checks, without parsing, small enough for the entry bundle: may this Markdown hold
// something the extension offers an action for? A false "yes" costs a parse, never a miss.

/** Could this text hold an image link with empty alt text (`![]`, `![ ]`)? */
export function mayMissAlt(text: string): boolean {
  return /!\[\s*\]/.test(text);
}

/** markdownlint's rule id for "images should have alternate text", as its diagnostics carry it. */
export function isMd045(code: unknown, message: string): boolean {
  const value = typeof code === 'object' && code !== null && 'value' in code ? code.value : code;
  return String(value).toUpperCase() === 'MD045' || /^MD045\b/.test(message);
}

/** Could this text hold a `geekai:` placeholder link (`](geekai:…)`, `](<geekai:…>)`)? */
export function mayHavePlaceholder(text: string): boolean {
  return /\]\(\s*<?geekai:/i.test(text);
}
