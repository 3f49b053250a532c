// The Studio panel's StudioBackend, built on the same GenerationService, editor port, error
// messages and core functions as the commands: the panel has no generate/save/insert logic of its own.
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import { jobOptionsOf, studioOptionsFor, type ApiSetting, type ModelOptionsView } from '../../shared/imageVocabulary';
import type {
  ErrorView,
  ModelChoice,
  PanelErrorAction,
  PlacementLine,
  StudioDefaults,
  StyleView,
} from '../../shared/protocol';
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
import type { PanelJob, PanelProgress, StudioBackend } from './ports';
import type { CommandContext } from '../vscode/commands/context';
import { describeFor, servedElsewhere } from '../vscode/errorMessages';
import { imagePickItems } from '../vscode/imagePickItems';
import { insertOrCopy } from '../vscode/insertOrCopy';
import { progressMessage } from '../vscode/progressMessage';
import { estimateText } from '../vscode/priceText';
import { saveElsewhere } from '../vscode/saveElsewhere';
import { WorkspaceFileStore } from '../vscode/workspaceFileStore';
import { homeFolder, linkedDocument, workspaceRoots } from '../vscode/workspaceRoots';
import { takesImages } from '../vscode/documentLanguages';

const PANEL_ACTIONS: readonly PanelErrorAction[] = ['setApiKey', 'openSettings', 'retry', 'saveAs', 'switchApi'];

/** The picker's image models (available ones first), with the model in the settings when it is not among them. */
function modelChoices(catalog: ModelCatalog, current: string): ModelChoice[] {
  const models = catalog.imageModels();
  const list: ModelChoice[] = [...models.filter((m) => m.available), ...models.filter((m) => !m.available)].map((m) =>
    m.available
      ? { id: m.id, label: m.id, api: m.api }
      : { id: m.id, label: l10n.t('{0} (unavailable)', m.id), api: m.api, unavailable: true },
  );
  return list.some((m) => m.id === current) ? list : [...list, { id: current, label: current }];
}

/** The Studio's backend over VS Code: each method the panel's session calls, on the commands' own service, ports and error messages. */
export class VsCodeStudioBackend implements StudioBackend {
  /** The images of the last job whose write the workspace refused, until saved elsewhere. */
  private unsaved: UnsavedImagesError | undefined;
  // The panel picks its own model per job; an error must name that one, not the setting's.
  private readonly modelOfFailure = new WeakMap<object, string>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly now: () => Date = () => new Date(),
    private readonly env: Record<string, string | undefined> = process.env,
  ) {}

  private get service(): CommandContext['service'] {
    return this.ctx.service;
  }

  private get ui(): CommandContext['ui'] {
    return this.ctx.ui;
  }

  private get keys(): CommandContext['keys'] {
    return this.ctx.keys;
  }

  private get editors(): CommandContext['editors'] {
    return this.ctx.editors;
  }

  private get workspace(): CommandContext['workspace'] {
    return this.ctx.workspace;
  }

  /** The links a job writes, with the same rule (core's `documentLinks`): in the document's language, the site's link where it serves the file. */
  async markdownFor(target: vscode.Uri | undefined, files: vscode.Uri[], prompt: string): Promise<string> {
    const { language, linkOf } = await this.service.links(target, files[0]);
    return documentReferences({ language, alt: prompt, targetPaths: files.map((f) => f.path), linkOf });
  }

  async generate(
    job: PanelJob,
    onProgress: (p: PanelProgress) => void,
    signal: AbortSignal,
  ): Promise<ImageJobResult<vscode.Uri>> {
    const started = Date.now();
    const model = jobModel(job, this.service.settings(job.document));
    return this.service
      .run(
        job,
        (p) => {
          // A partial image travels as a data URL of bytes already sniffed as that image type.
          const preview = p.partial
            ? {
                variation: p.partial.variation,
                index: p.partial.index,
                dataUrl: toDataUrl(p.partial.type.mime, p.partial.bytes),
              }
            : undefined;
          const place = p.phase === 'queued' ? p.place : undefined;
          onProgress({ percent: p.percent, text: progressMessage(p, model, Date.now() - started), preview, place });
        },
        signal,
      )
      .catch((e: unknown) => {
        if (typeof e === 'object' && e !== null) this.modelOfFailure.set(e, model);
        throw e;
      });
  }

  async insertMarkdown(target: vscode.Uri | undefined, files: vscode.Uri[], prompt: string): Promise<void> {
    const active = this.editors.active();
    const doc = target ?? (active && takesImages(active) ? active.document : undefined);
    const md = await this.markdownFor(doc, files, prompt);
    if (await insertOrCopy(this.ctx, doc, md, { at: 'cursor' })) return;
    void this.ui.info(l10n.t('No Markdown editor was open, so the Markdown link was copied to the clipboard.'));
  }

  describeError(e: unknown): ErrorView<PanelErrorAction> {
    const settings = this.service.settings();
    const model = (typeof e === 'object' && e !== null ? this.modelOfFailure.get(e) : undefined) ?? settings.model;
    const d = describeFor({ keys: this.keys }, e, { model, timeoutSeconds: settings.timeoutSeconds });
    const actions = d.actions.filter((a): a is PanelErrorAction => PANEL_ACTIONS.includes(a as PanelErrorAction));
    if (e instanceof UnsavedImagesError) this.unsaved = e;
    // The panel shows the model's words in their own block, as plain text.
    if (isImageError(e) && e.kind === 'noImage' && e.detail) {
      return {
        kind: d.kind,
        message: l10n.t('The model answered without an image. Its reply:'),
        detail: redact(e.detail, this.keys.secrets),
        actions,
      };
    }
    const short = servedElsewhere(e);
    const message = short === undefined ? d.message : redact(short, this.keys.secrets);
    return { kind: d.kind, message, actions, ...(d.switchTo ? { switchTo: d.switchTo } : {}) };
  }

  async placement(target: vscode.Uri | undefined): Promise<PlacementLine | undefined> {
    try {
      const placed = await this.service.placement(target);
      if (!placed) return undefined;
      // The name is not known before the prompt is; the extension is, when a format is set (or the document forces one).
      const ext = savedExtOf(placed.language, this.service.settings(target).saveFormat);
      const view = placementView(placed, ext ? `….${ext}` : '…');
      return { folder: view.folder, link: view.link, ...(view.site ? { site: view.site.name } : {}) };
    } catch {
      // A bad outputFolder pattern: the job itself says so, in its own words, when it runs.
      return undefined;
    }
  }

  async setApiKey(): Promise<void> {
    await this.keys.prompt(this.ui);
  }

  async saveUnsaved(): Promise<void> {
    const pending = this.unsaved;
    this.unsaved = undefined;
    if (pending) await saveElsewhere(this.ctx, pending);
  }

  async workspaceStyle(target: vscode.Uri | undefined): Promise<StyleView | undefined> {
    const base = homeFolder(this.workspace, target);
    if (!base) return undefined;
    const store = new WorkspaceFileStore(this.workspace.fs, base);
    // An untrusted workspace's style is not read: the Studio says it is there and not applied.
    if (!this.workspace.isTrusted())
      return (await hasWorkspaceStyle(store, base.path)) ? { references: 0, notApplied: 'untrusted' } : undefined;
    try {
      const style = await readWorkspaceStyle(
        store,
        base.path,
        this.workspace.folders().map((f) => f.path),
      );
      return (
        style && {
          prompt: style.prompt,
          references: style.references.length,
          model: style.model,
          aspectRatio: style.aspectRatio,
          saveFormat: style.saveFormat,
        }
      );
    } catch (e) {
      const settings = this.service.settings(target);
      return { references: 0, problem: describeFor({ keys: this.keys }, e, settings).message };
    }
  }

  async pickWorkspaceImages(): Promise<vscode.Uri[]> {
    const images = await this.workspace.findImages();
    if (images.length === 0) {
      void this.ui.info(l10n.t('There are no images in this workspace yet.'));
      return [];
    }
    const items = imagePickItems(this.workspace, images);
    const picked = await this.ui.pickMany(items, {
      title: l10n.t('Reference images'),
      placeHolder: l10n.t('Pick the images to send with the prompt'),
    });
    return (picked ?? []).map((p) => p.uri);
  }

  async saveReferenceImage(
    bytes: Uint8Array,
    type: ImageType,
    nameHint: string,
    document?: vscode.Uri,
  ): Promise<vscode.Uri> {
    // Where a generated image for the same document would go; a reference must be inside the workspace, so no folder is asked for.
    const base = homeFolder(this.workspace, document);
    const settings = this.service.settings(document);
    const dest = outputDestination({
      roots: workspaceRoots(this.workspace, () => base),
      document: linkedDocument(document)?.path,
      outputFolder: settings.outputFolder,
      now: this.now(),
    });
    if (!base || !dest) throw new ImageError('invalidInput', 'no folder to save into', { reason: 'noFolder' });
    const stem = slugify(nameHint.replace(/\.[^.]*$/, ''), 40);
    const name = sanitizeBaseName(stem === 'image' ? 'pasted' : `pasted-${stem}`);
    const store = new WorkspaceFileStore(this.workspace.fs, base);
    const inside = wallOf(
      workspaceRoots(this.workspace, () => base),
      dest.root,
    );
    const [written] = await saveImages(store, { folder: dest.folder, inside }, [name], [{ bytes, ext: type.ext }]);
    return store.uri(written);
  }

  models(): ModelChoice[] {
    return modelChoices(this.service.currentCatalog(), this.service.settings().model);
  }

  async refreshModels(show: (models: ModelChoice[]) => void): Promise<void> {
    // A catalog other than the one at hand may bring models or only prices; the choices may then
    // read the same, but the panel describes its model anew and asks its estimate again.
    const before = this.service.currentCatalog();
    const listed = await this.service.catalog();
    if (listed !== before) show(modelChoices(listed, this.service.settings().model));
    // The prices the list lacks are looked up after it is on show.
    const priced = await this.service.pricedCatalog();
    if (priced !== listed) show(modelChoices(priced, this.service.settings().model));
  }

  estimate(request: Parameters<StudioBackend['estimate']>[0], target: vscode.Uri | undefined): string {
    const { api, options } = jobOptionsOf(request.options);
    return estimateText(
      this.service.estimate({
        model: request.model,
        api,
        options,
        aspectRatio: request.aspectRatio,
        imageSize: request.imageSize,
        document: target,
      }),
    );
  }

  costOf(result: ImageJobResult<vscode.Uri>): string | undefined {
    return result.cost?.total === undefined ? undefined : formatCny(result.cost.total, result.cost.approximate);
  }

  async balance(): Promise<string | undefined> {
    try {
      const b = await this.service.balance();
      return b === undefined ? undefined : formatCny(b.cny);
    } catch (e) {
      this.ctx.log.warn(
        `the balance for the Studio's header is unavailable: ${e instanceof Error ? e.message : String(e)}`,
      );
      return undefined;
    }
  }

  defaults(): StudioDefaults {
    const s = this.service.settings();
    // `npm run demo` starts VS Code with this set: say plainly that no real model is behind it.
    const banner = this.env.GEEKAI_IMAGE_DEMO
      ? l10n.t(
          'Demo: this panel talks to a local test server ({0}) that draws placeholder images. No GeekAI key or credit is used.',
          s.baseUrl,
        )
      : undefined;
    const options = studioOptionsFor(settingsOptions(s), s.api);
    return {
      model: s.model,
      aspectRatio: s.aspectRatio || undefined,
      imageSize: s.imageSize || undefined,
      options,
      banner,
    };
  }

  modelOptions(model: string, api?: ApiSetting): ModelOptionsView {
    // The panel's API choice wins over the setting, as it does for the job itself.
    return modelOptionsView(model, api ?? this.service.settings().api, this.service.currentCatalog());
  }
}
