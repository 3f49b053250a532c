// What must never be shown or logged: the API key, the balance key, proxy credentials. One holder
// is made where they are read (the extension's KeyStore, the MCP server's entry; a job or request
// makes its own only when handed none) and passed on by reference, so everything redacted with it
// loses every secret known by then, including one learnt after the holder was handed out.

/** Shorter values would blank ordinary words wherever they appear, so they are not held. */
const MIN_SECRET = 4;

export class Secrets {
  private readonly known = new Set<string>();

  constructor(...values: readonly (string | undefined)[]) {
    for (const v of values) this.add(v);
  }

  /** Holds `value` from now on (undefined, and values under four characters, are not held). */
  add(value: string | undefined): void {
    if (value !== undefined && value.length >= MIN_SECRET) this.known.add(value);
  }

  /** `text` with every secret held replaced by `***`, the longest first (so one inside another is not left half shown). */
  hide(text: string): string {
    let out = text;
    for (const s of [...this.known].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    return out;
  }
}

/** `holder`, now holding `value` too; a holder of `value` alone when there is none. */
export function withSecret(holder: Secrets | undefined, value: string | undefined): Secrets {
  const s = holder ?? new Secrets();
  s.add(value);
  return s;
}
