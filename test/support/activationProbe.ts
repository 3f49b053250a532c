// Loads an extension bundle in a fresh Node process with `vscode` replaced by a recorder, and
// reports what activation cost and loaded. Run as a child process (so the module cache is clean)
// by the activation test and the activation benchmark:
//   node activationProbe.js <bundle.js> [--activate] [--run <command id>]
// prints one JSON line: { ms, registered, executed, loaded, providers, workers }.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

type Fn = (...args: unknown[]) => unknown;

/** Anything VS Code's API may be asked for: every property is callable, constructible and chainable. */
function anything(name: string): unknown {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, key) =>
      key === 'then' ? undefined : key === Symbol.toPrimitive ? () => name : anything(`${name}.${String(key)}`),
    apply: () => anything(`${name}()`),
    // Setting a property (a status bar item's text, say) is accepted and forgotten.
    set: () => true,
    construct: () => anything(`new ${name}`) as object,
  });
}

const registered: string[] = [];
const executed: string[] = [];
const handlers = new Map<string, Fn>();
const disposable = (fn: () => void = () => undefined): { dispose(): void } => ({ dispose: fn });

// Bundles copy the module's own keys (esbuild's interop), so every namespace is a real property.
const NAMESPACES = [
  'window',
  'workspace',
  'env',
  'l10n',
  'extensions',
  'languages',
  'lm',
  'chat',
  'Uri',
  'EventEmitter',
  'Disposable',
  'ViewColumn',
  'ProgressLocation',
  'StatusBarAlignment',
  'ThemeColor',
  'ThemeIcon',
  'ConfigurationTarget',
  'FileType',
  'FileSystemError',
  'QuickPickItemKind',
  'Range',
  'Position',
  'Selection',
  'WorkspaceEdit',
  'SnippetString',
  'RelativePattern',
  'CancellationTokenSource',
  'MarkdownString',
  'LanguageModelTextPart',
  'LanguageModelToolResult',
  'TabInputText',
  'TextEdit',
  'EndOfLine',
  'CodeActionKind',
  'CodeAction',
  'CodeLens',
  'Diagnostic',
  'DiagnosticSeverity',
];
const vscode: Record<string, unknown> = {
  commands: {
    registerCommand: (id: string, fn: Fn) => {
      if (handlers.has(id)) throw new Error(`command '${id}' already exists`);
      registered.push(id);
      handlers.set(id, fn);
      return disposable(() => handlers.delete(id));
    },
    executeCommand: async (id: string, ...args: unknown[]) => {
      executed.push(id);
      return handlers.get(id)?.(...args);
    },
  },
};
for (const name of NAMESPACES) vscode[name] = anything(`vscode.${name}`);
// No editor is open yet: a recorder standing in for one would answer every question with itself.
const window = anything('vscode.window') as Record<string, unknown>;
vscode.window = new Proxy(window, { get: (t, key) => (key === 'activeTextEditor' ? undefined : t[key as string]) });
/** Each language provider registered, as `registerHoverProvider:markdown` (its selector's first filter; the others after a `+`). */
const providers: string[] = [];
vscode.languages = new Proxy(
  {},
  {
    get: (_t, key) =>
      typeof key === 'string' && /^register\w+Provider$/.test(key)
        ? (selector: { language?: string; pattern?: string } | { language?: string; pattern?: string }[]) => {
            const [first, ...others] = Array.isArray(selector) ? selector : [selector];
            providers.push(`${key}:${first?.language}${others.map((f) => `+${f.language ?? f.pattern}`).join('')}`);
            return disposable();
          }
        : anything(`vscode.languages.${String(key)}`),
  },
);

const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const originalLoad = mod._load;
mod._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};

/** A job kept before a reload, too old to poll (the engine drops it with a log line and sends nothing). */
const STORED_JOBS = [
  {
    key: 'k',
    serverId: 'bg-1',
    api: 'chat',
    model: 'gpt-4o-image',
    prompt: 'p',
    options: {},
    created: '2000-01-01T00:00:00.000Z',
  },
];

function fakeContext(root: string, storedJobs: boolean): unknown {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as unknown;
  const memento = { get: () => (storedJobs ? STORED_JOBS : undefined), update: async () => undefined, keys: () => [] };
  return new Proxy(
    { subscriptions: [], extension: { packageJSON: pkg }, globalState: memento, workspaceState: memento },
    { get: (t: Record<string, unknown>, key: string) => (key in t ? t[key] : anything(`context.${key}`)) },
  );
}

/** Threads started (the engine's heavy-work pool must start only when heavy work comes). */
let workers = 0;
function countWorkers(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- patched before the bundle loads, so its `new Worker` is counted
  const wt = require('node:worker_threads') as { Worker: new (...args: never[]) => object };
  const Real = wt.Worker;
  wt.Worker = class extends Real {
    constructor(...args: never[]) {
      workers++;
      super(...args);
    }
  };
}

async function main(): Promise<void> {
  countWorkers();
  const [bundle, ...flags] = process.argv.slice(2);
  if (!bundle) throw new Error('usage: activationProbe <bundle.js> [--activate] [--run <command>]');
  const file = path.resolve(bundle);
  const root = path.resolve(__dirname, '../../..');
  const context = fakeContext(root, flags.includes('--stored-jobs'));
  const before = new Set(Object.keys(require.cache));
  const started = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test, loaded at run time by its path
  const ext = require(file) as { activate?: (ctx: unknown) => void };
  if (flags.includes('--activate')) ext.activate?.(context);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const run = flags.indexOf('--run');
  if (run >= 0) {
    // A command that waits on the user (Select Model's live pick, which this recorder never
    // closes) does not end here: it is given a moment to fail, then the report is written.
    const ran = Promise.resolve(handlers.get(flags[run + 1] ?? '')?.());
    await Promise.race([ran, new Promise((r) => setTimeout(r, 200))]);
  }
  const loaded = Object.keys(require.cache)
    .filter((k) => !before.has(k) && k !== file)
    .map((k) => path.relative(root, k));
  process.stdout.write(`${JSON.stringify({ ms, registered, executed, loaded, providers, workers })}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
