// Server-sent events over a byte stream. eventsource-parser handles CR/LF/CRLF, comments,
// multi-line data and fields split across chunks; TextDecoder in streaming mode keeps a UTF-8
// character that straddles two chunks intact.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseEvent {
  /** The `event:` name, when the server sent one (the Responses API does). */
  event?: string;
  data: string;
}

/** Yields each event (name and data), in order, until the byte stream ends. */
export async function* sseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => pending.push(e) });
  const next = (): SseEvent => {
    const e = pending.shift() as EventSourceMessage;
    return { event: e.event, data: e.data };
  };
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length) yield next();
  }
  parser.feed(decoder.decode());
  // A last event without its blank line still counts: some relays close right after `data: [DONE]`.
  parser.feed('\n\n');
  while (pending.length) yield next();
}

/** Yields the `data` of each event, in order, until the byte stream ends. */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const e of sseEvents(body)) yield e.data;
}
