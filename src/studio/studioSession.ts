// What the panel does with each (already validated) webview message. Holds the attachments,
// the running job and the history for one panel; knows VS Code only through StudioHost.
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { isValidModelId } from '../core/catalog';
import { hasImageExtension, sniffImageType } from '../core/imageType';
import type { Logger } from '../core/logger';
import {
  ASPECT_RATIOS,
  IMAGE_SIZES,
  jobOptionsOf,
  studioOptionsOf,
  type StudioOptions,
} from '../../shared/imageVocabulary';
import type { FillMessage, PanelErrorAction } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { AttachmentList } from './attachmentList';
import { GalleryList } from './galleryList';
import type { HistoryEntry, HistoryStore } from './historyStore';
import { JobRunner } from './jobRunner';
import type { MessageHandlers, MessageOf } from './messageRouter';
import { toCard } from './resultCards';
import type { PanelJob, StudioBackend, StudioGallery, StudioHost } from './ports';

export const HISTORY_PAGE = 50;

export class StudioSession {
  readonly attachments = new AttachmentList();
  private readonly jobs: JobRunner;
  /** This panel's results, usable before their history write has finished. */
  private readonly recent = new Map<string, HistoryEntry>();
  /** Responses API results of this panel: the answer "Edit this" continues from. */
  private readonly responseIds = new Map<string, string>();
  /** Set by "Edit this" on a Responses result; used (and cleared) by the next generation. */
  private continuation: { resultId: string; responseId: string; prompt: string } | undefined;
  /** Masks of this panel's results, for Regenerate (bytes are never written to the history). */
  private readonly masks = new Map<string, Uint8Array>();
  /** The webview has had its `init` and is showing; until then a fill waits in `pendingFill`. */
  private showing = false;
  /** The style the page shows, as JSON (`null`: none), so only a change is posted. */
  private styleShown = 'null';
  /** The placement line the page shows, as JSON, likewise. */
  private placementShown = 'null';
  private pendingFill: FillMessage | undefined;
  /** The workspace images the gallery listed, by the ids the webview names them with. */
  private readonly gallery: GalleryList;

  constructor(
    private readonly host: StudioHost,
    private readonly backend: StudioBackend,
    private readonly history: HistoryStore,
    private readonly strings: StudioStrings,
    private readonly log: Logger,
    /** The workspace's images; without it the gallery is empty. */
    gallery?: StudioGallery,
  ) {
    this.jobs = new JobRunner({ backend, post: (m) => host.post(m), log, cancelledMessage: () => strings.cancelled });
    this.gallery = new GalleryList(host, gallery);
  }

  readonly handlers: MessageHandlers = {
    ready: () => this.sendInit(),
    generate: (m) => this.generate(m),
    cancel: (m) => void this.jobs.cancel(m.jobId),
    pickImages: async () => this.addAttachments(await this.backend.pickWorkspaceImages()),
    removeAttachment: (m) => {
      this.attachments.remove(m.id);
      this.postAttachments();
    },
    pasteImage: (m) => this.paste(m),
    dropUris: (m) => this.drop(m.uris),
    insert: (m) =>
      this.withFiles(
        m.resultId,
        async (files, e) => {
          await this.backend.insertMarkdown(this.host.target(), files, e.prompt);
          this.host.post({ type: 'notice', message: this.strings.inserted });
        },
        m.image,
      ),
    copyMarkdown: (m) =>
      this.withFiles(
        m.resultId,
        async (files, e) => {
          await this.host.copyText(await this.backend.markdownFor(this.host.target(), files, e.prompt));
          this.host.post({ type: 'notice', message: this.strings.copied });
        },
        m.image,
      ),
    reveal: (m) => this.withFiles(m.resultId, (files) => this.host.reveal(files[0])),
    open: (m) => this.withFiles(m.resultId, (files) => this.host.open(files[0])),
    editThis: (m) =>
      this.withFiles(m.resultId, async (files, e) => {
        const responseId = this.responseIds.get(m.resultId);
        if (responseId) {
          // The model still holds its image: continue the conversation instead of uploading it again.
          this.continuation = { resultId: m.resultId, responseId, prompt: e.prompt };
          this.host.post({ type: 'continuation', resultId: m.resultId, prompt: e.prompt });
        } else {
          this.dropContinuation();
          this.attachments.replace(files);
          this.postAttachments();
        }
        this.host.post({ type: 'focusPrompt' });
      }),
    regenerate: (m) => this.regenerate(m.resultId),
    dropContinuation: () => this.dropContinuation(),
    setApiKey: () => this.backend.setApiKey(),
    openSettings: () => this.host.openSettings(),
    saveAs: () => this.backend.saveUnsaved(),
    loadMoreHistory: (m) => this.sendHistory(m.offset),
    describeModel: (m) => {
      // Half-typed ids are not worth an answer; the one finally sent is checked in generate.
      if (isValidModelId(m.model))
        this.host.post({ type: 'modelOptions', options: this.backend.modelOptions(m.model, m.api) });
    },
    estimate: (m) => {
      if (!isValidModelId(m.model)) return;
      const text = this.backend.estimate(
        {
          model: m.model,
          aspectRatio: m.aspectRatio || undefined,
          imageSize: m.imageSize || undefined,
          options: studioOptionsOf(m),
        },
        this.host.target(),
      );
      this.host.post({ type: 'estimate', seq: m.seq, text });
    },
    gallery: async (m) => this.host.post(await this.gallery.page(m.search, m.offset)),
    galleryAction: (m) => this.galleryAction(m),
  };

  /** Explorer "Add to Image Studio" and drops both land here. */
  async addAttachments(uris: readonly vscode.Uri[]): Promise<void> {
    const accepted = await this.attachable(uris);
    if (accepted.length < uris.length) this.fail('invalidInput', this.strings.outsideWorkspace);
    if (this.attachments.add(accepted) > 0) this.fail('invalidInput', this.strings.tooManyAttachments);
    this.postAttachments();
  }

  /**
   * Reuse Prompt in Studio: the composer filled as the image was made, with `references` as the
   * attachments (replacing any). A panel not showing yet gets the fill right after its `init`.
   */
  async reuse(fill: FillMessage, references: readonly vscode.Uri[]): Promise<void> {
    this.attachments.replace(await this.attachable(references));
    this.postAttachments();
    // A new start from that image: no earlier answer is continued.
    if (this.continuation) {
      this.continuation = undefined;
      this.host.post({ type: 'continuation' });
    }
    if (this.showing) this.host.post(fill);
    else this.pendingFill = fill;
  }

  /** The webview was torn down (hidden): it says `ready` again when shown. */
  hidden(): void {
    this.showing = false;
  }

  targetChanged(): void {
    this.host.post({ type: 'target', name: this.targetName() });
    if (this.showing) void this.postTargetFacts();
  }

  /** Shows an unexpected handler failure in the panel, in the backend's words. */
  reportError(e: unknown): void {
    const v = this.backend.describeError(e);
    this.host.post({ type: 'error', kind: v.kind, message: v.message, detail: v.detail, actions: v.actions });
  }

  dispose(): void {
    this.jobs.dispose();
  }

  private async sendInit(): Promise<void> {
    const [items, total] = await Promise.all([this.history.page(0, HISTORY_PAGE), this.history.total()]);
    this.host.post({
      type: 'init',
      locale: this.host.locale(),
      strings: this.strings,
      models: this.backend.models(),
      defaults: this.backend.defaults(),
      aspectRatios: ASPECT_RATIOS,
      imageSizes: IMAGE_SIZES,
      attachments: this.attachmentViews(),
      history: await Promise.all(items.map((i) => toCard(this.host, i))),
      historyTotal: total,
      target: this.targetName(),
      jobs: this.jobs.running(),
    });
    const defaults = this.backend.defaults();
    this.host.post({ type: 'modelOptions', options: this.backend.modelOptions(defaults.model) });
    // A reloaded page shows the continuation the host still holds.
    const c = this.continuation;
    if (c) this.host.post({ type: 'continuation', resultId: c.resultId, prompt: c.prompt });
    this.showing = true;
    this.styleShown = 'null';
    this.placementShown = 'null';
    await this.postTargetFacts();
    if (this.pendingFill) this.host.post(this.pendingFill);
    this.pendingFill = undefined;
    // The gateway's own list and the balance arrive when they arrive; the page works without them.
    void this.postGateway();
  }

  /** The picker's models as the gateway's list and its prices come in (each time the chosen model is described anew), and the balance. */
  private async postGateway(): Promise<void> {
    const models = this.backend
      .refreshModels((list) => {
        if (this.showing) this.host.post({ type: 'models', models: list });
      })
      .catch(() => undefined);
    const balance = await this.backend.balance().catch(() => undefined);
    if (this.showing && balance !== undefined) this.host.post({ type: 'balance', text: balance });
    await models;
  }

  private async sendHistory(offset: number): Promise<void> {
    const [items, total] = await Promise.all([this.history.page(offset, HISTORY_PAGE), this.history.total()]);
    this.host.post({
      type: 'history',
      entries: await Promise.all(items.map((i) => toCard(this.host, i))),
      offset,
      total,
    });
  }

  private async generate(m: MessageOf<'generate'>): Promise<void> {
    if (!isValidModelId(m.model)) return this.fail('invalidInput', this.strings.invalidModel);
    const references = this.attachments.resolve(m.attachmentIds);
    if (!references) return this.fail('invalidInput', this.strings.unknownAttachment);
    // Applied to the first reference; core checks it is a PNG of that image's size before anything is sent.
    const mask = m.maskBase64 === undefined ? undefined : new Uint8Array(Buffer.from(m.maskBase64, 'base64'));
    const request = studioOptionsOf(m);
    const previousResponseId = this.continuation?.responseId;
    this.dropContinuation();
    await this.runJob(
      {
        prompt: m.prompt,
        model: m.model,
        aspectRatio: m.aspectRatio || undefined,
        imageSize: m.imageSize || undefined,
        references,
        mask,
        previousResponseId,
        skipStyle: m.skipStyle,
      },
      request,
      true,
    );
  }

  private async regenerate(resultId: string): Promise<void> {
    const e = await this.findEntry(resultId);
    if (!e) return this.fail('invalidInput', this.strings.unknownResult);
    const references = await this.attachable(this.parseAll(e.references));
    // A mask lives only as long as the panel: after a restart the job runs without it.
    await this.runJob(
      {
        prompt: e.prompt,
        model: e.model,
        aspectRatio: e.aspectRatio,
        imageSize: e.imageSize,
        references,
        mask: this.masks.get(e.id),
      },
      e.request ?? {},
      false,
    );
  }

  /** Runs a job with the panel's option controls (`request`), which override the settings of the same names. */
  private async runJob(
    job: Omit<PanelJob, 'document' | 'api' | 'options'>,
    request: StudioOptions,
    clearAttachments: boolean,
  ): Promise<void> {
    // Unset options stay undefined: core lets the settings fill those in, one by one.
    const { api, options } = jobOptionsOf(request);
    const full: PanelJob = { ...job, api, options, document: this.host.target() };
    await this.jobs.run(full, async (jobId, r, elapsedMs) => {
      const entry: HistoryEntry = {
        id: randomUUID(),
        createdAt: Date.now(),
        prompt: full.prompt,
        model: r.model || full.model,
        aspectRatio: full.aspectRatio,
        imageSize: full.imageSize,
        elapsedMs,
        files: r.files.map((f) => f.toString()),
        references: full.references.map((u) => u.toString()),
        text: r.text,
        api: r.api,
        request,
        images: r.images.map((i) => ({ variation: i.variation, revisedPrompt: i.revisedPrompt })),
      };
      const cost = this.backend.costOf(r);
      if (cost) entry.cost = cost;
      this.recent.set(entry.id, entry);
      const responseId = r.images.find((i) => i.responseId)?.responseId;
      if (responseId) this.responseIds.set(entry.id, responseId);
      if (full.mask) this.masks.set(entry.id, full.mask);
      const missing = entry.files.map(() => false);
      const card = await toCard(this.host, { entry, missing });
      // What this job knows beyond the history entry: the API, the variation group, revised prompts.
      card.api = r.api;
      card.continues = responseId !== undefined;
      if (r.files.length > 1) card.variations = r.files.length;
      card.images.forEach((img, i) => {
        const about = r.images[i];
        if (r.files.length > 1 && about) img.variation = about.variation;
        if (about?.revisedPrompt) img.revisedPrompt = about.revisedPrompt;
      });
      this.host.post({ type: 'result', jobId, card });
      if (clearAttachments) {
        this.attachments.clear();
        this.postAttachments();
      }
      // The result is already on screen; a failed history write only costs persistence.
      await this.history
        .add(entry)
        .catch((e: unknown) => this.log.error(`Studio: could not save history: ${String(e)}`));
    });
    if (this.showing) await this.postTargetFacts();
  }

  /** An action on a gallery image, named by the id the host gave it; the file is checked again first (it may have gone meanwhile). */
  private async galleryAction(m: MessageOf<'galleryAction'>): Promise<void> {
    const item = this.gallery.item(m.id);
    if (!item) return this.fail('invalidInput', this.strings.galleryGone);
    if (!(await this.host.exists(item.uri).catch(() => false))) return this.fail('fs', this.strings.fileMissing);
    // The alt text a link gets: the prompt that made the image, else its name without the extension.
    const alt = item.prompt ?? item.name.replace(/\.[^.]*$/, '');
    switch (m.action) {
      case 'attach':
        return this.addAttachments([item.uri]);
      case 'insert':
        await this.backend.insertMarkdown(this.host.target(), [item.uri], alt);
        return this.host.post({ type: 'notice', message: this.strings.inserted });
      case 'copyMarkdown':
        await this.host.copyText(await this.backend.markdownFor(this.host.target(), [item.uri], alt));
        return this.host.post({ type: 'notice', message: this.strings.copied });
      case 'open':
        return this.host.open(item.uri);
      case 'reusePrompt':
        return this.host.reusePrompt(item.uri);
    }
  }

  /** The next generation starts afresh; the webview's note goes away. */
  private dropContinuation(): void {
    if (!this.continuation) return;
    this.continuation = undefined;
    this.host.post({ type: 'continuation' });
  }

  private async paste(m: MessageOf<'pasteImage'>): Promise<void> {
    const bytes = new Uint8Array(Buffer.from(m.base64, 'base64'));
    const type = sniffImageType(bytes);
    if (!type) return this.fail('invalidInput', this.strings.notAnImage);
    const uri = await this.backend.saveReferenceImage(bytes, type, m.name, this.host.target());
    await this.addAttachments([uri]);
  }

  private async drop(texts: readonly string[]): Promise<void> {
    const uris = this.parseAll(texts);
    const existing: vscode.Uri[] = [];
    for (const u of await this.attachable(uris)) if (await this.host.exists(u)) existing.push(u);
    if (existing.length < texts.length) this.fail('invalidInput', this.strings.outsideWorkspace);
    if (this.attachments.add(existing) > 0) this.fail('invalidInput', this.strings.tooManyAttachments);
    this.postAttachments();
  }

  /**
   * Runs `act` with the entry's files that still exist (only its image number `image`, when
   * given); when none does, says so.
   */
  private async withFiles(
    resultId: string,
    act: (files: vscode.Uri[], e: HistoryEntry) => Promise<void>,
    image?: number,
  ): Promise<void> {
    const e = await this.findEntry(resultId);
    if (!e) return this.fail('invalidInput', this.strings.unknownResult);
    if (image !== undefined && image >= e.files.length) return this.fail('invalidInput', this.strings.unknownResult);
    const files = this.parseAll(image === undefined ? e.files : [e.files[image]]);
    const present: vscode.Uri[] = [];
    for (const f of files) if (await this.host.exists(f).catch(() => false)) present.push(f);
    if (present.length === 0) return this.fail('fs', this.strings.fileMissing);
    await act(present, e);
  }

  private async findEntry(id: string): Promise<HistoryEntry | undefined> {
    return this.recent.get(id) ?? (await this.history.get(id));
  }

  /** Only image files inside the workspace by real path: the webview must not be able to send ~/.ssh (or a link to it) anywhere. */
  private async attachable(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const u of uris)
      if (hasImageExtension(u.path) && (await this.host.isInWorkspace(u).catch(() => false))) out.push(u);
    return out;
  }

  private parseAll(texts: readonly string[]): vscode.Uri[] {
    const out: vscode.Uri[] = [];
    for (const t of texts) {
      try {
        out.push(this.host.parseUri(t));
      } catch {
        this.log.warn('Studio: ignored a reference that is not a URI');
      }
    }
    return out;
  }

  private attachmentViews() {
    return this.attachments.list().map((a) => ({
      id: a.id,
      name: a.uri.path.slice(a.uri.path.lastIndexOf('/') + 1),
      webviewUri: this.host.asWebviewUri(a.uri),
    }));
  }

  private postAttachments(): void {
    this.host.post({ type: 'attachments', attachments: this.attachmentViews() });
  }

  /** What the page says about the next job for the target: its style and where it saves. */
  private async postTargetFacts(): Promise<void> {
    await Promise.all([this.postStyle(), this.postPlacement()]);
  }

  /** Where the next job would save and how it would link; asked whenever the style is (the outputFolder setting may have changed too). */
  private async postPlacement(): Promise<void> {
    const placement = await this.backend.placement(this.host.target());
    const shown = JSON.stringify(placement ?? null);
    if (shown === this.placementShown) return;
    this.placementShown = shown;
    this.host.post({ type: 'placement', placement });
  }

  /** The style the next job would use; asked again when the page loads, the target changes and a job ends (the file may have been edited). */
  private async postStyle(): Promise<void> {
    const style = await this.backend.workspaceStyle(this.host.target());
    // A new page shows no style: only a change is worth a message.
    const shown = JSON.stringify(style ?? null);
    if (shown === this.styleShown) return;
    this.styleShown = shown;
    this.host.post({ type: 'style', style });
  }

  private targetName(): string | undefined {
    const t = this.host.target();
    return t ? t.path.slice(t.path.lastIndexOf('/') + 1) : undefined;
  }

  /** Refuses what the webview asked for: told in the panel, and logged (a forged message leaves a trace). */
  private fail(kind: string, message: string, actions: PanelErrorAction[] = []): void {
    this.log.warn(`Studio: refused a request from the panel (${kind}): ${message}`);
    this.host.post({ type: 'error', kind, message, actions });
  }
}
