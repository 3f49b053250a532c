// A link inserted on a line that already holds text would be glued to it
// (`![a](x.png)![b](y.png)`), or, on the next line, still be part of the same
// paragraph. These rules put the inserted block in a paragraph of its own.

export interface Insertion {
  /** Where to insert, in the document's text (UTF-16 offset). */
  offset: number;
  /** What to insert there: the block with the line breaks it needs around it. */
  text: string;
  /** Where the block itself starts within `text`. */
  blockStart: number;
}

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  text: string;
}

function lineAt(doc: string, offset: number): Line {
  const start = doc.lastIndexOf('\n', offset - 1) + 1;
  let end = doc.indexOf('\n', offset);
  if (end < 0) end = doc.length;
  if (end > start && doc[end - 1] === '\r') end--;
  return { start, end, text: doc.slice(start, end) };
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Lines after which a block starts without a blank line: headings, thematic breaks, fences closing. */
function endsABlock(s: string): boolean {
  return /^ {0,3}(#{1,6}(\s|$)|([-*_])\s*(\3\s*){2,}$|```|~~~)/.test(s);
}

/** The document's line break: `\r\n` if it uses them, else `\n`. */
export function lineBreakOf(doc: string): string {
  return doc.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Where and how to insert `block` (one or more whole lines of Markdown) at `offset` so it
 * renders as its own paragraph: on an empty line it goes there; on a line with text it goes
 * after that line; a blank line is added before and after wherever a neighbouring line would
 * otherwise join the paragraph.
 */
export function ownParagraphInsertion(doc: string, offset: number, block: string): Insertion {
  const eol = lineBreakOf(doc);
  const at = Math.max(0, Math.min(offset, doc.length));
  const line = lineAt(doc, at);
  const prevLine = line.start > 0 ? lineAt(doc, line.start - 1).text : undefined;
  const nextStart = doc.indexOf('\n', line.end);
  const nextLine = nextStart < 0 ? undefined : lineAt(doc, nextStart + 1).text;

  if (blank(line.text)) {
    const before = blank(prevLine) || endsABlock(prevLine ?? '') ? '' : eol;
    const after = blank(nextLine) ? '' : eol;
    return { offset: line.start, text: before + block + after, blockStart: before.length };
  }
  const before = endsABlock(line.text) ? eol : eol + eol;
  const after = blank(nextLine) ? '' : eol;
  return { offset: line.end, text: before + block + after, blockStart: before.length };
}

/**
 * Where an editor inserts: at its cursor, below a line (a prompt taken from a selection keeps its
 * text), or at an offset (where the cursor was when a job resumed after a reload was asked for).
 */
export type InsertWhere = { at: 'cursor' } | { at: 'belowLine'; line: number } | { at: 'offset'; offset: number };

/**
 * How an editor inserts `markdown` (lines joined by `\n`) into `doc` whose cursor is at
 * `cursor`: always as its own paragraph, in the document's line breaks.
 */
export function editorInsertion(doc: string, cursor: number, where: InsertWhere, markdown: string): Insertion {
  const block = markdown.split('\n').join(lineBreakOf(doc));
  if (where.at === 'cursor') return ownParagraphInsertion(doc, cursor, block);
  if (where.at === 'offset') return ownParagraphInsertion(doc, Math.max(0, Math.min(where.offset, doc.length)), block);
  let start = 0;
  for (let i = 0; i < where.line; i++) {
    const next = doc.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  return ownParagraphInsertion(doc, start, block);
}
