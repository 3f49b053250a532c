// Generate All Images in Document: every `geekai:` placeholder of a Markdown document as one
// cancellable batch (at most maxConcurrentJobs at once), each link's target replaced as its image
// lands, in one undoable edit per link (the document is edited, not saved). A placeholder that
// cannot be made stays as it is, with a diagnostic saying why. The CodeLens above a placeholder
// runs the same command for that one placeholder.
import { l10n } from 'vscode';
import type * as vscode from 'vscode';
import { batchCost, MAX_BATCH_REQUESTS, runBatch } from '../../core/job/batch';
import { apiBaseUrl } from '../../core/validateInput';
import type { ImageJobResult } from '../../core/job/imageJob';
import { isImageError } from '../../core/errors';
import type { DocumentLanguage } from '../../core/documents/documentLanguage';
import { retargetEdit, type ImageLink, type TextSpan } from '../../core/text/imageLinks';
import {
  findPlaceholderAgain,
  findPlaceholders,
  type Placeholder,
  type PlaceholderProblem,
} from '../../core/text/placeholders';
import { shownText } from '../../core/text/shownText';
import { offsetOfPosition } from '../../core/text/textPosition';
import { describeFor } from '../errorMessages';
import type { DocumentProblem } from '../ports';
import type { CommandContext } from './context';
import { targetDocument, type RangeLike } from './documentArg';
import { styleSkippedNote } from './runJob';
import { MADE_PLACEHOLDER_IMAGE } from '../walkthroughContext';
import { languageFor, placeholderFinder } from '../documentLanguages';
import { sumEstimates } from '../../core/job/estimateJob';
import { estimateText } from '../priceText';

export function problemMessage(p: PlaceholderProblem): string {
  switch (p.reason) {
    case 'emptyPrompt':
      return l10n.t('This placeholder has no prompt: write what to draw between the brackets.');
    case 'badAspectRatio':
      return l10n.t(
        '"{0}" is not an aspect ratio: write it as width:height, e.g. geekai:16:9.',
        shownText(p.value, 'plain', 80),
      );
    case 'badModel':
      return l10n.t(
        '"{0}" is not a valid model id (no spaces or special characters).',
        shownText(p.value, 'plain', 80),
      );
    case 'badSize':
      return l10n.t('"{0}" is not a size: use size=1K, 2K or 4K.', shownText(p.value, 'plain', 80));
    case 'unknownOption':
      return l10n.t('"{0}" is not a placeholder option: use ratio, model or size.', shownText(p.value, 'plain', 80));
  }
}

/** Requests a placeholder's job sends: one image each. */
const PLACEHOLDER_REQUESTS = 1;

/**
 * Whether the batch may go ahead: false (having said why) when it would send more than
 * `MAX_BATCH_REQUESTS` or the user cancels the question naming its cost; asked unless the user
 * turned `confirmBatches` off.
 */
async function batchAgreed(
  ctx: CommandContext,
  document: vscode.Uri,
  runnable: readonly Placeholder[],
  withProblems: number,
): Promise<boolean> {
  const settings = ctx.service.settings(document);
  const fallback = await ctx.service.defaultModel(document);
  const cost = batchCost(
    runnable.map((p) => ({ model: p.options.model?.trim() || fallback, requests: PLACEHOLDER_REQUESTS })),
  );
  if (cost.requests > MAX_BATCH_REQUESTS) {
    ctx.log.warn(`Generate All Images refused: ${cost.requests} requests, more than ${MAX_BATCH_REQUESTS}`);
    void ctx.ui.warn(
      l10n.t(
        'This document has {0} placeholders to generate, more than the {1} requests Generate All Images in Document sends at once; nothing was sent. Generate a few at a time with the CodeLens above each placeholder, or split the document.',
        runnable.length,
        MAX_BATCH_REQUESTS,
      ),
    );
    return false;
  }
  if (!settings.confirmBatches) return true;
  const models = modelNames(cost.byModel);
  // Each model's price from the gateway (looked up once), else the table's "price unknown".
  await Promise.all(cost.byModel.map((m) => ctx.service.catalogFor(m.model, document)));
  const catalog = ctx.service.currentCatalog(document);
  const total = sumEstimates(
    runnable.map((p) =>
      ctx.service.estimate(
        {
          model: p.options.model,
          aspectRatio: p.options.aspectRatio,
          imageSize: p.options.imageSize,
          document,
          options: { n: 1 },
        },
        catalog,
      ),
    ),
  );
  ctx.log.info(`Generate All: ${runnable.length} placeholders, estimated ${total.total ?? 'unknown'} CNY`);
  const details = [
    l10n.t('Estimated cost: {0}.', estimateText(total)),
    l10n.t('The setting geekaiImage.confirmBatches turns this question off.'),
  ];
  if (withProblems > 0)
    details.unshift(
      l10n.t('{0} placeholder(s) with a problem are left out; the Problems panel will say why.', withProblems),
    );
  const go = l10n.t('Generate');
  const picked = await ctx.ui.confirm(
    l10n.t(
      'Generate {0} image(s) with {1}? This sends {0} paid request(s) to {2}.',
      cost.requests,
      models,
      serverName(settings.baseUrl),
    ),
    details.join(' '),
    go,
  );
  if (picked !== go) ctx.log.info(`Generate All Images cancelled at the question (${cost.requests} requests)`);
  return picked === go;
}

/** Models a question names one by one; the rest (a document may name a model per placeholder) are counted. */
const NAMED_MODELS = 3;

/** "m (2), n (1)" for the question, most requests first; one model alone without its count (the ids come from the document). */
function modelNames(byModel: readonly { model: string; requests: number }[]): string {
  if (byModel.length === 1) return shownText(byModel[0].model);
  const named = byModel
    .slice(0, NAMED_MODELS)
    .map((m) => l10n.t('{0} ({1})', shownText(m.model), m.requests))
    .join(', ');
  const rest = byModel.slice(NAMED_MODELS);
  if (rest.length === 0) return named;
  return l10n.t(
    '{0} and {1} other model(s) ({2})',
    named,
    rest.length,
    rest.reduce((n, m) => n + m.requests, 0),
  );
}

/** The host the requests go to, as the user (or a workspace) set it. */
function serverName(baseUrl: string): string {
  try {
    return shownText(new URL(apiBaseUrl(baseUrl)).host);
  } catch {
    return shownText(baseUrl, 'plain', 80);
  }
}

/** The target the job's reference gives its (first) image, as the document's language writes it. */
function newTarget(result: ImageJobResult<vscode.Uri>, language: DocumentLanguage): string | undefined {
  return language.find(result.markdown)[0]?.targetSource;
}

/** The placeholder's target replaced by the image's: Markdown may need `<…>`; the others take it as written. */
function placeEdit(link: ImageLink, target: string, language: DocumentLanguage): { span: TextSpan; text: string } {
  return language.id === 'markdown' || (language.id === 'mdx' && link.form !== 'html')
    ? retargetEdit(link, target)
    : { span: link.targetSpan, text: target };
}

export async function generatePlaceholdersCommand(
  ctx: CommandContext,
  uriArg?: vscode.Uri | string,
  range?: RangeLike,
): Promise<void> {
  const target = await targetDocument(
    ctx,
    uriArg,
    undefined,
    l10n.t('Open a Markdown document with geekai: placeholders, e.g. ![a red kite over a grey sea](geekai:16:9).'),
  );
  if (!target) return;
  const { document, text } = target;
  const language = languageFor(document, text);
  const find = placeholderFinder(document, text);
  let placeholders = findPlaceholders(text, find);
  if (range) {
    const at = offsetOfPosition(text, range.start);
    placeholders = placeholders.filter((p) => p.link.span.start <= at && at <= p.link.span.end).slice(-1);
  }
  if (placeholders.length === 0) {
    void ctx.ui.info(
      l10n.t('No geekai: placeholders here. Write one as ![what to draw](geekai:) or ![what to draw](geekai:16:9).'),
    );
    return;
  }

  const settings = ctx.service.settings(document);
  const problems = new Map<Placeholder, string>();
  for (const p of placeholders) if (p.problems[0]) problems.set(p, problemMessage(p.problems[0]));
  const runnable = placeholders.filter((p) => !problems.has(p));
  // The whole document's run costs money per placeholder: refused over the cap, else asked first.
  // One placeholder's CodeLens is one request, like Generate Image….
  if (!range && runnable.length > 0 && !(await batchAgreed(ctx, document, runnable, problems.size))) return;
  // What is in the document now: every replacement is made on the latest text.
  let current = text;
  let done = 0;
  let cancelled = false;
  let lost = 0;
  let styleNote: string | undefined;

  // One link at a time, each on the text as it is then: VS Code refuses an edit made on a
  // version of the document that another edit (or the user's typing) has since changed.
  const placeNow = async (p: Placeholder, result: ImageJobResult<vscode.Uri>): Promise<void> => {
    const target = newTarget(result, language);
    for (let attempt = 0; target !== undefined && attempt < 3; attempt++) {
      current = (await ctx.editors.read(document)) ?? current;
      const here = findPlaceholderAgain(current, p, text, find);
      if (!here) break;
      const edit = placeEdit(here.link, target, language);
      if (await ctx.editors.replace(document, [{ span: edit.span, text: edit.text }])) {
        done++;
        return;
      }
    }
    lost++;
  };
  let placing = Promise.resolve();
  const place = (p: Placeholder, result: ImageJobResult<vscode.Uri>): Promise<void> =>
    (placing = placing.then(() => placeNow(p, result)));

  if (runnable.length > 0) {
    await ctx.ui.progress(l10n.t('GeekAI Image: generating the images of the document'), async (report, signal) => {
      report({ message: l10n.t('{0} / {1}', 0, runnable.length), percent: 0 });
      await runBatch(
        runnable,
        (p, _i, batchSignal) =>
          ctx.service.run(
            {
              prompt: p.prompt,
              model: p.options.model,
              aspectRatio: p.options.aspectRatio,
              imageSize: p.options.imageSize,
              references: [],
              document,
              options: { n: 1 },
            },
            () => undefined,
            batchSignal ?? signal,
          ),
        {
          concurrency: settings.maxConcurrentJobs,
          signal,
          onSettled: async (p, _i, outcome, settled, total) => {
            report({ message: l10n.t('{0} / {1}', settled, total), percent: Math.round((settled / total) * 100) });
            if (outcome.status === 'done') {
              styleNote ??= styleSkippedNote(outcome.value);
              await place(p, outcome.value);
            } else if (outcome.status === 'failed') {
              if (isImageError(outcome.error) && outcome.error.kind === 'cancelled') cancelled = true;
              else {
                const model = p.options.model ?? settings.model;
                problems.set(
                  p,
                  describeFor(ctx, outcome.error, { model, timeoutSeconds: settings.timeoutSeconds }).message,
                );
                ctx.log.error(
                  `placeholder failed: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`,
                );
              }
            }
          },
        },
      );
      if (signal.aborted) cancelled = true;
    });
  }

  // The problems, where their placeholders are now.
  current = (await ctx.editors.read(document)) ?? current;
  const shown: DocumentProblem[] = [];
  for (const [p, message] of problems) {
    const here = findPlaceholderAgain(current, p, text, find);
    // Each message was made safe where it was worded; the map hides that from the lint rule.
    if (here) shown.push({ span: here.link.span, message: shownText(message, 'plain', 1000) });
  }
  // One placeholder's run (its CodeLens) leaves the problems of the others alone.
  const mine = range ? placeholders[0] && findPlaceholderAgain(current, placeholders[0], text, find) : undefined;
  await ctx.problems.set(document, shown, range ? (mine?.link.span ?? { start: 0, end: 0 }) : undefined);

  if (done > 0) ctx.ui.setContext(MADE_PLACEHOLDER_IMAGE, true);
  const failed = problems.size;
  const total = placeholders.length;
  const generated = [l10n.t('Generated {0} of {1} image(s).', done, total), ...(styleNote ? [styleNote] : [])].join(
    ' ',
  );
  if (failed === 0 && lost === 0 && !cancelled) {
    void ctx.ui.info(generated);
    return;
  }
  const parts = [generated];
  if (failed > 0)
    parts.push(
      l10n.t(
        '{0} placeholder(s) could not be generated and stay in the document; the Problems panel says why.',
        failed,
      ),
    );
  if (lost > 0)
    parts.push(l10n.t('{0} image(s) were saved but their placeholder had changed, so no link was replaced.', lost));
  if (cancelled) parts.push(l10n.t('Cancelled: the placeholders not yet generated stay in the document.'));
  void ctx.ui.warn(parts.join(' '));
}
