// The Studio panel's StudioBackend, built on the same GenerationService, editor port, error
// messages and core functions as the commands: the panel has no generate/save/insert logic of its own.
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import { jobOptionsOf, studioOptionsFor, type ModelOptionsView } from '../../shared/imageVocabulary';
import type { ErrorView, ModelChoice, PanelErrorAction, PlacementLine, StudioDefaults } from '../../shared/protocol';
import { modelOptionsView } from '../core/apis/optionsView';
import type { ModelCatalog } from '../core/modelCatalog';
import { formatCny } from '../core/price/modelPrice';
import { isImageError, ImageError } from '../core/errors';
import type { ImageType } from '../core/imageType';
import { outputDestination, wallOf } from '../core/files/destination';
import { documentReferences, savedExtOf } from '../core/documents/references';
import { placementView } from '../core/job/jobPlacement';
import { sanitizeBaseName, slugify } from '../core/files/naming';
import { redact } from '../core/text/redact';
import { saveImages } from '../core/files/saveImages';
import type { ImageJobResult } from '../core/job/imageJob';
import { toDataUrl } from '../core/images/dataUrl';
import { hasWorkspaceStyle, readWorkspaceStyle } from '../core/job/applyStyle';
import { jobModel } from '../core/job/imageJob';
import { UnsavedImagesError } from '../core/job/unsavedImages';
import { settingsOptions } from '../core/job/settings';
import type { PanelJob, StudioBackend } from '../panel/ports';
import type { CommandContext } from './commands/context';
import { describeFor, servedElsewhere } from './errorMessages';
import { imagePickItems } from './imagePickItems';
import { insertOrCopy } from './insertOrCopy';
import { progressMessage } from './progressMessage';
import { estimateText } from './priceText';
import { saveElsewhere } from './saveElsewhere';
import { WorkspaceFileStore } from './workspaceFileStore';
import { homeFolder, linkedDocument, workspaceRoots } from './workspaceRoots';
import { takesImages } from './documentLanguages';

const PANEL_ACTIONS: readonly PanelErrorAction[] = ['setApiKey', 'openSettings', 'retry', 'saveAs', 'switchApi'];

/** The picker's image models (available ones first), with the model in the settings when it is not among them. */
function modelChoices(catalog: ModelCatalog, current: string): ModelChoice[] {
  const models = catalog.imageModels();
  const list: ModelChoice[] = [...models.filter((m) => m.available), ...models.filter((m) => !m.available)].map((m) =>
    m.available ? { id: m.id, label: m.id, api: m.api } : { id: m.id, label: l10n.t('{0} (unavailable)', m.id), api: m.api, unavailable: true },
  );
  return list.some((m) => m.id === current) ? list : [...list, { id: current, label: current }];
}

export function vscodeStudioBackend(
  ctx: CommandContext,
  now: () => Date = () => new Date(),
  env: Record<string, string | undefined> = process.env,
): StudioBackend {
  const { service, ui, keys, editors, workspace } = ctx;
  /** The images of the last job whose write the workspace refused, until saved elsewhere. */
  let unsaved: UnsavedImagesError | undefined;
  // The panel picks its own model per job; an error must name that one, not the setting's.
  const modelOfFailure = new WeakMap<object, string>();

  /** The links a job writes, with the same rule (core's `documentLinks`): in the document's language, the site's link where it serves the file. */
  async function markdownFor(target: vscode.Uri | undefined, files: vscode.Uri[], prompt: string): Promise<string> {
    const { language, linkOf } = await service.links(target, files[0]);
    return documentReferences({ language, alt: prompt, targetPaths: files.map((f) => f.path), linkOf });
  }

  return {
    async generate(job: PanelJob, onProgress, signal): Promise<ImageJobResult<vscode.Uri>> {
      const started = Date.now();
      const model = jobModel(job, service.settings(job.document));
      return service
        .run(
          job,
          (p) => {
            // A partial image travels as a data URL of bytes already sniffed as that image type.
            const preview = p.partial ? { variation: p.partial.variation, index: p.partial.index, dataUrl: toDataUrl(p.partial.type.mime, p.partial.bytes) } : undefined;
            const place = p.phase === 'queued' ? p.place : undefined;
            onProgress({ percent: p.percent, text: progressMessage(p, model, Date.now() - started), preview, place });
          },
          signal,
        )
        .catch((e: unknown) => {
          if (typeof e === 'object' && e !== null) modelOfFailure.set(e, model);
          throw e;
        });
    },

    markdownFor,

    async insertMarkdown(target, files, prompt) {
      const active = editors.active();
      const doc = target ?? (active && takesImages(active) ? active.document : undefined);
      const md = await markdownFor(doc, files, prompt);
      if (await insertOrCopy(ctx, doc, md, { at: 'cursor' })) return;
      void ui.info(l10n.t('No Markdown editor was open, so the Markdown link was copied to the clipboard.'));
    },

    describeError(e: unknown): ErrorView<PanelErrorAction> {
      const settings = service.settings();
      const model = (typeof e === 'object' && e !== null ? modelOfFailure.get(e) : undefined) ?? settings.model;
      const d = describeFor({ keys }, e, { model, timeoutSeconds: settings.timeoutSeconds });
      const actions = d.actions.filter((a): a is PanelErrorAction => PANEL_ACTIONS.includes(a as PanelErrorAction));
      if (e instanceof UnsavedImagesError) unsaved = e;
      // The panel shows the model's words in their own block, as plain text.
      if (isImageError(e) && e.kind === 'noImage' && e.detail) {
        return { kind: d.kind, message: l10n.t('The model answered without an image. Its reply:'), detail: redact(e.detail, keys.secrets), actions };
      }
      const short = servedElsewhere(e);
      const message = short === undefined ? d.message : redact(short, keys.secrets);
      return { kind: d.kind, message, actions, ...(d.switchTo ? { switchTo: d.switchTo } : {}) };
    },

    async placement(target): Promise<PlacementLine | undefined> {
      try {
        const placed = await service.placement(target);
        if (!placed) return undefined;
        // The name is not known before the prompt is; the extension is, when a format is set (or the document forces one).
        const ext = savedExtOf(placed.language, service.settings(target).saveFormat);
        const view = placementView(placed, ext ? `….${ext}` : '…');
        return { folder: view.folder, link: view.link, ...(view.site ? { site: view.site.name } : {}) };
      } catch {
        // A bad outputFolder pattern: the job itself says so, in its own words, when it runs.
        return undefined;
      }
    },

    async setApiKey() {
      await keys.prompt(ui);
    },

    async saveUnsaved() {
      const pending = unsaved;
      unsaved = undefined;
      if (pending) await saveElsewhere(ctx, pending);
    },

    async workspaceStyle(target) {
      const base = homeFolder(workspace, target);
      if (!base) return undefined;
      const store = new WorkspaceFileStore(workspace.fs, base);
      // An untrusted workspace's style is not read: the Studio says it is there and not applied.
      if (!workspace.isTrusted()) return (await hasWorkspaceStyle(store, base.path)) ? { references: 0, notApplied: 'untrusted' } : undefined;
      try {
        const style = await readWorkspaceStyle(store, base.path, workspace.folders().map((f) => f.path));
        return style && { prompt: style.prompt, references: style.references.length, model: style.model, aspectRatio: style.aspectRatio, saveFormat: style.saveFormat };
      } catch (e) {
        const settings = service.settings(target);
        return { references: 0, problem: describeFor({ keys }, e, settings).message };
      }
    },

    async pickWorkspaceImages() {
      const images = await workspace.findImages();
      if (images.length === 0) {
        void ui.info(l10n.t('There are no images in this workspace yet.'));
        return [];
      }
      const items = imagePickItems(workspace, images);
      const picked = await ui.pickMany(items, { title: l10n.t('Reference images'), placeHolder: l10n.t('Pick the images to send with the prompt') });
      return (picked ?? []).map((p) => p.uri);
    },

    async saveReferenceImage(bytes: Uint8Array, type: ImageType, nameHint: string, document?: vscode.Uri) {
      // Where a generated image for the same document would go; a reference must be inside the workspace, so no folder is asked for.
      const base = homeFolder(workspace, document);
      const settings = service.settings(document);
      const dest = outputDestination({ roots: workspaceRoots(workspace, () => base), document: linkedDocument(document)?.path, outputFolder: settings.outputFolder, now: now() });
      if (!base || !dest) throw new ImageError('invalidInput', 'no folder to save into', { reason: 'noFolder' });
      const stem = slugify(nameHint.replace(/\.[^.]*$/, ''), 40);
      const name = sanitizeBaseName(stem === 'image' ? 'pasted' : `pasted-${stem}`);
      const store = new WorkspaceFileStore(workspace.fs, base);
      const inside = wallOf(workspaceRoots(workspace, () => base), dest.root);
      const [written] = await saveImages(store, { folder: dest.folder, inside }, [name], [{ bytes, ext: type.ext }]);
      return store.uri(written);
    },

    models(): ModelChoice[] {
      return modelChoices(service.currentCatalog(), service.settings().model);
    },

    async refreshModels(show) {
      // A catalog other than the one at hand may bring models or only prices; the choices may then
      // read the same, but the panel describes its model anew and asks its estimate again.
      const before = service.currentCatalog();
      const listed = await service.catalog();
      if (listed !== before) show(modelChoices(listed, service.settings().model));
      // The prices the list lacks are looked up after it is on show.
      const priced = await service.pricedCatalog();
      if (priced !== listed) show(modelChoices(priced, service.settings().model));
    },

    estimate(request, target) {
      const { api, options } = jobOptionsOf(request.options);
      return estimateText(service.estimate({ model: request.model, api, options, aspectRatio: request.aspectRatio, imageSize: request.imageSize, document: target }));
    },

    costOf(result) {
      return result.cost?.total === undefined ? undefined : formatCny(result.cost.total, result.cost.approximate);
    },

    async balance() {
      try {
        const b = await service.balance();
        return b === undefined ? undefined : formatCny(b.cny);
      } catch (e) {
        ctx.log.warn(`the balance for the Studio's header is unavailable: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    },

    defaults(): StudioDefaults {
      const s = service.settings();
      // `npm run demo` starts VS Code with this set: say plainly that no real model is behind it.
      const banner = env.GEEKAI_IMAGE_DEMO
        ? l10n.t('Demo: this panel talks to a local test server ({0}) that draws placeholder images. No GeekAI key or credit is used.', s.baseUrl)
        : undefined;
      const options = studioOptionsFor(settingsOptions(s), s.api);
      return { model: s.model, aspectRatio: s.aspectRatio || undefined, imageSize: s.imageSize || undefined, options, banner };
    },

    modelOptions(model, api): ModelOptionsView {
      // The panel's API choice wins over the setting, as it does for the job itself.
      return modelOptionsView(model, api ?? service.settings().api, service.currentCatalog());
    },
  };
}
