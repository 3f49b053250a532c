// The layers are enforced by ESLint (eslint.config.mjs): each layer's block refuses an import
// it forbids and takes a legal one. Linted with the project's own config, as `npm run lint`
// does, on small snippets placed at a path of that layer (only the import rule is run, and
// without type information, so a snippet needs no place in a TypeScript project).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');
const RULE = 'no-restricted-imports';

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: path.join(ROOT, 'eslint.config.mjs'),
  overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { project: false } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});

/** The import-rule messages for `source` imported by a file at `filePath`. */
async function importMessages(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as m from '${source}';\nexport const used = m;\n`, {
    filePath: path.join(ROOT, filePath),
  });
  assert.deepEqual(
    result.messages.filter((m) => m.ruleId !== RULE),
    [],
    'nothing but the import rule speaks',
  );
  return result.messages.map((m) => m.message);
}

interface Layer {
  name: string;
  /** A file of the layer (need not exist). */
  file: string;
  /** Words only this layer's message says. */
  says: RegExp;
  refused: string[];
  legal: string[];
}

const LAYERS: Layer[] = [
  {
    name: 'src/core',
    file: 'src/core/job/probe.ts',
    says: /^Layers: src\/core, src\/agent and src\/mcp run without VS Code/,
    refused: ['vscode', '../../vscode/ports', '../../studio/historyStore', '../../vscode/agent/imageTool'],
    legal: ['../errors', '../../../shared/imageVocabulary', 'node:path', 'undici'],
  },
  {
    name: 'src/agent',
    file: 'src/agent/probe.ts',
    says: /^Layers: src\/core, src\/agent and src\/mcp run without VS Code/,
    refused: ['vscode', '../studio/studioSession', '../vscode/errorMessages'],
    legal: ['../core/errors', 'zod/mini'],
  },
  {
    name: 'src/mcp',
    file: 'src/mcp/probe.ts',
    says: /^Layers: src\/core, src\/agent and src\/mcp run without VS Code/,
    refused: ['vscode', '../vscode/keyStore', '../studio/studioPanel'],
    legal: ['../agent/agentTools', '@modelcontextprotocol/sdk/server/index.js'],
  },
  {
    name: 'the vocabulary',
    file: 'shared/imageVocabulary.ts',
    says: /^Layers: the vocabulary and the protocol are pure/,
    refused: ['zod/mini', 'zod', '../src/core/catalog', './protocolSchema', 'vscode'],
    legal: ['./studioStrings'],
  },
  {
    name: 'the protocol',
    file: 'shared/protocol.ts',
    says: /^Layers: the vocabulary and the protocol are pure/,
    refused: ['zod/mini', '../src/core/apis/options', './protocolSchema'],
    legal: ['./imageVocabulary', './studioStrings'],
  },
  {
    name: 'the protocol schema',
    file: 'shared/protocolSchema.ts',
    says: /^Layers: the protocol schema imports zod\/mini, the vocabulary and the protocol only/,
    refused: ['zod', '../src/core/catalog', '../src/studio/historyStore', 'vscode'],
    legal: ['zod/mini', './imageVocabulary', './protocol'],
  },
  {
    name: 'the webview',
    file: 'media/webview/probe.ts',
    says: /^Layers: the webview imports only its own files, shared\/protocol, the vocabulary and the Studio strings/,
    refused: [
      'zod/mini',
      '../../src/core/catalog',
      '../../shared/protocolSchema',
      '../../src/studio/studioStrings',
      'vscode',
      '../elsewhere/x',
    ],
    legal: ['./dom', '../../shared/protocol', '../../shared/imageVocabulary', '../../shared/studioStrings'],
  },
];

describe('the layers, enforced by ESLint', function () {
  this.timeout(60_000);

  for (const layer of LAYERS) {
    it(`${layer.name}: refuses ${layer.refused.join(', ')}; takes ${layer.legal.join(', ')}`, async () => {
      for (const source of layer.refused) {
        const messages = await importMessages(layer.file, source);
        assert.equal(messages.length, 1, `${layer.file} importing ${source}: ${JSON.stringify(messages)}`);
        assert.match(
          messages[0].replace(/^.* import is restricted from being used by a pattern\. /, ''),
          layer.says,
          `${source}: the layer's own rule`,
        );
      }
      for (const source of layer.legal)
        assert.deepEqual(await importMessages(layer.file, source), [], `${layer.file} may import ${source}`);
    });
  }

  it('the tree as it stands keeps every layer', async () => {
    const results = await eslint.lintFiles(['src/core', 'src/agent', 'src/mcp', 'shared', 'media/webview']);
    const broken = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
    );
    assert.deepEqual(broken, []);
    const linted = results.map((r) => path.relative(ROOT, r.filePath));
    for (const file of [
      'src/core/errors.ts',
      'src/agent/toolInputs.ts',
      'src/mcp/main.ts',
      'shared/imageVocabulary.ts',
      'shared/protocolSchema.ts',
      'media/webview/main.ts',
    ]) {
      assert.ok(linted.includes(file), `${file} was linted`);
    }
  });
});
