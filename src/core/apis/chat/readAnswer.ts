// Reads a 2xx answer, streamed (SSE) or whole (JSON), into the joined text plus every parsed
// chunk, so findImages can look in both. The server decides: GeekAI answers non-stream models
// with JSON even when asked to stream, so we go by Content-Type, not by what we asked for.
import { ImageError } from '../../errors';
import { contentText } from './findImages';
import { errorFromInlineBody } from '../../http/httpErrors';
import type { OpenResponse } from '../../http/httpClient';
import { readProgress, type StreamProgress } from './progressText';
import { redact } from '../../text/redact';
import { CompletionSchema, type Completion, type Message } from './responseSchema';
import { sseData } from '../../http/sseStream';
import { parseJson, parseJsonAs, shapeAs } from '../parseJson';
import { BlobStream } from '../../heavy/blobStream';
import type { Blobs, JsonWithBlobs } from '../../heavy/jsonBlobs';
import type { SpillTarget } from '../../heavy/spill';
import type { Secrets } from '../../text/secrets';

export interface Answer {
  text: string;
  completions: Completion[];
  model?: string;
  /** Base64 payloads cut out of the answer as it came, by the token left in their place (blobStream.ts). */
  blobs?: Blobs;
}

function parseCompletion(raw: string, secrets: Secrets): Completion {
  return checkedCompletion(parseJsonAs(raw, CompletionSchema, 'chunk'), secrets);
}

function checkedCompletion(c: Completion, secrets: Secrets): Completion {
  if (c.error) throw errorFromInlineBody(c.error, secrets);
  return c;
}

/** `read` parses the body (the transport's, off the host thread when it is large); here by default. */
export async function readJsonAnswer(
  res: OpenResponse,
  secrets: Secrets,
  read?: (res: OpenResponse) => Promise<JsonWithBlobs>,
): Promise<Answer> {
  if (!read) return readCompletion(parseJson(await res.text(), 'body'), secrets);
  const { value, blobs } = await read(res);
  const answer = readCompletion(value, secrets);
  if (blobs.size > 0) answer.blobs = blobs;
  return answer;
}

/** A whole completion already parsed (a finished background job's, for one). */
export function readCompletion(body: unknown, secrets: Secrets): Answer {
  const c = checkedCompletion(shapeAs(body, CompletionSchema, 'body'), secrets);
  if (!c.choices && !c.data)
    throw new ImageError('badResponse', 'the answer has neither choices nor data', { reason: 'wrongShape' });
  const text = (c.choices ?? []).map((ch) => contentText(ch.message?.content)).join('\n');
  return { text, completions: [c], model: c.model ?? undefined };
}

const PROGRESS_TAIL = 4096;

const structured = (m: Message | null | undefined): boolean =>
  !!m && (!!m.image || !!m.images?.length || Array.isArray(m.content));

/** A chunk with images in its fields (not only text content), or an Images API `data` list. */
function carriesMore(c: Completion): boolean {
  return !!c.data?.length || (c.choices ?? []).some((ch) => structured(ch.delta) || structured(ch.message));
}

export async function readStreamAnswer(
  res: OpenResponse,
  secrets: Secrets,
  onProgress: (p: StreamProgress) => void,
  spill?: SpillTarget,
): Promise<Answer> {
  // The text as it streams, its long data URL payloads decoded on the way and cut out: a streamed
  // 8 MB image is never held as its 11 MB of text (nor, with `spill`, as its 8 MB of bytes).
  const joined = new BlobStream('text', { spill });
  try {
    return await readStream(res, secrets, onProgress, joined);
  } catch (e) {
    await joined.abandon();
    throw e;
  }
}

async function readStream(
  res: OpenResponse,
  secrets: Secrets,
  onProgress: (p: StreamProgress) => void,
  joined: BlobStream,
): Promise<Answer> {
  let model: string | undefined;
  const completions: Completion[] = [];
  let last: StreamProgress = {};
  // Progress is read from a short tail kept apart: slicing the growing `text` each chunk would
  // copy all of it every time (quadratic on a streamed data URL).
  let tail = '';
  // Whether the tail's last line is a status line (`> …`). A piece with no `>`, `%` or line
  // break can only change the progress by extending such a line, so other pieces (the
  // thousands that carry a streamed data URL) are not rescanned.
  let inStatusLine = false;
  for await (const data of sseData(res.chunks())) {
    if (data.trim() === '[DONE]') break;
    if (!data.trim()) continue;
    const c = parseCompletion(data, secrets);
    // Only chunks findImages has something to read in besides the text (joined below): a long
    // answer streamed in millions of small deltas must not keep a million objects.
    if (carriesMore(c)) completions.push(c);
    model ??= c.model ?? undefined;
    let mayChange = inStatusLine;
    for (const ch of c.choices ?? []) {
      const piece = contentText(ch.delta?.content) + contentText(ch.message?.content);
      joined.push(piece);
      // A long piece is its own tail: joining it first would copy all of it.
      tail = piece.length >= PROGRESS_TAIL ? piece.slice(-PROGRESS_TAIL) : (tail + piece).slice(-PROGRESS_TAIL);
      // Three native searches: a character-class regex walks every character of a long piece.
      mayChange ||= piece.includes('\n') || piece.includes('>') || piece.includes('%');
    }
    const writing = joined.writing();
    if (writing) await writing;
    if (!mayChange) continue;
    inStatusLine = tail
      .slice(tail.lastIndexOf('\n') + 1)
      .trimStart()
      .startsWith('>');
    const p = readProgress(tail);
    // The status line is the model's text and goes to the notification and the panel.
    const next = {
      percent: p.percent ?? last.percent,
      status: p.status === undefined ? last.status : redact(p.status, secrets),
    };
    if (next.percent !== last.percent || next.status !== last.status) onProgress(next);
    last = next;
  }
  const cut = await joined.end();
  const answer: Answer = { text: cut.text, completions, model };
  if (cut.blobs.size > 0) answer.blobs = cut.blobs;
  return answer;
}
