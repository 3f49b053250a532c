// A local GeekAI-compatible server (api.md) for integration, fault-injection and e2e tests
// and for `npm run demo`. Plain node:http on 127.0.0.1 (or node:https with a given certificate).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { serveBadImage } from './badImageUrls';
import type { Behaviour } from './behaviours';
import type { ChatContext } from './chatContext';
import { parseChatRequest } from './chatRequest';
import { resolveEdit } from './editInput';
import { sendOpenAiError } from './errorAnswers';
import { ImageStore } from './imageStore';
import type { ApiBehaviour } from './apiBehaviours';
import { apiBehaviourLabel } from './apiBehaviours';
import type { ApiContext, Task } from './apiContext';
import { answerImagesPost, answerTaskPoll } from './imagesApi';
import { answerResponses } from './responsesApi';
import { endpointsOf, modelNotSupported } from './serverModels';
import { answerBalance, answerModelDetail, modelListBody } from './catalogAnswers';
import type { RawImage } from '../support/png';
import { sendJson, sendText } from './io';
import { RequestRecorder, type RecordedRequest } from './recorder';
import { behaviourLabel, runBehaviour } from './runBehaviour';
import {
  acceptBackgroundJob,
  answerBackgroundPoll,
  CapturedResponse,
  newBackgroundJob,
  type BackgroundJob,
  type BackgroundPlan,
} from './backgroundChat';

export type { BadImageVariant, Behaviour, BehaviourKind, ImageVia } from './behaviours';
export type { ApiBehaviour } from './apiBehaviours';
export type { RecordedRequest } from './recorder';
export type { BackgroundOutcome, BackgroundPlan } from './backgroundChat';

export interface TestServerOptions {
  /** Gemini answers text only unless the request has image_generation:true or a system message. */
  geminiStrict?: boolean;
  /** default: a random free port */
  port?: number;
  /** one line per finished request: method, path, model, status, behaviour */
  log?: (line: string) => void;
  /** pause between streamed writes; default 30 ms */
  streamDelayMs?: number;
  /** `running` answers an asynchronous Images API task gives before its result; default 2 */
  taskPolls?: number;
  /** `queued`/`in_progress` answers a background chat job gives before its result; default 2 */
  backgroundPolls?: number;
  /** Serve https with this certificate (PEM) instead of http. */
  tls?: { key: string; cert: string };
}

export interface TestServer {
  /** http://127.0.0.1:PORT/api/v1 (https with `tls`), what geekaiImage.baseUrl is set to */
  baseUrl: string;
  /** http://127.0.0.1:PORT (https with `tls`) */
  origin: string;
  /** every request received, in order (chat and image downloads) */
  requests: RecordedRequest[];
  /** the next chat/completions requests get these, in order; then the default applies again */
  enqueue(...b: Behaviour[]): void;
  /** the next POSTs to /images/generations, /images/edits or /responses get these, in order */
  enqueueApi(...b: ApiBehaviour[]): void;
  /** the next background chat jobs end this way (completed, failed, expired, gone, never), in order */
  enqueueBackground(...p: BackgroundPlan[]): void;
  /** every background chat job accepted, by id */
  backgroundJobs: ReadonlyMap<string, BackgroundJob>;
  /** path ("/files/x.png", "/download/x.png") -> exact bytes served */
  servedImages: Map<string, Buffer>;
  /** the images the most recent chat answer referenced, in order, whatever the transport */
  lastServedImages(): Buffer[];
  /** every image any answer referenced, in the order they were drawn */
  allServedImages(): Buffer[];
  /** the next not-yet-returned request matching pred, received already or still to come */
  waitForRequest(pred?: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /**
   * What GET /models answers from now on: a value (sent as JSON) or raw text (a malformed or
   * hostile catalog); undefined goes back to the test server's own catalog.
   */
  setModelList(body: unknown): void;
  /**
   * From now on GET /models/{id} answers wait (received and recorded at once) until the returned
   * release is called: a picker must show its list before the price lookups come back.
   */
  holdModelDetails(): () => void;
  /** GeekAI's balance in gold coins (100 = 1 CNY) at GET /api/credit/balance, or raw text to answer with. */
  setBalance(coins: number | string): void;
  /** closes the listener and destroys every open socket */
  close(): Promise<void>;
}

const API_PREFIX = '/api/v1';
/** Bodies above this get GeekAI's 413. */
const MAX_BODY_BYTES = 40 * 1024 * 1024;

interface Body {
  bytes: Buffer;
  tooLarge: boolean;
}

/** The whole body, or undefined when the client went away mid-upload. */
function readBody(req: IncomingMessage): Promise<Body | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', () => resolve(undefined));
    req.on('close', () => {
      if (!req.complete) resolve(undefined);
    });
  });
}

function authorised(req: IncomingMessage): boolean {
  const match = /^Bearer[ \t]+(.*)$/i.exec(req.headers.authorization ?? '');
  const key = match?.[1].trim() ?? '';
  return key !== '' && key !== 'bad-key';
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const recorder = new RequestRecorder();
  const queue: Behaviour[] = [];
  const apiQueue: ApiBehaviour[] = [];
  const tasks = new Map<string, Task>();
  const backgroundJobs = new Map<string, BackgroundJob>();
  const backgroundPlans: BackgroundPlan[] = [];
  const responses = new Map<string, RawImage | undefined>();
  let seed = 0;
  let modelList: unknown;
  let detailsHeld: Promise<void> | undefined;
  let balance: number | string = 3700;
  const sockets = new Set<Socket>();
  const serverAbort = new AbortController();
  const log = opts.log ?? ((): void => undefined);
  let origin = '';
  // Replaced once the port is known; no request can arrive before that.
  let store = new ImageStore(origin);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      bodyText: '',
      receivedAt: Date.now(),
      closedByClient: false,
      completed: false,
      notes: [],
    };
    let destroyedByServer = false;
    const requestAbort = new AbortController();
    res.on('finish', () => {
      record.completed = true;
    });
    res.on('close', () => {
      if (!res.writableFinished && !destroyedByServer && !serverAbort.signal.aborted) record.closedByClient = true;
      if (res.headersSent && record.status === undefined) record.status = res.statusCode;
      requestAbort.abort();
      const model = record.model ? ` model=${record.model}` : '';
      const behaviour = record.behaviour ? ` ${record.behaviour}` : '';
      const closed = record.closedByClient ? ' (client closed)' : '';
      log(`${record.method} ${path}${model} ${record.status ?? '-'}${behaviour}${closed}`);
    });

    const body = await readBody(req);
    record.bodyText = body?.bytes.toString('utf8') ?? '';
    let json: unknown;
    let jsonOk = false;
    try {
      json = JSON.parse(record.bodyText);
      jsonOk = true;
      record.json = json;
    } catch {
      // not JSON: answered below where JSON is required
    }
    recorder.add(record);
    if (!body) return;

    const signal = AbortSignal.any([serverAbort.signal, requestAbort.signal]);
    if (req.method === 'GET' && path === '/health') return sendText(res, 200, 'text/plain', 'ok');
    if (req.method === 'GET' && (path.startsWith('/files/') || path.startsWith('/download/'))) {
      const bytes = store.get(path);
      if (!bytes) return sendText(res, 404, 'text/plain', 'Not Found');
      const type = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : 'image/png';
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
      res.end(bytes);
      return;
    }
    if (path.startsWith('/bad/') && (await serveBadImage(req, res, path, signal))) return;
    // GeekAI's balance is outside /api/v1 and takes the system key, never the API key.
    if (path === '/api/credit/balance') {
      if (req.method !== 'GET')
        return sendOpenAiError(res, 405, `Method ${record.method} not allowed`, 'method_not_allowed');
      return answerBalance(res, req.headers.authorization, balance);
    }

    const route = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : undefined;
    const task = route === undefined ? undefined : /^\/images\/([\w-]{1,64})$/.exec(route)?.[1];
    const chatJob = route === undefined ? undefined : /^\/chat\/([\w-]{1,80})$/.exec(route)?.[1];
    const modelId = route === undefined ? undefined : /^\/models\/([^/]{1,200})$/.exec(route)?.[1];
    const getRoute =
      route === '/models' ||
      modelId !== undefined ||
      (task !== undefined && task !== 'generations' && task !== 'edits') ||
      (chatJob !== undefined && chatJob !== 'completions');
    const postRoute =
      route === '/chat/completions' ||
      route === '/images/generations' ||
      route === '/images/edits' ||
      route === '/responses';
    if (!getRoute && !postRoute) {
      return sendOpenAiError(res, 404, `Unknown request URL: ${record.method} ${path}`, 'unknown_url');
    }
    if (req.method !== (getRoute ? 'GET' : 'POST'))
      return sendOpenAiError(res, 405, `Method ${record.method} not allowed`, 'method_not_allowed');
    if (!authorised(req)) return sendOpenAiError(res, 401, 'Invalid API key', 'invalid_api_key');
    if (route === '/models') {
      const created = Math.floor(Date.now() / 1000);
      if (typeof modelList === 'string') return sendText(res, 200, 'application/json', modelList);
      return sendJson(res, 200, modelList ?? modelListBody(created));
    }
    if (modelId !== undefined) {
      if (detailsHeld)
        await Promise.race([detailsHeld, new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
      if (signal.aborted) return;
      return answerModelDetail(res, decodeURIComponent(modelId));
    }
    if (getRoute && task) return answerTaskPoll(res, tasks, task);
    if (getRoute && chatJob) return answerBackgroundPoll(res, backgroundJobs, chatJob);
    if (body.tooLarge) return sendOpenAiError(res, 413);
    if (!jsonOk) return sendOpenAiError(res, 400, 'Request body is not valid JSON', 'invalid_json');
    if (route !== '/chat/completions') {
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        return sendOpenAiError(res, 400, 'Request body must be a JSON object');
      const behaviour = apiQueue.shift();
      record.behaviour = apiBehaviourLabel(behaviour);
      const ctx: ApiContext = {
        res,
        record,
        json: json as Record<string, unknown>,
        store,
        signal,
        behaviour,
        tasks,
        responses,
        nextSeed: () => ++seed,
        streamDelayMs: opts.streamDelayMs ?? 30,
        taskPolls: opts.taskPolls ?? 2,
        destroy: () => {
          destroyedByServer = true;
          req.socket.destroy();
        },
      };
      if (route === '/responses') return answerResponses(ctx);
      return answerImagesPost(ctx, route === '/images/edits');
    }

    const chat = parseChatRequest(json);
    if (typeof chat === 'string') return sendOpenAiError(res, 400, chat);
    if (!endpointsOf(chat.model).includes('chat')) {
      const refusal = modelNotSupported(chat.model, 'chat');
      return sendOpenAiError(res, 400, refusal.message, refusal.code);
    }
    record.model = chat.model;
    const behaviour = queue.shift();
    record.behaviour = behaviourLabel(behaviour);
    store.setLast([]);
    const edit = resolveEdit(chat);
    record.notes.push(...edit.notes);
    const ctx: ChatContext = {
      res,
      record,
      chat,
      origin,
      store,
      signal,
      streamDelayMs: opts.streamDelayMs ?? 30,
      geminiStrict: opts.geminiStrict ?? false,
      edit,
      destroy: () => {
        destroyedByServer = true;
        req.socket.destroy();
      },
    };
    if (chat.background) {
      // Accepted at once; the answer is drawn now and handed out when a poll finds the job done.
      const captured = new CapturedResponse();
      const job = newBackgroundJob(chat.model, backgroundPlans.shift(), opts.backgroundPolls ?? 2, captured);
      backgroundJobs.set(job.id, job);
      record.notes.push(`background job ${job.id} (${job.outcome})`);
      acceptBackgroundJob(res, job);
      await runBehaviour({ ...ctx, res: captured.asResponse(), signal: serverAbort.signal }, behaviour);
      return;
    }
    await runBehaviour(ctx, behaviour);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      log(`test server error on ${req.method} ${req.url}: ${String(err)}`);
      if (!res.headersSent) sendOpenAiError(res, 500, 'test server error');
      else res.destroy();
    });
  };
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest)
    : http.createServer(onRequest);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = new ImageStore(origin);

  let closing: Promise<void> | undefined;
  return {
    baseUrl: `${origin}${API_PREFIX}`,
    origin,
    requests: recorder.requests,
    enqueue: (...b) => void queue.push(...b),
    enqueueApi: (...b) => void apiQueue.push(...b),
    enqueueBackground: (...p) => void backgroundPlans.push(...p),
    backgroundJobs,
    servedImages: store.served,
    lastServedImages: () => store.lastServed(),
    allServedImages: () => [...store.all],
    setModelList: (body) => {
      modelList = body;
    },
    holdModelDetails: () => {
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      detailsHeld = held;
      return () => {
        if (detailsHeld === held) detailsHeld = undefined;
        release();
      };
    },
    setBalance: (coins) => {
      balance = coins;
    },
    waitForRequest: (pred, timeoutMs) => recorder.waitForRequest(pred, timeoutMs),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        serverAbort.abort();
        recorder.rejectWaiters();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
