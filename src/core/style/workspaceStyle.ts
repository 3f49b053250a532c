// A workspace style, kept in the repository (`.geekai/style.json`), so a series of
// illustrations looks like one series: a prompt appended to every prompt, up to four
// reference images sent with every generation, and defaults for model, aspect ratio
// and output format. The file is untrusted input: validated, paths kept inside the root.
import * as z from 'zod/mini';
import { MODEL_ID_PATTERN } from '../catalog';
import { joinInside } from '../files/paths';
import { STYLE_FILE_MAX_BYTES } from '../limits';
import { SAVE_FORMATS, type SaveFormat } from '../publish/convert';
import { ASPECT_RATIO_PATTERN } from '../text/placeholders';

export const STYLE_FILE = '.geekai/style.json';
export const MAX_STYLE_REFERENCES = 4;
export const MAX_STYLE_PROMPT_CHARS = 2000;

const R = z.globalRegistry;

export const styleSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    prompt: z.optional(
      z.string().check(z.maxLength(MAX_STYLE_PROMPT_CHARS)).register(R, {
        description: 'Appended to every prompt, e.g. "flat vector illustration, pastel palette, thin outlines".',
      }),
    ),
    references: z.optional(
      z
        .array(z.string().check(z.minLength(1)))
        .check(z.maxLength(MAX_STYLE_REFERENCES))
        .register(R, {
          description: `Up to ${MAX_STYLE_REFERENCES} images sent with every generation, as paths relative to the workspace folder.`,
        }),
    ),
    model: z.optional(
      z
        .string()
        .check(z.regex(MODEL_ID_PATTERN))
        .register(R, { description: 'Model used when a generation names none (any model id the gateway offers).' }),
    ),
    aspectRatio: z.optional(
      z
        .string()
        .check(z.regex(ASPECT_RATIO_PATTERN))
        .register(R, {
          description: 'Aspect ratio used when a generation names none, as W:H.',
          examples: ['1:1', '3:2', '4:3', '16:9', '9:16', '21:9'],
        }),
    ),
    saveFormat: z.optional(
      z
        .enum(SAVE_FORMATS as [SaveFormat, ...SaveFormat[]])
        .register(R, { description: 'Format of saved images: keep (as the server sent it), png, webp, jpeg or avif.' }),
    ),
  })
  .register(R, { description: 'GeekAI Image Studio: the style of this workspace.' });

export interface WorkspaceStyle {
  prompt?: string;
  /** Absolute posix paths inside the workspace folder. */
  references: string[];
  model?: string;
  aspectRatio?: string;
  saveFormat?: SaveFormat;
}

export interface StyleProblem {
  /** `tooLarge`: the file is over STYLE_FILE_MAX_BYTES (it is not read). */
  reason: 'notJson' | 'badField' | 'unknownField' | 'escapesWorkspace' | 'tooLarge';
  /** `references.2`, `model`, …; empty for the whole file. */
  field: string;
}

export type StyleResult = { ok: true; style: WorkspaceStyle } | { ok: false; problems: StyleProblem[] };

/** Reads the style file's text; `root` is the workspace folder it belongs to. */
export function parseStyle(text: string, root: string): StyleResult {
  if (text.length > STYLE_FILE_MAX_BYTES) return { ok: false, problems: [{ reason: 'tooLarge', field: '' }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ reason: 'notJson', field: '' }] };
  }
  const r = styleSchema.safeParse(value);
  if (!r.success) {
    const problems = r.error.issues.flatMap((i): StyleProblem[] =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ reason: 'unknownField', field: k }))
        : [{ reason: 'badField', field: i.path.join('.') }],
    );
    return { ok: false, problems };
  }
  const references: string[] = [];
  const problems: StyleProblem[] = [];
  (r.data.references ?? []).forEach((rel, i) => {
    try {
      references.push(joinInside(root, rel));
    } catch {
      problems.push({ reason: 'escapesWorkspace', field: `references.${i}` });
    }
  });
  if (problems.length) return { ok: false, problems };
  const style: WorkspaceStyle = { references };
  const prompt = r.data.prompt?.trim();
  if (prompt) style.prompt = prompt;
  if (r.data.model) style.model = r.data.model.trim();
  if (r.data.aspectRatio) style.aspectRatio = r.data.aspectRatio;
  if (r.data.saveFormat) style.saveFormat = r.data.saveFormat;
  return { ok: true, style };
}

/**
 * Where the problem is in the file's text, for an editor's cursor: the key of `field`'s top-level
 * name (`references.2` goes to that array's third item when it can be found), else 0. A plain
 * scan: the text is known to be JSON when a field is named, and only the top level is looked at.
 */
export function styleFieldOffset(text: string, field: string): number {
  const [key, index] = field.split('.');
  if (!key) return 0;
  let depth = 0;
  let keyAt = -1;
  let item = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (
        depth === 1 &&
        keyAt < 0 &&
        /^\s*:/.test(text.slice(i + 1, i + 40)) &&
        JSON.parse(text.slice(start, i + 1)) === key
      ) {
        keyAt = start;
        if (index === undefined) return keyAt;
      } else if (keyAt >= 0 && depth === 2 && ++item === Number(index)) {
        return start;
      }
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (keyAt >= 0 && depth === 1) return keyAt;
    }
  }
  return Math.max(0, keyAt);
}

/** The prompt with the style's prompt appended, as its own paragraph. */
export function styledPrompt(prompt: string, style: Pick<WorkspaceStyle, 'prompt'> | undefined): string {
  return style?.prompt ? `${prompt.trimEnd()}\n\n${style.prompt}` : prompt;
}

/** The JSON Schema contributed for editing `.geekai/style.json` (schemas/style.schema.json holds exactly this). */
export function styleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(styleSchema, { io: 'input', target: 'draft-7' });
}
