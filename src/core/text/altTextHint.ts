// Cheap checks, without parsing, small enough for the entry bundle: may a line need alt text?

/** Could this text hold an image link with empty alt text (`![]`, `![ ]`)? */
export function mayMissAlt(text: string): boolean {
  return /!\[\s*\]/.test(text);
}

/** markdownlint's rule id for "images should have alternate text", as its diagnostics carry it. */
export function isMd045(code: unknown, message: string): boolean {
  const value = typeof code === 'object' && code !== null && 'value' in code ? code.value : code;
  return String(value).toUpperCase() === 'MD045' || /^MD045\b/.test(message);
}
