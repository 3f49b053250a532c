// Fakes more than one suite needs: a TextDocument over a string (as code action providers see
// one), an MCP stdio definition, and a workspace image saved with provenance.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { embedProvenance } from '../../src/core/publish/embedProvenance';
import { buildProvenance } from '../../src/core/publish/provenance';
import { offsetOfPosition } from '../../src/core/text/textPosition';
import type { StdioDefinition } from '../../src/vscode/agent/mcpServers';
import { samplePng } from './sampleImage';

/** A text document over `text` at `uri`: offsets, positions and line ends, nothing more. */
export function textDocumentOf(uri: vscode.Uri, text: string): vscode.TextDocument {
  const positionAt = (offset: number): vscode.Position => {
    const before = text.slice(0, offset);
    return new vscode.Position(before.split('\n').length - 1, offset - (before.lastIndexOf('\n') + 1));
  };
  return {
    uri,
    version: 1,
    getText: () => text,
    offsetAt: (p: vscode.Position) => offsetOfPosition(text, p),
    positionAt,
    lineAt: (line: number) => ({ range: { end: new vscode.Position(line, (text.split('\n')[line] ?? '').length) } }),
  } as unknown as vscode.TextDocument;
}

/** What `vscode.McpStdioServerDefinition` holds, as the provider builds it. */
export class FakeDefinition implements StdioDefinition {
  constructor(
    readonly label: string,
    readonly command: string,
    readonly args: string[] = [],
    public env: Record<string, string | number | null> = {},
    readonly version?: string,
  ) {}
}

/** An 8x8 PNG at `root/rel` whose provenance names `ref.png` (bytes `ref`) as its reference. */
export function writeImageWithProvenance(
  root: string,
  rel: string,
  o: { prompt: string; ref: Uint8Array; options?: Record<string, string | number | boolean> },
): vscode.Uri {
  const p = buildProvenance({
    prompt: o.prompt,
    model: 'gemini-2.5-flash-image',
    api: 'chat/completions',
    options: o.options ?? {},
    references: [{ name: 'ref.png', bytes: o.ref }],
  });
  const out = embedProvenance(samplePng(8, 8), p);
  if (!out.embedded) throw new Error('provenance was not embedded');
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, out.bytes);
  return vscode.Uri.file(full);
}
