// A scripted Ui: answers come from queues the test fills; everything shown is recorded.
import * as vscode from 'vscode';
import type { InputOptions, LiveFill, PickItem, ProgressReport, Ui } from '../../../src/vscode/ports';

export interface Shown {
  level: 'info' | 'warn' | 'error';
  message: string;
  actions: string[];
}

/** A modal the code asked the user to answer. */
export interface Confirmation {
  message: string;
  detail: string | undefined;
  buttons: string[];
}

/** A live pick while it is open, as a test's chooser sees it. */
export interface LivePickView {
  /** Every list of rows shown, in order: the first is what was shown at once. */
  readonly shown: readonly (readonly PickItem[])[];
  /** The rows on show now. */
  rows(): readonly PickItem[];
  /** Settles when the pick has nothing more to fill in. */
  readonly settled: Promise<void>;
}

export class FakeUi implements Ui {
  /** Buttons to press on the next modal(s), in order; undefined = dismissed. None queued: a modal fails the test. */
  readonly confirmChoices: (string | undefined)[] = [];
  /** Every modal asked, in order. */
  readonly confirmations: Confirmation[] = [];
  /** The same list, under the name the batch tests use. */
  get confirms(): Confirmation[] {
    return this.confirmations;
  }
  /** Answers for input boxes, in order; undefined = the user pressed Escape. */
  readonly inputs: (string | undefined)[] = [];
  readonly asked: InputOptions[] = [];
  /** Choosers for quick picks, in order. */
  readonly picks: ((items: readonly PickItem[]) => PickItem | undefined)[] = [];
  readonly pickTitles: string[] = [];
  /** Button to press on the next error message(s); undefined = dismissed. */
  readonly errorChoices: (string | undefined)[] = [];
  readonly shown: Shown[] = [];
  readonly reports: ProgressReport[] = [];
  /** The title of every progress notification opened, in order. */
  readonly progressTitles: string[] = [];
  /** Called on each progress report; return true to press Cancel. */
  cancelWhen: (r: ProgressReport) => boolean = () => false;
  clipboard = '';
  pickedFolder: vscode.Uri | undefined;
  /** Answers for save dialogs, in order; undefined = cancelled. */
  readonly saveTargets: (vscode.Uri | undefined)[] = [];
  readonly saveDialogDefaults: (vscode.Uri | undefined)[] = [];
  readonly opened: vscode.Uri[] = [];
  readonly revealed: vscode.Uri[] = [];
  readonly settingsOpened: string[] = [];

  async input(o: InputOptions): Promise<string | undefined> {
    this.asked.push(o);
    if (this.inputs.length === 0) throw new Error(`unexpected input box: ${o.title}`);
    const answer = this.inputs.shift();
    // Like VS Code: an answer the validator refuses can't be submitted.
    if (answer !== undefined && o.validate?.(answer)) return undefined;
    return answer;
  }

  async pick<T extends PickItem>(items: readonly T[], o: { title: string }): Promise<T | undefined> {
    this.pickTitles.push(o.title);
    const chooser = this.picks.shift();
    if (!chooser) throw new Error(`unexpected quick pick: ${o.title}`);
    return chooser(items) as T | undefined;
  }

  /** Choosers that see a live pick while it is open, in order; when empty, `picks` chooses from its last rows once it is filled in. */
  readonly livePicks: ((pick: LivePickView) => Promise<PickItem | undefined>)[] = [];
  /** Every live pick's rows as shown, one list of lists per pick. */
  readonly liveShown: (readonly PickItem[])[][] = [];

  async pickLive<T extends PickItem>(
    items: readonly T[],
    o: { title: string; fill: LiveFill<T> },
  ): Promise<T | undefined> {
    this.pickTitles.push(o.title);
    const shown: T[][] = [[...items]];
    this.liveShown.push(shown);
    const closed = new AbortController();
    const settled = o
      .fill((next) => {
        if (!closed.signal.aborted) shown.push([...next]);
      }, closed.signal)
      .catch(() => undefined);
    const rows = (): readonly T[] => shown[shown.length - 1];
    try {
      const live = this.livePicks.shift();
      if (live) return (await live({ shown, rows, settled })) as T | undefined;
      await settled;
      const chooser = this.picks.shift();
      if (!chooser) throw new Error(`unexpected quick pick: ${o.title}`);
      return chooser(rows()) as T | undefined;
    } finally {
      closed.abort();
    }
  }

  /** Choosers for multi-select picks, in order; when empty, `picks` chooses one item. */
  readonly manyPicks: ((items: readonly PickItem[]) => readonly PickItem[] | undefined)[] = [];

  async pickMany<T extends PickItem>(items: readonly T[], o: { title: string }): Promise<readonly T[] | undefined> {
    const many = this.manyPicks.shift();
    if (many) {
      this.pickTitles.push(o.title);
      return many(items) as readonly T[] | undefined;
    }
    const one = await this.pick(items, o);
    return one ? [one] : undefined;
  }

  async info(message: string, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({ level: 'info', message, actions });
    return undefined;
  }

  async warn(message: string, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({ level: 'warn', message, actions });
    return undefined;
  }

  async error(message: string, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({ level: 'error', message, actions });
    return this.errorChoices.shift();
  }

  async confirm(message: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined> {
    this.confirmations.push({ message, detail, buttons });
    if (this.confirmChoices.length === 0) throw new Error(`unexpected modal: ${message}`);
    return this.confirmChoices.shift();
  }

  async progress<T>(
    title: string,
    task: (report: (r: ProgressReport) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    this.progressTitles.push(title);
    const controller = new AbortController();
    return task((r) => {
      this.reports.push(r);
      if (this.cancelWhen(r)) controller.abort();
    }, controller.signal);
  }

  async copy(text: string): Promise<void> {
    this.clipboard = text;
  }

  async pickFolder(): Promise<vscode.Uri | undefined> {
    return this.pickedFolder;
  }

  async saveDialog(_title: string, defaultUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    this.saveDialogDefaults.push(defaultUri);
    return this.saveTargets.shift();
  }

  async openFile(uri: vscode.Uri): Promise<void> {
    this.opened.push(uri);
  }

  async reveal(uri: vscode.Uri): Promise<void> {
    this.revealed.push(uri);
  }

  async openSettings(query: string): Promise<void> {
    this.settingsOpened.push(query);
  }

  /** The context keys set, as VS Code would hold them. */
  readonly contexts = new Map<string, boolean>();

  setContext(key: string, value: boolean): void {
    this.contexts.set(key, value);
  }

  messages(level?: Shown['level']): string[] {
    return this.shown.filter((s) => !level || s.level === level).map((s) => s.message);
  }
}
