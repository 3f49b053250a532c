// The VS Code pieces the commands and the GenerationService use, narrowed to what they need so
// adapter tests hand in small fakes instead of faking the whole `vscode` module. Each port has
// one real implementation named `vscode…` (vscodeUi.ts, vscodeEditorPort.ts, vscodeWorkspacePort.ts).
import type * as vscode from 'vscode';
import type { FileWriter } from '../core/files/saveImages';
import type { Settings } from '../core/job/settings';
import type { ApiKind } from '../../shared/imageVocabulary';

import type { TextSpan } from '../core/text/imageLinks';
import type { InsertWhere } from '../core/text/ownParagraph';

export interface InputOptions {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
}

export interface ProgressReport {
  message?: string;
  /** 0-100: the bar's absolute position (converted to VS Code's increments by the implementation). */
  percent?: number;
}

/** Replaces a live pick's rows with `show` as better ones arrive; settles when there is nothing more to come. */
export type LiveFill<T extends PickItem> = (show: (items: readonly T[]) => void, signal: AbortSignal) => Promise<void>;

/** The window operations: input boxes, picks, messages, progress, dialogs. */
export interface Ui {
  input(o: InputOptions): Promise<string | undefined>;
  pick<T extends PickItem>(items: readonly T[], o: { title: string; placeHolder?: string }): Promise<T | undefined>;
  pickMany<T extends PickItem>(
    items: readonly T[],
    o: { title: string; placeHolder?: string },
  ): Promise<readonly T[] | undefined>;
  /**
   * A pick shown at once with `items`, which `fill` may replace while it is open (the gateway's
   * list, then its prices, arriving); busy until `fill` settles, and `signal` aborted once the pick
   * is closed. The row under the cursor stays under it when a row with its label comes back.
   */
  pickLive<T extends PickItem>(
    items: readonly T[],
    o: { title: string; placeHolder?: string; fill: LiveFill<T> },
  ): Promise<T | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  /** A modal question (VS Code adds Cancel); the button pressed, undefined when cancelled. */
  confirm(message: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined>;
  /** A cancellable notification; its Cancel aborts `signal`. */
  progress<T>(
    title: string,
    task: (report: (r: ProgressReport) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
  copy(text: string): Promise<void>;
  pickFolder(title: string): Promise<vscode.Uri | undefined>;
  /** A save dialog for one file (the dialog itself asks before replacing an existing one). */
  saveDialog(title: string, defaultUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined>;
  openFile(uri: vscode.Uri): Promise<void>;
  reveal(uri: vscode.Uri): Promise<void>;
  openSettings(query: string): Promise<void>;
  /** Sets a context key (`when` clauses, the walkthrough's completion events). */
  setContext(key: string, value: boolean): void;
}

/** The active editor as plain data. */
export interface EditorSnapshot {
  document: vscode.Uri;
  languageId: string;
  selectionText: string;
  /** Last line of the selection (0-based), for inserting below it. */
  selectionEndLine: number;
  selectionEmpty: boolean;
  /** The cursor as an offset in the document's text. */
  cursorOffset?: number;
}

/** One replacement in a document's text (UTF-16 offsets). */
export interface TextReplacement {
  span: TextSpan;
  text: string;
}

export type { InsertWhere } from '../core/text/ownParagraph';

/** The active editor, and Markdown insertion into a document that may no longer be the active one. */
export interface EditorPort {
  active(): EditorSnapshot | undefined;
  /** Inserts `text` into the document's editor (opening it if needed) as its own paragraph; false if that failed. */
  insert(document: vscode.Uri, text: string, where: InsertWhere): Promise<boolean>;
  /** Whether the document is open in the editor (a job resumed after a reload inserts only there unasked). */
  isOpen(document: vscode.Uri): boolean;
  /** The document's text as it is now, unsaved changes included; undefined when it cannot be opened. */
  read(document: vscode.Uri): Promise<string | undefined>;
  /** Replaces spans of the document's current text in one edit (undoable, not saved); false if refused. */
  replace(document: vscode.Uri, edits: readonly TextReplacement[]): Promise<boolean>;
  /** Opens the document in an editor with the cursor at `offset` of its text. */
  showAt(document: vscode.Uri, offset: number): Promise<void>;
  /** Opens a new, unsaved Markdown document holding `text`, with `select` selected (the cursor at its end). */
  openNew(text: string, select: TextSpan): Promise<vscode.Uri>;
}

/** Why a span of a document is a problem, as the Problems panel shows it. */
export interface DocumentProblem {
  span: TextSpan;
  message: string;
}

/** The diagnostics of placeholders that could not be generated; cleared once each is fixed or gone. */
export interface ProblemsPort {
  /**
   * Replaces the document's problems (an empty list clears them); with `scope`, only those within
   * it, the others kept where their placeholders now are.
   */
  set(document: vscode.Uri, problems: readonly DocumentProblem[], scope?: TextSpan): Promise<void>;
}

/**
 * The slice of `vscode.FileSystem` used here, and two things it lacks, for `file:` URIs (the real
 * port does them on the local disk, beside the extension host); tests pass a fake over a temp folder.
 */
export type FsLike = Pick<
  vscode.FileSystem,
  'stat' | 'readFile' | 'writeFile' | 'rename' | 'delete' | 'createDirectory'
> & {
  /**
   * Up to `length` bytes of a file from `offset` (fewer at its end), so an image's head is read
   * without the rest. Without it (or for other schemes) a file is read whole, if small.
   */
  readPart?(uri: vscode.Uri, offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  /** A new file written piece by piece (a download as it arrives); undefined where the file system cannot, then bytes are written whole. */
  openWrite?(uri: vscode.Uri): Promise<FileWriter | undefined>;
};

/** Workspace folders, settings and `workspace.fs`. */
export interface WorkspacePort {
  folders(): readonly vscode.Uri[];
  folderOf(uri: vscode.Uri): vscode.Uri | undefined;
  /** Images in the workspace, for "which image to edit?" (node_modules and dot-folders left out). */
  findImages(): Promise<vscode.Uri[]>;
  readonly fs: FsLike;
  settings(scope?: vscode.Uri): Settings;
  /** `geekaiImage.baseUrl` as the user's own settings have it (else the default), whatever a workspace says. */
  userBaseUrl(): string;
  setModel(id: string): Promise<void>;
  /** Sets `geekaiImage.api`, where the user set it before (else for the user). */
  setApi(api: ApiKind): Promise<void>;
  /** `workspace.isTrusted`: false while the user has not trusted this workspace (Restricted Mode). */
  isTrusted(): boolean;
}

/** The slice of `vscode.SecretStorage` the KeyStore uses. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}
