// JSON shapes of GeekAI's chat completions (api.md "Non-stream response" and chunks).
import crypto from 'node:crypto';

export function completionId(): string {
  return `chatcmpl-${crypto.randomUUID()}`;
}

/** Rough token counts: enough for clients that read usage, not a tokenizer. */
export function usageFor(prompt: string, content: string): Record<string, number> {
  const prompt_tokens = Math.max(1, Math.ceil(prompt.length / 2));
  const completion_tokens = Math.max(1, Math.ceil(content.length / 4));
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

export function chatCompletion(model: string, prompt: string, message: Record<string, unknown>): object {
  const content = typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '');
  return {
    id: completionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', ...message } }],
    usage: usageFor(prompt, content),
  };
}

export function chunk(
  id: string,
  model: string,
  delta: Record<string, unknown>,
  finishReason: string | null = null,
): object {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}
