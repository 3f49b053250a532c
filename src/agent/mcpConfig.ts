// How to start the bundled MCP server: the arguments (for VS Code's own MCP registry) and a
// ready JSON snippet for other agents. The key is never part of either: the snippet names the
// environment variable, and VS Code passes the key through the server's environment.
import { DEFAULT_SETTINGS } from '../core/job/settings';

export const MCP_SERVER_NAME = 'geekai-image';
export const KEY_ENV = 'GEEKAI_API_KEY';

export interface McpLaunch {
  /** Absolute path of dist/mcp.js. */
  script: string;
  /** The folder the server may read and write in. */
  root: string;
  baseUrl: string;
  model: string;
}

/** `--base-url` and `--model` only where they differ from the server's own defaults. */
export function mcpArgs(l: McpLaunch): string[] {
  const args = [l.script, '--root', l.root];
  if (l.baseUrl !== DEFAULT_SETTINGS.baseUrl) args.push('--base-url', l.baseUrl);
  if (l.model !== DEFAULT_SETTINGS.model) args.push('--model', l.model);
  return args;
}

/** The base URL a server started with `args` sends the key to. */
export function baseUrlOfArgs(args: readonly string[]): string {
  const at = args.indexOf('--base-url');
  return at >= 0 && at + 1 < args.length ? args[at + 1] : DEFAULT_SETTINGS.baseUrl;
}

/** `{"mcpServers": {...}}` as Claude Code, Cursor and others read it; `${GEEKAI_API_KEY}` is taken from the environment. */
export function mcpConfigSnippet(l: McpLaunch): string {
  const server = { command: 'node', args: mcpArgs(l), env: { [KEY_ENV]: `\${${KEY_ENV}}` } };
  return JSON.stringify({ mcpServers: { [MCP_SERVER_NAME]: server } }, null, 2);
}
