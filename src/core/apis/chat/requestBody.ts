// The chat-completions body for a generation or an edit, as GeekAI documents it.
import { toDataUrl } from '../../images/dataUrl';
import type { ImageMime } from '../../imageType';

/** GeekAI's documented system prompt for Gemini models that answer with words only. */
export const DRAW_SYSTEM_PROMPT = '你是一个AI画图机器人,请根据用户需求进行画图';

export interface ReferenceImage {
  /** File name, for messages (e.g. which image was too large). */
  name: string;
  bytes: Uint8Array;
  /** Taken from the file's magic bytes, not its extension. */
  mime: ImageMime;
}

export interface ChatRequestInput {
  model: string;
  prompt: string;
  references: readonly ReferenceImage[];
  stream: boolean;
  /** The documented remedies: a drawing system prompt and `image_generation: true`. */
  forceImage: boolean;
  /** The user's own system prompt; replaces the drawing one when set. */
  systemPrompt?: string;
  aspectRatio?: string;
  imageSize?: string;
}

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
type ChatMessage = { role: 'system' | 'user'; content: string | Part[] };

export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  image_generation?: boolean;
  image?: { aspect_ratio?: string; image_size?: string };
}

export function buildChatRequest(input: ChatRequestInput): ChatRequestBody {
  const messages: ChatMessage[] = [];
  const system = input.systemPrompt?.trim() || (input.forceImage ? DRAW_SYSTEM_PROMPT : '');
  if (system) messages.push({ role: 'system', content: system });
  if (input.references.length === 0) {
    messages.push({ role: 'user', content: input.prompt });
  } else {
    const parts: Part[] = [{ type: 'text', text: input.prompt }];
    for (const r of input.references) parts.push({ type: 'image_url', image_url: { url: toDataUrl(r.mime, r.bytes) } });
    messages.push({ role: 'user', content: parts });
  }
  const body: ChatRequestBody = { model: input.model, messages };
  if (input.stream) body.stream = true;
  if (input.forceImage) body.image_generation = true;
  if (input.aspectRatio || input.imageSize) {
    body.image = {};
    if (input.aspectRatio) body.image.aspect_ratio = input.aspectRatio;
    if (input.imageSize) body.image.image_size = input.imageSize;
  }
  return body;
}
