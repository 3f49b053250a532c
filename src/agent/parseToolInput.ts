// Tool input from a model is untrusted and often slightly wrong: turn every schema problem into
// one sentence that says which option is wrong and what it accepts, so the model can fix its call.
import type * as z from 'zod/mini';
import type { Translator } from './translator';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

interface Issue {
  code: string;
  path: PropertyKey[];
  keys?: string[];
  values?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  expected?: string;
}

function describeIssue(l10n: Translator, issue: Issue, options: readonly string[]): string {
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      return l10n.t(
        'Unknown option(s): {0}. This tool accepts: {1}.',
        (issue.keys ?? []).join(', '),
        options.join(', '),
      );
    case 'invalid_type':
      if (issue.path.length === 0)
        return l10n.t('The tool input must be an object with the options: {0}.', options.join(', '));
      return l10n.t('Option "{0}" is missing or is not of type {1}.', field, issue.expected ?? '?');
    case 'invalid_value':
      return l10n.t('Option "{0}" must be one of: {1}.', field, (issue.values ?? []).map(String).join(', '));
    case 'too_small':
      return issue.origin === 'array'
        ? l10n.t('Option "{0}" needs at least {1} item(s).', field, String(issue.minimum))
        : issue.origin === 'string'
          ? l10n.t('Option "{0}" must not be empty.', field)
          : l10n.t('Option "{0}" must be at least {1}.', field, String(issue.minimum));
    case 'too_big':
      return issue.origin === 'array'
        ? l10n.t('Option "{0}" takes at most {1} item(s).', field, String(issue.maximum))
        : issue.origin === 'string'
          ? l10n.t('Option "{0}" is too long (at most {1} characters).', field, String(issue.maximum))
          : l10n.t('Option "{0}" must be at most {1}.', field, String(issue.maximum));
    default:
      return l10n.t('Option "{0}" is not valid.', field);
  }
}

/** The input, typed, or one sentence per problem. */
export function parseToolInput<S extends z.ZodMiniObject>(
  l10n: Translator,
  schema: S,
  raw: unknown,
): Parsed<z.infer<S>> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data };
  const options = Object.keys(schema.def.shape);
  const sentences = result.error.issues.map((i) => describeIssue(l10n, i as Issue, options));
  return { ok: false, message: [...new Set(sentences)].join(' ') };
}
