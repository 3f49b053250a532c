// /images/generations and /images/edits as an ImageApi. An asynchronous answer (a task id) is
// polled at GET /images/{task_id} until it succeeds, fails, the time limit passes or the user cancels.
import { ImageError } from '../../errors';
import type { ApiAnswer, ApiJob, ApiTransport, ImageApi } from '../api';
import { readImagesAnswer, type ImagesAnswer } from './answer';
import { buildImagesRequest } from './requestBody';

async function readJson(t: ApiTransport, path: string, body: unknown, job: ApiJob): Promise<ImagesAnswer> {
  const res = await t.send(path, body, 'application/json');
  try {
    if (body !== undefined) t.progress({ phase: 'waiting' });
    return readImagesAnswer(await res.text(), t.secrets, job.options.outputFormat);
  } finally {
    res.close();
  }
}

async function poll(
  t: ApiTransport,
  job: ApiJob,
  taskId: string,
  status: string,
): Promise<ImagesAnswer & { kind: 'images' }> {
  const path = `/images/${encodeURIComponent(taskId)}`;
  let last = status;
  for (let round = 1; ; round++) {
    t.progress({ phase: 'waiting', task: { id: taskId, status: last } });
    if (Date.now() + t.pollIntervalMs > t.deadline) {
      throw new ImageError('timeout', `the task ${taskId} was still ${last} when the time limit came`, {
        reason: 'task',
        params: { task: taskId },
      });
    }
    await t.sleep(t.pollIntervalMs);
    const answer = await readJson(t, path, undefined, job);
    if (answer.kind === 'images') {
      t.log.info(`task ${taskId} done after ${round} poll(s)`);
      return answer;
    }
    last = answer.status;
  }
}

/** `{cost}` only when the answer said one (answers are compared whole in tests and logs). */
const costOf = (a: { cost?: number }): { cost?: number } => (a.cost === undefined ? {} : { cost: a.cost });

export const imagesApi: ImageApi = {
  kind: 'images',
  async run(job, t): Promise<ApiAnswer> {
    if (job.resumeId) {
      t.log.info(`model=${job.model} resuming task ${job.resumeId}`);
      const resumed = await poll(t, job, job.resumeId, 'resumed');
      return { images: resumed.images, text: '', model: resumed.model, usedRemedies: false, ...costOf(resumed) };
    }
    const req = buildImagesRequest(job);
    const first = await readJson(t, req.path, req.body, job);
    if (first.kind === 'task') {
      t.log.info(`model=${job.model} answered with task ${first.taskId} (${first.status}); polling`);
      t.serverJob(first.taskId);
    }
    const answer = first.kind === 'task' ? await poll(t, job, first.taskId, first.status) : first;
    return { images: answer.images, text: '', model: answer.model, usedRemedies: false, ...costOf(answer) };
  },
};
