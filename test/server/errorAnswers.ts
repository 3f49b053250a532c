// OpenAI-shaped error answers with GeekAI's status meanings (api.md "Errors").
import type { ServerResponse } from 'node:http';
import type { Behaviour } from './behaviours';
import { sendJson, sendText } from './io';

interface ErrorDefaults {
  type: string;
  code: string;
  message: string;
}

function defaultsFor(status: number, code?: string): ErrorDefaults {
  if (code === 'insufficient_quota') {
    return {
      type: 'insufficient_quota',
      code,
      message: 'You exceeded your current quota, please check your plan and billing details',
    };
  }
  if (code === 'moderation_blocked') {
    return { type: 'invalid_request_error', code, message: 'Your request was rejected by the safety system' };
  }
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', code: 'invalid_request', message: 'Invalid request parameters' };
    case 401:
      return { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Invalid API key' };
    case 402:
      return { type: 'insufficient_balance', code: 'insufficient_balance', message: 'Insufficient account balance' };
    case 403:
      return { type: 'permission_error', code: 'model_not_allowed', message: 'You do not have access to this model' };
    case 404:
      return { type: 'invalid_request_error', code: 'not_found', message: 'Not found' };
    case 413:
      return { type: 'invalid_request_error', code: 'request_too_large', message: 'Request entity too large' };
    case 429:
      return { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests' };
    case 503:
      return {
        type: 'server_error',
        code: 'service_unavailable',
        message: 'The server is overloaded, please try again later',
      };
    case 504:
      return { type: 'server_error', code: 'upstream_timeout', message: 'Upstream request timed out' };
    default:
      return status >= 500
        ? { type: 'server_error', code: 'internal_error', message: 'Internal server error' }
        : { type: 'invalid_request_error', code: 'error', message: `Error ${status}` };
  }
}

export function sendOpenAiError(res: ServerResponse, status: number, message?: string, code?: string): void {
  const d = defaultsFor(status, code);
  sendJson(res, status, { error: { message: message ?? d.message, type: d.type, code: code ?? d.code } });
}

export function sendErrorBehaviour(res: ServerResponse, b: Extract<Behaviour, { kind: 'error' }>): void {
  if (b.retryAfter !== undefined) res.setHeader('Retry-After', b.retryAfter);
  if (b.rawBody !== undefined) {
    const type =
      b.contentType ?? (b.rawBody.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'application/json');
    sendText(res, b.status, type, b.rawBody);
    return;
  }
  const d = defaultsFor(b.status, b.code);
  if (b.topLevelMessage) {
    sendJson(res, b.status, { message: b.message ?? d.message, code: b.code ?? d.code });
    return;
  }
  sendOpenAiError(res, b.status, b.message, b.code);
}
