// The messages between the extension and the Image Studio webview, imported by both sides.
// Types and limits only: the zod schemas that check what arrives from the webview live in
// `protocolSchema.ts`, so the webview can import the limits without bundling zod.

/** Bounds that keep a misbehaving webview from handing the host unbounded work. */
export const LIMITS = {
  prompt: 100_000,
  id: 100,
  model: 128,
  fileName: 255,
  uri: 4096,
  urisPerDrop: 32,
  attachments: 16,
  /** Decoded bytes of one pasted image (and of a painted mask). */
  pasteBytes: 20 * 1024 * 1024,
  /** A size or quality value. */
  option: 32,
  negativePrompt: 2000,
  /** Images of one result a message may point at by index (variations, or several in one answer). */
  imagesPerResult: 64,
} as const;

/** Choices offered in the panel; empty means "let the model decide". */
export const ASPECT_RATIOS = ['', '1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
export const IMAGE_SIZES = ['', '1K', '2K', '4K'] as const;
export const PASTE_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type ImageSize = (typeof IMAGE_SIZES)[number];
export type PasteMime = (typeof PASTE_MIMES)[number];

/** The APIs a job may go to; `auto` lets the catalog (then the model's family name) decide. */
export const API_CHOICES = ['auto', 'chat', 'images', 'responses'] as const;
export type ApiChoice = (typeof API_CHOICES)[number];
export type ApiName = Exclude<ApiChoice, 'auto'>;
export const BACKGROUND_CHOICES = ['auto', 'opaque', 'transparent'] as const;
export const OUTPUT_FORMAT_CHOICES = ['png', 'jpeg', 'webp'] as const;
export type BackgroundChoice = (typeof BACKGROUND_CHOICES)[number];
export type OutputFormatChoice = (typeof OUTPUT_FORMAT_CHOICES)[number];
export const MAX_VARIATIONS = 4;

/** The Studio's option controls for a job; each is sent only where the model takes it (see `ModelOptionsView`). */
export interface GenerateOptions {
  /** Overrides the `api` setting. */
  api?: ApiChoice;
  /** 1 to `MAX_VARIATIONS` images. */
  variations?: number;
  /** `1024x1024`, `auto`, … (Images and Responses APIs). */
  size?: string;
  quality?: string;
  background?: BackgroundChoice;
  outputFormat?: OutputFormatChoice;
  negativePrompt?: string;
  /**
   * A mask painted over the first attachment: base64 of a PNG of that image's exact size whose
   * painted pixels are fully transparent (they may change). Only for models whose view says `mask`.
   */
  maskBase64?: string;
}

type Bare<T extends string> = { type: T };
type WithResult<T extends string> = { type: T; resultId: string };
/** `image`: one image of the result by its index in the card (a variation); absent: all of them. */
type WithImage<T extends string> = WithResult<T> & { image?: number };

/**
 * Every message the webview may send; only ever trusted after `webviewToHostSchema.safeParse`
 * (protocolSchema.ts), which enforces the `LIMITS` and the id and base64 formats.
 */
export type WebviewToHost =
  | Bare<'ready'>
  | ({
      type: 'generate';
      prompt: string;
      model: string;
      aspectRatio?: AspectRatio;
      imageSize?: ImageSize;
      attachmentIds: string[];
      /** Leave the workspace style out of this one generation. */
      skipStyle?: boolean;
    } & GenerateOptions)
  | { type: 'cancel'; jobId: string }
  | Bare<'pickImages'>
  | { type: 'removeAttachment'; id: string }
  /** `base64` holds at most `LIMITS.pasteBytes` decoded bytes. */
  | { type: 'pasteImage'; name: string; mime: PasteMime; base64: string }
  | { type: 'dropUris'; uris: string[] }
  | WithImage<'insert'>
  | WithImage<'copyMarkdown'>
  | WithResult<'reveal'>
  | WithResult<'open'>
  | WithResult<'editThis'>
  | WithResult<'regenerate'>
  /** The note "Continuing from …" was dismissed: the next generation starts afresh. */
  | Bare<'dropContinuation'>
  | Bare<'setApiKey'>
  | Bare<'openSettings'>
  | Bare<'saveAs'>
  | { type: 'loadMoreHistory'; offset: number }
  /** The model (and API) picked or typed in the panel: the host answers with `modelOptions`. */
  | { type: 'describeModel'; model: string; api?: ApiChoice };
export type WebviewToHostType = WebviewToHost['type'];

/**
 * What an error's buttons do. Notifications offer them all; the panel, which has no log view,
 * offers the `PanelErrorAction`s (labelled from `StudioStrings`). `switchApi`: use the API in
 * the view's `switchTo` and try again.
 */
export type ErrorAction = 'setApiKey' | 'openSettings' | 'retry' | 'saveAs' | 'showLog' | 'switchApi';
export type PanelErrorAction = Exclude<ErrorAction, 'showLog'>;

/** An error as the user sees it: a localised sentence, server or model text worth showing (plain text), and the buttons that fix it. */
export interface ErrorView<A extends ErrorAction = ErrorAction> {
  kind: string;
  message: string;
  detail?: string;
  actions: A[];
  /** With `switchApi`: the API that serves the model. */
  switchTo?: ApiName;
}

export interface ModelChoice {
  id: string;
  label: string;
  /** The API that serves it (catalog models; gateway-listed ids are resolved when picked). */
  api?: ApiName;
}

/** Values offered for one option; `free`: another value may be typed (an unknown model: the server decides). */
export interface OptionChoices {
  values: string[];
  free: boolean;
}

/**
 * What the Studio shows for a model on the API it will use: the controls that apply, and only
 * those. An absent list means the option does not apply (the control is hidden).
 */
export interface ModelOptionsView {
  model: string;
  api: ApiName;
  /** Where `api` came from: the `api` setting (or the panel's choice), the catalog, or the model's family name. */
  apiFrom: 'choice' | 'catalog' | 'guess';
  maxVariations: number;
  /** Several variations travel in one request; otherwise each is its own (paid) request. */
  variationsInOneRequest: boolean;
  sizes?: OptionChoices;
  aspectRatios?: OptionChoices;
  imageSizes?: OptionChoices;
  qualities?: OptionChoices;
  backgrounds?: OptionChoices;
  outputFormats?: OptionChoices;
  negativePrompt: boolean;
  /** Most references an edit may carry; 0: the model cannot edit. */
  maxReferences: number;
  mask: boolean;
  /** Partial images arrive while it draws (`preview` messages). */
  livePreview: boolean;
  /** "Edit this" continues the same conversation instead of sending the image again. */
  continues: boolean;
}

export interface StudioDefaults {
  model: string;
  aspectRatio?: string;
  imageSize?: string;
  /** The settings of the same names, which the panel starts from. */
  options?: Omit<GenerateOptions, 'maskBase64'>;
  /** A standing, localised note above the composer (e.g. that `npm run demo` draws placeholders). */
  banner?: string;
}

/** A reference image shown as a thumbnail; `webviewUri` is loadable inside the webview. */
export interface AttachmentView {
  id: string;
  name: string;
  webviewUri: string;
}

export interface CardImage {
  name: string;
  /** Empty when the file is gone or outside the folders the webview may read. */
  webviewUri: string;
  missing: boolean;
  /** Which variation of the job it is (from 0), when the job asked for several. */
  variation?: number;
  /** The prompt the model says it really used; untrusted, shown as text only. */
  revisedPrompt?: string;
}

/** One generation: a fresh result or a history entry (the same thing, persisted). */
export interface ResultCard {
  id: string;
  prompt: string;
  model: string;
  aspectRatio?: string;
  imageSize?: string;
  createdAt: number;
  elapsedMs: number;
  images: CardImage[];
  /** Text the model wrote beside the image; untrusted, shown as text only. */
  text: string;
  /** The API that drew it. */
  api?: ApiName;
  /** More than one image was asked for: the images are one variation group. */
  variations?: number;
  /** "Edit this" continues the conversation (a Responses API result) rather than attaching the image. */
  continues?: boolean;
}

export interface RunningJob {
  jobId: string;
  prompt: string;
  model: string;
  elapsedMs: number;
  percent?: number;
  text: string;
  /** While it waits for a free place: its place in line (1 = next). */
  place?: number;
}

export type HostToWebview =
  | {
      type: 'init';
      locale: string;
      strings: StudioStrings;
      models: ModelChoice[];
      defaults: StudioDefaults;
      /** The choices the panel offers, chosen by the host. */
      aspectRatios: readonly AspectRatio[];
      imageSizes: readonly ImageSize[];
      attachments: AttachmentView[];
      history: ResultCard[];
      historyTotal: number;
      target?: string;
      /** Jobs running or waiting, oldest first, each with its own card. */
      jobs: RunningJob[];
    }
  | { type: 'attachments'; attachments: AttachmentView[] }
  | { type: 'target'; name?: string }
  | { type: 'jobStarted'; jobId: string; prompt: string; model: string }
  | { type: 'progress'; jobId: string; percent?: number; text: string; elapsedMs: number; place?: number }
  | { type: 'result'; jobId: string; card: ResultCard }
  | { type: 'jobEnded'; jobId: string; outcome: 'done' | 'error' | 'cancelled'; elapsedMs: number }
  | { type: 'error'; jobId?: string; kind: string; message: string; detail?: string; actions: PanelErrorAction[]; switchTo?: ApiName }
  | { type: 'notice'; message: string }
  | { type: 'history'; entries: ResultCard[]; offset: number; total: number }
  /** Puts the prompt cursor in front of the user, e.g. after "Edit this". */
  | { type: 'focusPrompt' }
  /** The controls that apply to a model (after `init` for the default model, and in answer to `describeModel`). */
  | { type: 'modelOptions'; options: ModelOptionsView }
  /**
   * A low-resolution preview of a running job's image (Responses API), sharper each time;
   * `dataUrl` is `data:image/png|jpeg|webp;base64,…` of bytes checked to be that image type.
   * The `result` card replaces it.
   */
  | { type: 'preview'; jobId: string; variation: number; index: number; dataUrl: string }
  /**
   * "Edit this" on a Responses result: the next generation continues that result's conversation
   * (no attachment is added). Without `resultId`: no continuation any more (it was used or dropped).
   */
  | { type: 'continuation'; resultId?: string; prompt?: string }
  /** The workspace style the next generation uses (`.geekai/style.json`); absent: none. */
  | { type: 'style'; style?: StyleView }
  /**
   * Fills the composer the way a saved image was made (Reuse Prompt in Studio): prompt, model and
   * every option control; options absent here go back to Auto. The references come as `attachments`.
   */
  | { type: 'fill'; prompt: string; model: string; aspectRatio?: string; imageSize?: string; options: Omit<GenerateOptions, 'maskBase64'> };

export type HostToWebviewType = HostToWebview['type'];

/**
 * Every sentence the webview shows, localised by the host (the webview cannot call
 * vscode.l10n). `{0}` placeholders are filled in by the webview.
 */
export interface StudioStrings {
  title: string;
  promptLabel: string;
  promptPlaceholder: string;
  promptHint: string;
  modelLabel: string;
  customModel: string;
  customModelLabel: string;
  aspectRatioLabel: string;
  imageSizeLabel: string;
  auto: string;
  referencesLabel: string;
  noReferences: string;
  addImages: string;
  dropHint: string;
  removeAttachment: string;
  send: string;
  cancel: string;
  working: string;
  /** Heading of a job waiting for a free place; `{0}` is its place in line. */
  queued: string;
  elapsed: string;
  progressLabel: string;
  insert: string;
  insertInto: string;
  noTarget: string;
  copyMarkdown: string;
  reveal: string;
  open: string;
  editThis: string;
  regenerate: string;
  reuse: string;
  reusePrompt: string;
  results: string;
  emptyHistory: string;
  loadMore: string;
  fileMissing: string;
  imageAlt: string;
  modelReply: string;
  dismiss: string;
  actionSetApiKey: string;
  actionOpenSettings: string;
  actionRetry: string;
  actionSaveAs: string;
  /** `{0}` is the API's name (`apiImages`, …). */
  actionSwitchApi: string;
  copied: string;
  inserted: string;
  cancelled: string;
  invalidModel: string;
  notAnImage: string;
  outsideWorkspace: string;
  tooManyAttachments: string;
  unknownAttachment: string;
  unknownResult: string;
  cardHeading: string;
  apiLabel: string;
  apiAuto: string;
  apiChat: string;
  apiImages: string;
  apiResponses: string;
  variationsLabel: string;
  variationsSeparate: string;
  pixelSizeLabel: string;
  qualityLabel: string;
  qualityLow: string;
  qualityMedium: string;
  qualityHigh: string;
  qualityStandard: string;
  qualityHd: string;
  transparentLabel: string;
  outputFormatLabel: string;
  negativePromptLabel: string;
  negativePromptPlaceholder: string;
  maskButton: string;
  maskBadge: string;
  maskEdit: string;
  maskEditSet: string;
  maskTitle: string;
  maskHint: string;
  maskKeys: string;
  maskCanvasLabel: string;
  maskCanvasRole: string;
  brushSize: string;
  brushSizeValue: string;
  maskErase: string;
  maskUndo: string;
  maskClear: string;
  maskApply: string;
  maskRemove: string;
  maskEmpty: string;
  maskCoverage: string;
  maskCursor: string;
  maskSetOn: string;
  maskRemovedFrom: string;
  maskLoadFailed: string;
  maskTooLarge: string;
  /** A running job's partial image; `{0}` is its number (1, 2, …). */
  previewAlt: string;
  /** `{0}` is 1, 2, … */
  variationLabel: string;
  /** The group of a result's variations; `{0}` is how many. */
  variationsGroup: string;
  insertAll: string;
  /** Accessible names of one variation's buttons; `{0}` is its number. */
  insertVariation: string;
  copyVariation: string;
  revisedPrompt: string;
  /** `{0}` is the earlier prompt. */
  continuingFrom: string;
  stopContinuing: string;
  /** `{0}` is the style's prompt (or "no prompt"), `{1}` its defaults and references. */
  styleActive: string;
  styleNoPrompt: string;
  /** `{0}` is how many. */
  styleReferences: string;
  styleSkip: string;
  /** `{0}` says what is wrong. */
  styleInvalid: string;
  styleUntrusted: string;
}

/** The workspace style as the Studio shows it: its prompt (untrusted text), what it sets, why it is invalid, or why it is not applied. */
export interface StyleView {
  prompt?: string;
  references: number;
  model?: string;
  aspectRatio?: string;
  saveFormat?: string;
  problem?: string;
  /** There is a style file, left unread and not applied: the workspace is not trusted. */
  notApplied?: 'untrusted';
}
