// The agent tools' sentences are written once and shown by two front ends: VS Code passes its
// `l10n` (so they are translated), the MCP server passes `englishL10n`.

export type L10nArg = string | number | boolean;

/** The slice of `vscode.l10n` the tools use; `{0}`, `{1}` … are replaced by the arguments. */
export interface Translator {
  t(message: string, ...args: L10nArg[]): string;
}

/** English as written, with VS Code's `{n}` placeholders filled in. */
export const englishL10n: Translator = {
  t: (message, ...args) =>
    message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole)),
};
