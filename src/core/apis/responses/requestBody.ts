// The body for POST {base}/responses with the `image_generation` tool. References travel as
// `input_image` parts beside the prompt, a mask as the tool's `input_image_mask`, and a refinement
// names the earlier answer in `previous_response_id` instead of sending its image again.
import { toDataUrl } from '../../images/dataUrl';
import type { ApiJob } from '../api';

type InputPart = { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string };

export interface ImageGenerationTool {
  type: 'image_generation';
  size?: string;
  quality?: string;
  background?: string;
  output_format?: string;
  partial_images?: number;
  input_image_mask?: { image_url: string };
}

export interface ResponsesRequestBody {
  model: string;
  input: string | { role: 'user'; content: InputPart[] }[];
  tools: ImageGenerationTool[];
  /** Makes the model draw rather than answer in words. */
  tool_choice: { type: 'image_generation' };
  stream?: boolean;
  previous_response_id?: string;
  instructions?: string;
}

export function buildResponsesRequest(job: ApiJob): ResponsesRequestBody {
  const o = job.options;
  const tool: ImageGenerationTool = { type: 'image_generation' };
  if (o.size) tool.size = o.size;
  if (o.quality) tool.quality = o.quality;
  if (o.background) tool.background = o.background;
  if (o.outputFormat) tool.output_format = o.outputFormat;
  if (job.stream && o.partialImages) tool.partial_images = o.partialImages;
  if (job.mask && job.references.length > 0) tool.input_image_mask = { image_url: toDataUrl('image/png', job.mask) };
  const input: ResponsesRequestBody['input'] =
    job.references.length === 0
      ? job.prompt
      : [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: job.prompt },
              ...job.references.map((r): InputPart => ({ type: 'input_image', image_url: toDataUrl(r.mime, r.bytes) })),
            ],
          },
        ];
  const body: ResponsesRequestBody = {
    model: job.model,
    input,
    tools: [tool],
    tool_choice: { type: 'image_generation' },
  };
  if (job.systemPrompt) body.instructions = job.systemPrompt;
  if (job.stream) body.stream = true;
  if (job.previousResponseId) body.previous_response_id = job.previousResponseId;
  return body;
}
