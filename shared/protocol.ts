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
  /** Decoded bytes of one pasted image. */
  pasteBytes: 20 * 1024 * 1024,
} as const;

/** Choices offered in the panel; empty means "let the model decide". */
export const ASPECT_RATIOS = ['', '1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
export const IMAGE_SIZES = ['', '1K', '2K', '4K'] as const;
export const PASTE_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type ImageSize = (typeof IMAGE_SIZES)[number];
export type PasteMime = (typeof PASTE_MIMES)[number];

type Bare<T extends string> = { type: T };
type WithResult<T extends string> = { type: T; resultId: string };

/**
 * Every message the webview may send; only ever trusted after `webviewToHostSchema.safeParse`
 * (protocolSchema.ts), which enforces the `LIMITS` and the id and base64 formats.
 */
export type WebviewToHost =
  | Bare<'ready'>
  | {
      type: 'generate';
      prompt: string;
      model: string;
      aspectRatio?: AspectRatio;
      imageSize?: ImageSize;
      attachmentIds: string[];
    }
  | { type: 'cancel'; jobId: string }
  | Bare<'pickImages'>
  | { type: 'removeAttachment'; id: string }
  /** `base64` holds at most `LIMITS.pasteBytes` decoded bytes. */
  | { type: 'pasteImage'; name: string; mime: PasteMime; base64: string }
  | { type: 'dropUris'; uris: string[] }
  | WithResult<'insert'>
  | WithResult<'copyMarkdown'>
  | WithResult<'reveal'>
  | WithResult<'open'>
  | WithResult<'editThis'>
  | WithResult<'regenerate'>
  | Bare<'setApiKey'>
  | Bare<'openSettings'>
  | Bare<'saveAs'>
  | { type: 'loadMoreHistory'; offset: number };
export type WebviewToHostType = WebviewToHost['type'];

/** What an error's buttons do. Notifications offer them all; the panel, which has no log view, offers the `PanelErrorAction`s (labelled from `StudioStrings`). */
export type ErrorAction = 'setApiKey' | 'openSettings' | 'retry' | 'saveAs' | 'showLog';
export type PanelErrorAction = Exclude<ErrorAction, 'showLog'>;

/** An error as the user sees it: a localised sentence, server or model text worth showing (plain text), and the buttons that fix it. */
export interface ErrorView<A extends ErrorAction = ErrorAction> {
  kind: string;
  message: string;
  detail?: string;
  actions: A[];
}

export interface ModelChoice {
  id: string;
  label: string;
}

export interface StudioDefaults {
  model: string;
  aspectRatio?: string;
  imageSize?: string;
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
}

export interface RunningJob {
  jobId: string;
  prompt: string;
  model: string;
  elapsedMs: number;
  percent?: number;
  text: string;
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
      job?: RunningJob;
    }
  | { type: 'attachments'; attachments: AttachmentView[] }
  | { type: 'target'; name?: string }
  | { type: 'jobStarted'; jobId: string; prompt: string; model: string }
  | { type: 'progress'; jobId: string; percent?: number; text: string; elapsedMs: number }
  | { type: 'result'; jobId: string; card: ResultCard }
  | { type: 'jobEnded'; jobId: string; outcome: 'done' | 'error' | 'cancelled'; elapsedMs: number }
  | { type: 'error'; jobId?: string; kind: string; message: string; detail?: string; actions: PanelErrorAction[] }
  | { type: 'notice'; message: string }
  | { type: 'history'; entries: ResultCard[]; offset: number; total: number }
  /** Puts the prompt cursor in front of the user, e.g. after "Edit this". */
  | { type: 'focusPrompt' };

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
  copied: string;
  inserted: string;
  busy: string;
  cancelled: string;
  invalidModel: string;
  notAnImage: string;
  outsideWorkspace: string;
  tooManyAttachments: string;
  unknownAttachment: string;
  unknownResult: string;
  cardHeading: string;
}
