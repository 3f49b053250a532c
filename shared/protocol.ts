// The messages between the extension and the Image Studio webview, imported by both sides.
// Types and limits only: the zod schemas that check what arrives from the webview live in
// `protocolSchema.ts`, so the webview can import the limits without bundling zod. The option
// lists and their limits are the image vocabulary's (`imageVocabulary.ts`), the sentences `studioStrings.ts`.
import type { ApiKind, ApiSetting, AspectRatio, ImageSize, ModelOptionsView, StudioOptions } from './imageVocabulary';
import type { StudioStrings } from './studioStrings';

/**
 * Bounds that keep a misbehaving webview from handing the host unbounded work; the option values
 * and their limits (a prompt's `PROMPT_MAX_CHARS` among them) are the image vocabulary's.
 */
export const LIMITS = {
  /**
   * A generate message whose prompt is longer is dropped unread. Up to it the job refuses a prompt
   * over `PROMPT_MAX_CHARS` with its own sentence; the webview's box already stops there.
   */
  promptMessage: 100_000,
  id: 100,
  fileName: 255,
  uri: 4096,
  urisPerDrop: 32,
  /** Decoded bytes of one pasted image (and of a painted mask). */
  pasteBytes: 20 * 1024 * 1024,
  /** Images of one result a message may point at by index (variations, or several in one answer). */
  imagesPerResult: 64,
  /** Characters of the gallery's search box. */
  gallerySearch: 200,
  /** The furthest a gallery page may start (the library holds at most 20,000 images). */
  galleryOffset: 20_000,
} as const;

export const PASTE_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type PasteMime = (typeof PASTE_MIMES)[number];

/**
 * The Studio's option controls for a job (each sent only where the model takes it, see
 * `ModelOptionsView`), and a mask: base64 of a PNG of the first attachment's exact size whose
 * painted pixels are fully transparent (they may change). The mask only for models whose view says `mask`.
 */
export interface GenerateOptions extends StudioOptions {
  maskBase64?: string;
}

type Bare<T extends string> = { type: T };
type WithResult<T extends string> = { type: T; resultId: string };
/** `image`: one image of the result by its index in the card (a variation); absent: all of them. */
type WithImage<T extends string> = WithResult<T> & { image?: number };

/**
 * Every message the webview may send; only ever trusted after `webviewToHostSchema.safeParse`
 * (protocolSchema.ts), which enforces the `LIMITS`, the vocabulary's limits and the id and base64 formats.
 */
export type WebviewToHost =
  | Bare<'ready'>
  | ({
      type: 'generate';
      prompt: string;
      model: string;
      aspectRatio?: AspectRatio | '';
      imageSize?: ImageSize | '';
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
  | { type: 'describeModel'; model: string; api?: ApiSetting }
  /**
   * The composer as Send would send it (model, API, images, size, quality, …): the host answers
   * with `estimate` carrying the same `seq`, so a late answer to an older question is ignored.
   */
  | ({
      type: 'estimate';
      seq: number;
      model: string;
      aspectRatio?: AspectRatio | '';
      imageSize?: ImageSize | '';
    } & StudioOptions)
  /**
   * A page of the workspace's images for the gallery, matching `search` (empty: all), from
   * `offset`; offset 0 brings the library up to date first. The host answers with `gallery`.
   */
  | { type: 'gallery'; search: string; offset: number }
  /** One of the gallery's actions on the image the host listed under `id`. */
  | { type: 'galleryAction'; action: GalleryAction; id: string };
export type WebviewToHostType = WebviewToHost['type'];

/**
 * What an error's buttons do. Notifications offer them all; the panel, which has no log view,
 * offers the `PanelErrorAction`s (labelled from `StudioStrings`). `switchApi`: use the API in
 * the view's `switchTo` and try again. `openStyle`: open `.geekai/style.json` at the field named
 * (the panel shows the style's problem above the prompt instead).
 */
/**
 * What the gallery does with a workspace image: attach it as a reference, Insert or Copy its link
 * for the target, open it, or put what made it back into the composer (Reuse Prompt in Studio).
 */
export const GALLERY_ACTIONS = ['attach', 'insert', 'copyMarkdown', 'open', 'reusePrompt'] as const;
export type GalleryAction = (typeof GALLERY_ACTIONS)[number];

/**
 * A workspace image in the gallery. Names, folders, prompts and models come from files: the
 * webview shows them as text only. `webviewUri` is empty when no thumbnail is loaded (a file too
 * large for one).
 */
export interface GalleryImage {
  /** The host's handle for it (never a path or URI: actions name images by it). */
  id: string;
  name: string;
  /** Its folder relative to the workspace folder ('' at the folder's root). */
  folder: string;
  webviewUri: string;
  width?: number;
  height?: number;
  /** Its size on disk as a reader says it ("812 KB"). */
  size: string;
  prompt?: string;
  model?: string;
  /** References to it in the workspace's documents. */
  uses: number;
  /** A PNG, JPEG, WebP or GIF: it can be a reference image. */
  attachable: boolean;
}

export type ErrorAction = 'setApiKey' | 'openSettings' | 'retry' | 'saveAs' | 'showLog' | 'switchApi' | 'openStyle';
export type PanelErrorAction = Exclude<ErrorAction, 'showLog' | 'openStyle'>;

/** An error as the user sees it: a localised sentence, server or model text worth showing (plain text), and the buttons that fix it. */
export interface ErrorView<A extends ErrorAction = ErrorAction> {
  kind: string;
  message: string;
  detail?: string;
  actions: A[];
  /** With `switchApi`: the API that serves the model. */
  switchTo?: ApiKind;
}

export interface ModelChoice {
  id: string;
  label: string;
  /** The API that serves it (catalog models; gateway-listed ids are resolved when picked). */
  api?: ApiKind;
  /** The gateway marks it unavailable (its label says so). */
  unavailable?: boolean;
}

export interface StudioDefaults {
  model: string;
  aspectRatio?: string;
  imageSize?: string;
  /** The settings of the same names, which the panel starts from. */
  options?: StudioOptions;
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
  api?: ApiKind;
  /** More than one image was asked for: the images are one variation group. */
  variations?: number;
  /** "Edit this" continues the conversation (a Responses API result) rather than attaching the image. */
  continues?: boolean;
  /** What it cost, as the host wrote it (`¥0.15`, `≈ ¥0.15`); absent when the price is unknown. */
  cost?: string;
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
  /** Where the next generation's images go and the link the target document gets (the job's own rule); absent: unknown (no folder open). */
  | { type: 'placement'; placement?: PlacementLine }
  | { type: 'jobStarted'; jobId: string; prompt: string; model: string }
  | { type: 'progress'; jobId: string; percent?: number; text: string; elapsedMs: number; place?: number }
  | { type: 'result'; jobId: string; card: ResultCard }
  | { type: 'jobEnded'; jobId: string; outcome: 'done' | 'error' | 'cancelled'; elapsedMs: number }
  | {
      type: 'error';
      jobId?: string;
      kind: string;
      message: string;
      detail?: string;
      actions: PanelErrorAction[];
      switchTo?: ApiKind;
    }
  | { type: 'notice'; message: string }
  | { type: 'history'; entries: ResultCard[]; offset: number; total: number }
  /** Puts the prompt cursor in front of the user, e.g. after "Edit this". */
  | { type: 'focusPrompt' }
  /** The controls that apply to a model (after `init` for the default model, and in answer to `describeModel`). */
  | { type: 'modelOptions'; options: ModelOptionsView }
  /** The answer to the `estimate` numbered `seq`: "≈ ¥0.12 · 3 images", or that the price is unknown. */
  | { type: 'estimate'; seq: number; text: string }
  /** The model picker's list again, once the gateway's own list has arrived (the chosen model is kept). */
  | { type: 'models'; models: ModelChoice[] }
  /** The GeekAI balance for the header ("Balance: ¥0.37"); absent: none to show (no balance key). */
  | { type: 'balance'; text?: string }
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
  | { type: 'fill'; prompt: string; model: string; aspectRatio?: string; imageSize?: string; options: StudioOptions }
  /** A page of the gallery in answer to `gallery` (the same `search` and `offset`); `total`: how many match in all. */
  | { type: 'gallery'; search: string; offset: number; total: number; images: GalleryImage[] };

export type HostToWebviewType = HostToWebview['type'];

/**
 * "Saves to … · links as …" for the current target: the folder (from its workspace folder), the
 * link as the document writes it for a file whose name is not known yet (`…`), and the site
 * whose rule decided the folder.
 */
export interface PlacementLine {
  folder: string;
  link: string;
  site?: string;
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

/** The host's message that fills the Studio's prompt, model and options (Reuse Prompt in Studio). */
export type FillMessage = Extract<HostToWebview, { type: 'fill' }>;
