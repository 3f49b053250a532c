// The gateway's own catalog, read from GET /models and GET /models/{id}: each model's `type`,
// `status`, `capabilities` and `pricing` (or `price`). GeekAI documents the fields but not every
// shape, so every one is optional and read leniently: an unknown field or type is normal, a
// field of an unexpected shape is left out (that model's price is then unknown), and only an
// answer that is not a model list at all is refused (the caller falls back to the built-in table).
// Everything kept is bounded: ids checked, lists and strings capped.
import * as z from 'zod/mini';
import { API_KINDS, OPTION_VALUE_MAX_CHARS, OPTION_VALUE_PATTERN, type ApiKind } from '../../../shared/imageVocabulary';
import { isValidModelId } from '../catalog';
import type { Accepts, OptionSupport } from '../optionSupport';
import type { ModelPrice, PriceTier } from '../price/modelPrice';
import type { GatewayModel, ModelKind } from '../modelCatalog';

// The model a gateway reports is the catalog's own type (modelCatalog.ts), so the catalog needs nothing from here.
export type { GatewayModel, ModelKind } from '../modelCatalog';

/** Most ids kept from one answer: a hostile gateway cannot flood the picker. */
export const MAX_GATEWAY_MODELS = 2000;
/** Most values kept of one option list, and of one model's price tiers or discounts. */
const MAX_LIST = 32;
/** Above this a price is not believed (CNY per image). */
const MAX_PRICE = 10_000;

export const ModelListSchema = z.object({ data: z.array(z.unknown()) });

const EntrySchema = z.object({
  id: z.string(),
  owned_by: z.optional(z.unknown()),
  type: z.optional(z.unknown()),
  status: z.optional(z.unknown()),
  capabilities: z.optional(z.unknown()),
  pricing: z.optional(z.unknown()),
  price: z.optional(z.unknown()),
  endpoints: z.optional(z.unknown()),
  supported_endpoint_types: z.optional(z.unknown()),
});

const amount = z.union([z.number(), z.string().check(z.maxLength(24), z.regex(/^\s*\d+(?:\.\d+)?\s*$/))]);
const shortText = z.string().check(z.maxLength(64));
const TierSchema = z.object({
  price: amount,
  unit: z.optional(z.nullable(shortText)),
  quality: z.optional(z.nullable(shortText)),
  size: z.optional(z.nullable(shortText)),
  resolution: z.optional(z.nullable(shortText)),
  image_size: z.optional(z.nullable(shortText)),
});
const PriceSchema = z.object({
  currency: z.optional(z.nullable(shortText)),
  unit: z.optional(z.nullable(shortText)),
  price: z.optional(z.nullable(amount)),
  draw_image: z.optional(z.nullable(z.union([TierSchema, z.array(TierSchema).check(z.maxLength(MAX_LIST * 4))]))),
  discounts: z.optional(
    z.nullable(
      z.array(z.object({ channel: z.optional(z.nullable(shortText)), discount: amount })).check(z.maxLength(MAX_LIST)),
    ),
  ),
  estimated: z.optional(z.nullable(z.boolean())),
  estimate: z.optional(z.nullable(z.boolean())),
  approximate: z.optional(z.nullable(z.boolean())),
});

/** `draw_image.unit`: GeekAI's `nums` is per image; no unit under `draw_image` means the same. */
const PER_IMAGE = new Set(['nums', 'num', 'image', 'images', 'per_image', 'pic', '张', '次']);
const CNY = new Set(['cny', 'rmb', '¥', '元']);
/** Discounts for every caller, as far as a channel name can say so. */
const ANY_CHANNEL = new Set(['', 'default', 'all', '*', 'api', 'any']);

function optionValue(v: unknown): string | undefined {
  return typeof v === 'string' && v.length <= OPTION_VALUE_MAX_CHARS && OPTION_VALUE_PATTERN.test(v) ? v : undefined;
}

function tierOf(t: z.infer<typeof TierSchema>): PriceTier | undefined {
  const price = Number(t.price);
  const unit = t.unit?.trim().toLowerCase();
  if (!Number.isFinite(price) || price < 0 || price > MAX_PRICE) return undefined;
  if (unit && !PER_IMAGE.has(unit)) return undefined;
  const tier: PriceTier = { price };
  const quality = optionValue(t.quality);
  const size = optionValue(t.size);
  const imageSize = optionValue(t.resolution ?? t.image_size);
  if (quality) tier.quality = quality;
  if (size) tier.size = size;
  if (imageSize) tier.imageSize = imageSize.toUpperCase();
  return tier;
}

/** A `price`/`pricing` object as a per-image price; undefined when it states none this can use. */
export function readPrice(value: unknown): ModelPrice | undefined {
  const parsed = PriceSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  // Only yuan are shown and counted: another currency is not converted on a guess.
  if (p.currency && !CNY.has(p.currency.trim().toLowerCase())) return undefined;
  const raw =
    p.draw_image === undefined || p.draw_image === null
      ? []
      : Array.isArray(p.draw_image)
        ? p.draw_image
        : [p.draw_image];
  const tiers = raw.slice(0, MAX_LIST).flatMap((t) => tierOf(t) ?? []);
  // A flat `{price, unit: "nums"}` says the same as `draw_image`.
  if (
    tiers.length === 0 &&
    p.price !== undefined &&
    p.price !== null &&
    p.unit &&
    PER_IMAGE.has(p.unit.trim().toLowerCase())
  ) {
    const flat = tierOf({ price: p.price });
    if (flat) tiers.push(flat);
  }
  if (tiers.length === 0) return undefined;
  let approximate = Boolean(p.estimated ?? p.estimate ?? p.approximate);
  let discount: number | undefined;
  for (const d of p.discounts ?? []) {
    const value = Number(d.discount);
    const general = ANY_CHANNEL.has((d.channel ?? '').trim().toLowerCase());
    // A discount only some channels get, or one written in a way not understood: the price may be lower.
    if (!general || !Number.isFinite(value) || value <= 0 || value > 1) {
      approximate = true;
      continue;
    }
    discount = discount === undefined ? value : Math.min(discount, value);
  }
  const price: ModelPrice = { tiers, approximate };
  if (discount !== undefined && discount < 1) price.discount = discount;
  return price;
}

const IMAGE_TYPES = new Set([
  'image',
  'images',
  'image_generation',
  'image-generation',
  'text-to-image',
  'text_to_image',
  'drawing',
  'draw',
  'painting',
]);
const OTHER_TYPES = new Set([
  'audio',
  'video',
  'embedding',
  'embeddings',
  'rerank',
  'tts',
  'stt',
  'speech',
  'moderation',
  'music',
]);
const CHAT_TYPES = new Set(['chat', 'text', 'llm', 'language', 'completion', 'multimodal']);

/** Capability words, as a list or as the keys of an object with a true value. */
const DRAWS = new Set([
  'image',
  'image_generation',
  'image-generation',
  'text_to_image',
  'text-to-image',
  'draw',
  'image_output',
  'image-output',
  'generation',
]);
const SEES = new Set(['vision', 'image_input', 'image-input', 'image_understanding', 'multimodal']);
const EDITS = new Set(['image_edit', 'image-edit', 'edit', 'edits', 'image_to_image', 'image-to-image', 'img2img']);
const STREAMS = new Set(['stream', 'streaming']);
const API_WORDS: Record<string, ApiKind> = {
  chat: 'chat',
  chat_completions: 'chat',
  'chat/completions': 'chat',
  '/v1/chat/completions': 'chat',
  openai: 'chat',
  images: 'images',
  'images/generations': 'images',
  images_generations: 'images',
  '/v1/images/generations': 'images',
  'image-generation': 'images',
  responses: 'responses',
  '/v1/responses': 'responses',
  'openai-response': 'responses',
};

function words(value: unknown): Set<string> {
  const out = new Set<string>();
  const add = (w: string): void => {
    if (w.length <= 64) out.add(w.trim().toLowerCase());
  };
  if (Array.isArray(value)) for (const w of value.slice(0, MAX_LIST * 2)) if (typeof w === 'string') add(w);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value).slice(0, MAX_LIST * 4))
      if (v === true || (typeof v === 'number' && v > 0)) add(k);
  }
  return out;
}

function listOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = [...new Set(value.slice(0, MAX_LIST).flatMap((v) => optionValue(v) ?? []))];
  return out.length > 0 ? out : undefined;
}

function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100 ? value : undefined;
}

/** The options an object of capabilities states; only well-formed values are kept. */
function supportOf(caps: unknown, flags: Set<string>): Partial<OptionSupport> {
  const s: Partial<OptionSupport> = {};
  if (typeof caps === 'object' && caps !== null && !Array.isArray(caps)) {
    const c = caps as Record<string, unknown>;
    const lists: [keyof OptionSupport, unknown][] = [
      ['sizes', c.sizes],
      ['aspectRatios', c.aspect_ratios ?? c.aspectRatios],
      ['imageSizes', c.resolutions ?? c.image_sizes],
      ['qualities', c.qualities ?? c.quality],
      ['backgrounds', c.backgrounds],
      ['outputFormats', c.output_formats ?? c.formats],
    ];
    for (const [key, raw] of lists) {
      const l: Accepts | undefined = listOf(raw);
      if (l) Object.assign(s, { [key]: key === 'imageSizes' ? l.map((v) => v.toUpperCase()) : l });
    }
    const maxImages = countOf(c.max_images ?? c.max_n ?? c.n);
    if (maxImages !== undefined) s.n = maxImages > 1;
    const refs = countOf(c.max_reference_images ?? c.max_references ?? c.max_input_images);
    if (refs !== undefined) s.maxReferences = refs;
    if (typeof c.negative_prompt === 'boolean') s.negativePrompt = c.negative_prompt;
    if (typeof c.mask === 'boolean') s.mask = c.mask;
  }
  if (flags.has('negative_prompt')) s.negativePrompt = true;
  if (flags.has('mask') || flags.has('inpainting')) s.mask = true;
  return s;
}

function statusOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['available', 'active', 'online', 'enabled', 'normal', 'ok', 'on', '1', 'true'].includes(s)) return true;
  if (
    [
      'unavailable',
      'inactive',
      'offline',
      'disabled',
      'maintenance',
      'deprecated',
      'down',
      'off',
      '0',
      'false',
      'suspended',
    ].includes(s)
  )
    return false;
  return undefined;
}

function kindOf(type: unknown, flags: Set<string>): ModelKind | undefined {
  const draws = [...DRAWS].some((w) => flags.has(w));
  const sees = [...SEES].some((w) => flags.has(w));
  const t = typeof type === 'string' ? type.trim().toLowerCase() : undefined;
  if (t !== undefined && IMAGE_TYPES.has(t)) return 'image';
  if (draws) return 'image';
  if (t !== undefined && OTHER_TYPES.has(t)) return 'other';
  if (t !== undefined && CHAT_TYPES.has(t)) return sees ? 'vision' : 'other';
  return sees ? 'vision' : undefined;
}

/** One entry of the list (or an answer of GET /models/{id}); undefined when it is not a usable model. */
export function readGatewayModel(raw: unknown): GatewayModel | undefined {
  const e = EntrySchema.safeParse(raw);
  // An id is offered for picking and sent verbatim: one that reads as an address is not a model's.
  if (!e.success || !isValidModelId(e.data.id) || e.data.id.includes('://')) return undefined;
  const d = e.data;
  const flags = words(d.capabilities);
  const m: GatewayModel = { id: d.id };
  if (typeof d.owned_by === 'string' && d.owned_by) m.ownedBy = d.owned_by.slice(0, 60);
  const kind = kindOf(d.type, flags);
  if (kind) m.kind = kind;
  const available = statusOf(d.status);
  if (available !== undefined) m.available = available;
  const price = readPrice(d.pricing) ?? readPrice(d.price);
  if (price) m.price = price;
  const nested =
    typeof d.capabilities === 'object' && d.capabilities !== null && !Array.isArray(d.capabilities)
      ? (d.capabilities as Record<string, unknown>).endpoints
      : undefined;
  const endpoints = new Set([...flags, ...words(d.endpoints), ...words(d.supported_endpoint_types), ...words(nested)]);
  const apis = [...endpoints]
    .flatMap((w) => API_WORDS[w] ?? [])
    .filter((a, i, all) => all.indexOf(a) === i && API_KINDS.includes(a));
  if (apis.length > 0) m.apis = apis;
  const support = supportOf(d.capabilities, flags);
  if (Object.keys(support).length > 0) m.support = support;
  if ([...STREAMS].some((w) => flags.has(w))) m.streams = true;
  if ([...SEES].some((w) => flags.has(w))) m.vision = true;
  const caps =
    typeof d.capabilities === 'object' && d.capabilities !== null && !Array.isArray(d.capabilities)
      ? (d.capabilities as Record<string, unknown>)
      : {};
  if ([...EDITS].some((w) => flags.has(w))) m.edits = true;
  else if ([...EDITS].some((w) => caps[w] === false)) m.edits = false;
  return m;
}

/** The list's entries that are usable models, first of each id, sorted; at most `MAX_GATEWAY_MODELS`. */
export function readGatewayCatalog(list: z.infer<typeof ModelListSchema>): GatewayModel[] {
  const seen = new Set<string>();
  const out: GatewayModel[] = [];
  for (const raw of list.data) {
    const m = readGatewayModel(raw);
    // Ids are offered for sending verbatim later: keep only what could be a model id.
    if (!m || seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m);
    if (out.length >= MAX_GATEWAY_MODELS) break;
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** A GET /models/{id} answer (`{price, …}` or `{data: {…}}`) folded into what the list said. */
export function withDetail(m: GatewayModel, raw: unknown): GatewayModel {
  const body =
    typeof raw === 'object' && raw !== null && 'data' in raw && typeof raw.data === 'object' ? raw.data : raw;
  const detail = readGatewayModel(typeof body === 'object' && body !== null ? { ...body, id: m.id } : undefined);
  if (!detail) return m;
  const merged: GatewayModel = { ...detail, ...m };
  const price = m.price ?? detail.price;
  const support = m.support ?? detail.support;
  if (price) merged.price = price;
  if (support) merged.support = support;
  return merged;
}
