// Registers a tiny stand-in for the `vscode` module so adapter code can be loaded under plain
// mocha. It holds only what cannot be passed in as a fake: l10n.t, Uri, EventEmitter, a few
// enums and the plain value classes providers return (Position, Range, CodeAction). Everything
// else (window, workspace, secrets) is handed to the code under test as small fakes, never
// faked globally here.
import Module from 'node:module';
import * as path from 'node:path';

function format(message: string, args: unknown[]): string {
  const named =
    args.length === 1 && typeof args[0] === 'object' && args[0] !== null
      ? (args[0] as Record<string, unknown>)
      : undefined;
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (named && key in named) return String(named[key]);
    const i = Number(key);
    return Number.isInteger(i) && i < args.length ? String(args[i]) : whole;
  });
}

interface UriParts {
  scheme: string;
  authority: string;
  path: string;
  query: string;
  fragment: string;
}

class Uri implements UriParts {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
  private constructor(p: UriParts) {
    this.scheme = p.scheme;
    this.authority = p.authority;
    this.path = p.path;
    this.query = p.query;
    this.fragment = p.fragment;
  }
  static file(fsPath: string): Uri {
    return new Uri({ scheme: 'file', authority: '', path: fsPath.replace(/\\/g, '/'), query: '', fragment: '' });
  }
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri({
      scheme: u.protocol.replace(/:$/, ''),
      authority: u.host,
      path: decodeURIComponent(u.pathname),
      query: u.search.replace(/^\?/, ''),
      fragment: u.hash.replace(/^#/, ''),
    });
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: path.posix.join(base.path, ...segments) });
  }
  static from(p: Partial<UriParts> & { scheme: string }): Uri {
    return new Uri({ authority: '', path: '', query: '', fragment: '', ...p });
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: Partial<UriParts>): Uri {
    return new Uri({ ...this, ...change });
  }
  toString(): string {
    const q = this.query ? `?${this.query}` : '';
    const f = this.fragment ? `#${this.fragment}` : '';
    return `${this.scheme}://${this.authority}${encodeURI(this.path)}${q}${f}`;
  }
  toJSON(): UriParts {
    return {
      scheme: this.scheme,
      authority: this.authority,
      path: this.path,
      query: this.query,
      fragment: this.fragment,
    };
  }
}

class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

class FileSystemError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  static FileNotFound(m?: unknown): FileSystemError {
    return new FileSystemError('FileNotFound', String(m));
  }
  static FileExists(m?: unknown): FileSystemError {
    return new FileSystemError('FileExists', String(m));
  }
  static NoPermissions(m?: unknown): FileSystemError {
    return new FileSystemError('NoPermissions', String(m));
  }
}

class LanguageModelTextPart {
  constructor(readonly value: string) {}
}

class LanguageModelToolResult {
  constructor(readonly content: unknown[]) {}
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

/** Hierarchical like VS Code's: `refactor.rewrite.geekaiImage`. */
class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly RefactorRewrite = new CodeActionKind('refactor.rewrite');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(`${this.value}.${part}`);
  }
}

class CodeAction {
  command?: { command: string; title: string; tooltip?: string; arguments?: unknown[] };
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export const vscodeStub = {
  Position,
  Range,
  CodeActionKind,
  CodeAction,
  l10n: { t: (message: string, ...args: unknown[]): string => format(message, args) },
  Uri,
  EventEmitter,
  Disposable,
  FileSystemError,
  LanguageModelTextPart,
  LanguageModelToolResult,
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  /** Empty: a test that needs a member puts it here for its own run (modules copy this object's fields when they import it). */
  workspace: {} as Record<string, unknown>,
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Loader };
const originalLoad = mod._load;
mod._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscodeStub;
  return originalLoad.call(this, request, parent, isMain);
};
