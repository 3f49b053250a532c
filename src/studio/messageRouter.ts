// The trust boundary: nothing from the webview is acted on before it passes the zod schema.
import type { Logger } from '../core/logger';
import type { WebviewToHost, WebviewToHostType } from '../../shared/protocol';
import { webviewToHostSchema } from '../../shared/protocolSchema';

export type MessageOf<K extends WebviewToHostType> = Extract<WebviewToHost, { type: K }>;

/** One handler per message type, so adding a message without handling it fails to compile. */
export type MessageHandlers = { [K in WebviewToHostType]: (msg: MessageOf<K>) => void | Promise<void> };

export type RouteOutcome = 'handled' | 'rejected' | 'failed';

/** Names the offending fields without echoing their content (it may be huge or secret). */
function describeRejection(raw: unknown, issues: readonly { path: PropertyKey[]; code: string }[]): string {
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : undefined;
  const shownType = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type;
  const where = issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`)
    .join('; ');
  return `Studio: rejected a webview message of type ${shownType} (${where})`;
}

export function createMessageRouter(
  handlers: MessageHandlers,
  log: Logger,
  onHandlerError: (msg: WebviewToHost, e: unknown) => void,
): (raw: unknown) => Promise<RouteOutcome> {
  return async (raw) => {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn(describeRejection(raw, parsed.error.issues));
      return 'rejected';
    }
    const msg = parsed.data;
    // The mapped type guarantees the handler matches msg.type; TS can't correlate them itself.
    const handler = handlers[msg.type] as (m: WebviewToHost) => void | Promise<void>;
    try {
      await handler(msg);
      return 'handled';
    } catch (e) {
      log.error(`Studio: handling "${msg.type}" failed: ${e instanceof Error ? e.message : String(e)}`);
      onHandlerError(msg, e);
      return 'failed';
    }
  };
}
