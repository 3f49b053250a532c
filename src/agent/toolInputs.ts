// What the two agent tools accept, once for both front ends: the zod/mini schemas (whose JSON
// Schema is what VS Code's manifest and the MCP server advertise) and the words a model reads.
import * as z from 'zod/mini';
import {
  ASPECT_RATIOS,
  IMAGE_SIZES,
  MAX_REFERENCES,
  MAX_VARIATIONS,
  MODEL_ID_MAX_CHARS,
  PROMPT_MAX_CHARS,
} from '../../shared/imageVocabulary';

/** The image edited and the references sent with it. */
export const MAX_EDIT_IMAGES = MAX_REFERENCES;

const prompt = z
  .string()
  .check(
    z.maxLength(PROMPT_MAX_CHARS),
    z.describe(
      'What the image should show: subject, style, composition, colours, any text to draw in it. Write it in the language the user writes in.',
    ),
  );
const model = z.optional(
  z
    .string()
    .check(
      z.maxLength(MODEL_ID_MAX_CHARS),
      z.describe(
        'Image model id. Omit it to use the model the user chose in their settings; set it only when the user names a model (e.g. gemini-2.5-flash-image, gpt-4o-image, gpt-5-all, midjourney-chat).',
      ),
    ),
);
const markdownFile = z.optional(
  z
    .string()
    .check(
      z.maxLength(4096),
      z.describe(
        'Workspace-relative path of an existing Markdown file (.md): the links are made relative to it and appended at its end. Omit it to place the returned Markdown yourself.',
      ),
    ),
);

export const generateImageInput = z.strictObject({
  prompt,
  model,
  aspectRatio: z.optional(
    z.enum(ASPECT_RATIOS).check(z.describe('Width to height, e.g. 16:9 for a banner. Omit to let the model decide.')),
  ),
  imageSize: z.optional(z.enum(IMAGE_SIZES).check(z.describe('Resolution class. Omit to let the model decide.'))),
  count: z.optional(
    z
      .int()
      .check(
        z.minimum(1),
        z.maximum(MAX_VARIATIONS),
        z.describe(`Number of variations, 1 to ${MAX_VARIATIONS}; each is a separate paid request. Default 1.`),
      ),
  ),
  outputFolder: z.optional(
    z
      .string()
      .check(
        z.maxLength(4096),
        z.describe(
          "Workspace-relative folder to save in. Omit to use the user's setting (an images folder beside markdownFile, or at the workspace root).",
        ),
      ),
  ),
  markdownFile,
});

export const editImageInput = z.strictObject({
  images: z
    .array(z.string().check(z.maxLength(4096)))
    .check(
      z.minLength(1),
      z.maxLength(MAX_EDIT_IMAGES),
      z.describe(
        'Workspace-relative paths of PNG, JPEG, WebP or GIF images: the first is edited, any others are sent as references. The result is saved beside the first as <name>-edited.png; the originals are never changed.',
      ),
    ),
  prompt: z
    .string()
    .check(
      z.maxLength(PROMPT_MAX_CHARS),
      z.describe('What to change, e.g. "make the background transparent" or "add a red hat".'),
    ),
  model,
  markdownFile,
});

export type GenerateImageInput = z.infer<typeof generateImageInput>;
export type EditImageInput = z.infer<typeof editImageInput>;

export type ToolKind = 'generate' | 'edit';

export interface ToolInfo<S> {
  kind: ToolKind;
  /** The MCP tool name. */
  mcpName: string;
  /** The VS Code language model tool name (`contributes.languageModelTools[].name`). */
  lmName: string;
  title: string;
  /** What a model reads to decide when to call the tool (MCP description, VS Code modelDescription). */
  description: string;
  schema: S;
}

const PAID =
  "Each call is a paid request to GeekAI made with the user's API key, so call it only when the user asked for an image, and once per image wanted.";

export const GENERATE_TOOL: ToolInfo<typeof generateImageInput> = {
  kind: 'generate',
  mcpName: 'generate_image',
  lmName: 'geekai_generate_image',
  title: 'Generate image',
  description:
    'Draws a new image from a text prompt with GeekAI and saves it as a PNG/JPEG/WebP file in the workspace (never overwriting a file). Returns the saved workspace-relative path(s) and the exact Markdown image link(s) to use; with markdownFile the links are also appended to that file. Use it for illustrations, diagrams-style pictures, icons or photos a document needs. ' +
    PAID,
  schema: generateImageInput,
};

export const EDIT_TOOL: ToolInfo<typeof editImageInput> = {
  kind: 'edit',
  mcpName: 'edit_image',
  lmName: 'geekai_edit_image',
  title: 'Edit image',
  description:
    'Changes existing workspace image(s) as the prompt says, with GeekAI, and saves the result beside the first image as <name>-edited.png (the originals are never changed or overwritten). Returns the saved workspace-relative path(s) and the exact Markdown image link(s) to use. ' +
    PAID,
  schema: editImageInput,
};

/** The JSON Schema both front ends advertise (without `$schema`, which VS Code's manifest does not take). */
export function inputJsonSchema(schema: z.ZodMiniType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}
