// Everything the extension does, loaded on first use by the entry point (src/entry.ts) so that
// activation parses none of it: builds the adapter pieces once and registers every command.
// Each disposable is owned by the extension context, so nothing outlives deactivation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerStudio } from './studio/registerStudio';
import { redactingLogger } from './core/logger';
import { Secrets } from './core/text/secrets';
import { agentTools, type AgentTools } from './vscode/agent/registerAgentTools';
import { vscodeMarkdownFiles } from './vscode/agent/vscodeMarkdownFiles';
import { COMMANDS, type CommandId } from './contributionIds';
import type { MarkdownProviders } from './markdownProviders';
import { checkApiKeyCommand, clearApiKeyCommand, setApiKeyCommand } from './vscode/commands/apiKey';
import { setBalanceKeyCommand, showBalanceCommand } from './vscode/commands/balance';
import { checkConnectionCommand } from './vscode/commands/checkConnection';
import { openExampleCommand } from './vscode/commands/openExample';
import type { CommandContext } from './vscode/commands/context';
import { copyMcpConfigCommand } from './vscode/commands/copyMcpConfig';
import { editImageCommand } from './vscode/commands/editImage';
import { generateCommand } from './vscode/commands/generate';
import { regenerateImageCommand, reusePromptCommand } from './vscode/commands/reuseImage';
import { selectModelCommand } from './vscode/commands/selectModel';
import { writeAltTextCommand, type RangeLike } from './vscode/commands/writeAltText';
import { altTextActions } from './vscode/altTextActions';
import {
  editLinkedImageCommand,
  linkedImageVariationsCommand,
  openLinkedImageInStudioCommand,
  regenerateLinkedImageCommand,
} from './vscode/commands/linkedImageCommands';
import { linkedImageActions } from './vscode/linkedImageActions';
import { linkedImageHoverProvider } from './vscode/linkedImageHover';
import { generatePlaceholdersCommand } from './vscode/commands/generatePlaceholders';
import { placeholderLenses } from './vscode/placeholderLenses';
import { vscodeProblems } from './vscode/vscodeProblems';
import { GenerationService } from './vscode/generationService';
import { showJobs, trackJobs } from './vscode/jobList';
import { KeyStore } from './vscode/keyStore';
import { vscodeEditorPort } from './vscode/vscodeEditorPort';
import { VsCodeStudioBackend } from './studio/studioBackend';
import { vscodeUi } from './vscode/vscodeUi';
import { vscodeWorkspacePort } from './vscode/vscodeWorkspacePort';
import { NETWORK_SETTINGS, sessionNetwork, userLevel } from './vscode/sessionNetwork';
import { DurableJobStore } from './vscode/durableJobStore';
import { resumeStoredJobs } from './vscode/resumeJobs';
import { bundledCodecs } from './core/publish/bundledCodecs';
import { heavyWork } from './core/heavy/workerWork';
import { registerLibrary } from './vscode/library/registerLibrary';
import type { ImagesTree } from './vscode/library/imagesView';
import { imageUriArg } from './vscode/library/libraryArgs';

/** What the entry point hands on once the engine is loaded. */
export interface Engine {
  /** Brings back a Studio panel VS Code restored after a reload (the entry point owns the serializer). */
  reviveStudio(panel: vscode.WebviewPanel): void;
  /** A language model tool by its contributed name (the entry point registered a stand-in). */
  tool(name: string): vscode.LanguageModelTool<unknown> | undefined;
  /** The MCP server definition, where this VS Code can run MCP servers from an extension. */
  mcpServers?: AgentTools['mcpServers'];
  /** The real Markdown providers, one per entry of src/markdownProviders.ts (whose stand-ins ask only when worth it). */
  markdown: MarkdownProviders;
  /** Polls again the jobs the server was running in the background when the window closed. */
  resumeJobs(): Promise<void>;
  /** The Images view's rows (the entry point created the view). */
  images: ImagesTree;
}

export function startEngine(context: vscode.ExtensionContext): Engine {
  const channel = vscode.window.createOutputChannel('GeekAI Image', { log: true });
  const workspace = vscodeWorkspacePort();
  // The key goes to GeekAI, the user's own base URL and the origins the user allowed (global state).
  // What is never shown or logged: the keys join it as the key store reads them, proxy credentials as the network does.
  const secrets = new Secrets();
  const keys = new KeyStore(context.secrets, process.env, {
    approvals: context.globalState,
    userBaseUrl: () => workspace.userBaseUrl(),
    secrets,
  });
  const log = redactingLogger(channel, secrets);
  // VS Code's proxy settings for every request; rebuilt when they change.
  const network = sessionNetwork(
    userLevel((key) => vscode.workspace.getConfiguration('http').inspect(key)),
    log,
    secrets,
  );
  const agent = network.dispatcher;
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (NETWORK_SETTINGS.some((s) => e.affectsConfiguration(s))) network.reload();
    }),
  );
  const ui = vscodeUi();
  // dist/engine.js sits beside dist/worker.js, dist/codecs.js and dist/wasm/. Conversions, large
  // provenance reads and large answers run on worker threads, started on first need (not here).
  const codecs = bundledCodecs(__dirname);
  const heavy = heavyWork({ file: path.join(__dirname, 'worker.js'), loadCodecs: codecs });
  context.subscriptions.push({ dispose: () => void heavy.close() });
  // Jobs running in the background on the server are kept here across reloads and restarts.
  const durable = new DurableJobStore(context.globalState);
  const editors = vscodeEditorPort();
  const service = new GenerationService({
    ui,
    keys,
    workspace,
    dispatcher: agent,
    downloads: network.downloads,
    log,
    codecs,
    heavy,
    durable,
    readDocument: (d) => editors.read(d),
    spending: context.globalState,
  });
  const problems = vscodeProblems();
  context.subscriptions.push(problems);
  const ctx: CommandContext = {
    ui,
    service,
    keys,
    editors,
    problems,
    workspace,
    log,
    showLog: () => channel.show(),
    network,
  };

  const register = (id: CommandId, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  register(COMMANDS.setApiKey, () => setApiKeyCommand(ctx));
  register(COMMANDS.clearApiKey, () => clearApiKeyCommand(ctx));
  register(COMMANDS.checkApiKey, () => checkApiKeyCommand(ctx));
  register(COMMANDS.setBalanceKey, () => setBalanceKeyCommand(ctx));
  register(COMMANDS.showBalance, () => showBalanceCommand(ctx));
  register(COMMANDS.checkConnection, () => checkConnectionCommand(ctx));
  register(COMMANDS.openExample, (kind?: unknown) => openExampleCommand(ctx, kind));
  register(COMMANDS.generate, () => generateCommand(ctx));
  register(COMMANDS.editImage, (clicked?: vscode.Uri, selected?: vscode.Uri[]) =>
    editImageCommand(ctx, clicked, Array.isArray(selected) ? selected : undefined),
  );
  register(COMMANDS.selectModel, () => selectModelCommand(ctx));
  register(COMMANDS.generateAllImages, (uri?: vscode.Uri | string) => generatePlaceholdersCommand(ctx, uri));
  register(COMMANDS.generatePlaceholder, (uri?: vscode.Uri | string, range?: RangeLike) =>
    generatePlaceholdersCommand(ctx, uri, range),
  );
  register(COMMANDS.writeAltText, (uri?: vscode.Uri | string, range?: RangeLike) =>
    writeAltTextCommand(ctx, uri, range),
  );
  // The MCP server ships beside the extension bundle and is only ever started as its own process.
  const mcpScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'mcp.js').fsPath;
  const version = String((context.extension.packageJSON as { version?: unknown }).version);
  register(COMMANDS.copyMcpConfig, () => copyMcpConfigCommand(ctx, mcpScript));
  register(COMMANDS.showJobs, () => showJobs(service.queue, ui));
  const jobsItem = vscode.window.createStatusBarItem('geekaiImage.jobs', vscode.StatusBarAlignment.Left, 10);
  jobsItem.name = vscode.l10n.t('GeekAI Image jobs');
  context.subscriptions.push(jobsItem, { dispose: trackJobs(service.queue, jobsItem, service) });

  // The image library before the Studio: its gallery lists the same images as the Images view.
  const library = registerLibrary(ctx, context.storageUri, heavy, register);
  const images = library.tree;
  context.subscriptions.push(images);
  const studio = registerStudio(context, new VsCodeStudioBackend(ctx), log, library.gallery);
  context.subscriptions.push(...studio.disposables);
  const sources = { workspace, heavy, historyEntry: (uri: string) => studio.history.findByFile(uri) };
  // An image row of the Images view stands for its file, as the explorer's URI does.
  register(COMMANDS.reusePrompt, (image?: unknown) =>
    reusePromptCommand(ctx, { sources, studio: studio.reuse }, imageUriArg(image)),
  );
  register(COMMANDS.regenerate, (image?: unknown) => regenerateImageCommand(ctx, sources, imageUriArg(image)));
  register(COMMANDS.editLinkedImage, (uri?: vscode.Uri | string, at?: RangeLike) =>
    editLinkedImageCommand(ctx, uri, at),
  );
  register(COMMANDS.regenerateLinkedImage, (uri?: vscode.Uri | string, at?: RangeLike) =>
    regenerateLinkedImageCommand(ctx, sources, uri, at),
  );
  register(COMMANDS.linkedImageVariations, (uri?: vscode.Uri | string, at?: RangeLike) =>
    linkedImageVariationsCommand(ctx, sources, uri, at),
  );
  register(COMMANDS.openLinkedImageInStudio, (uri?: vscode.Uri | string, at?: RangeLike) =>
    openLinkedImageInStudioCommand(ctx, studio.attach, uri, at),
  );
  const agents = agentTools(
    {
      ui,
      costs: service,
      workspace,
      keys,
      markdown: vscodeMarkdownFiles,
      dispatcher: agent,
      downloads: network.downloads,
      log,
      codecs,
      heavy,
    },
    { script: mcpScript, version, nodePath: process.execPath },
  );
  context.subscriptions.push(channel, { dispose: () => void network.close() });
  log.info(`GeekAI Image Studio ${version} started`);
  return {
    resumeJobs: () => resumeStoredJobs(ctx, durable),
    reviveStudio: studio.revive,
    images,
    tool: (name) => agents.tools[name],
    mcpServers: agents.mcpServers,
    markdown: {
      altText: altTextActions(() => workspace.isTrusted()),
      linkedImageHover: linkedImageHoverProvider(sources),
      linkedImageActions: linkedImageActions(workspace),
      placeholderLenses: placeholderLenses(),
    },
  };
}
