// What the test server believes each model is and takes, written from GeekAI's and OpenAI's
// docs (not from the client's catalog), so it refuses like a real server when the client is wrong.

export type Endpoint = 'chat' | 'images' | 'responses';

const CHAT_ONLY = /^(?:gemini-|gpt-4o-image|gpt-5-all|midjourney)/i;
const RESPONSES = /^(?:gpt-4\.1|gpt-4o(?:-mini)?$|gpt-5(?:-mini|-nano)?$|o3|o4-mini)/i;
const IMAGES =
  /^(?:gpt-image|dall-e|flux|seedream|doubao-seedream|imagen|cogview|wanx|kling|stable-|ideogram|recraft)/i;

/** Chat models that see images but do not draw: they answer an image with words (alt text, descriptions). */
export function isVisionChatModel(model: string): boolean {
  return RESPONSES.test(model) || /^(?:claude-|qwen-vl|gemini-[\d.]+-(?:flash|pro)(?:-lite)?$)/i.test(model);
}

/** Where a model is served; unknown ids are taken by every endpoint (a relay passes them on). */
export function endpointsOf(model: string): Endpoint[] {
  if (CHAT_ONLY.test(model)) return ['chat'];
  if (RESPONSES.test(model)) return ['chat', 'responses'];
  if (IMAGES.test(model)) return ['images'];
  return ['chat', 'images', 'responses'];
}

export function modelNotSupported(model: string, endpoint: Endpoint): { message: string; code: string } {
  const path = endpoint === 'chat' ? '/chat/completions' : endpoint === 'images' ? '/images/generations' : '/responses';
  return { message: `The model '${model}' is not supported on the ${path} endpoint.`, code: 'model_not_supported' };
}

export interface ImagesModelRules {
  /** Answers base64 whatever response_format says (gpt-image). */
  b64Only: boolean;
  maxN: number;
  /** Parameters this model refuses with 400 unsupported_parameter. */
  refuses: readonly string[];
  sizes?: readonly string[];
  edits: boolean;
}

export function imagesRules(model: string): ImagesModelRules {
  if (/^gpt-image/i.test(model)) {
    return {
      b64Only: true,
      maxN: 10,
      refuses: ['negative_prompt', 'style_preset'],
      sizes: ['auto', '1024x1024', '1536x1024', '1024x1536'],
      edits: true,
    };
  }
  if (/^dall-e-3/i.test(model)) {
    return {
      b64Only: false,
      maxN: 1,
      refuses: ['background', 'output_format', 'negative_prompt', 'aspect_ratio'],
      sizes: ['1024x1024', '1792x1024', '1024x1792'],
      edits: false,
    };
  }
  const many = /^(?:imagen|wanx|dall-e-2)/i.test(model);
  return {
    b64Only: false,
    maxN: many ? 4 : 1,
    refuses: ['background'],
    edits: !/^(?:imagen|cogview|wanx)/i.test(model),
  };
}

/** Every field the Images API documents; anything else is an unknown parameter. */
export const IMAGES_FIELDS = new Set([
  'model',
  'prompt',
  'n',
  'size',
  'aspect_ratio',
  'quality',
  'background',
  'output_format',
  'output_compression',
  'response_format',
  'moderation',
  'negative_prompt',
  'style_preset',
  'watermark',
  'image',
  'strength',
  'mask',
  'async',
  'retries',
  'input_fidelity',
  'user',
  'extra_body',
]);

export const RESPONSES_FIELDS = new Set([
  'model',
  'input',
  'tools',
  'tool_choice',
  'stream',
  'previous_response_id',
  'instructions',
  'store',
  'user',
  'metadata',
  'temperature',
  'top_p',
  'parallel_tool_calls',
  'max_output_tokens',
  'text',
  'reasoning',
  'background',
]);

export const TOOL_FIELDS = new Set([
  'type',
  'size',
  'quality',
  'background',
  'output_format',
  'output_compression',
  'partial_images',
  'input_image_mask',
  'input_fidelity',
  'moderation',
  'model',
]);

/** The ids `GET /models` lists (with their type, status, capabilities and price: `catalogAnswers.ts`). */
export { LISTED } from './catalogAnswers';
