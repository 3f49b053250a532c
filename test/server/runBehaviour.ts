// Dispatches one chat request to the behaviour that answers it.
import { sendBadImageAnswer, sendImageAt } from './badImageUrls';
import type { Behaviour } from './behaviours';
import { sendDefaultAnswer, sendImageBehaviour, sendTextAnswer } from './chatAnswers';
import type { ChatContext } from './chatContext';
import { sendErrorBehaviour, sendOpenAiError } from './errorAnswers';
import { sendFault } from './faults';
import { sleep } from './io';
import { DEFAULT_PROGRESS, sendStream } from './streamAnswer';

export function behaviourLabel(b: Behaviour | undefined): string {
  if (!b) return 'default';
  if (b.kind === 'delay') return `delay>${behaviourLabel(b.then)}`;
  if (b.kind === 'badImageUrl') return `badImageUrl:${b.variant}`;
  if (b.kind === 'error') return `error:${b.status}`;
  return b.kind;
}

export async function runBehaviour(ctx: ChatContext, b: Behaviour | undefined): Promise<void> {
  if (!b) {
    if (ctx.edit.kind === 'reject') {
      sendOpenAiError(ctx.res, 400, ctx.edit.message, 'invalid_image');
      return;
    }
    await sendDefaultAnswer(ctx);
    return;
  }
  switch (b.kind) {
    case 'image':
      sendImageBehaviour(ctx, b);
      return;
    case 'stream':
      await sendStream(ctx, {
        bytes: b.bytes,
        deltaChars: b.deltaChars,
        images: b.images ?? 1,
        dataUrl: b.dataUrl ?? false,
        deltaImages: b.deltaImages ?? false,
        delayMs: b.delayMs ?? ctx.streamDelayMs,
        progress: b.progress ?? DEFAULT_PROGRESS,
        status: b.status ?? [],
        crlf: b.crlf ?? false,
      });
      return;
    case 'text':
      await sendTextAnswer(ctx, b.text, b.stream ?? false);
      return;
    case 'error':
      sendErrorBehaviour(ctx.res, b);
      return;
    case 'delay':
      // Nothing is sent while waiting; if the client leaves meanwhile, nothing is sent at all.
      if (await sleep(b.ms, ctx.signal)) await runBehaviour(ctx, b.then);
      return;
    case 'badImageUrl':
      sendBadImageAnswer(ctx, b.variant);
      return;
    case 'imageAt':
      sendImageAt(ctx, b.url);
      return;
    default:
      await sendFault(ctx, b);
  }
}
