// ESLint rule `local/shown-text`: text from outside reaches a place VS Code renders only through
// `shownText()` (src/core/text/shownText.ts). VS Code makes links of `[x](command:…)` in
// notifications, progress messages and input prompts, icons of `$(x)` in quick picks and the
// status bar, and links, images and HTML of a MarkdownString's text; any string a server, a model,
// a file or a setting supplies could carry them.
//
// How: at every place text is shown (the Ui and Problems ports, VS Code's message, quick pick,
// input box, progress, status bar, diagnostic, MarkdownString and tool-confirmation APIs) the
// rule follows the value back through the TypeScript program and accepts it only when every
// source is one of: a literal; a number, boolean or literal-typed value; `shownText(…)`
// (`shownText(…, 'markdown')` where the text is Markdown); `l10n.t('literal', …)` whose
// arguments are accepted in turn; or a combination (`?:`, `??`, `+`, templates, `.join()` of an
// accepted array) of those. It follows constants, `let` assignments, the return values of the
// project's own functions, `.map()` callbacks, `.push()` onto a local array, and a parameter back
// to every call in src/ (a function passed around as a value is not followed). Anything else,
// a property read from an object or a parameter of a callback, is reported where it is shown.
import ts from 'typescript';

/** @typedef {{ kind: 'text', surface: 'plain' | 'markdown' | 'chatText' }} TextWant */
/** @typedef {{ kind: 'object', props: Record<string, Want>, orText?: TextWant }} ObjectWant */
/** @typedef {{ kind: 'array', of: Want }} ArrayWant */
/** @typedef {TextWant | ObjectWant | ArrayWant} Want */

const plain = { kind: 'text', surface: 'plain' };
const markdown = { kind: 'text', surface: 'markdown' };
const chatText = { kind: 'text', surface: 'chatText' };
const obj = (props, orText) => ({ kind: 'object', props, orText });
const arr = (of) => ({ kind: 'array', of });

const VSCODE = '@types/vscode/index.d.ts';
const PORTS = 'src/vscode/ports.ts';

// Interfaces whose text properties are shown, by the file that declares them.
const PICK_ITEM = obj({ label: plain, description: plain, detail: plain });
const COMMAND = obj({ title: plain, tooltip: plain });
// Chat renders a confirmation's string message as Markdown, and appends its title, the running
// message and a progress step to Markdown as text (MarkdownString.appendText).
const CONFIRMATION = obj({ title: chatText, message: markdown });
const INTERFACES = {
  [`${PORTS}#PickItem`]: PICK_ITEM,
  [`${PORTS}#ProgressReport`]: obj({ message: plain }),
  [`${PORTS}#InputOptions`]: obj({ title: plain, prompt: plain, placeHolder: plain }),
  [`${PORTS}#DocumentProblem`]: obj({ message: plain }),
  ['src/vscode/jobList.ts#StatusItem']: obj({ text: plain, tooltip: plain }),
  ['src/vscode/agent/imageTool.ts#ToolProgressStep']: obj({ message: chatText }),
  [`${VSCODE}#QuickPickItem`]: PICK_ITEM,
  [`${VSCODE}#QuickPickOptions`]: obj({ title: plain, placeHolder: plain }),
  [`${VSCODE}#InputBoxOptions`]: obj({ title: plain, prompt: plain, placeHolder: plain }),
  [`${VSCODE}#ProgressOptions`]: obj({ title: plain }),
  [`${VSCODE}#MessageOptions`]: obj({ detail: plain }),
  [`${VSCODE}#StatusBarItem`]: obj({ text: plain, tooltip: plain, name: plain }),
  [`${VSCODE}#TreeItem`]: obj({ label: plain, description: plain, tooltip: plain }),
  [`${VSCODE}#Diagnostic`]: obj({ message: plain }),
  [`${VSCODE}#DiagnosticRelatedInformation`]: obj({ message: plain }),
  [`${VSCODE}#Command`]: COMMAND,
  [`${VSCODE}#CodeAction`]: obj({ title: plain, command: COMMAND }),
  [`${VSCODE}#PreparedToolInvocation`]: obj({ invocationMessage: chatText, confirmationMessages: CONFIRMATION }),
  [`${VSCODE}#LanguageModelToolConfirmationMessages`]: CONFIRMATION,
};

// Functions and methods whose string arguments are shown: argument index → what it must be
// (`rest` for every argument from that index on: a message's buttons).
const PICK_OPTIONS = obj({ title: plain, placeHolder: plain });
const CALLS = {
  [`${PORTS}#Ui.info`]: { 0: plain, rest: [1, plain] },
  [`${PORTS}#Ui.warn`]: { 0: plain, rest: [1, plain] },
  [`${PORTS}#Ui.error`]: { 0: plain, rest: [1, plain] },
  [`${PORTS}#Ui.confirm`]: { 0: plain, 1: plain, rest: [2, plain] },
  [`${PORTS}#Ui.progress`]: { 0: plain },
  [`${PORTS}#Ui.pick`]: { 0: arr(PICK_ITEM), 1: PICK_OPTIONS },
  [`${PORTS}#Ui.pickMany`]: { 0: arr(PICK_ITEM), 1: PICK_OPTIONS },
  [`${PORTS}#Ui.pickFolder`]: { 0: plain },
  [`${PORTS}#Ui.saveDialog`]: { 0: plain },
  [`${PORTS}#ProblemsPort.set`]: { 1: arr(INTERFACES[`${PORTS}#DocumentProblem`]) },
  [`${VSCODE}#window.showInformationMessage`]: { 0: plain, rest: [1, plain] },
  [`${VSCODE}#window.showWarningMessage`]: { 0: plain, rest: [1, plain] },
  [`${VSCODE}#window.showErrorMessage`]: { 0: plain, rest: [1, plain] },
  [`${VSCODE}#window.showQuickPick`]: { 0: arr(obj(PICK_ITEM.props, plain)) },
  [`${VSCODE}#window.setStatusBarMessage`]: { 0: plain },
  [`${VSCODE}#window.createWebviewPanel`]: { 1: plain },
  [`${VSCODE}#Progress.report`]: { 0: obj({ message: plain }) },
  [`${VSCODE}#MarkdownString.constructor`]: { 0: markdown },
  [`${VSCODE}#MarkdownString.appendMarkdown`]: { 0: markdown },
  [`${VSCODE}#Hover.constructor`]: { 0: markdown },
  [`${VSCODE}#Diagnostic.constructor`]: { 1: plain },
  [`${VSCODE}#DiagnosticRelatedInformation.constructor`]: { 1: plain },
  [`${VSCODE}#TreeItem.constructor`]: { 0: plain },
  [`${VSCODE}#CodeAction.constructor`]: { 0: plain },
};

const SINK = 'src/core/text/shownText.ts#shownText';
const SAME_TEXT_METHODS = new Set([
  'toUpperCase',
  'toLowerCase',
  'toLocaleUpperCase',
  'toLocaleLowerCase',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'padStart',
  'padEnd',
  'toString',
]);
const MAX_DEPTH = 40;
const NOT_A_VARIABLE = Symbol('not a variable');
const SAFE_FLAGS =
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.StringLiteral |
  ts.TypeFlags.EnumLiteral |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Null |
  ts.TypeFlags.Void |
  ts.TypeFlags.Never;

const posix = (p) => p.replace(/\\/g, '/');

/** Per program: every identifier of the project's own files, by name (for a function's calls). */
const identifierIndex = new WeakMap();

function identifiersNamed(program, name, isOwn) {
  let index = identifierIndex.get(program);
  if (!index) {
    index = new Map();
    for (const file of program.getSourceFiles()) {
      if (file.isDeclarationFile || !isOwn(file.fileName)) continue;
      const visit = (n) => {
        if (ts.isIdentifier(n)) {
          const list = index.get(n.text);
          if (list) list.push(n);
          else index.set(n.text, [n]);
        }
        ts.forEachChild(n, visit);
      };
      visit(file);
    }
    identifierIndex.set(program, index);
  }
  return index.get(name) ?? [];
}

function wantKey(w) {
  if (w.kind === 'text') return w.surface;
  if (w.kind === 'array') return `[${wantKey(w.of)}]`;
  return `{${Object.entries(w.props)
    .map(([k, v]) => `${k}:${wantKey(v)}`)
    .join(',')}}`;
}

function createAnalysis(program, root) {
  const checker = program.getTypeChecker();
  const rel = (fileName) => posix(fileName).replace(`${posix(root)}/`, '');
  const isOwn = (fileName) => {
    const r = rel(fileName);
    return !r.includes('node_modules/') && (r.startsWith('src/') || r.startsWith('shared/'));
  };
  const isProject = (fileName) => !posix(fileName).includes('/node_modules/');

  /** `file#Container.name` of a declaration, the file relative to the root (vscode's by package). */
  function declKey(decl) {
    const file = posix(decl.getSourceFile().fileName);
    const where = file.endsWith(VSCODE) ? VSCODE : rel(file);
    const names = [];
    for (let n = decl; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isConstructorDeclaration(n)) names.unshift('constructor');
      else if (n.name && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name))) {
        if (ts.isModuleDeclaration(n) && n.name.text === 'vscode') break;
        names.unshift(n.name.text);
      }
    }
    return `${where}#${names.join('.')}`;
  }

  function symbolOf(node) {
    let s = checker.getSymbolAtLocation(node);
    if (s && s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
    return s;
  }

  function typeIsSafe(type) {
    if (type.isUnion()) return type.types.every(typeIsSafe);
    if (type.flags & SAFE_FLAGS) return true;
    // A MarkdownString object was checked where it was made.
    const s = type.getSymbol();
    return (
      !!s &&
      s.name === 'MarkdownString' &&
      (s.declarations ?? []).some((d) => declKey(d) === `${VSCODE}#MarkdownString`)
    );
  }

  /** What an interface (or one it extends) shows, if it is one of INTERFACES. */
  function interfaceWant(type, depth = 0) {
    if (depth > 5 || !type) return undefined;
    const s = type.aliasSymbol ?? type.getSymbol();
    for (const d of s?.declarations ?? []) {
      const w = INTERFACES[declKey(d)];
      if (w) return w;
    }
    if (
      type.isClassOrInterface?.() ||
      (type.flags & ts.TypeFlags.Object && type.objectFlags & (ts.ObjectFlags.Interface | ts.ObjectFlags.Class))
    ) {
      for (const base of checker.getBaseTypes(type) ?? []) {
        const w = interfaceWant(base, depth + 1);
        if (w) return w;
      }
    }
    return undefined;
  }

  /** The want for a value of `type`: an INTERFACES object, an array of one, a Promise of one. */
  function wantOfType(type, depth = 0) {
    if (!type || depth > 5) return undefined;
    if (type.isUnion()) {
      for (const t of type.types) {
        const w = wantOfType(t, depth + 1);
        if (w) return w;
      }
      return undefined;
    }
    if (type.flags & ts.TypeFlags.TypeParameter) return wantOfType(checker.getBaseConstraintOfType(type), depth + 1);
    const direct = interfaceWant(type);
    if (direct) return direct;
    const name = type.getSymbol()?.name;
    const args = type.flags & ts.TypeFlags.Object ? (checker.getTypeArguments?.(type) ?? []) : [];
    if ((name === 'Array' || name === 'ReadonlyArray') && args[0]) {
      const of = wantOfType(args[0], depth + 1);
      return of ? arr(of) : undefined;
    }
    if ((name === 'Promise' || name === 'Thenable' || name === 'PromiseLike') && args[0])
      return wantOfType(args[0], depth + 1);
    return undefined;
  }

  function skipOuter(e) {
    while (
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isTypeAssertionExpression(e) ||
      ts.isSatisfiesExpression(e) ||
      ts.isAwaitExpression(e)
    ) {
      e = e.expression;
    }
    return e;
  }

  function where(n) {
    const file = n.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(n.getStart());
    const text = n.getText().replace(/\s+/g, ' ');
    return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\` (${rel(file.fileName)}:${line + 1})`;
  }

  /** The function (declaration or expression) a call's callee names, when it is the project's own. */
  function calledFunction(callee) {
    const s = symbolOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    const d = s?.valueDeclaration ?? s?.declarations?.[0];
    if (!d || !isProject(d.getSourceFile().fileName) || d.getSourceFile().isDeclarationFile) return undefined;
    if (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ts.isFunctionExpression(d) || ts.isArrowFunction(d))
      return d;
    if ((ts.isVariableDeclaration(d) || ts.isPropertyAssignment(d)) && d.initializer) {
      const init = skipOuter(d.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return undefined;
  }

  /** The array whose items `param` receives, when `fn` is the callback of `xs.map` (`forEach`, `filter`…). */
  function itemsCalledBack(fn, param) {
    if (fn.parameters[0] !== param || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression))
      return undefined;
    const receiver = call.expression.expression;
    const type = checker.getTypeAtLocation(receiver);
    if (!checker.isArrayType(type) && !checker.isTupleType(type) && type.getSymbol()?.name !== 'ReadonlyArray')
      return undefined;
    return ['map', 'flatMap', 'forEach', 'filter', 'find', 'some', 'every', 'findLast'].includes(
      call.expression.name.text,
    )
      ? receiver
      : undefined;
  }

  function returnsOf(fn) {
    if (!fn.body) return [];
    if (!ts.isBlock(fn.body)) return [fn.body];
    const out = [];
    const visit = (n) => {
      if (ts.isFunctionLike(n) && n !== fn) return;
      if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(fn.body, visit);
    return out;
  }

  function isSinkCall(call) {
    const s = symbolOf(ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression);
    return !!s && (s.declarations ?? []).some((d) => declKey(d) === SINK);
  }

  function isL10nT(call) {
    const c = call.expression;
    if (!ts.isPropertyAccessExpression(c) || c.name.text !== 't') return false;
    const target = c.expression;
    return (
      (ts.isIdentifier(target) && target.text === 'l10n') ||
      (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n')
    );
  }

  /** Every value assigned to a variable: its initializer, then `x = …` in its scope. */
  function valuesOfVariable(decl) {
    const out = decl.initializer ? [decl.initializer] : [];
    const list = decl.parent;
    if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return out;
    const sym = symbolOf(decl.name);
    const scope = list.parent?.parent ?? decl.getSourceFile();
    const visit = (n) => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      ) {
        if (ts.isIdentifier(n.left) && symbolOf(n.left) === sym) out.push(n.right);
      }
      ts.forEachChild(n, visit);
    };
    visit(scope);
    return out;
  }

  /** Arguments pushed onto a local array (`xs.push(a, b)`). */
  function pushedOnto(decl) {
    const sym = symbolOf(decl.name);
    const out = [];
    const scope = decl.parent?.parent?.parent ?? decl.getSourceFile();
    const visit = (n) => {
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        ['push', 'unshift'].includes(n.expression.name.text)
      ) {
        const target = skipOuter(n.expression.expression);
        if (ts.isIdentifier(target) && symbolOf(target) === sym) out.push(...n.arguments);
      }
      ts.forEachChild(n, visit);
    };
    visit(scope);
    return out;
  }

  /** The arguments passed for parameter `index` of `fn` at each call in src/, or a reason it cannot be followed. */
  function argumentsFor(fn, index) {
    let nameNode;
    if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) nameNode = fn.name;
    else if (ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn) nameNode = fn.parent.name;
    if (!nameNode || !ts.isIdentifier(nameNode)) return { reason: 'a parameter of a callback' };
    const sym = symbolOf(nameNode);
    const args = [];
    for (const id of identifiersNamed(program, nameNode.text, isOwn)) {
      if (id === nameNode || symbolOf(id) !== sym) continue;
      const p = id.parent;
      if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p)) continue;
      const callee = ts.isPropertyAccessExpression(p) && p.name === id ? p : id;
      const call = callee.parent;
      if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || call.expression !== callee) {
        return { reason: `${nameNode.text} is passed around as a value at ${where(id)}` };
      }
      const list = call.arguments ?? [];
      if (list.slice(0, index + 1).some((a) => ts.isSpreadElement(a)))
        return { reason: `a spread argument at ${where(call)}` };
      if (list[index]) args.push(list[index]);
    }
    return { args };
  }

  /**
   * Why `e` may carry outside text to a place that shows it as `want`, or undefined when every
   * value it can have is accepted.
   */
  function why(e, want, seen = new Set(), depth = 0) {
    if (!e) return undefined;
    // A number, a boolean or a literal type carries no outside text, wherever it came from
    // (checked before `await` is stripped: `await ui.progress(…)` is a number, the call a Promise).
    if (want.kind === 'text' && typeIsSafe(checker.getTypeAtLocation(e))) return undefined;
    e = skipOuter(e);
    const key = `${e.getSourceFile().fileName}:${e.pos}:${e.end}:${wantKey(want)}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (process.env.SHOWN_DEBUG) console.log('  '.repeat(depth) + wantKey(want) + ' ' + where(e));
    if (depth > MAX_DEPTH) return `${where(e)} is too far from its source to follow`;
    const next = (n, w = want) => why(n, w, seen, depth + 1);
    const all = (nodes, w = want) => {
      for (const n of nodes) {
        const r = next(n, w);
        if (r) return r;
      }
      return undefined;
    };

    if (ts.isConditionalExpression(e)) return all([e.whenTrue, e.whenFalse]);
    // A number written out (`n.toFixed(2)`, `String(n)`) is digits, whatever the number came from.
    if (
      ts.isCallExpression(e) &&
      ts.isPropertyAccessExpression(e.expression) &&
      ['toFixed', 'toPrecision', 'toString', 'toLocaleString'].includes(e.expression.name.text) &&
      typeIsSafe(checker.getTypeAtLocation(e.expression.expression))
    ) {
      return undefined;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return all([e.left, e.right]);
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) return next(e.right);
      if (op === ts.SyntaxKind.PlusToken && want.kind === 'text') return all([e.left, e.right]);
    }
    if (ts.isIdentifier(e)) {
      if (e.text === 'undefined') return undefined;
      const r = whySymbol(symbolOf(e), e, want, next, all);
      if (r !== NOT_A_VARIABLE) return r;
    }
    if (ts.isCallExpression(e)) {
      if (isSinkCall(e)) {
        if (want.kind !== 'text') return `${where(e)} makes text where an object is shown`;
        const surface = e.arguments[1] ? skipOuter(e.arguments[1]) : undefined;
        const said = surface && ts.isStringLiteralLike(surface) ? surface.text : surface ? '?' : 'plain';
        // Each surface its own: Markdown escapes would show as backslashes in a notification, a
        // plain text's bare URL would be a link in Markdown, and the log's text is not defused at all.
        if (said !== want.surface)
          return `${where(e)} is shown as ${want.surface}: use shownText(…, '${want.surface}')${said === '?' ? '' : `, not '${said}'`}`;
        return undefined;
      }
      if (want.kind === 'text' && isL10nT(e)) {
        const [template, ...args] = e.arguments;
        if (!template || !ts.isStringLiteralLike(skipOuter(template)))
          return `${where(e)} has a template that is not a literal`;
        return all(args);
      }
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        const receiver = callee.expression;
        if (want.kind === 'text' && method === 'join') return joinWhy(receiver, e, want, next);
        // Cutting, trimming or changing the case of accepted text leaves it accepted.
        if (want.kind === 'text' && SAME_TEXT_METHODS.has(method) && isStringy(receiver))
          return next(receiver) ?? all(e.arguments.filter((a) => isStringy(a)));
        if (want.kind === 'array' && ['filter', 'slice', 'sort', 'reverse', 'toSorted', 'toReversed'].includes(method))
          return next(receiver);
        if (want.kind === 'array' && method === 'concat') return next(receiver) ?? all(e.arguments);
        if (want.kind === 'array' && method === 'map' && e.arguments[0]) {
          const cb = skipOuter(e.arguments[0]);
          const fn = ts.isArrowFunction(cb) || ts.isFunctionExpression(cb) ? cb : calledFunction(cb);
          if (!fn) return `${where(cb)} maps with a function that cannot be followed`;
          return all(returnsOf(fn), want.of);
        }
      }
      // A fresh object from VS Code's API: its shown properties are checked where they are set.
      if (want.kind === 'object' && isVscodeApi(callee)) return undefined;
      const fn = calledFunction(callee);
      if (fn) {
        const returns = returnsOf(fn);
        if (returns.length === 0) return `${where(e)} returns nothing that can be followed`;
        return all(returns);
      }
    }

    // `x.p`: the property `p` of every object `x` can be.
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
      if (want.kind === 'text' && typeIsSafe(checker.getTypeAtLocation(e))) return undefined;
      const inner = next(e.expression, obj({ [e.name.text]: want }));
      return inner ? `${where(e)} may be outside text: ${inner}` : undefined;
    }
    if (want.kind === 'text') {
      if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return undefined;
      if (ts.isTemplateExpression(e)) return all(e.templateSpans.map((s) => s.expression));
      if (typeIsSafe(checker.getTypeAtLocation(e))) return undefined;
      return `${where(e)} may be outside text`;
    }
    if (want.kind === 'array') {
      if (ts.isArrayLiteralExpression(e)) {
        for (const el of e.elements) {
          const r = ts.isSpreadElement(el) ? next(el.expression) : next(el, want.of);
          if (r) return r;
        }
        return undefined;
      }
      const type = checker.getTypeAtLocation(e);
      const element = checker.getIndexTypeOfType(type, ts.IndexKind.Number);
      if (element && want.of.kind === 'text' && typeIsSafe(element)) return undefined;
      return `${where(e)} is a list whose items cannot be followed`;
    }
    // An object: only its shown properties matter.
    if (want.orText && typeIsStringy(checker.getTypeAtLocation(e))) return next(e, want.orText);
    if (ts.isObjectLiteralExpression(e)) {
      const nameOf = (p) =>
        p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      for (const [i, p] of e.properties.entries()) {
        if (ts.isSpreadAssignment(p)) {
          // What a later property sets does not come from the spread.
          const later = new Set(e.properties.slice(i + 1).map(nameOf));
          const props = Object.fromEntries(Object.entries(want.props).filter(([k]) => !later.has(k)));
          const r = Object.keys(props).length > 0 ? next(p.expression, { ...want, props }) : undefined;
          if (r) return r;
          continue;
        }
        const name = nameOf(p);
        const w = name === undefined ? undefined : want.props[name];
        if (!w) continue;
        let r;
        if (ts.isPropertyAssignment(p)) r = next(p.initializer, w);
        else if (ts.isShorthandPropertyAssignment(p)) {
          r = whySymbol(checker.getShorthandAssignmentValueSymbol(p), p.name, w, next, all);
          if (r === NOT_A_VARIABLE) r = `${where(p)} cannot be followed`;
        } else if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) r = all(returnsOf(p), w);
        if (r) return r;
      }
      return undefined;
    }
    const type = checker.getTypeAtLocation(e);
    // `JSON.parse(…) as Answer` and the like: no property of `any` can be vouched for.
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return `${where(e)} is untyped outside data`;
    const shown = Object.entries(want.props).filter(([name]) => {
      const prop = type.getProperty(name);
      return prop && !typeIsSafe(checker.getTypeOfSymbolAtLocation(prop, e));
    });
    if (shown.length === 0) return undefined;
    return `${where(e)} is an object whose ${shown.map(([n]) => n).join(', ')} cannot be followed`;
  }

  function isStringy(n) {
    return typeIsStringy(checker.getTypeAtLocation(n));
  }

  function isVscodeApi(callee) {
    const s = symbolOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    return (s?.declarations ?? []).some((d) => posix(d.getSourceFile().fileName).endsWith(VSCODE));
  }

  /** What a variable or parameter named at `e` may hold, or NOT_A_VARIABLE when it is neither. */
  function whySymbol(s, e, want, next, all) {
    const d = s?.valueDeclaration ?? (s?.declarations ?? [])[0];
    if (!d) return NOT_A_VARIABLE;
    if (ts.isVariableDeclaration(d) && ts.isForOfStatement(d.parent?.parent))
      return next(d.parent.parent.expression, arr(want));
    if (ts.isVariableDeclaration(d) && ts.isIdentifier(d.name)) {
      const values = valuesOfVariable(d);
      if (values.length === 0) return `${where(e)} is never given a value`;
      const r = all(values, want);
      if (r || want.kind !== 'array') return r;
      return all(pushedOnto(d), want.of);
    }
    if (ts.isParameter(d) && ts.isIdentifier(d.name)) {
      if (want.kind === 'text' && typeIsSafe(checker.getTypeAtLocation(e))) return undefined;
      const fn = d.parent;
      // `xs.map((x) => …)`: x is an item of xs.
      const list = itemsCalledBack(fn, d);
      if (list) return next(list, arr(want));
      const found = argumentsFor(fn, fn.parameters.indexOf(d));
      if (found.reason) return `${where(e)}: ${found.reason}`;
      return all(d.initializer ? [...found.args, d.initializer] : found.args, want);
    }
    return NOT_A_VARIABLE;
  }

  function typeIsStringy(type) {
    if (type.isUnion()) return type.types.some(typeIsStringy);
    return !!(type.flags & ts.TypeFlags.StringLike);
  }

  /** `xs.join(sep)`: the separator and every item of `xs` are accepted. */
  function joinWhy(receiver, call, want, next) {
    return (call.arguments[0] ? next(call.arguments[0]) : undefined) ?? next(receiver, arr(want));
  }

  /** The shown arguments of a call or `new`: by the function's name, else by the parameter's interface. */
  function sitesOfCall(call) {
    const sig = checker.getResolvedSignature(call);
    const decl = sig?.declaration;
    const out = [];
    if (!decl) return out;
    const byName = CALLS[declKey(decl)];
    const args = call.arguments ?? [];
    const params = decl.parameters ?? [];
    args.forEach((a, i) => {
      // By name first (a message and its buttons), else by the parameter's interface (options objects).
      const named = byName?.[i] ?? (byName?.rest && i >= byName.rest[0] ? byName.rest[1] : undefined);
      if (named) {
        out.push([ts.isSpreadElement(a) ? a.expression : a, ts.isSpreadElement(a) ? arr(named) : named]);
        return;
      }
      const p = params[Math.min(i, params.length - 1)];
      if (!p || ts.isSpreadElement(a)) return;
      const w = wantOfType(p.type ? checker.getTypeFromTypeNode(p.type) : checker.getTypeAtLocation(p));
      if (w) out.push([a, w]);
    });
    return out;
  }

  /** `x.prop = value` where `prop` is a shown property of one of INTERFACES. */
  function siteOfAssignment(left) {
    if (!ts.isPropertyAccessExpression(left)) return undefined;
    const s = symbolOf(left.name);
    for (const d of s?.declarations ?? []) {
      const owner = d.parent;
      if (!owner || !(ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner))) continue;
      const w = INTERFACES[declKey(owner)];
      if (w?.props[left.name.text]) return w.props[left.name.text];
    }
    return undefined;
  }

  /** What a function's declared return type shows (e.g. `prepareInvocation(): Promise<PreparedToolInvocation>`). */
  function siteOfReturn(fn) {
    if (!fn.type) return undefined;
    return wantOfType(checker.getTypeFromTypeNode(fn.type));
  }

  return { why, sitesOfCall, siteOfAssignment, siteOfReturn };
}

const analyses = new WeakMap();

/** @type {import('eslint').Rule.RuleModule} */
export const shownTextRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Text from outside reaches VS Code only through shownText()' },
    schema: [],
    messages: {
      unshown:
        "This text is shown by VS Code, and {{why}}. Pass outside text through shownText() from src/core/text/shownText.ts (with 'markdown' in a MarkdownString).",
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap)
      throw new Error('local/shown-text needs type information (parserOptions.project)');
    const program = services.program;
    let analysis = analyses.get(program);
    if (!analysis) {
      analysis = createAnalysis(program, context.cwd);
      analyses.set(program, analysis);
    }
    const toTs = (n) => services.esTreeNodeToTSNodeMap.get(n);
    const report = (tsNode, w) => {
      const why = analysis.why(tsNode, w);
      if (why)
        context.report({
          node: services.tsNodeToESTreeNodeMap.get(tsNode) ?? context.sourceCode.ast,
          messageId: 'unshown',
          data: { why },
        });
    };
    const onCall = (node) => {
      for (const [arg, w] of analysis.sitesOfCall(toTs(node))) report(arg, w);
    };
    const onReturn = (fnNode, value) => {
      const w = analysis.siteOfReturn(toTs(fnNode));
      if (w && value) report(toTs(value), w);
    };
    return {
      CallExpression: onCall,
      NewExpression: onCall,
      AssignmentExpression(node) {
        if (node.operator !== '=' && node.operator !== '+=') return;
        const tsNode = toTs(node);
        const w = analysis.siteOfAssignment(tsNode.left);
        if (w) report(tsNode.right, w);
      },
      ReturnStatement(node) {
        const fn = context.sourceCode
          .getAncestors(node)
          .reverse()
          .find((a) => /Function/.test(a.type));
        if (fn) onReturn(fn, node.argument);
      },
      'ArrowFunctionExpression[expression=true]'(node) {
        onReturn(node, node.body);
      },
    };
  },
};

export default { rules: { 'shown-text': shownTextRule } };
