// Scenario 1: Set API Key from the command palette; a generation sends exactly
// that key as a Bearer token; the key is in no settings file and no log.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ctx } from '../context';
import { filesContaining, listFiles, sleep, waitForNewImages } from '../files';
import { generateInMarkdown, header, mark, scenario, setApiKey, waitForCompletion } from '../scenario';

scenario(1, 'Set API Key is sent as the Bearer token and stored in no file or log', async (wb) => {
  const { workspace, userData, codeServerLog } = ctx();
  const key = await setApiKey(wb);

  const start = mark();
  await generateInMarkdown(wb, 'scenario-1.md', 5, 'a red apple on a wooden table');
  const request = await waitForCompletion(start.from);
  assert.equal(
    header(request, 'authorization'),
    `Bearer ${key}`,
    'the request must carry exactly the key that was set',
  );
  await waitForNewImages(workspace, start.images);
  await wb.saveAll();
  await sleep(2000); // let the log channels flush

  const userDir = path.join(userData, 'User');
  assert.ok(fs.existsSync(path.join(userDir, 'settings.json')), 'user settings.json exists');
  assert.deepEqual(filesContaining(userDir, key), [], 'the key must not be in the user settings folder');
  assert.deepEqual(
    filesContaining(path.join(workspace, '.vscode'), key),
    [],
    'the key must not be in workspace settings',
  );

  const logsDir = path.join(userData, 'logs');
  const extensionLogs = listFiles(logsDir).filter(
    (f) => /GeekAI Image/i.test(path.basename(f)) || /geekai-image-studio/i.test(f),
  );
  assert.ok(extensionLogs.length > 0, `the extension's "GeekAI Image" log file was not found under ${logsDir}`);
  assert.deepEqual(filesContaining(logsDir, key), [], 'the key must not be in any log file');
  assert.deepEqual(filesContaining(userData, key), [], 'the key must not be in any file under the user-data folder');
  assert.deepEqual(filesContaining(workspace, key), [], 'the key must not be in any workspace file');
  assert.equal(
    fs.readFileSync(codeServerLog, 'utf8').includes(key),
    false,
    "the key must not be in code-server's output",
  );
});
