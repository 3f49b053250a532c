// The Markdown providers (hover, code actions, CodeLens), one entry each. The entry point
// registers a stand-in per entry at activation: a cheap look at the text decides whether there
// can be anything to offer, and only then is the engine loaded to answer. The engine hands back
// the real provider under the same name (`MarkdownProviders`, so an entry without one does not
// compile). Small and parse-free: it is bundled into dist/extension.js.
import * as vscode from 'vscode';
import {
  IMAGE_DOCUMENT_LANGUAGE_IDS,
  MAY_HOLD_IMAGE,
  OTHER_LANGUAGE_EXTENSIONS,
} from './core/documents/documentExtensions';
import { isMd045, mayHavePlaceholder, mayMissAlt } from './core/text/markdownHints';

/** The languages the providers answer for (package.json activates on each: `onLanguage:`). */
export const MARKDOWN_LANGUAGE = 'markdown';

/** The kind of the image-link actions (refactor.rewrite.geekaiImage), offered in the lightbulb's refactorings. */
export const linkedImageActionKind = (): vscode.CodeActionKind =>
  vscode.CodeActionKind.RefactorRewrite.append('geekaiImage');

/** One provider's stand-in: registered at activation, asking `real()` only when worth it. */
export interface StandIn<P> {
  language: string;
  register(real: () => P): vscode.Disposable;
}

// Markdown first (package.json activates on it), then every other language that takes images, by
// id and by file extension (a `.adoc` without an AsciiDoc extension installed is plain text).
function selector(language: string): vscode.DocumentSelector {
  const others = IMAGE_DOCUMENT_LANGUAGE_IDS.filter((id) => id !== language).map((id) => ({ language: id }));
  return [{ language }, ...others, { pattern: `**/*.{${OTHER_LANGUAGE_EXTENSIONS.join(',')}}` }];
}

function hover(
  worthAsking: (document: vscode.TextDocument, position: vscode.Position) => boolean,
  language = MARKDOWN_LANGUAGE,
): StandIn<vscode.HoverProvider> {
  return {
    language,
    register: (real) =>
      vscode.languages.registerHoverProvider(selector(language), {
        provideHover: (document, position, token) =>
          worthAsking(document, position) ? real().provideHover(document, position, token) : undefined,
      }),
  };
}

function codeActions(
  kinds: () => vscode.CodeActionKind[],
  worthAsking: (
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ) => boolean,
  language = MARKDOWN_LANGUAGE,
): StandIn<vscode.CodeActionProvider> {
  return {
    language,
    register: (real) =>
      vscode.languages.registerCodeActionsProvider(
        selector(language),
        {
          provideCodeActions: (document, range, context, token) =>
            worthAsking(document, range, context)
              ? real().provideCodeActions(document, range, context, token)
              : undefined,
        },
        { providedCodeActionKinds: kinds() },
      ),
  };
}

function codeLenses(
  worthAsking: (document: vscode.TextDocument) => boolean,
  language = MARKDOWN_LANGUAGE,
): StandIn<vscode.CodeLensProvider> {
  return {
    language,
    register: (real) =>
      vscode.languages.registerCodeLensProvider(selector(language), {
        provideCodeLenses: (document, token) =>
          worthAsking(document) ? real().provideCodeLenses(document, token) : [],
      }),
  };
}

// A directive's options or a figure's lines sit below the line that names the image: look one line up too.
const onImageLinkLine = (document: vscode.TextDocument, line: number): boolean =>
  MAY_HOLD_IMAGE.test(document.lineAt(line).text) || (line > 0 && MAY_HOLD_IMAGE.test(document.lineAt(line - 1).text));

/** Every Markdown provider, by the name the engine answers to. */
export const MARKDOWN_PROVIDERS = {
  /** "Write alt text" on links without alt text (src/vscode/altTextActions.ts), also on markdownlint's MD045. */
  altText: codeActions(
    () => [vscode.CodeActionKind.QuickFix],
    (document, range, context) =>
      mayMissAlt(document.getText(new vscode.Range(range.start.line, 0, range.end.line + 1, 0))) ||
      (document.languageId !== 'markdown' &&
        MAY_HOLD_IMAGE.test(document.getText(new vscode.Range(range.start.line, 0, range.end.line + 1, 0)))) ||
      context.diagnostics.some((d) => isMd045(d.code, d.message)),
  ),
  /** The hover over an image link (src/vscode/linkedImageHover.ts): only a line holding `![` is worth loading the engine for. */
  linkedImageHover: hover((document, position) => onImageLinkLine(document, position.line)),
  /** The actions on the image link at the cursor (src/vscode/linkedImageActions.ts). */
  linkedImageActions: codeActions(
    () => [linkedImageActionKind()],
    (document, range) => range.start.line === range.end.line && onImageLinkLine(document, range.start.line),
  ),
  /** "Generate image" above each placeholder (src/vscode/placeholderLenses.ts). */
  placeholderLenses: codeLenses((document) => mayHavePlaceholder(document.getText())),
};

type ProviderOf<S> = S extends StandIn<infer P> ? P : never;

/** What the engine returns for the table: the real provider for every entry. */
export type MarkdownProviders = { [N in keyof typeof MARKDOWN_PROVIDERS]: ProviderOf<(typeof MARKDOWN_PROVIDERS)[N]> };

const TABLE: { [N in keyof MarkdownProviders]: StandIn<MarkdownProviders[N]> } = MARKDOWN_PROVIDERS;

function standIn<N extends keyof MarkdownProviders>(name: N, load: () => MarkdownProviders): vscode.Disposable {
  return TABLE[name].register(() => load()[name]);
}

/** A stand-in for every provider in the table; `load` loads the engine (once) and gives its providers. */
export function markdownStandIns(load: () => MarkdownProviders): vscode.Disposable[] {
  return (Object.keys(TABLE) as (keyof MarkdownProviders)[]).map((name) => standIn(name, load));
}
