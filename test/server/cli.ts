// node out/test/server/cli.js [--port N] [--gemini-strict]
// Prints "GEEKAI_TEST_SERVER <baseUrl>" on stdout once listening (the e2e runner and the demo
// read it), logs each request to stderr, and exits cleanly on SIGINT/SIGTERM.
import { startTestServer } from './testServer';

function parseArgs(argv: readonly string[]): { port?: number; geminiStrict: boolean } {
  let port: number | undefined;
  let geminiStrict = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--gemini-strict') geminiStrict = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port value: ${value}`);
    } else {
      throw new Error(`unknown argument: ${arg} (usage: cli.js [--port N] [--gemini-strict])`);
    }
  }
  return { port, geminiStrict };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const server = await startTestServer({ ...args, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`GEEKAI_TEST_SERVER ${server.baseUrl}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`test server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
