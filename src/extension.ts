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
import { GenerationService } from './vscode/generationService';
import { KeyStore } from './vscode/keyStore';
import { vscodeEditorPort } from './vscode/vscodeEditorPort';
import { vscodeStudioBackend } from './vscode/vscodeStudioBackend';
import { vscodeUi } from './vscode/vscodeUi';
import { vscodeWorkspacePort } from './vscode/vscodeWorkspacePort';

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('GeekAI Image', { log: true });
  const keys = new KeyStore(context.secrets);
  const log = redactingLogger(channel, () => keys.knownSecrets());
  const agent = createAgent();
  const ui = vscodeUi();
  const workspace = vscodeWorkspacePort();
  const service = new GenerationService({ ui, keys, workspace, dispatcher: agent, log });
  const ctx: CommandContext = { ui, service, keys, editors: vscodeEditorPort(), workspace, log, showLog: () => channel.show() };

  const register = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  register('geekaiImage.setApiKey', () => setApiKeyCommand(ctx));
  register('geekaiImage.clearApiKey', () => clearApiKeyCommand(ctx));
  register('geekaiImage.generate', () => generateCommand(ctx));
  register('geekaiImage.editImage', (clicked?: vscode.Uri, selected?: vscode.Uri[]) => editImageCommand(ctx, clicked, Array.isArray(selected) ? selected : undefined));
  register('geekaiImage.selectModel', () => selectModelCommand(ctx));

  context.subscriptions.push(...registerStudio(context, vscodeStudioBackend(ctx), log));
  context.subscriptions.push(channel, { dispose: () => void agent.close() });
  log.info(`GeekAI Image Studio ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {}
