// The words around a tool call: the confirmation a person approves (model, prompt, that it is a
// paid request), the message while it runs, and the result a model reads (paths and Markdown).
// VS Code renders the confirmation as Markdown, so the agent's words (prompt, model, paths) in it
// are escaped for it (shownText 'markdown'); the running message is a string the chat appends as
// text, where only autolinks need breaking (shownText 'chatText').
import { isImageError, type SomeParams } from '../core/errors';
import { formatCny, type CostEstimate } from '../core/price/modelPrice';
import { shownText } from '../core/text/shownText';
import type { AgentJob } from './planJob';
import type { AgentOutcome } from './runAgentJob';
import type { Translator } from './translator';
import { rootRelative } from './workspacePaths';

const SHOWN_PROMPT_CHARS = 500;
const SHOWN_MODEL_CHARS = 128;
const SHOWN_PATHS_CHARS = 600;

/** The agent's words, a setting's or a path, as they may stand in the confirmation's Markdown. */
function md(text: string, max?: number): string {
  return shownText(text, 'markdown', max);
}

function host(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** An estimate or a cost for the model and the person: "≈ ¥0.12 for 3 images", or that the price is unknown. */
export function costLine(l10n: Translator, e: CostEstimate): string {
  if (e.total === undefined) return l10n.t('price unknown ({0} image(s))', e.images);
  return e.images === 1
    ? l10n.t('{0} for 1 image', formatCny(e.total, e.approximate))
    : l10n.t('{0} for {1} images', formatCny(e.total, e.approximate), e.images);
}

export interface Confirmation {
  title: string;
  /** Markdown, one paragraph a line; the prompt, model and paths escaped (they are the agent's words). */
  message: string;
}

export function confirmation(l10n: Translator, job: AgentJob, baseUrl: string): Confirmation {
  const rel = (p: string): string => md(rootRelative(job.root, p), SHOWN_PATHS_CHARS);
  const lines = [
    l10n.t('Model: {0}', md(job.model, SHOWN_MODEL_CHARS)),
    l10n.t('Prompt: {0}', md(job.prompt, SHOWN_PROMPT_CHARS)),
    job.count === 1
      ? l10n.t('This makes a paid request to {0} with your GeekAI API key.', md(host(baseUrl)))
      : l10n.t('This makes {0} paid requests to {1} with your GeekAI API key.', job.count, md(host(baseUrl))),
  ];
  if (job.estimate) lines.push(l10n.t('Estimated cost: {0}', costLine(l10n, job.estimate)));
  if (job.sent.length > 0) lines.push(l10n.t('Images sent: {0}', md(job.sent.join(', '), SHOWN_PATHS_CHARS)));
  lines.push(l10n.t('Saved in: {0}', rel(job.folder)));
  if (job.markdownFile !== undefined) lines.push(l10n.t('Links appended to: {0}', rel(job.markdownFile)));
  return {
    title: job.kind === 'edit' ? l10n.t('Edit an image with GeekAI?') : l10n.t('Generate an image with GeekAI?'),
    // A blank line between lines: in Markdown a single line break joins them into one paragraph.
    message: lines.join('\n\n'),
  };
}

/** The running message: a string, which the chat appends to Markdown as text (so no Markdown escapes here). */
export function invocationMessage(l10n: Translator, job: AgentJob): string {
  const model = shownText(job.model, 'chatText', SHOWN_MODEL_CHARS);
  return job.kind === 'edit'
    ? l10n.t('Editing {0} with {1}…', shownText(job.sent[0] ?? '', 'chatText'), model)
    : l10n.t('Drawing with {0}…', model);
}

/**
 * What the model reads after a call: what was saved (and what failed), what it cost, the Markdown,
 * and last where that Markdown already went (so the model does not insert it a second time).
 */
export function resultText(l10n: Translator, job: AgentJob, outcome: AgentOutcome): string {
  const rel = (p: string): string => rootRelative(job.root, p);
  const lines = [
    outcome.files.length === 1
      ? l10n.t('Saved 1 image with {0}:', shownText(outcome.model))
      : l10n.t('Saved {0} images with {1}:', outcome.files.length, shownText(outcome.model)),
    ...outcome.files.map(rel),
  ];
  if (outcome.failedVariations > 0)
    lines.push('', l10n.t('{0} of {1} variations failed and were not saved.', outcome.failedVariations, job.count));
  // The model sees what it spent, as ImageGen's tools tell theirs.
  const cost = outcome.cost ?? job.estimate;
  if (cost)
    lines.push(
      '',
      outcome.cost ? l10n.t('Cost: {0}', costLine(l10n, cost)) : l10n.t('Estimated cost: {0}', costLine(l10n, cost)),
    );
  lines.push(
    '',
    job.markdownFile === undefined
      ? l10n.t('Markdown to use (links relative to the workspace root):')
      : l10n.t('Markdown to use (links relative to {0}):', rel(job.markdownFile)),
    outcome.markdown,
  );
  if (outcome.appendedTo !== undefined)
    lines.push('', l10n.t('These links were appended to the end of {0}.', rel(outcome.appendedTo)));
  return lines.join('\n');
}

/** Sentences for the refusals only the agent tools make; anything else goes to `describeOther`. */
export function describeToolError(l10n: Translator, e: unknown, describeOther: (e: unknown) => string): string {
  if (!isImageError(e) || e.kind !== 'invalidInput') return describeOther(e);
  const params: SomeParams = e.params;
  const path = shownText(String(params.path ?? ''));
  switch (e.reason) {
    case 'outsideRoot':
    case 'escapesWorkspace':
      return l10n.t(
        '"{0}" is outside the workspace folder, or a symbolic link in it points outside (links pointing inside are followed). Use a path relative to the workspace folder.',
        path,
      );
    case 'emptyPath':
      return l10n.t('A path is empty. Use a path relative to the workspace folder.');
    case 'notMarkdown':
      return l10n.t(
        '"{0}" is not a Markdown file (.md). Name an existing Markdown file, or omit markdownFile and place the returned Markdown yourself.',
        path,
      );
    case 'missingMarkdown':
      return l10n.t(
        '"{0}" does not exist. Create the Markdown file first, or omit markdownFile and place the returned Markdown yourself.',
        path,
      );
    default:
      return describeOther(e);
  }
}
