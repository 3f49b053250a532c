// Writes server-sent events the awkward way real relays do: some writes hold two events,
// one splits a line, one splits a multi-byte UTF-8 character.
import type { ServerResponse } from 'node:http';
import { sleep, write } from './io';

export function sseHeaders(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
}

export function dataEvent(payload: object | string, crlf = false): Buffer {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const eol = crlf ? '\r\n' : '\n';
  return Buffer.from(`data: ${text}${eol}${eol}`, 'utf8');
}

export function commentEvent(text: string, crlf = false): Buffer {
  const eol = crlf ? '\r\n' : '\n';
  return Buffer.from(`: ${text}${eol}${eol}`, 'utf8');
}

/** Index of the first UTF-8 lead byte of a multi-byte character at or after `from`, or -1. */
function firstMultiByteLead(buf: Buffer, from: number): number {
  for (let i = from; i < buf.length; i++) if (buf[i] >= 0xc0) return i;
  return -1;
}

/**
 * Cuts the concatenated events into the raw writes to send: event boundaries, except that
 * events 2 and 3 travel together, plus a cut inside the first multi-byte character after
 * event 0 and a cut in the middle of the longest event.
 */
export function planWrites(events: readonly Buffer[]): Buffer[] {
  const all = Buffer.concat(events);
  const cuts = new Set<number>();
  let end = 0;
  events.forEach((e, i) => {
    end += e.length;
    if (!(i === 2 && events.length > 4)) cuts.add(end);
  });
  const lead = firstMultiByteLead(all, events[0]?.length ?? 0);
  if (lead >= 0) cuts.add(lead + 1);
  let longestStart = 0;
  let longest = 0;
  let start = 0;
  for (const e of events) {
    if (e.length > longest) [longest, longestStart] = [e.length, start];
    start += e.length;
  }
  if (longest > 16) cuts.add(longestStart + Math.floor(longest / 2));
  const sorted = [...cuts].filter((c) => c > 0 && c <= all.length).sort((a, b) => a - b);
  const writes: Buffer[] = [];
  let from = 0;
  for (const cut of sorted) {
    writes.push(all.subarray(from, cut));
    from = cut;
  }
  if (from < all.length) writes.push(all.subarray(from));
  return writes;
}

/** Sends the writes with `delayMs` between them; false if the client went away or the server closed. */
export async function sendWrites(
  res: ServerResponse,
  writes: readonly Buffer[],
  delayMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  for (let i = 0; i < writes.length; i++) {
    if (i > 0 && !(await sleep(delayMs, signal))) return false;
    if (!(await write(res, writes[i]))) return false;
  }
  return true;
}

/** An event with its `event:` name line (Responses API style); `type` repeats the name in the data. */
export function namedEvent(name: string, payload: object): Buffer {
  return Buffer.from(`event: ${name}\ndata: ${JSON.stringify({ type: name, ...payload })}\n\n`, 'utf8');
}
