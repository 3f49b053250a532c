// The MCP server's root folder on the local disk (its real paths, for the wall, come from the
// NodeFileStore), and the Markdown file appended to in place.
import * as fs from 'node:fs/promises';
import { withMarkdownAppended } from '../agent/runAgentJob';
import type { AgentRoot } from '../agent/workspacePaths';

export function nodeRoot(path: string): AgentRoot {
  return { path };
}

export async function appendToMarkdownFile(file: string, markdown: string): Promise<void> {
  await fs.writeFile(file, withMarkdownAppended(await fs.readFile(file, 'utf8'), markdown), 'utf8');
}
