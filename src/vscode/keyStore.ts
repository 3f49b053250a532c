// The API key lives in SecretStorage only; GEEKAI_API_KEY in the environment is a fallback.
import { l10n } from 'vscode';
import type { SecretStore, Ui } from './ports';

const SECRET_KEY = 'geekaiImage.apiKey';

export function validateKey(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Paste your GeekAI API key.');
  if (/\s/.test(v)) return l10n.t('An API key has no spaces.');
  if (v.length > 512) return l10n.t('That is too long to be an API key.');
  return undefined;
}

export class KeyStore {
  /** Every key seen this session, so logs and messages can be scrubbed of all of them. */
  private readonly known = new Set<string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {
    const fromEnv = env.GEEKAI_API_KEY?.trim();
    if (fromEnv) this.known.add(fromEnv);
  }

  knownSecrets(): string[] {
    return [...this.known];
  }

  async get(): Promise<string | undefined> {
    const stored = (await this.secrets.get(SECRET_KEY))?.trim();
    const key = stored || this.env.GEEKAI_API_KEY?.trim() || undefined;
    if (key) this.known.add(key);
    return key;
  }

  async set(key: string): Promise<void> {
    const k = key.trim();
    this.known.add(k);
    await this.secrets.store(SECRET_KEY, k);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  /** Asks for a key and stores it; undefined when the user dismissed the box. */
  async prompt(ui: Ui, reason?: string): Promise<string | undefined> {
    const value = await ui.input({
      title: l10n.t('GeekAI Image: Set API Key'),
      prompt: reason ?? l10n.t('Your GeekAI API key. It is kept in VS Code\'s secret storage, never in settings.'),
      placeHolder: 'sk-…',
      password: true,
      validate: validateKey,
    });
    if (value === undefined || validateKey(value)) return undefined;
    await this.set(value);
    return value.trim();
  }

  /** The key, asking for it first when there is none. */
  async require(ui: Ui): Promise<string | undefined> {
    return (await this.get()) ?? this.prompt(ui, l10n.t('A GeekAI API key is needed before the first image. Paste it here; it is kept in secret storage.'));
  }
}
