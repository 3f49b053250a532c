// The messages between the extension and the Image Studio webview, imported by both sides.
// The webview imports only types from here (`import type`), so zod stays out of its bundle.
// Everything from the webview is untrusted: the host parses it with `webviewToHostSchema`.
import * as z from 'zod/mini';

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

const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.id), z.regex(/^[A-Za-z0-9_-]+$/));
const uriString = z.string().check(z.minLength(1), z.maxLength(LIMITS.uri));
/** Base64 of at most `pasteBytes` bytes (4 characters per 3 bytes, padded). */
const base64 = z
  .string()
  .check(z.minLength(4), z.maxLength(Math.ceil(LIMITS.pasteBytes / 3) * 4), z.regex(/^[A-Za-z0-9+/]+={0,2}$/));

const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });
const withResult = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), resultId: id });

export const webviewToHostSchema = z.discriminatedUnion('type', [
  bare('ready'),
  z.strictObject({
    type: z.literal('generate'),
    prompt: z.string().check(z.minLength(1), z.maxLength(LIMITS.prompt)),
    model: z.string().check(z.minLength(1), z.maxLength(LIMITS.model)),
    aspectRatio: z.optional(z.enum(ASPECT_RATIOS)),
    imageSize: z.optional(z.enum(IMAGE_SIZES)),
    attachmentIds: z.array(id).check(z.maxLength(LIMITS.attachments)),
  }),
  z.strictObject({ type: z.literal('cancel'), jobId: id }),
  bare('pickImages'),
  z.strictObject({ type: z.literal('removeAttachment'), id }),
  z.strictObject({
    type: z.literal('pasteImage'),
    name: z.string().check(z.maxLength(LIMITS.fileName)),
    mime: z.enum(PASTE_MIMES),
    base64,
  }),
  z.strictObject({
    type: z.literal('dropUris'),
    uris: z.array(uriString).check(z.minLength(1), z.maxLength(LIMITS.urisPerDrop)),
  }),
  withResult('insert'),
  withResult('copyMarkdown'),
  withResult('reveal'),
  withResult('open'),
  withResult('editThis'),
  withResult('regenerate'),
  bare('setApiKey'),
  bare('openSettings'),
  bare('saveAs'),
  z.strictObject({ type: z.literal('loadMoreHistory'), offset: z.int().check(z.gte(0), z.lte(1_000_000)) }),
]);

/** Every message the webview may send; only ever trusted after `webviewToHostSchema.safeParse`. */
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;
export type WebviewToHostType = WebviewToHost['type'];

/** What an error's buttons do; the webview labels them from `StudioStrings`. */
export type ErrorAction = 'setApiKey' | 'openSettings' | 'retry' | 'saveAs';

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
      /** Sent rather than imported so the webview bundle needs nothing but types from here. */
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
  | { type: 'error'; jobId?: string; kind: string; message: string; detail?: string; actions: ErrorAction[] }
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
