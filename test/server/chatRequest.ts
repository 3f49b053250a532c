// Reads a chat/completions body into the few facts the test server answers from.

export interface ImagePart {
  url: string;
}

export interface ChatRequest {
  model: string;
  stream: boolean;
  background: boolean;
  imageGeneration: boolean;
  hasSystemMessage: boolean;
  /** Text of the last user message (string content, or its text parts joined). */
  prompt: string;
  /** image_url parts of the last user message, in order. */
  images: ImagePart[];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function imagePartUrl(part: Record<string, unknown>): string | undefined {
  const imageUrl = part.image_url;
  // OpenAI shape is {url}; some clients send the URL string directly.
  if (typeof imageUrl === 'string') return imageUrl;
  if (isRecord(imageUrl) && typeof imageUrl.url === 'string') return imageUrl.url;
  return undefined;
}

/** A ChatRequest, or the message of a 400 answer. */
export function parseChatRequest(json: unknown): ChatRequest | string {
  if (!isRecord(json)) return 'Request body must be a JSON object';
  const { model, messages } = json;
  if (typeof model !== 'string' || model === '') return 'Missing required parameter: model';
  if (!Array.isArray(messages) || messages.length === 0) return 'Missing required parameter: messages';
  if (!messages.every(isRecord)) return 'Each message must be an object';
  const stream = json.stream === true;
  const background = json.background === true;
  if (stream && background) return 'stream and background cannot both be true';
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  let prompt = '';
  const images: ImagePart[] = [];
  if (typeof lastUser?.content === 'string') {
    prompt = lastUser.content;
  } else if (Array.isArray(lastUser?.content)) {
    const texts: string[] = [];
    for (const part of lastUser.content) {
      if (!isRecord(part)) continue;
      if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
      const url = part.type === 'image_url' ? imagePartUrl(part) : undefined;
      if (url !== undefined) images.push({ url });
    }
    prompt = texts.join('\n');
  }
  return {
    model,
    stream,
    background,
    imageGeneration: json.image_generation === true,
    hasSystemMessage: messages.some((m) => m.role === 'system'),
    prompt,
    images,
  };
}
