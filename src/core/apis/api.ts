// The seam every API sits behind: one job in, the images found (URLs or data URLs) out. Each API
// builds its own requests and reads its own answers (JSON, SSE, polling); `generate` fans out
// variations, downloads and de-duplicates, and never branches on which API it is talking to.
import type { JsonWithBlobs } from '../heavy/jsonBlobs';
import type { SpillTarget } from '../heavy/spill';
import type { OpenResponse } from '../http/httpClient';
import type { DecodedDataUrl } from '../images/dataUrl';
import type { ImageType } from '../imageType';
import type { Logger } from '../logger';
import type { ReferenceImage } from './chat/requestBody';
import type { ApiKind, ImageOptions } from '../../../shared/imageVocabulary';
import type { Secrets } from '../text/secrets';

export type GenerationPhase = 'queued' | 'sending' | 'waiting' | 'streaming' | 'retrying' | 'remedies' | 'downloading';

/** A low-resolution preview streamed while the image is drawn; a later one is sharper. */
export interface PartialImage {
  /** Which variation it belongs to (0 when there is one). */
  variation: number;
  /** 0, 1, 2 … in the order the server sent them. */
  index: number;
  bytes: Uint8Array;
  type: ImageType;
}

export interface GenerationProgress {
  phase: GenerationPhase;
  percent?: number;
  /** The model's latest status line (streams), already plain text. */
  status?: string;
  /** For `retrying`: how long until the next try. */
  delayMs?: number;
  /** With `queued`: the job's place in line (1 = next to start). */
  place?: number;
  /** With `streaming`: a preview of the image being drawn. */
  partial?: PartialImage;
  /** With `waiting`: an asynchronous task being polled and its last status. */
  task?: { id: string; status: string };
}

/** One request's worth of work (a fanned-out variation is one job). */
export interface ApiJob {
  model: string;
  prompt: string;
  references: readonly ReferenceImage[];
  /** PNG of the first reference's size whose transparent pixels mark what may change. */
  mask?: Uint8Array;
  /** Already fitted to the model: only what it accepts. `n` is set only when this request asks for several. */
  options: ImageOptions;
  stream: boolean;
  /** Responses API: continue this conversation (the model edits its own last image). */
  previousResponseId?: string;
  /** Chat: GeekAI's drawing remedies on the first try, and one more try with them when no image came. */
  forceImage: boolean;
  retryWithRemedies: boolean;
  systemPrompt?: string;
  /** Images API: ask for a task id and poll it instead of holding the connection open. */
  asyncTask: boolean;
  /** Chat: run in background mode on the server (`background: true`) and poll `GET /chat/{id}`. */
  background: boolean;
  /** A background job or task the server already runs (after a reload): poll it, send nothing new. */
  resumeId?: string;
  /** Index of this job among fanned-out variations, for progress. */
  variation: number;
}

export interface FoundImage {
  /** An http(s) URL or a data URL, checked and fetched later. */
  url: string;
  revisedPrompt?: string;
  /** A data URL's bytes when they were decoded while the answer was scanned (read once, not twice). */
  decoded?: DecodedDataUrl;
}

export interface ApiAnswer {
  images: FoundImage[];
  /** The model's words beside the images (not yet redacted). */
  text: string;
  model?: string;
  /** Responses API: the id a refinement continues from. */
  responseId?: string;
  usedRemedies: boolean;
  /** What the answer's `usage` says this request cost, in CNY, when it says. */
  cost?: number;
}

export type Accept = 'application/json' | 'text/event-stream';

/** What an API may do on the wire; `generate` supplies it with retries, timeouts and the key. */
export interface ApiTransport {
  /** POSTs `body` as JSON to `{base}{path}`, or GETs when it is undefined; a 2xx answer or an ImageError. */
  send(path: string, body: unknown, accept: Accept): Promise<OpenResponse>;
  /** The base URL's host, for the messages that name where the request went. */
  host: string;
  /** What is never shown or logged (the key among it), for redaction. */
  secrets: Secrets;
  log: Logger;
  signal?: AbortSignal;
  progress(p: GenerationProgress): void;
  /** Waits, or throws `cancelled` when the user cancels meanwhile. */
  sleep(ms: number): Promise<void>;
  pollIntervalMs: number;
  /** Told the id as soon as the server runs the job in the background (so it can be resumed). */
  serverJob(id: string): void;
  /** `Date.now()` by which the whole job must be done (bounds polling). */
  deadline: number;
  /** A JSON body read and parsed, its long base64 payloads cut out as it arrives (blobStream.ts); a large rest parsed off the host thread. */
  readJson(res: OpenResponse): Promise<JsonWithBlobs>;
  /** Where a streamed answer's long payloads go as they are decoded (readJson's go there too). */
  spill?: SpillTarget;
}

export interface ImageApi {
  readonly kind: ApiKind;
  run(job: ApiJob, t: ApiTransport): Promise<ApiAnswer>;
}
