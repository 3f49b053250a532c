// What made an image, written into the file so it travels with it. Never the key,
// never a base URL's path or credentials: only the service's origin.
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { Secrets } from '../text/secrets';

export const PROVENANCE_VERSION = 1;

export interface ProvenanceReference {
  /** The reference's file name (no folders: paths can say more than the user meant to publish). */
  name: string;
  sha256: string;
}

export interface Provenance {
  v: number;
  prompt: string;
  model: string;
  /** The API that drew it, e.g. `chat/completions`. */
  api: string;
  /** The service's origin (`https://geekai.co`), never its path, query or credentials. */
  service?: string;
  /** Request options that shaped the image: aspect ratio, size, stream, style, … */
  options: Record<string, string | number | boolean>;
  /** ISO 8601. */
  date: string;
  references: ProvenanceReference[];
  revisedPrompt?: string;
  /** Set when the prompt was cut to fit the format's limit. */
  truncated?: boolean;
  /** What this image cost, in CNY (the answer's `usage`, else the gateway's price per image). */
  cost?: number;
  /** The cost is the gateway's estimate. */
  costApproximate?: boolean;
}

const schema = z.object({
  v: z.number(),
  prompt: z.string(),
  model: z.string(),
  api: z.string(),
  service: z.optional(z.string()),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  date: z.string(),
  references: z.array(z.object({ name: z.string(), sha256: z.string() })),
  revisedPrompt: z.optional(z.string()),
  truncated: z.optional(z.boolean()),
  cost: z.optional(z.number().check(z.gte(0), z.lte(100_000))),
  costApproximate: z.optional(z.boolean()),
});

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The origin of a base URL, dropping user, password, path, query and fragment; undefined if it is not a URL. */
export function serviceOrigin(baseUrl: string): string | undefined {
  try {
    const u = new URL(baseUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface ProvenanceInput {
  prompt: string;
  model: string;
  api?: string;
  baseUrl?: string;
  options?: Record<string, string | number | boolean | undefined>;
  date?: Date;
  /** `sha256` when already computed (off the host thread, for large references); else hashed here. */
  references?: readonly { name: string; bytes: Uint8Array; sha256?: string }[];
  revisedPrompt?: string;
  cost?: { cny: number; approximate: boolean };
  /** The key and any other secret: removed from every text field, whatever the prompt says. */
  secrets?: Secrets;
}

export function buildProvenance(input: ProvenanceInput): Provenance {
  const secrets = input.secrets ?? new Secrets();
  const options: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(input.options ?? {})) {
    if (v === undefined || v === '') continue;
    options[k] = typeof v === 'string' ? secrets.hide(v) : v;
  }
  const p: Provenance = {
    v: PROVENANCE_VERSION,
    prompt: secrets.hide(input.prompt),
    model: input.model,
    api: input.api ?? 'chat/completions',
    options,
    date: (input.date ?? new Date()).toISOString(),
    references: (input.references ?? []).map((r) => ({
      name: r.name.split(/[\\/]/).pop() ?? r.name,
      sha256: r.sha256 ?? sha256Hex(r.bytes),
    })),
  };
  const service = input.baseUrl === undefined ? undefined : serviceOrigin(input.baseUrl);
  if (service) p.service = service;
  if (input.revisedPrompt) p.revisedPrompt = secrets.hide(input.revisedPrompt);
  if (input.cost && Number.isFinite(input.cost.cny) && input.cost.cny >= 0) {
    p.cost = input.cost.cny;
    if (input.cost.approximate) p.costApproximate = true;
  }
  return p;
}

export function serializeProvenance(p: Provenance): string {
  return JSON.stringify(p);
}

/** The provenance in `json`, or undefined when it is not ours or not well formed (files are untrusted). */
export function parseProvenance(json: string): Provenance | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}
