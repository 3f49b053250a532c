// `node dist/mcp.js --root DIR [--base-url URL] [--model ID]`; the key only from GEEKAI_API_KEY.
import * as path from 'node:path';

export interface McpArgs {
  root: string;
  baseUrl?: string;
  model?: string;
  help: boolean;
}

export const USAGE = `GeekAI Image MCP server (stdio)

  node mcp.js [--root DIR] [--base-url URL] [--model ID]

  --root DIR       folder the tools read and write in (default: the current folder);
                   nothing is ever read or written outside it: a symbolic link in it
                   is followed when it points inside it, refused when it points outside
  --base-url URL   OpenAI-compatible base URL (default: $GEEKAI_BASE_URL, else https://geekai.co/api/v1)
  --model ID       default image model (default: $GEEKAI_MODEL, else gemini-2.5-flash-image)

  The API key is read from the environment variable GEEKAI_API_KEY, never from an argument.
`;

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): McpArgs {
  const out: McpArgs = {
    root: cwd,
    baseUrl: env.GEEKAI_BASE_URL?.trim() || undefined,
    model: env.GEEKAI_MODEL?.trim() || undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v.trim() === '') throw new Error(`${name} needs a value`);
      return v.trim();
    };
    if (name === '--help' || name === '-h') out.help = true;
    else if (name === '--root') out.root = path.resolve(cwd, value());
    else if (name === '--base-url') out.baseUrl = value();
    else if (name === '--model') out.model = value();
    else if (name === '--api-key')
      throw new Error('the key is never passed as an argument (it would show in process lists): set GEEKAI_API_KEY');
    else throw new Error(`unknown argument: ${arg}`);
  }
  return out;
}
