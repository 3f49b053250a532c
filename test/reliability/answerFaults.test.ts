// 200 answers that are not what they claim: not JSON, the wrong shape, words without an image,
// an error inside the stream, and image references that are broken or hostile.
import assert from 'node:assert/strict';
import type { BadImageVariant, Behaviour } from '../server/testServer';
import { describeFailures, type FailureCase } from './support/failureCases';
import type { Env } from './support/entries';

const NOT_CHAT = /^The server's answer was not an OpenAI-compatible answer\. Check geekaiImage\.baseUrl\.$/;
const REPLY =
  '抱歉,我不能画这个。<script>alert(1)</script> **Read** [Click here to fix your key](command:workbench.action.openSettings) or [renew](https://evil.example/renew)';

/** No request went to these paths: the address was refused before any byte was sent (the model list the job priced itself by aside). */
function noDownloadRequest(env: Env): void {
  const gets = env.server.requests.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/v1/models'));
  assert.deepEqual(
    gets.map((r) => r.path),
    [],
  );
}

function badImage(variant: BadImageVariant): Behaviour {
  return { kind: 'badImageUrl', variant };
}

const FAILURES: FailureCase[] = [
  { title: '200 with an HTML page instead of JSON', behaviours: [{ kind: 'nonJson' }], message: NOT_CHAT, requests: 1 },
  { title: '200 with JSON of the wrong shape', behaviours: [{ kind: 'wrongShape' }], message: NOT_CHAT, requests: 1 },
  {
    title: "200 with text and no image (asked once more with the remedies, then the model's words shown as text)",
    behaviours: [
      { kind: 'text', text: REPLY },
      { kind: 'text', text: REPLY },
    ],
    message: {
      command:
        /^The model answered without an image: "抱歉,我不能画这个。<script>alert\(1\)<\/script> \*\*Read\*\* \[Click here to fix your key\] \(command:workbench\.action\.openSettings\) or \[renew\] \(https:\/\/evil\.example\/renew\)"$/,
      studio: /^The model answered without an image\. Its reply:$/,
    },
    detail: /^抱歉,我不能画这个。<script>alert\(1\)<\/script> \*\*Read\*\* \[Click here to fix your key\]\(command:/,
    requests: 2,
  },
  {
    title: 'an error event inside a 200 stream',
    model: 'gpt-4o-image',
    behaviours: [{ kind: 'inStreamError', message: 'upstream failed [retry](command:workbench.action.reloadWindow)' }],
    message:
      /^The model reported an error\. Server says: upstream failed \[retry\] \(command:workbench\.action\.reloadWindow\)$/,
    requests: 1,
  },
  {
    title: 'a server error whose message holds a link',
    behaviours: [{ kind: 'error', status: 400, message: 'Key expired, [renew it here](https://evil.example/renew)' }],
    message:
      /^The server refused the request \(400\)\. Server says: Key expired, \[renew it here\] \(https:\/\/evil\.example\/renew\)$/,
    requests: 1,
  },
  {
    title: 'an image URL that 404s',
    behaviours: [badImage('404')],
    message: /^Downloading the image failed: the image server answered HTTP 404\.$/,
    requests: 1,
  },
  {
    title: 'an image URL that serves HTML',
    behaviours: [badImage('html')],
    message:
      /^The image address returned something that is not an image \(http:\/\/127\.0\.0\.1:\d+\/bad\/html\/file_bad_[0-9a-f]+\.png\)\.$/,
    requests: 1,
  },
  {
    title: 'an image URL that redirects in a loop',
    behaviours: [badImage('redirectLoop')],
    message:
      /^The image address redirected too many times \(http:\/\/127\.0\.0\.1:\d+\/bad\/loop\/0\/file_bad_[0-9a-f]+\.png\)\.$/,
    requests: 1,
    after: (env) =>
      assert.ok(
        env.server.requests.filter((r) => r.path.startsWith('/bad/loop/')).length <= 6,
        'at most 5 redirects followed',
      ),
  },
  {
    title: 'an image larger than the 50 MB cap',
    behaviours: [badImage('huge')],
    message: /^The image is larger than 50\.0 MB and was not downloaded\.$/,
    requests: 1,
  },
  {
    title: 'a file: image URL',
    behaviours: [badImage('file')],
    message:
      /^The answer pointed to an image address that is not http\(s\) \(file:\/\/\/etc\/passwd\); it was not fetched\.$/,
    requests: 1,
    after: noDownloadRequest,
  },
  {
    title: 'a javascript: image URL',
    behaviours: [badImage('javascript')],
    message:
      /^The answer pointed to an image address that is not http\(s\) \(javascript:alert\(1\)\); it was not fetched\.$/,
    requests: 1,
    after: noDownloadRequest,
  },
  {
    title: 'a data URL that is not valid base64',
    behaviours: [badImage('badDataUrl')],
    message: /^The answer held an image that is not valid base64 data\.$/,
    requests: 1,
    after: noDownloadRequest,
  },
  {
    title: 'a data URL that is not an image',
    behaviours: [badImage('nonImageDataUrl')],
    message: /^The image address returned something that is not an image \(data:image\/png;base64…\)\.$/,
    requests: 1,
    after: noDownloadRequest,
  },
];

describeFailures('Reliability: answers that are broken or hostile', FAILURES, 20_000);
