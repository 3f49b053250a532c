// What the next chat/completions request gets, when a test wants something other
// than the default answer. Each enqueued behaviour is used by exactly one request.

/** Where a non-stream answer puts its images (api.md "Every place an image can be"). */
export type ImageVia =
  | 'messageImage' // choices[0].message.image.url (GeekAI); holds one image, so count is 1
  | 'markdown' // ![image 1](url) in content
  | 'markdownTitle' // ![image 1](url "title") in content
  | 'messagesImages' // message.images[].image_url.url as data URLs (OpenRouter)
  | 'contentParts' // content: [{type:'text'}, {type:'image_url', image_url:{url}}]
  | 'dataUrlMarkdown' // ![](data:image/png;base64,...) in content
  | 'imagesApi'; // {created, data:[{url}, {b64_json}, ...]}, alternating; default count 2

export type BadImageVariant =
  | '404'
  | 'html'
  | 'redirectLoop'
  | 'huge'
  | 'file'
  | 'javascript'
  | 'badDataUrl'
  | 'nonImageDataUrl'
  | 'redirectOnce'
  | 'slow'
  /** A PNG start and 256 KB of it, then the connection drops (no end, no error status). */
  | 'cut';

export type Behaviour =
  | {
      kind: 'image';
      via: ImageVia;
      count?: number;
      duplicateLinks?: boolean;
      /** Every image is these bytes (a large one, say) instead of a placeholder drawn from the prompt. */
      bytes?: Buffer;
      /** The connection drops after this many bytes of the body (its full length announced). */
      cutAt?: number;
    }
  | {
      kind: 'stream';
      /** As the image behaviour's. */
      bytes?: Buffer;
      /** Each image's piece of text sent in deltas of this many characters (as a relay streams a data URL). */
      deltaChars?: number;
      images?: number;
      dataUrl?: boolean;
      deltaImages?: boolean;
      delayMs?: number;
      progress?: number[];
      /** Status lines (`> …`) streamed after the progress lines, as a relay tells where it is. */
      status?: string[];
      /** CRLF line endings instead of LF */
      crlf?: boolean;
    }
  | { kind: 'text'; text: string; stream?: boolean }
  | {
      kind: 'error';
      status: number;
      code?: string;
      message?: string;
      retryAfter?: string;
      topLevelMessage?: boolean;
      rawBody?: string;
      /** for rawBody; default text/html when it starts with "<", else application/json */
      contentType?: string;
    }
  | { kind: 'delay'; ms: number; then: Behaviour }
  | { kind: 'closeBeforeHeaders' }
  | { kind: 'closeAfterHeaders' }
  | { kind: 'closeMidBody' }
  | { kind: 'closeMidStream' }
  | { kind: 'neverHeaders' }
  | { kind: 'stallStream' }
  | { kind: 'neverEndBody'; intervalMs?: number }
  /**
   * A 200 that goes on as fast as the client reads, up to `totalBytes` (default 2 GiB): JSON whose
   * one string never closes, or (`stream`) an SSE `data:` line that never ends.
   */
  | { kind: 'endlessBody'; stream: boolean; totalBytes?: number }
  | { kind: 'nonJson' }
  | { kind: 'wrongShape' }
  | { kind: 'inStreamError'; message?: string }
  | { kind: 'badImageUrl'; variant: BadImageVariant }
  /** A good answer whose one image is at `url`, whatever host that names (hostile addresses). */
  | { kind: 'imageAt'; url: string };

export type BehaviourKind = Behaviour['kind'];
