// Bodies for POST {base}/images/generations and /images/edits (GeekAI takes JSON for edits:
// `image` as an array of data URLs, `mask` as one). Only the options the job carries are sent.
import { toDataUrl } from '../../images/dataUrl';
import type { ApiJob } from '../api';

export interface ImagesRequest {
  path: '/images/generations' | '/images/edits';
  body: Record<string, unknown>;
}

export function buildImagesRequest(job: ApiJob): ImagesRequest {
  const o = job.options;
  const edit = job.references.length > 0;
  const body: Record<string, unknown> = { model: job.model, prompt: job.prompt };
  if (edit) body.image = job.references.map((r) => toDataUrl(r.mime, r.bytes));
  if (edit && job.mask) body.mask = toDataUrl('image/png', job.mask);
  if (o.n !== undefined && o.n > 1) body.n = o.n;
  if (o.size) body.size = o.size;
  if (o.aspectRatio) body.aspect_ratio = o.aspectRatio;
  if (o.quality) body.quality = o.quality;
  if (o.background) body.background = o.background;
  if (o.outputFormat) body.output_format = o.outputFormat;
  if (o.negativePrompt) body.negative_prompt = o.negativePrompt;
  if (job.asyncTask) body.async = true;
  return { path: edit ? '/images/edits' : '/images/generations', body };
}
