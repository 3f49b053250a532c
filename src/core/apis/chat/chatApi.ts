// chat/completions as an ImageApi: one request (streamed or not), and when the answer holds no
// image and the plan says so, one more with GeekAI's drawing remedies.
import type { ApiAnswer, ApiJob, ApiTransport, FoundImage, ImageApi } from '../api';
import { blobFor, type JsonWithBlobs } from '../../heavy/jsonBlobs';
import { lastUsageCost } from '../../price/usageCost';
import { scanAnswer } from './findImages';
import { backgroundState, pollBackgroundJob } from './backgroundJob';
import { readCompletion, readJsonAnswer, readStreamAnswer, type Answer } from './readAnswer';
import { buildChatRequest } from './requestBody';
import { echoedPrompt } from './revisedPrompt';

/** A background job: the POST names the job, polling brings its completion. */
async function askInBackground(job: ApiJob, t: ApiTransport, body: object): Promise<Answer> {
  const res = await t.send('/chat/completions', { ...body, background: true }, 'application/json');
  let parsed: JsonWithBlobs;
  try {
    t.progress({ phase: 'waiting' });
    parsed = await t.readJson(res);
  } finally {
    res.close();
  }
  const state = backgroundState(parsed.value, t.secrets);
  if (state.kind === 'done') return completion({ value: state.body, blobs: parsed.blobs }, t);
  t.log.info(`model=${job.model} runs in the background as ${state.id} (${state.status}); polling`);
  t.serverJob(state.id);
  return completion(await pollBackgroundJob(t, state.id, state.status), t);
}

/** A parsed completion with the payloads cut out of it kept beside. */
function completion(parsed: JsonWithBlobs, t: ApiTransport): Answer {
  const answer = readCompletion(parsed.value, t.secrets);
  if (parsed.blobs.size > 0) answer.blobs = parsed.blobs;
  return answer;
}

async function ask(job: ApiJob, t: ApiTransport, forceImage: boolean): Promise<Answer> {
  if (job.resumeId) {
    t.log.info(`model=${job.model} resuming background job ${job.resumeId}`);
    return completion(await pollBackgroundJob(t, job.resumeId, 'resumed'), t);
  }
  const started = Date.now();
  const body = buildChatRequest({
    model: job.model,
    prompt: job.prompt,
    references: job.references,
    stream: job.stream,
    forceImage,
    systemPrompt: job.systemPrompt,
    aspectRatio: job.options.aspectRatio,
    imageSize: job.options.imageSize,
  });
  if (job.background) return askInBackground(job, t, body);
  const res = await t.send('/chat/completions', body, job.stream ? 'text/event-stream' : 'application/json');
  try {
    t.progress({ phase: 'waiting' });
    const streamed = res.contentType.includes('text/event-stream');
    const answer = streamed
      ? await readStreamAnswer(res, t.secrets, (sp) => t.progress({ phase: 'streaming', ...sp }), t.spill)
      : await readJsonAnswer(res, t.secrets, (r) => t.readJson(r));
    t.log.info(
      `model=${job.model} stream=${job.stream} forceImage=${forceImage} received=${res.bytesRead()} B in ${Date.now() - started} ms`,
    );
    return answer;
  } finally {
    res.close();
  }
}

export const chatApi: ImageApi = {
  kind: 'chat',
  async run(job, t): Promise<ApiAnswer> {
    let usedRemedies = job.forceImage;
    let answer = await ask(job, t, job.forceImage);
    // Scanned once: the images (data URLs decoded on the way) and the words around them.
    let scanned = scanAnswer(answer.completions, answer.text);
    if (scanned.refs.length === 0 && job.retryWithRemedies) {
      t.log.info(`model=${job.model} answered without an image; asking again with the drawing remedies`);
      t.progress({ phase: 'remedies' });
      usedRemedies = true;
      // A resumed job's second try is a new request.
      answer = await ask({ ...job, resumeId: undefined }, t, true);
      scanned = scanAnswer(answer.completions, answer.text);
    }
    // Read from the words only: the answer text can hold megabytes of data URL.
    const echoed = echoedPrompt(scanned.withoutImages);
    const images = scanned.refs.map((r): FoundImage => {
      const decoded = blobFor(r.url, answer.blobs) ?? scanned.decoded.get(r.url);
      const revisedPrompt = r.revisedPrompt ?? echoed;
      return decoded ? { url: r.url, revisedPrompt, decoded } : { url: r.url, revisedPrompt };
    });
    const cost = lastUsageCost(answer.completions.map((c) => c.usage));
    return {
      images,
      text: scanned.withoutImages,
      model: answer.model,
      usedRemedies,
      ...(cost === undefined ? {} : { cost }),
    };
  },
};
