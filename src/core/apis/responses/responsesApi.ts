// /responses with the image_generation tool as an ImageApi: streamed (partial images become
// progress previews) or whole, read by the answer's Content-Type.
import type { ApiAnswer, ImageApi } from '../api';
import { readResponsesJson, readResponsesStream } from './answer';
import { buildResponsesRequest } from './requestBody';

export const responsesApi: ImageApi = {
  kind: 'responses',
  async run(job, t): Promise<ApiAnswer> {
    const started = Date.now();
    const res = await t.send(
      '/responses',
      buildResponsesRequest(job),
      job.stream ? 'text/event-stream' : 'application/json',
    );
    try {
      t.progress({ phase: 'waiting' });
      const answer = res.contentType.includes('text/event-stream')
        ? await readResponsesStream(
            res,
            t.secrets,
            (status) => t.progress({ phase: 'streaming', status }),
            (p) => t.progress({ phase: 'streaming', partial: { variation: job.variation, ...p } }),
            t.host,
          )
        : readResponsesJson(await res.text(), t.secrets);
      t.log.info(
        `model=${job.model} responses stream=${job.stream} received=${res.bytesRead()} B in ${Date.now() - started} ms`,
      );
      return { ...answer, usedRemedies: false };
    } finally {
      res.close();
    }
  },
};
