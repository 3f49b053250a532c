// Entry of dist/mcp.js: a stdio MCP server with the extension's generate and edit tools.
// stdout carries the protocol, so everything else (usage, errors, the log) goes to stderr.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { englishL10n } from '../agent/translator';
import { NodeFileStore } from '../core/files/nodeFileStore';
import { createNetworkDispatcher, proxyCredentials } from '../core/http/networkDispatcher';
import { GuardedDownloads } from '../core/http/downloadNetwork';
import { redactingLogger, type Logger } from '../core/logger';
import { Secrets } from '../core/text/secrets';
import { DEFAULT_SETTINGS } from '../core/job/settings';
import { bundledCodecs } from '../core/publish/bundledCodecs';
import { heavyWork } from '../core/heavy/workerWork';
import { USAGE, parseArgs } from './args';
import { describeError } from './describeError';
import { createMcpServer } from './mcpServer';
import { CatalogSource } from '../core/catalogSource';
import { BUILTIN_CATALOG } from '../core/modelCatalog';
import { appendToMarkdownFile, nodeRoot } from './nodeRoot';

declare const MCP_VERSION: string;

const stderr: Logger = {
  info: (m) => process.stderr.write(`[info] ${m}\n`),
  warn: (m) => process.stderr.write(`[warn] ${m}\n`),
  error: (m) => process.stderr.write(`[error] ${m}\n`),
  debug: () => undefined,
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), process.env, process.cwd());
  if (args.help) {
    process.stderr.write(USAGE);
    return;
  }
  if (!fs.statSync(args.root, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`--root ${args.root} is not a folder`);
  const key = (): string | undefined => process.env.GEEKAI_API_KEY?.trim() || undefined;
  // What is never shown or logged: the key, and the proxies' credentials, both from the server's environment.
  const secrets = new Secrets(key(), ...proxyCredentials({}, process.env));
  const log = redactingLogger(stderr, secrets);
  const settings = {
    ...DEFAULT_SETTINGS,
    baseUrl: args.baseUrl ?? DEFAULT_SETTINGS.baseUrl,
    model: args.model ?? DEFAULT_SETTINGS.model,
  };
  const codecs = bundledCodecs(__dirname);
  const dispatcher = createNetworkDispatcher();
  // The gateway's list for the model's API, options and price (an estimate with every result).
  const catalogs = new CatalogSource();
  const catalog = async (model: string) => {
    const apiKey = key();
    if (!apiKey) return BUILTIN_CATALOG;
    const timeouts = { connectMs: 5000, headersMs: 5000, idleMs: 5000, totalMs: 5000 };
    return catalogs.load(
      {
        baseUrl: settings.baseUrl,
        apiKey,
        dispatcher,
        log,
        timeouts,
        retry: { maxRetries: 0, baseDelayMs: 500, maxDelayMs: 500, maxRetryAfterMs: 0 },
      },
      { priceOf: model },
    );
  };
  const server = createMcpServer(
    {
      l10n: englishL10n,
      root: nodeRoot(fs.realpathSync(args.root)),
      store: new NodeFileStore(),
      settings,
      // HTTPS_PROXY / HTTP_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS from the server's environment.
      dispatcher,
      catalog,
      // Image downloads: only public addresses and the networks the base URL is on.
      downloads: new GuardedDownloads((lookup) => createNetworkDispatcher({}, process.env, lookup)),
      log,
      // dist/mcp.js sits beside dist/worker.js, dist/codecs.js and dist/wasm, as in the extension.
      codecs,
      heavy: heavyWork({ file: path.join(__dirname, 'worker.js'), loadCodecs: codecs }),
      apiKey: async () => key(),
      secrets,
      missingKeyMessage: () =>
        'No GeekAI API key: set the environment variable GEEKAI_API_KEY in this MCP server\'s configuration (its "env"), then restart the server.',
      appendMarkdown: appendToMarkdownFile,
      describeError: (e) => describeError(e, secrets),
    },
    typeof MCP_VERSION === 'string' ? MCP_VERSION : '0.0.0',
  );
  await server.connect(new StdioServerTransport());
  log.info(`geekai-image MCP server ready: root=${args.root} baseUrl=${settings.baseUrl} model=${settings.model}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`geekai-image MCP server: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
