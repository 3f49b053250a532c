// The API key lives in SecretStorage only; GEEKAI_API_KEY in the environment is a fallback. The
// key leaves this class only through `keyFor(baseUrl)`, which hands it out for origins the key
// may go to (see KeyOrigins): every request that carries it asks here first. The balance key
// (GeekAI's separate system key, optional) follows the same rules: SecretStorage only, never
// logged or shown (it is in the session's `secrets`), forgotten by Clear, and handed out only through
// `balanceKeyFor(baseUrl)` for GeekAI's balance origin (or a loopback test server's, see balance.ts).
import { l10n } from 'vscode';
import { apiBaseUrl } from '../core/validateInput';
import { GEEKAI_BALANCE_URL, balanceUrlFor } from '../core/apis/balance';
import { DEFAULT_SETTINGS } from '../core/job/settings';
import type { MementoLike } from './durableJobStore';
import { KeyOrigins, originNotApproved, originOf } from './keyOrigins';
import type { SecretStore, Ui } from './ports';
import { Secrets } from '../core/text/secrets';

const SECRET_KEY = 'geekaiImage.apiKey';
const BALANCE_SECRET_KEY = 'geekaiImage.balanceKey';

export function validateKey(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Paste your GeekAI API key.');
  if (/\s/.test(v)) return l10n.t('An API key has no spaces.');
  if (v.length > 512) return l10n.t('That is too long to be an API key.');
  return undefined;
}

function validateBalanceKey(value: string): string | undefined {
  return value.trim() ? validateKey(value) : l10n.t('Paste your GeekAI system key.');
}

/** A Memento kept in memory, for hosts (tests) that hand in none. */
class MemoryMemento implements MementoLike {
  private readonly map = new Map<string, unknown>();
  get(key: string): unknown {
    return this.map.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, value);
  }
}

export interface KeyOriginOptions {
  /** Where approved origins are kept (the extension's global state). */
  approvals?: MementoLike;
  /** The base URL in the user's own settings: its origin may always have the key. */
  userBaseUrl?: () => string;
  now?: () => number;
  /** The session's holder of what is never shown, which every key read here joins; a new one when absent. */
  secrets?: Secrets;
}

/** How `keyFor` may involve the user. */
export interface KeyRequest {
  /** Given: a base URL not yet allowed is confirmed in a modal. Absent: it is refused silently. */
  ui?: Ui;
  /** With `ui`: ask for a key when none is stored. */
  promptForKey?: boolean;
}

export class KeyStore {
  /** Every key seen this session (and whatever else the session holds), so logs and messages can be scrubbed of all of them. */
  readonly secrets: Secrets;
  readonly origins: KeyOrigins;

  constructor(
    private readonly store: SecretStore,
    private readonly env: Record<string, string | undefined> = process.env,
    o: KeyOriginOptions = {},
  ) {
    this.secrets = o.secrets ?? new Secrets();
    this.secrets.add(env.GEEKAI_API_KEY?.trim() || undefined);
    this.origins = new KeyOrigins(
      o.approvals ?? new MemoryMemento(),
      o.userBaseUrl ?? (() => DEFAULT_SETTINGS.baseUrl),
      o.now,
    );
  }

  /** Whether a key is stored or in the environment (it is not handed out here). */
  async hasKey(): Promise<boolean> {
    return (await this.stored()) !== undefined;
  }

  /**
   * The key for a request to `baseUrl`: undefined when there is none; an `auth`/`originNotApproved`
   * ImageError when the key may not go there (nothing is sent). The environment's key is bound like
   * an entered one: to GeekAI, the user's own base URL and the origins the user allowed.
   */
  async keyFor(baseUrl: string, r: KeyRequest = {}): Promise<string | undefined> {
    apiBaseUrl(baseUrl);
    let key = await this.stored();
    if (key === undefined && r.ui && r.promptForKey) {
      key = await this.prompt(
        r.ui,
        l10n.t('A GeekAI API key is needed before the first image. Paste it here; it is kept in secret storage.'),
      );
    }
    if (key === undefined) return undefined;
    const allowed = r.ui ? await this.origins.confirm(baseUrl, r.ui) : this.origins.allows(baseUrl);
    if (!allowed) throw originNotApproved(originOf(baseUrl) ?? baseUrl);
    return key;
  }

  /** Stores a new key, bound to the user's own base URL (earlier approvals are forgotten). */
  async set(key: string): Promise<void> {
    const k = key.trim();
    this.secrets.add(k);
    await this.store.store(SECRET_KEY, k);
    await this.origins.bindToUserOrigin();
  }

  /** Removes the key, the balance key and every origin the key was allowed to go to. */
  async clear(): Promise<void> {
    await this.store.delete(SECRET_KEY);
    await this.store.delete(BALANCE_SECRET_KEY);
    await this.origins.forget();
  }

  async hasBalanceKey(): Promise<boolean> {
    return (await this.storedBalanceKey()) !== undefined;
  }

  /**
   * The balance key for asking the balance with `baseUrl` in use: only for GeekAI's balance
   * origin, or for a loopback base URL (a test server) the API key may go to; else undefined.
   */
  async balanceKeyFor(baseUrl: string): Promise<string | undefined> {
    const url = balanceUrlFor(baseUrl);
    if (url !== GEEKAI_BALANCE_URL && !this.origins.allows(baseUrl)) return undefined;
    return this.storedBalanceKey();
  }

  /** Asks for the balance key and stores it; undefined when the user dismissed the box. */
  async promptBalanceKey(ui: Ui): Promise<string | undefined> {
    const value = await ui.input({
      title: l10n.t('GeekAI Image: Set Balance Key'),
      prompt: l10n.t(
        "Your GeekAI system key (not the API key), used only to read your balance from geekai.co. It is kept in VS Code's secret storage.",
      ),
      placeHolder: 'sys-…',
      password: true,
      validate: validateBalanceKey,
    });
    if (value === undefined || validateBalanceKey(value)) return undefined;
    const k = value.trim();
    this.secrets.add(k);
    await this.store.store(BALANCE_SECRET_KEY, k);
    return k;
  }

  private async storedBalanceKey(): Promise<string | undefined> {
    const key = (await this.store.get(BALANCE_SECRET_KEY))?.trim() || undefined;
    if (key) this.secrets.add(key);
    return key;
  }

  /** Asks for a key and stores it; undefined when the user dismissed the box. */
  async prompt(ui: Ui, reason?: string): Promise<string | undefined> {
    const value = await ui.input({
      title: l10n.t('GeekAI Image: Set API Key'),
      prompt: reason ?? l10n.t("Your GeekAI API key. It is kept in VS Code's secret storage, never in settings."),
      placeHolder: 'sk-…',
      password: true,
      validate: validateKey,
    });
    if (value === undefined || validateKey(value)) return undefined;
    await this.set(value);
    return value.trim();
  }

  private async stored(): Promise<string | undefined> {
    const stored = (await this.store.get(SECRET_KEY))?.trim();
    const key = stored || this.env.GEEKAI_API_KEY?.trim() || undefined;
    if (key) this.secrets.add(key);
    return key;
  }
}
