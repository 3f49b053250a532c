// The catalog a job and every picker use: the built-in table (catalog.ts) merged with the
// gateway's own list (apis/gatewayCatalog.ts). The gateway wins for what it states (the API, the
// kind of model, the options, the price, whether it is available); the table keeps what the
// gateway does not report (Gemini's no-image remedies, streaming, typical durations) and stands
// in alone offline or on a gateway that lists bare ids. An id neither knows is guessed by name.
import type { ApiKind, ApiSetting } from '../../shared/imageVocabulary';
import { GEMINI_NAME, MODEL_CATALOG, VISION_MODELS, type CatalogModel } from './catalog';
import {
  CHAT_SUPPORT,
  GPT_IMAGE_SUPPORT,
  IMAGES_ANY_SUPPORT,
  RESPONSES_SUPPORT,
  type OptionSupport,
} from './optionSupport';
import type { ModelPrice } from './price/modelPrice';

/** What the gateway's `type` says a model does. */
export type ModelKind = 'image' | 'vision' | 'other';

/** One model as the gateway reports it; every field but `id` absent when the gateway did not say. */
export interface GatewayModel {
  id: string;
  ownedBy?: string;
  kind?: ModelKind;
  /** `status`: false when the gateway marks it unavailable. */
  available?: boolean;
  price?: ModelPrice;
  /** The APIs it names for the model (capabilities or endpoints), in the order given. */
  apis?: ApiKind[];
  /** The options it states; the rest come from the built-in table or the API's general shape. */
  support?: Partial<OptionSupport>;
  /** It says the model streams its answer. */
  streams?: boolean;
  /** It says the model sees images (a vision model, for Write Alt Text). */
  vision?: boolean;
  /** It says whether the model edits images (true: at least one reference; false, said outright: none). */
  edits?: boolean;
}

/** Family names of Images-API models: a new `flux-…` or `imagen-…` id is one. */
export const IMAGES_FAMILIES =
  /^(?:[\w.-]+\/)?(?:gpt-image|dall-e|flux|seedream|doubao-seedream|seededit|imagen|cogview|wanx|wan2|kling|stable-|sd3|ideogram|recraft|hunyuan-image|qwen-image|jimeng)/i;

export interface ModelEntry {
  id: string;
  /** The API that serves it when the `api` setting is `auto`. */
  api: ApiKind;
  /** Who said so: the gateway's list, the built-in table, or the id's family name. */
  apiFrom: 'gateway' | 'catalog' | 'guess';
  /** `unknown`: neither the gateway nor the table says (a bare id from a gateway): offered as if it drew. */
  kind: ModelKind | 'unknown';
  /** It sees images (Write Alt Text may ask it). */
  vision: boolean;
  /** False when the gateway marks it unavailable. */
  available: boolean;
  streams: boolean;
  gemini: boolean;
  typicalSeconds?: string;
  /** What it takes on `api`. */
  support: OptionSupport;
  /** Per image, in CNY, where the gateway states it; absent: "price unknown". */
  price?: ModelPrice;
  /** In the gateway's list. */
  listed: boolean;
  /** In the built-in table. */
  builtIn: boolean;
}

/** Each API's general shape, for a model no one describes. */
function generalSupport(model: string, api: ApiKind): OptionSupport {
  if (api === 'chat') return CHAT_SUPPORT;
  if (api === 'responses') return RESPONSES_SUPPORT;
  return /^(?:[\w.-]+\/)?gpt-image/i.test(model) ? GPT_IMAGE_SUPPORT : IMAGES_ANY_SUPPORT;
}

function guessedApi(id: string): ApiKind {
  return IMAGES_FAMILIES.test(id) ? 'images' : 'chat';
}

/** The gateway's APIs for the model, the table's among them if it is; else the one fitting its kind. */
function chosenApi(
  id: string,
  g: GatewayModel | undefined,
  table: CatalogModel | undefined,
): { api: ApiKind; from: ModelEntry['apiFrom'] } {
  const apis = g?.apis ?? [];
  if (table && (apis.length === 0 || apis.includes(table.api))) return { api: table.api, from: 'catalog' };
  if (apis.length === 1) return { api: apis[0], from: 'gateway' };
  if (apis.length > 1)
    return { api: g?.kind === 'image' && apis.includes('images') ? 'images' : apis[0], from: 'gateway' };
  return { api: guessedApi(id), from: 'guess' };
}

function merge(id: string, g: GatewayModel | undefined, table: CatalogModel | undefined): ModelEntry {
  const { api, from } = chosenApi(id, g, table);
  const base = table && table.api === api ? table.support : generalSupport(id, api);
  const support: OptionSupport = { ...base, ...g?.support };
  // "Edits" without a count: the table's (or the API's) number of references, at least one.
  if (g?.support?.maxReferences === undefined && g?.edits !== undefined)
    support.maxReferences = g.edits ? Math.max(1, support.maxReferences) : 0;
  const gemini = table?.gemini ?? GEMINI_NAME.test(id);
  const fallbackKind: ModelEntry['kind'] = table
    ? 'image'
    : VISION_MODELS.includes(id)
      ? 'vision'
      : IMAGES_FAMILIES.test(id)
        ? 'image'
        : 'unknown';
  // A Responses model draws through the image tool: the gateway types it as chat, and it still draws.
  const kind = table?.api === 'responses' && g?.kind !== 'image' ? 'image' : (g?.kind ?? fallbackKind);
  const entry: ModelEntry = {
    id,
    api,
    apiFrom: from,
    kind,
    vision: g?.vision ?? (g?.kind === 'vision' || (g === undefined && VISION_MODELS.includes(id))),
    available: g?.available ?? true,
    streams: table?.streams ?? g?.streams ?? !gemini,
    gemini,
    support,
    listed: g !== undefined,
    builtIn: table !== undefined,
  };
  if (table) entry.typicalSeconds = table.typicalSeconds;
  if (g?.price) entry.price = g.price;
  return entry;
}

export class ModelCatalog {
  private readonly entries = new Map<string, ModelEntry>();
  private readonly order: string[];

  /** `gateway`: the list GET /models answered (absent: offline, no key, or the list was malformed). */
  constructor(gateway: readonly GatewayModel[] = [], table: readonly CatalogModel[] = MODEL_CATALOG) {
    const listed = new Map(gateway.map((g) => [g.id, g]));
    const tableIds = new Set(table.map((t) => t.id));
    for (const t of table) this.entries.set(t.id, merge(t.id, listed.get(t.id), t));
    for (const g of gateway) if (!tableIds.has(g.id)) this.entries.set(g.id, merge(g.id, g, undefined));
    // The table's order first (its models are the documented ones), then the gateway's others by id.
    this.order = [...table.map((t) => t.id), ...gateway.filter((g) => !tableIds.has(g.id)).map((g) => g.id)];
  }

  /** Whether the gateway's list is in it (else only the table is). */
  get hasGateway(): boolean {
    return this.order.some((id) => this.entries.get(id)?.listed);
  }

  /** The table's or the gateway's entry; undefined for an id neither knows. */
  find(id: string): ModelEntry | undefined {
    return this.entries.get(id);
  }

  /** Any id's entry: a known one, or one guessed from its family name. */
  entry(id: string): ModelEntry {
    return this.entries.get(id) ?? merge(id, undefined, undefined);
  }

  /** The models an image picker offers: those that draw, and bare ids nobody typed (they may). */
  imageModels(): ModelEntry[] {
    return this.all().filter((m) => m.kind === 'image' || m.kind === 'unknown');
  }

  /** Chat models that see images, for Write Alt Text: the gateway's, else the table's known ones. */
  visionModels(): string[] {
    const fromGateway = this.all()
      .filter((m) => m.listed && m.vision && m.available)
      .map((m) => m.id);
    return fromGateway.length > 0 ? fromGateway : [...VISION_MODELS];
  }

  all(): ModelEntry[] {
    return this.order.flatMap((id) => this.entries.get(id) ?? []);
  }

  /** The API for `model`: the setting unless `auto`, then the entry's. */
  resolveApi(model: string, setting: ApiSetting = 'auto'): ApiKind {
    return setting === 'auto' ? this.entry(model).api : setting;
  }

  /** What `model` takes on `api`: its entry's options when it is served there, else the API's general shape. */
  supportFor(model: string, api: ApiKind): OptionSupport {
    const e = this.entry(model);
    return e.api === api ? e.support : generalSupport(model, api);
  }

  isGemini(model: string): boolean {
    return this.entry(model).gemini;
  }

  /** `auto` streams the models GeekAI streams; unknown ids stream unless they look like Gemini. */
  shouldStream(model: string, setting: 'auto' | 'always' | 'never'): boolean {
    if (setting === 'always') return true;
    if (setting === 'never') return false;
    return this.entry(model).streams;
  }
}

/** The table alone: what a job uses when no gateway list is at hand. */
export const BUILTIN_CATALOG = new ModelCatalog();
