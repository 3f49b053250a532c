// Maps HTTP statuses, error bodies and socket failures onto ImageError kinds.
import { ImageError, isImageError, serverCode, serverReason, type ProxyReason, type ServerNamedKind } from '../errors';
import { safeExcerpt } from '../text/redact';
import { readErrorBody } from './errorBody';
import { ProxyHopError } from './proxyHop';
import type { Secrets } from '../text/secrets';

function kindForStatus(status: number, code: string, message: string): ServerNamedKind {
  if (status === 400)
    return code === 'moderation_blocked' || /moderation|safety|sensitive/i.test(code) ? 'moderation' : 'badRequest';
  if (status === 401) return 'auth';
  if (status === 402) return 'payment';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 413) return 'tooLarge';
  if (status === 429)
    return code === 'insufficient_quota' || /insufficient_quota/.test(message) ? 'quota' : 'rateLimit';
  if (status >= 500) return 'server';
  return 'badRequest';
}

/** Builds the error for a non-2xx answer from its status and (possibly non-JSON) body text. */
export function errorFromResponse(status: number, bodyText: string, secrets: Secrets): ImageError {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const body = readErrorBody(json);
  const code = body?.code === undefined || body.code === null ? '' : safeExcerpt(String(body.code), secrets, 60);
  const serverMessage = body?.message ?? (json === undefined && !/^\s*</.test(bodyText) ? bodyText : '');
  const kind = kindForStatus(status, code, serverMessage);
  const detail = serverMessage ? safeExcerpt(serverMessage, secrets) : undefined;
  return new ImageError(kind, `HTTP ${status}${code ? ` (${code})` : ''}${detail ? `: ${detail}` : ''}`, {
    status,
    detail,
    reason: code ? serverReason(kind, code) : undefined,
  });
}

/** An `{"error":…}` that arrived inside a 200 stream or body. */
export function errorFromInlineBody(error: unknown, secrets: Secrets): ImageError {
  const body = readErrorBody({ error });
  const code = body?.code === undefined || body.code === null ? '' : safeExcerpt(String(body.code), secrets, 60);
  const detail = body?.message ? safeExcerpt(body.message, secrets) : undefined;
  const message = `error in answer${code ? ` (${code})` : ''}${detail ? `: ${detail}` : ''}`;
  if (code === 'insufficient_quota') return new ImageError('quota', message, { detail, reason: serverCode(code) });
  if (code === 'moderation_blocked') return new ImageError('moderation', message, { detail, reason: serverCode(code) });
  return new ImageError('badResponse', message, {
    detail,
    reason: (code ? serverReason('badResponse', code) : undefined) ?? 'inlineError',
  });
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_CONNECT' && code !== 'UND_ERR') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return '';
}

export interface TransportContext {
  /** The user's Cancel fired. */
  cancelled: boolean;
  /** The overall time limit fired. */
  timedOut: boolean;
  /** Whether any response bytes (headers) had arrived. */
  gotHeaders: boolean;
  host: string;
}

function proxyHop(e: unknown): ProxyHopError | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    if (cur instanceof ProxyHopError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The proxy refused, was not found, wanted credentials or could not reach the server. */
function errorFromProxy(hop: ProxyHopError, host: string, e: unknown): ImageError {
  const params = { proxy: hop.proxy, host };
  const fail = (reason: Exclude<ProxyReason, 'proxyStatus'>, message: string): ImageError =>
    new ImageError('network', `${message} (proxy ${hop.proxy})`, { reason, params, cause: e });
  if (hop.status === 407) return fail('proxyAuth', 'the proxy asks for credentials (407)');
  if (hop.status !== undefined) {
    const message = `the proxy answered ${hop.status} when asked to connect to ${host} (proxy ${hop.proxy})`;
    return new ImageError('network', message, {
      reason: 'proxyStatus',
      params: { ...params, status: hop.status },
      cause: e,
    });
  }
  const code = errorCode(hop.cause);
  if (code === 'ECONNREFUSED') return fail('proxyRefused', 'the proxy refused the connection');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return fail('proxyNotFound', 'the proxy host name was not found');
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return fail('proxyTimeout', 'the proxy did not answer in time');
  if (TLS_CODE.test(code)) return fail('proxyTls', `TLS failure with the proxy (${code})`);
  return fail('proxyFailed', `the connection to the proxy failed${code ? ` (${code})` : ''}`);
}

/** Maps a thrown transport error (undici, node:net, abort) to a ImageError. */
export function errorFromTransport(e: unknown, ctx: TransportContext): ImageError {
  if (isImageError(e)) return e;
  const params = { host: ctx.host };
  if (ctx.cancelled) return new ImageError('cancelled', 'cancelled by the user', { cause: e });
  if (ctx.timedOut)
    return new ImageError('timeout', 'overall time limit reached', { reason: 'total', params, cause: e });
  const hop = proxyHop(e);
  if (hop) return errorFromProxy(hop, ctx.host, e);
  const code = errorCode(e);
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new ImageError('timeout', 'no response headers in time', { reason: 'headers', params, cause: e });
    case 'UND_ERR_BODY_TIMEOUT':
      return new ImageError('timeout', 'the server stopped sending', { reason: 'idle', params, cause: e });
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new ImageError('timeout', 'could not connect in time', { reason: 'connect', params, cause: e });
    case 'ECONNREFUSED':
      return new ImageError('network', 'connection refused', { reason: 'refused', params, cause: e });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new ImageError('network', 'host name not found', { reason: 'dns', params, cause: e });
  }
  if (TLS_CODE.test(code))
    return new ImageError('network', `TLS failure (${code})`, { reason: 'tls', params, cause: e });
  const reason = ctx.gotHeaders ? 'closedMidBody' : 'closedBeforeHeaders';
  return new ImageError('network', `connection closed${code ? ` (${code})` : ''}`, { reason, params, cause: e });
}
