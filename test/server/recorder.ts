// Keeps every request the test server received, and lets tests wait for one.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  json?: unknown;
  receivedAt: number;
  /** The client closed the connection before the response was finished; set live. */
  closedByClient: boolean;
  /** The response was sent in full. */
  completed: boolean;
  /** Body bytes written so far by behaviours that count them (`endlessBody`); set live. */
  bytesSent?: number;
  /** HTTP status sent, once headers went out. */
  status?: number;
  /** `model` of a chat request, for logs and assertions. */
  model?: string;
  /** The behaviour that answered a chat request ('default' when the queue was empty). */
  behaviour?: string;
  /** Things the server noticed, e.g. "non-PNG edit input (image/jpeg): placeholder returned". */
  notes: string[];
}

interface Waiter {
  pred: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
  reject: (err: Error) => void;
}

export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  /** Requests already handed out by waitForRequest, so each call returns the next match. */
  private readonly handedOut = new Set<RecordedRequest>();
  private waiters: Waiter[] = [];

  add(record: RecordedRequest): void {
    this.requests.push(record);
    for (const waiter of [...this.waiters]) {
      if (!this.handedOut.has(record) && waiter.pred(record)) {
        this.handedOut.add(record);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(record);
      }
    }
  }

  /**
   * Resolves with the earliest matching request not yet returned by an earlier call
   * (already received or still to come), so "wait, then act" and "act, then wait" both work.
   */
  waitForRequest(pred: (r: RecordedRequest) => boolean = () => true, timeoutMs = 5000): Promise<RecordedRequest> {
    const existing = this.requests.find((r) => !this.handedOut.has(r) && pred(r));
    if (existing) {
      this.handedOut.add(existing);
      return Promise.resolve(existing);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none';
        reject(new Error(`waitForRequest: no matching request within ${timeoutMs} ms (received: ${seen})`));
      }, timeoutMs);
      timer.unref();
      const waiter: Waiter = {
        pred,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Called when the server closes: nothing more can arrive. */
  rejectWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new Error('waitForRequest: the test server was closed'));
  }
}
