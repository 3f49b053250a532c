// The two agent tools over MCP (the official SDK's low-level Server, so the tools' own input
// checks, not the SDK's, word every refusal). Transport-free: main.ts connects it to stdio.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { invokeTool, type ToolDeps } from '../agent/agentTools';
import { shownText } from '../core/text/shownText';
import type { AgentProgress } from '../agent/runAgentJob';
import { EDIT_TOOL, GENERATE_TOOL, inputJsonSchema, type ToolInfo } from '../agent/toolInputs';
import type * as z from 'zod/mini';

const TOOLS: readonly ToolInfo<z.ZodMiniObject>[] = [GENERATE_TOOL, EDIT_TOOL];

function listing(tool: ToolInfo<z.ZodMiniObject>): Tool {
  return {
    name: tool.mcpName,
    title: tool.title,
    description: tool.description,
    inputSchema: inputJsonSchema(tool.schema) as Tool['inputSchema'],
    // Writes new files only (never overwrites), and reaches an outside, paid service.
    annotations: {
      title: tool.title,
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    },
  };
}

function progressText(p: AgentProgress): string {
  const of = p.count > 1 ? ` (×${p.count})` : '';
  const pct = p.percent === undefined ? '' : ` ${p.percent}%`;
  return `${p.phase}${pct}${of}`;
}

export function createMcpServer(deps: ToolDeps, version: string): Server {
  const server = new Server({ name: 'geekai-image', version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOLS.map(listing) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = TOOLS.find((t) => t.mcpName === request.params.name);
    if (!tool) {
      const names = TOOLS.map((t) => t.mcpName).join(', ');
      return {
        isError: true,
        content: [
          { type: 'text', text: `Unknown tool "${shownText(request.params.name, 'plain', 80)}". Tools: ${names}.` },
        ],
      };
    }
    const token = request.params._meta?.progressToken;
    let step = 0;
    const onProgress = (p: AgentProgress): void => {
      if (token === undefined) return;
      step++;
      void extra
        .sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: step, message: progressText(p) },
        })
        .catch(() => undefined);
    };
    const reply = await invokeTool(tool.kind, request.params.arguments, deps, extra.signal, onProgress);
    return { isError: reply.isError, content: [{ type: 'text', text: reply.text }] };
  });
  return server;
}
