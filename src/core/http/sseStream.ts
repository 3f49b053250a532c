// Server-sent events over a byte stream. eventsource-parser handles CR/LF/CRLF, comments,
// multi-line data and fields split across chunks; TextDecoder in streaming mode keeps a UTF-8
// character that straddles two chunks intact. The whole stream's size is the transport's limit
// (httpClient.ts); one event's is this parser's.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ImageError } from '../errors';
import { SSE_EVENT_MAX_CHARS } from '../limits';

export interface SseEvent {
  /** The `event:` name, when the server sent one (the Responses API does). */
  event?: string;
  data: string;
}

/**
 * Yields each event (name and data), in order, until the byte stream ends. An event (with the
 * line not yet ended) over `maxEventChars` is a bad answer: the parser stops buffering it, so an
 * endless line costs no more than that.
 */
export async function* sseEvents(
  body: AsyncIterable<Uint8Array>,
  maxEventChars = SSE_EVENT_MAX_CHARS,
): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  const pending: EventSourceMessage[] = [];
  let tooLarge = false;
  const parser = createParser({
    onEvent: (e) => pending.push(e),
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') tooLarge = true;
    },
    maxBufferSize: maxEventChars,
  });
  const next = (): SseEvent => {
    const e = pending.shift() as EventSourceMessage;
    return { event: e.event, data: e.data };
  };
  const feed = (text: string): void => {
    parser.feed(text);
    if (tooLarge) {
      throw new ImageError('badResponse', `a streamed event is longer than ${maxEventChars} characters`, {
        reason: 'eventTooLarge',
        params: { limit: maxEventChars },
      });
    }
  };
  for await (const chunk of body) {
    feed(decoder.decode(chunk, { stream: true }));
    while (pending.length) yield next();
  }
  feed(decoder.decode());
  // A last event without its blank line still counts: some relays close right after `data: [DONE]`.
  feed('\n\n');
  while (pending.length) yield next();
}

/** Yields the `data` of each event, in order, until the byte stream ends. */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const e of sseEvents(body)) yield e.data;
}
