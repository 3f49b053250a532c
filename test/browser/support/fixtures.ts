// Host messages the tests post to the page, shaped exactly as the extension sends them.
import { MODEL_CATALOG } from '../../../src/core/catalog';
import { studioStrings } from '../../../src/studio/studioStrings';
import { ASPECT_RATIOS, IMAGE_SIZES } from '../../../shared/imageVocabulary';
import type { HostToWebview, ResultCard } from '../../../shared/protocol';
import type { StudioStrings } from '../../../shared/studioStrings';

export type InitMessage = Extract<HostToWebview, { type: 'init' }>;

export const ENGLISH: StudioStrings = studioStrings({ t: (s) => s });

const PROMPTS = [
  'A lighthouse on a cliff at sunset, watercolour',
  'Isometric pixel-art coffee shop with plants',
  '一只在竹林里看书的熊猫，水墨画风格',
  'Product photo of a ceramic mug on linen, soft light',
  'Retro travel poster of Mount Fuji',
];

export function card(origin: string, i: number, extra: Partial<ResultCard> = {}): ResultCard {
  return {
    id: `entry-${i}`,
    prompt: PROMPTS[i % PROMPTS.length],
    model: MODEL_CATALOG[i % MODEL_CATALOG.length].id,
    aspectRatio: i % 3 === 0 ? '16:9' : undefined,
    createdAt: Date.UTC(2025, 0, 1) + i * 60_000,
    elapsedMs: 8_000 + (i % 7) * 3_100,
    images: [{ name: `image-${i}.png`, webviewUri: `${origin}/img/${i}.png`, missing: false }],
    text: '',
    ...extra,
  };
}

export function initMessage(extra: Partial<InitMessage> = {}): InitMessage {
  return {
    type: 'init',
    locale: 'en',
    strings: ENGLISH,
    models: MODEL_CATALOG.map((m) => ({ id: m.id, label: `${m.id} (${m.typicalSeconds} s)`, api: m.api })),
    defaults: { model: 'gemini-2.5-flash-image', aspectRatio: '1:1' },
    aspectRatios: ASPECT_RATIOS,
    imageSizes: IMAGE_SIZES,
    attachments: [],
    history: [],
    historyTotal: 0,
    target: 'README.md',
    jobs: [],
    ...extra,
  };
}
