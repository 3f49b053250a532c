// The sentences of the Studio webview, as a type shared by the host, which localises them
// (src/panel/studioStrings.ts) and sends them with `init`, and the webview that shows them.

/**
 * Every sentence the webview shows, localised by the host (the webview cannot call
 * vscode.l10n). `{0}` placeholders are filled in by the webview.
 */
export interface StudioStrings {
  title: string;
  /** `{0}`: what a result cost (`¥0.15`). */
  costLabel: string;
  /** The name of the estimate beside Send, for screen readers. */
  estimateLabel: string;
  /** `{0}`: the GeekAI balance (`¥0.37`). */
  balanceLabel: string;
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
  /** `{0}`: the folder images are saved in, `{1}`: the link the document gets. */
  placement: string;
  /** The same when a site's rule decided the folder; `{0}`: the site ("Hugo"). */
  placementSite: string;
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
  /** {0} × {1}: the image's pixels; {2}: the most (millions) a mask is painted on. */
  maskTooManyPixels: string;
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
  /** The gallery of the workspace's images. */
  galleryTitle: string;
  gallerySearch: string;
  gallerySearchPlaceholder: string;
  galleryKeys: string;
  galleryLoading: string;
  /** `{0}`: how many images the workspace has. */
  galleryCount: string;
  /** `{0}`: how many match the search. */
  galleryMatches: string;
  galleryEmpty: string;
  galleryNoMatch: string;
  galleryMore: string;
  /** A tile's accessible name: `{0}` the file name, `{1}` its pixels, `{2}` its size, `{3}` where it is used. */
  galleryTile: string;
  /** The same with `{4}` the prompt that made it. */
  galleryTilePrompt: string;
  /** `{0}` × `{1}`: width and height. */
  galleryPixels: string;
  galleryPixelsUnknown: string;
  galleryUsedNowhere: string;
  galleryUsedOnce: string;
  /** `{0}`: how many references. */
  galleryUsedIn: string;
  /** `{0}`: the folder, relative to the workspace folder. */
  galleryFolder: string;
  galleryRootFolder: string;
  /** `{0}`: the prompt. */
  galleryPrompt: string;
  /** `{0}`: the model. */
  galleryModel: string;
  galleryNoThumbnail: string;
  galleryAttach: string;
  /** Reuse Prompt in Studio, on a gallery image that says how it was made. */
  galleryReuse: string;
  /** The selected image's actions, for screen readers; `{0}` is its name. */
  galleryActions: string;
  galleryGone: string;
}
