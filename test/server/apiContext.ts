// Everything an Images or Responses API answer needs, handed to its handler.
import type { ServerResponse } from 'node:http';
import type { ApiBehaviour } from './apiBehaviours';
import type { ImageStore } from './imageStore';
import type { RawImage } from '../support/png';
import type { RecordedRequest } from './recorder';

export interface Task {
  id: string;
  polls: number;
  pollsNeeded: number;
  outcome: { kind: 'data'; body: object } | { kind: 'failed'; message: string; code: string } | { kind: 'never' };
}

export interface ApiContext {
  res: ServerResponse;
  record: RecordedRequest;
  json: Record<string, unknown>;
  store: ImageStore;
  signal: AbortSignal;
  behaviour?: ApiBehaviour;
  tasks: Map<string, Task>;
  /** The last image of each Responses answer, for `previous_response_id`. */
  responses: Map<string, RawImage | undefined>;
  /** A fresh number per image drawn, so identical requests get different pictures. */
  nextSeed(): number;
  streamDelayMs: number;
  /** Running answers an `async: true` task gives before its result. */
  taskPolls: number;
  destroy(): void;
}
