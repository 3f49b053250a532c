// The test server's catalog, in GeekAI's shape (api.md "Models, prices and balance"): GET
// /models with `type`, `status`, `capabilities` and `pricing` (some models priced only in their
// GET /models/{id} `price`, one with none anywhere, one unavailable, one listed only here and
// served on the API the list names), and GET /api/credit/balance, which takes a system key
// (`sys-…`), never the API key. Written from the docs, not from the client's table.
import type { ServerResponse } from 'node:http';
import { sendJson, sendText } from './io';
import { sendOpenAiError } from './errorAnswers';

type Price = Record<string, unknown>;

export interface ListedModel {
  id: string;
  type?: string;
  status?: string;
  capabilities?: unknown;
  /** In the list itself. */
  pricing?: Price;
  /** Only in GET /models/{id}. */
  price?: Price;
  /** Images API answers for this model carry `usage: {cost}` (CNY per request). */
  usageCost?: number;
}

const perImage = (price: number, extra: Price = {}): Price => ({
  currency: 'CNY',
  unit: 'image',
  draw_image: { price, unit: 'nums' },
  ...extra,
});

/** A model the client's table does not hold, whose name reads as a chat model: only the list says it draws on the Images API. */
export const GATEWAY_ONLY_MODEL = 'atelier-canvas-1';
/** The system key the balance endpoint takes in tests. */
export const TEST_BALANCE_KEY = 'sys-test-balance-key';

/** The list `GET /models` answers with, in this order. */
export const LISTED: readonly ListedModel[] = [
  {
    id: 'gemini-2.5-flash-image',
    type: 'image',
    status: 'available',
    capabilities: ['image_generation', 'image_edit', 'vision'],
    pricing: perImage(0.04),
  },
  { id: 'gemini-2.5-flash-image-preview', type: 'image', status: 'available', capabilities: ['image_generation'] },
  {
    id: 'gpt-4o-image',
    type: 'image',
    status: 'available',
    capabilities: ['image_generation', 'stream'],
    pricing: perImage(0.1, { estimated: true }),
  },
  { id: 'gpt-5-all', type: 'chat', status: 'available', capabilities: ['image_generation', 'vision', 'stream'] },
  {
    id: 'midjourney-chat',
    type: 'image',
    status: 'available',
    capabilities: ['image_generation', 'stream'],
    pricing: perImage(0.5),
  },
  {
    id: 'gpt-image-1',
    type: 'image',
    status: 'available',
    capabilities: {
      image_generation: true,
      image_edit: true,
      qualities: ['auto', 'low', 'medium', 'high'],
      max_images: 10,
    },
    pricing: {
      currency: 'CNY',
      unit: 'image',
      draw_image: [
        { price: 0.02, unit: 'nums', quality: 'low' },
        { price: 0.07, unit: 'nums', quality: 'medium' },
        { price: 0.25, unit: 'nums', quality: 'high' },
      ],
    },
  },
  {
    id: 'gpt-image-2',
    type: 'image',
    status: 'available',
    capabilities: ['image_generation', 'image_edit'],
    price: perImage(0.3, { discounts: [{ channel: 'default', discount: 0.8 }] }),
  },
  { id: 'dall-e-3', type: 'image', status: 'available', capabilities: ['image_generation'], pricing: perImage(0.28) },
  {
    id: 'flux-kontext-pro',
    type: 'image',
    status: 'available',
    capabilities: ['image_generation', 'image_edit'],
    price: perImage(0.12),
  },
  {
    id: 'flux-2-pro',
    type: 'image',
    status: 'available',
    capabilities: ['image_generation'],
    pricing: perImage(0.2, { estimated: true }),
  },
  {
    id: 'imagen-4.0-generate-001',
    type: 'image',
    status: 'unavailable',
    capabilities: ['image_generation'],
    pricing: perImage(0.16),
  },
  {
    id: 'doubao-seedream-4-0-250828',
    type: 'image',
    status: 'available',
    capabilities: ['image_generation', 'image_edit'],
    pricing: perImage(0.2),
  },
  {
    id: GATEWAY_ONLY_MODEL,
    type: 'image',
    status: 'available',
    capabilities: {
      image_generation: true,
      endpoints: ['images/generations'],
      sizes: ['1024x1024', '1536x1024'],
      max_images: 1,
    },
    pricing: perImage(0.15),
    usageCost: 0.15,
  },
  { id: 'gpt-4.1', type: 'chat', status: 'available', capabilities: ['vision', 'responses'] },
  { id: 'gpt-4o', type: 'chat', status: 'available', capabilities: ['vision'] },
  { id: 'gpt-4o-mini', type: 'chat', status: 'available', capabilities: ['vision'] },
  { id: 'gpt-5', type: 'chat', status: 'available', capabilities: ['vision'] },
  { id: 'text-embedding-3-small', type: 'embedding', status: 'available' },
];

export function listedModel(id: string): ListedModel | undefined {
  return LISTED.find((m) => m.id === id);
}

/** The body GET /models answers with: the catalog as listed, or what a test put in its place. */
export function modelListBody(created: number): unknown {
  return {
    object: 'list',
    data: LISTED.map((m) => ({
      id: m.id,
      object: 'model',
      created,
      owned_by: 'geekai',
      ...(m.type ? { type: m.type } : {}),
      ...(m.status ? { status: m.status } : {}),
      ...(m.capabilities ? { capabilities: m.capabilities } : {}),
      ...(m.pricing ? { pricing: m.pricing } : {}),
      // Fields GeekAI may add: the client must take them in its stride.
      description: `${m.id} on the test server`,
      context_length: 128000,
    })),
  };
}

/** GET /models/{id}: the model with its `price` (404 for an id not listed). */
export function answerModelDetail(res: ServerResponse, id: string): void {
  const m = listedModel(id);
  if (!m) return sendOpenAiError(res, 404, `The model '${id}' does not exist`, 'model_not_found');
  const price = m.price ?? m.pricing;
  sendJson(res, 200, { id: m.id, object: 'model', type: m.type, status: m.status, ...(price ? { price } : {}) });
}

/** GET /api/credit/balance with the system key: `{balance}` in gold coins. */
export function answerBalance(res: ServerResponse, authorization: string | undefined, coins: number | string): void {
  const key = /^Bearer[ \t]+(.*)$/i.exec(authorization ?? '')?.[1]?.trim() ?? '';
  if (!key.startsWith('sys-') || key === 'sys-bad')
    return sendOpenAiError(res, 401, 'Invalid system key', 'invalid_api_key');
  if (typeof coins === 'string') return sendText(res, 200, 'application/json', coins);
  sendJson(res, 200, { balance: coins });
}
