// "Ours" in the response-path benchmarks: the job as the extension runs it, minus VS Code
// (runImageJob: destination, request, answer, download or decode, save, Markdown link).
import { pathRoots } from '../src/core/files/destination';
import { NodeFileStore } from '../src/core/files/nodeFileStore';
import { runImageJob } from '../src/core/job/runImageJob';
import { DEFAULT_SETTINGS } from '../src/core/job/settings';
import { redactingLogger, silentLogger } from '../src/core/logger';
import type { BenchJob } from './responseServer';
import { Secrets } from '../src/core/text/secrets';

const files = new NodeFileStore();

export async function ourJob(j: BenchJob): Promise<{ markdown: string; file: string }> {
  const result = await runImageJob(
    { prompt: j.prompt, references: [] },
    {
      files,
      roots: pathRoots([j.folder]),
      apiKey: () => Promise.resolve(j.apiKey),
      settings: {
        ...DEFAULT_SETTINGS,
        baseUrl: j.baseUrl,
        model: j.model,
        outputFolder: '${workspaceFolder}',
        fileName: j.name,
        stream: j.stream ? 'always' : 'never',
        forceImageGeneration: 'never',
      },
      dispatcher: j.dispatcher,
      log: redactingLogger(silentLogger, new Secrets(j.apiKey)),
    },
  );
  return { markdown: result.markdown, file: result.files[0] };
}
