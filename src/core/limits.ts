// What bytes from outside (a server's answer, an image file in a repository, a style file) may
// cost before they are refused: every parser of such bytes reads at most this much, in the
// parser itself, so the limit holds on whichever thread it runs. The product's own limits
// (prompt length, variations, pixels a codec decodes) are in shared/imageVocabulary.ts.
import { MAX_VARIATIONS } from '../../shared/imageVocabulary';
import { ImageError } from './errors';

const KiB = 1024;
const MiB = 1024 * KiB;

/** One image downloaded from an address: larger than any model draws (a 4K PNG is ~25 MB). */
export const IMAGE_MAX_BYTES = 50 * MiB;

/**
 * A whole JSON answer body (chat completion, Images API, Responses, a polled job, the model
 * list): room for `MAX_VARIATIONS` large images in base64 (~24 MB each, 4/3 as text) and the
 * words. The body is counted as it streams in and dropped the moment it passes this.
 */
export const ANSWER_MAX_BYTES = 128 * MiB;

/**
 * A whole streamed (SSE) answer: twice a JSON answer, because the Responses API sends each image
 * twice (`response.output_item.done`, then again in `response.completed`).
 */
export const SSE_STREAM_MAX_BYTES = 2 * ANSWER_MAX_BYTES;

/**
 * One server-sent event (its lines not yet ended included, so an endless line stops here): one
 * event may carry a whole answer (`response.completed` holds every image).
 */
export const SSE_EVENT_MAX_CHARS = ANSWER_MAX_BYTES;

/**
 * Different images one answer may name: four variations, each possibly named twice (an address
 * and a data URL of the same picture), twice over. Past it the answer is refused, not cut.
 */
export const MAX_ANSWER_IMAGES = 4 * MAX_VARIATIONS;

/** The refusal of an answer naming more than MAX_ANSWER_IMAGES images (each finder stops at one more). */
export function tooManyImages(): ImageError {
  return new ImageError('badResponse', `the answer names more than ${MAX_ANSWER_IMAGES} images`, {
    reason: 'tooManyImages',
    params: { limit: MAX_ANSWER_IMAGES },
  });
}

/**
 * Provenance text in an image file: a PNG `iTXt` chunk (read, and inflated, to at most this),
 * a WebP `XMP ` chunk, the XMP packet parsed. A 32,000-character prompt is at most 96 KB of
 * UTF-8 and its revised prompt as much again; JSON and XML escapes can double that. We never
 * write more (embedProvenance shortens the prompt to fit), so more is not ours.
 */
export const PROVENANCE_MAX_BYTES = 512 * KiB;

/**
 * What reading an image file's head (its size and provenance, for the hover and Regenerate) may
 * gather from the file in all: a few provenance chunks and the headers, never the pixels.
 */
export const IMAGE_HEAD_MAX_BYTES = 4 * PROVENANCE_MAX_BYTES;

/**
 * Chunks (PNG), segments (JPEG), chunks (WebP) or boxes (AVIF) walked before the pixel data:
 * real files have a few dozen; a file made of thousands of empty chunks is crafted.
 */
export const IMAGE_HEAD_MAX_PARTS = 1000;

/**
 * A file whose file system cannot read a part of it (a virtual one; `workspace.fs` reads whole
 * files only) is read whole for its head up to this size; a larger one shows no provenance.
 */
export const IMAGE_WHOLE_READ_MAX_BYTES = 8 * MiB;

/** `.geekai/style.json`: a full style (a 2,000-character prompt, four references) is a few KB. */
export const STYLE_FILE_MAX_BYTES = 64 * KiB;
