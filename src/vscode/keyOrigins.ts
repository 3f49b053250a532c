// The origins the API key may be sent to: GeekAI's own, the one of the base URL in the user's
// own settings, and those the user allowed in a modal naming the host (kept in global state,
// with the key's lifetime: Set API Key binds a new key to the user's origin, Clear forgets them).
// A base URL from a workspace or folder setting, which a cloned repository can commit, gets the
// key only once the user said Send for its origin.
import { l10n } from 'vscode';
import { ImageError } from '../core/errors';
import { DEFAULT_SETTINGS } from '../core/job/settings';
import { shownText } from '../core/text/shownText';
import type { MementoLike } from './durableJobStore';
import type { Ui } from './ports';

/** Global state key of the approved origins (a list of `scheme://host[:port]`). */
export const KEY_ORIGINS_KEY = 'geekaiImage.keyOrigins';

/** One "Don't send" answers every job that asks within this time (a batch asks all at once). */
export const DECLINE_HOLDS_MS = 2000;

/** `https://api.example.com` for any http(s) URL; undefined for anything else. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(origin: string): string {
  return new URL(origin).host;
}

/** The refusal a job stops with: nothing was sent. */
export function originNotApproved(origin: string): ImageError<'auth'> {
  return new ImageError('auth', `the key is not sent to ${origin}: not a base URL the user allowed`, {
    reason: 'originNotApproved',
    params: { origin, host: hostOf(origin) },
  });
}

export class KeyOrigins {
  /** One modal per origin at a time: jobs asking together share its answer. */
  private readonly asking = new Map<string, Promise<boolean>>();
  private readonly declined = new Map<string, number>();
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly memento: MementoLike,
    private readonly userBaseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called after the approved origins changed (the MCP server's definition follows them). */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The origins the user allowed, as stored (anything unreadable is ignored). */
  approved(): string[] {
    const stored = this.memento.get(KEY_ORIGINS_KEY);
    if (!Array.isArray(stored)) return [];
    return stored.filter((o): o is string => typeof o === 'string' && originOf(o) === o);
  }

  /** Whether the key may go to `baseUrl` without asking. */
  allows(baseUrl: string): boolean {
    const origin = originOf(baseUrl);
    if (origin === undefined) return false;
    return (
      origin === originOf(DEFAULT_SETTINGS.baseUrl) ||
      origin === originOf(this.userBaseUrl()) ||
      this.approved().includes(origin)
    );
  }

  /**
   * True when the key may go to `baseUrl`: already allowed, or the user pressed Send in a modal
   * naming its host (remembered for the origin). A non-http(s) URL is never allowed.
   */
  async confirm(baseUrl: string, ui: Ui): Promise<boolean> {
    if (this.allows(baseUrl)) return true;
    const origin = originOf(baseUrl);
    if (origin === undefined) return false;
    const declinedAt = this.declined.get(origin);
    if (declinedAt !== undefined && this.now() - declinedAt < DECLINE_HOLDS_MS) return false;
    let answer = this.asking.get(origin);
    if (!answer) {
      answer = this.ask(origin, ui).finally(() => this.asking.delete(origin));
      this.asking.set(origin, answer);
    }
    return answer;
  }

  /** A new key: it goes to GeekAI and the user's own base URL, nowhere else until asked again. */
  async bindToUserOrigin(): Promise<void> {
    this.declined.clear();
    const user = originOf(this.userBaseUrl());
    await this.store(user === undefined ? undefined : [user]);
  }

  /** The key is gone: so is every approval. */
  async forget(): Promise<void> {
    this.declined.clear();
    await this.store(undefined);
  }

  private async store(origins: string[] | undefined): Promise<void> {
    await this.memento.update(KEY_ORIGINS_KEY, origins);
    for (const l of this.listeners) l();
  }

  private async ask(origin: string, ui: Ui): Promise<boolean> {
    const send = l10n.t('Send');
    const picked = await ui.confirm(
      // Taken from a workspace's setting: shown as text (a URL's host and origin hold no link syntax, but the sink decides that).
      l10n.t('Send your GeekAI key to {0}?', shownText(hostOf(origin))),
      l10n.t(
        "The base URL {0} comes from this workspace's settings, not from your user settings. A repository can set it to collect API keys: send the key only if you trust this server. Your answer for {0} is kept until you clear the API key.",
        shownText(origin),
      ),
      send,
      l10n.t("Don't send"),
    );
    if (picked !== send) {
      this.declined.set(origin, this.now());
      return false;
    }
    // Re-read: another window (or job) may have added one meanwhile.
    const approved = this.approved();
    if (!approved.includes(origin)) await this.store([...approved, origin]);
    return true;
  }
}
