// What the next POST to /images/* or /responses gets, when a test wants something other than
// the documented default. Each enqueued behaviour is used by exactly one such request.

export type ApiBehaviour =
  | { kind: 'error'; status: number; code?: string; message?: string; retryAfter?: string }
  /** Answer as an asynchronous task even without `async: true`; `polls` running answers before the result. */
  | { kind: 'asyncTask'; polls?: number }
  /** An asynchronous task that fails when polled (code `moderation_blocked` for a safety block). */
  | { kind: 'taskFailed'; message?: string; code?: string }
  /** An asynchronous task that stays `running` for ever. */
  | { kind: 'taskNeverEnds' }
  | { kind: 'nonJson' }
  | { kind: 'wrongShape' }
  | { kind: 'closeMidBody' }
  /** 200 with no image: Images API `data: []`, Responses API a message only. */
  | { kind: 'noImage'; text?: string }
  /** Responses stream: partial images, then `response.failed` with this code. */
  | { kind: 'streamFailed'; code?: string; message?: string }
  /** Responses stream: a bare `error` event after the first partial image. */
  | { kind: 'streamError'; code?: string; message?: string }
  /** Responses stream cut after the first partial image. */
  | { kind: 'closeMidStream' }
  /** Responses stream that stops sending after the first events. */
  | { kind: 'stallStream' };

export function apiBehaviourLabel(b: ApiBehaviour | undefined): string {
  if (!b) return 'default';
  return b.kind === 'error' ? `error:${b.status}` : b.kind;
}
