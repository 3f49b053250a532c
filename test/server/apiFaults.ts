// The faults an Images or Responses request can get instead of its answer (stream faults are
// the Responses handler's own). True when the fault answered the request.
import type { ApiBehaviour } from './apiBehaviours';
import type { ApiContext } from './apiContext';
import { sendErrorBehaviour } from './errorAnswers';
import { sendJson, sendText, writeFlushed } from './io';

export async function sendApiFault(ctx: ApiContext, b: ApiBehaviour): Promise<boolean> {
  const { res } = ctx;
  switch (b.kind) {
    case 'error':
      sendErrorBehaviour(res, { ...b, kind: 'error' });
      return true;
    case 'nonJson':
      sendText(res, 200, 'text/html; charset=utf-8', '<html><body><h1>Bad gateway</h1></body></html>');
      return true;
    case 'wrongShape':
      sendJson(res, 200, { data: 'nope', output: 42 });
      return true;
    case 'closeMidBody': {
      const body = Buffer.from(JSON.stringify({ created: 1, data: [{ b64_json: 'iVBORw0KGgo'.repeat(200) }] }));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
      await writeFlushed(res, body.subarray(0, Math.floor(body.length / 2)));
      ctx.destroy();
      return true;
    }
    default:
      return false;
  }
}
