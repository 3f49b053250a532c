// A placeholder's problem stays on it while the document changes around it, and goes once the
// placeholder itself is changed (fixed) or removed.
import type { TextSpan } from './imageLinks';
import type { FindImages } from './linkedImage';
import { findPlaceholderAgain, findPlaceholders } from './placeholders';

export interface SpanProblem {
  span: TextSpan;
  message: string;
}

/** The problems raised on `before`'s placeholders, moved to where each placeholder is in `after`; the changed or gone ones dropped. */
export function relocateProblems(
  before: string,
  after: string,
  problems: readonly SpanProblem[],
  find?: FindImages,
): SpanProblem[] {
  const placeholders = findPlaceholders(before, find);
  const out: SpanProblem[] = [];
  for (const problem of problems) {
    const original = placeholders.find(
      (p) => p.link.span.start === problem.span.start && p.link.span.end === problem.span.end,
    );
    const again = original && findPlaceholderAgain(after, original, before, find);
    if (again) out.push({ span: again.link.span, message: problem.message });
  }
  return out;
}

/**
 * The problems after a run over `scope` only (one placeholder's CodeLens): the earlier problems
 * elsewhere stay, moved to where their placeholders are in `after`; those within `scope` give way
 * to `fresh`.
 */
export function problemsAfterScopedRun(
  before: string,
  after: string,
  earlier: readonly SpanProblem[],
  scope: TextSpan,
  fresh: readonly SpanProblem[],
  find?: FindImages,
): SpanProblem[] {
  const kept = relocateProblems(before, after, earlier, find).filter(
    (p) => p.span.end <= scope.start || p.span.start >= scope.end,
  );
  return [...kept, ...fresh].sort((a, b) => a.span.start - b.span.start);
}
