// Line/character positions (as VS Code and command arguments give them) to text offsets.

/** The offset of `line`/`character` in `text` (UTF-16, lines split at `\n`), clamped to the text. */
export function offsetOfPosition(text: string, pos: { line: number; character: number }): number {
  let start = 0;
  for (let i = 0; i < pos.line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return text.length;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return start + Math.max(0, Math.min(pos.character, end - start));
}
