// Server-sent events over a byte stream. eventsource-parser handles CR/LF/CRLF, comments,
// multi-line data and fields split across chunks; TextDecoder in streaming mode keeps a UTF-8
// character that straddles two chunks intact.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** Yields the `data` of each event, in order, until the byte stream ends. */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => pending.push(e) });
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length) yield (pending.shift() as EventSourceMessage).data;
  }
  parser.feed(decoder.decode());
  // A last event without its blank line still counts: some relays close right after `data: [DONE]`.
  parser.feed('\n\n');
  while (pending.length) yield (pending.shift() as EventSourceMessage).data;
}
