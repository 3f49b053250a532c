// Runs a job under a cancellable progress notification, and turns failures into a message with
// the buttons that fix them. "Retry" and a freshly set key run the same job again.
import * as path from 'node:path';
import { l10n } from 'vscode';
import type { GenerationProgress } from '../../core/generate';
import type * as vscode from 'vscode';
import type { ApiKind } from '../../../shared/imageVocabulary';
import type { ErrorAction } from '../../../shared/protocol';
import { jobModel, type ImageJob, type ImageJobResult } from '../../core/job/imageJob';
import { UnsavedImagesError } from '../../core/job/unsavedImages';
import { hasReason } from '../../core/errors';
import { shownText } from '../../core/text/shownText';
import { savedExtOf } from '../../core/documents/references';
import { placementView, type PlacementView } from '../../core/job/jobPlacement';
import { actionLabel, describeFor, settingsQuery } from '../errorMessages';
import { progressMessage } from '../progressMessage';
import { saveElsewhere } from '../saveElsewhere';
import type { CommandContext } from './context';
import type { InsertWhere } from '../ports';

const MAX_RERUNS = 5;

/** `insert`: where the link will go, kept with a job that runs in the background so a reload does not lose it. */
export async function runJob(
  ctx: CommandContext,
  first: ImageJob<vscode.Uri>,
  insert?: InsertWhere,
): Promise<ImageJobResult<vscode.Uri> | undefined> {
  let job = first;
  for (let run = 0; run < MAX_RERUNS; run++) {
    const settings = ctx.service.settings(job.document ?? job.besideSource);
    const model = jobModel(job, settings);
    try {
      // A job refused before anything is sent says so without a progress notification flashing first.
      await ctx.service.check(job);
      const outcome = await ctx.ui.progress(await progressTitle(ctx, job), async (report, signal) => {
        const started = Date.now();
        let last: GenerationProgress = { phase: 'sending' };
        const render = (): void =>
          report({ message: progressMessage(last, model, Date.now() - started), percent: last.percent });
        // Non-stream models say nothing for 10-20 s: keep the clock moving so it doesn't look stuck.
        const ticker = setInterval(render, 1000);
        try {
          return await ctx.service.run(
            job,
            (p) => {
              last = p;
              render();
            },
            signal,
            insert,
          );
        } finally {
          clearInterval(ticker);
        }
      });
      const skipped = styleSkippedNote(outcome);
      if (skipped) void ctx.ui.info(skipped);
      return outcome;
    } catch (e) {
      const again = await handleFailure(ctx, e, model, settings.timeoutSeconds);
      if (!again) return undefined;
      // A job that named its API would ignore the setting just changed.
      if (typeof again === 'object' && job.api !== undefined) job = { ...job, api: again.api };
    }
  }
  return undefined;
}

/**
 * The notification's title: with the site rule that places a new image when a site decides it
 * (the same `placeJob` the job runs), so a surprising folder is explained before it appears.
 */
async function progressTitle(ctx: CommandContext, job: ImageJob<vscode.Uri>): Promise<string> {
  const plain = l10n.t('GeekAI Image');
  if (job.besideSource !== undefined) return plain;
  const placed = await ctx.service.placement(job.document).catch(() => undefined);
  if (!placed?.site) return plain;
  const ext = savedExtOf(placed.language, ctx.service.settings(job.document).saveFormat);
  return `${plain} · ${siteRule(placementView(placed, ext ? `….${ext}` : '…'))}`;
}

/** Which site rule applies, where it saves and the link it writes. */
export function siteRule(view: PlacementView): string {
  const site = view.site;
  if (!site) return '';
  // The site's name, folder and link come from its configuration: outside text.
  switch (site.rule) {
    case 'static':
      return l10n.t(
        '{0} site: saving in its static folder {1}, linked from the site root as {2}',
        shownText(site.name),
        shownText(site.folder),
        shownText(view.link),
      );
    case 'bundle':
      return l10n.t(
        '{0} page bundle: saving beside the page in {1}, linked as {2}',
        shownText(site.name),
        shownText(site.folder),
        shownText(view.link),
      );
    case 'assetFolder':
      return l10n.t(
        '{0} post asset folder: saving in {1}, linked as {2}',
        shownText(site.name),
        shownText(site.folder),
        shownText(view.link),
      );
    case 'colocated':
      return l10n.t(
        '{0} content: saving beside the page in {1}, linked as {2}',
        shownText(site.name),
        shownText(site.folder),
        shownText(view.link),
      );
    case 'docsFolder':
      return l10n.t(
        '{0} docs: saving in {1}, linked from the page as {2}',
        shownText(site.name),
        shownText(site.folder),
        shownText(view.link),
      );
  }
}

/** The sentence for a job that left the workspace style out because the workspace is not trusted. */
export function styleSkippedNote(outcome: Pick<ImageJobResult<unknown>, 'styleSkipped'>): string | undefined {
  return outcome.styleSkipped === 'untrusted'
    ? l10n.t('The workspace style (.geekai/style.json) was not applied: this workspace is not trusted.')
    : undefined;
}

/**
 * Shows the error (after `lead`, a sentence of what did work, when given); true (or the API
 * switched to) when the user chose something that should run the job again.
 */
export async function handleFailure(
  ctx: CommandContext,
  e: unknown,
  model: string,
  timeoutSeconds: number,
  lead?: string,
): Promise<boolean | { api: ApiKind }> {
  const d = describeFor(ctx, e, { model, timeoutSeconds });
  if (d.kind === 'cancelled') {
    ctx.log.info('job cancelled by the user');
    void ctx.ui.info(d.message);
    return false;
  }
  ctx.log.error(`job failed (${d.kind}): ${e instanceof Error ? e.message : String(e)}`);
  // The buttons are the extension's own words, but "Switch to {0}" names an API: the sink checks them all.
  const buttons = d.actions.map((a) => shownText(actionLabel(a, d)));
  const picked = await ctx.ui.error(lead ? `${lead} ${d.message}` : d.message, ...buttons);
  const action: ErrorAction | undefined = picked === undefined ? undefined : d.actions[buttons.indexOf(picked)];
  switch (action) {
    case 'setApiKey':
      return (await ctx.keys.prompt(ctx.ui)) !== undefined;
    case 'retry':
      return true;
    case 'switchApi':
      if (!d.switchTo) return false;
      await ctx.workspace.setApi(d.switchTo);
      ctx.log.info(`geekaiImage.api set to ${d.switchTo}, trying again`);
      return { api: d.switchTo };
    case 'openSettings':
      await ctx.ui.openSettings(settingsQuery(e));
      return false;
    case 'showLog':
      ctx.showLog();
      return false;
    case 'saveAs':
      if (e instanceof UnsavedImagesError) await saveElsewhere(ctx, e);
      return false;
    case 'openStyle':
      await openStyleAtField(ctx, e);
      return false;
    default:
      return false;
  }
}

/** `.geekai/style.json` in an editor, the cursor on the field its error names. */
async function openStyleAtField(ctx: CommandContext, e: unknown): Promise<void> {
  if (!hasReason(e, 'invalidInput', 'badStyle')) return;
  const file = e.params.path;
  const folder =
    ctx.workspace.folders().find((f) => file.startsWith(`${f.path.replace(/\/$/, '')}/`)) ?? ctx.workspace.folders()[0];
  if (!folder) return;
  await ctx.editors.showAt(folder.with({ path: file }), e.params.offset);
}

/** Which site rule placed the images: where they went and the link written, so a surprise can be undone by a setting. */
export function siteNote(site: NonNullable<ImageJobResult<unknown>['site']>): string {
  // The folder and the link come from the site's configuration, a file in the repository.
  return l10n.t(
    '({0} site: saved in {1}, linked as {2})',
    shownText(site.name),
    shownText(site.folder),
    shownText(site.example),
  );
}

/** Tells the user what was saved, with buttons for what they may want next (not awaited). */
export function announceSaved(ctx: CommandContext, outcome: ImageJobResult<vscode.Uri>, lead: string): void {
  // File names come from the prompt (a model's, a file's) or the user's own files.
  const names = shownText(outcome.files.map((f) => path.posix.basename(f.path)).join(', '), 'plain', 600);
  const open = l10n.t('Open Image');
  const reveal = l10n.t('Reveal in Explorer');
  // `lead` may name the user's own file (an edit's source), which could be called `[x](command:y).png`:
  // its callers pass such names through shownText.
  const site = outcome.site ? ` ${siteNote(outcome.site)}` : '';
  void ctx.ui.info(`${lead} ${names}${site}`, open, reveal).then(async (choice) => {
    if (choice === open) await ctx.ui.openFile(outcome.files[0]);
    if (choice === reveal) await ctx.ui.reveal(outcome.files[0]);
  });
  if (outcome.failures.length > 0) {
    const first = describeFor(ctx, outcome.failures[0], { model: outcome.model, timeoutSeconds: 0 });
    void ctx.ui.warn(
      l10n.t('{0} image(s) in the answer could not be saved: {1}', outcome.failures.length, first.message),
    );
  }
}
