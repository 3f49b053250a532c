// Activation: builds the adapter pieces once and registers every command. Each disposable is
// owned by the extension context, so nothing outlives deactivation.
import * as vscode from 'vscode';
import { createAgent } from './core/http/httpClient';
import { registerStudio } from './panel/registerStudio';
import { redactingLogger } from './core/logger';
import { clearApiKeyCommand, setApiKeyCommand } from './vscode/commands/apiKey';
import type { CommandContext } from './vscode/commands/context';
import { editImageCommand } from './vscode/commands/editImage';
import { generateCommand } from './vscode/commands/generate';
import { selectModelCommand } from './vscode/commands/selectModel';
import { createEditorPort } from './vscode/editorPort';
import { GenerationService } from './vscode/generationService';
import { KeyStore } from './vscode/keyStore';
import { createStudioBackend } from './vscode/studioBackend';
import { createVscodeUi } from './vscode/ui';
import { createWorkspacePort } from './vscode/workspacePort';

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('GeekAI Image', { log: true });
  const keys = new KeyStore(context.secrets);
  const log = redactingLogger(channel, () => keys.knownSecrets());
  const agent = createAgent();
  const ui = createVscodeUi();
  const workspace = createWorkspacePort();
  const service = new GenerationService({ ui, keys, workspace, dispatcher: agent, log });
  const ctx: CommandContext = { ui, service, keys, editors: createEditorPort(), workspace, log, showLog: () => channel.show() };

  const register = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  register('geekaiImage.setApiKey', () => setApiKeyCommand(ctx));
  register('geekaiImage.clearApiKey', () => clearApiKeyCommand(ctx));
  register('geekaiImage.generate', () => generateCommand(ctx));
  register('geekaiImage.editImage', (clicked?: vscode.Uri, selected?: vscode.Uri[]) => editImageCommand(ctx, clicked, Array.isArray(selected) ? selected : undefined));
  register('geekaiImage.selectModel', () => selectModelCommand(ctx));

  context.subscriptions.push(...registerStudio(context, createStudioBackend(ctx), log));
  context.subscriptions.push(channel, { dispose: () => void agent.close() });
  log.info(`GeekAI Image Studio ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {}
