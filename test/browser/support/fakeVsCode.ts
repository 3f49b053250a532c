// What VS Code provides around a webview, faked for the browser test: `acquireVsCodeApi`
// (recording every post and the saved state) and the theme's --vscode-* variables.
// Browser-side code is kept as strings: the test project compiles without the DOM lib.

export type Theme = 'dark' | 'light';

const COMMON: Record<string, string> = {
  'font-family': '"Segoe WPC", "Segoe UI", Ubuntu, "Droid Sans", "Noto Sans CJK SC", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Noto Sans Mono", monospace',
};

const THEMES: Record<Theme, Record<string, string>> = {
  dark: {
    foreground: '#cccccc',
    'editor-background': '#1f1f1f',
    'sideBar-background': '#181818',
    descriptionForeground: '#9d9d9d',
    'input-background': '#313131',
    'input-foreground': '#cccccc',
    'input-border': '#3c3c3c',
    'input-placeholderForeground': '#989898',
    'dropdown-background': '#313131',
    'dropdown-foreground': '#cccccc',
    'dropdown-border': '#3c3c3c',
    focusBorder: '#0078d4',
    'button-background': '#0078d4',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#026ec1',
    'button-border': '#ffffff12',
    'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc',
    'button-secondaryHoverBackground': '#3c3c3c',
    'progressBar-background': '#0078d4',
    'inputValidation-errorBackground': '#5a1d1d',
    'inputValidation-errorBorder': '#be1100',
    errorForeground: '#f85149',
    'widget-border': '#313131',
    'editorWidget-background': '#202020',
    'textLink-foreground': '#4daafc',
    'textLink-activeForeground': '#4daafc',
    'editorGroup-dropBackground': '#53595d80',
  },
  light: {
    foreground: '#3b3b3b',
    'editor-background': '#ffffff',
    'sideBar-background': '#f8f8f8',
    descriptionForeground: '#3b3b3b',
    'input-background': '#ffffff',
    'input-foreground': '#3b3b3b',
    'input-border': '#cecece',
    'input-placeholderForeground': '#767676',
    'dropdown-background': '#ffffff',
    'dropdown-foreground': '#3b3b3b',
    'dropdown-border': '#cecece',
    focusBorder: '#005fb8',
    'button-background': '#005fb8',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0258a8',
    'button-border': '#0000001a',
    'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b',
    'button-secondaryHoverBackground': '#cccccc',
    'progressBar-background': '#005fb8',
    'inputValidation-errorBackground': '#f2dede',
    'inputValidation-errorBorder': '#be1100',
    errorForeground: '#f85149',
    'widget-border': '#e5e5e5',
    'editorWidget-background': '#f8f8f8',
    'textLink-foreground': '#005fb8',
    'textLink-activeForeground': '#005fb8',
    'editorGroup-dropBackground': '#2677cb2d',
  },
};

/**
 * Runs before the page's own script (via page.addInitScript, which CSP does not govern, like
 * VS Code's own preload). Posts land in `window.__posted`, CSP violations in `window.__csp`.
 */
export function fakeVsCodeScript(theme: Theme, state?: unknown): string {
  const vars = Object.entries({ ...COMMON, ...THEMES[theme] }).map(([k, v]) => [`--vscode-${k}`, v]);
  return `(() => {
  window.__posted = [];
  window.__csp = [];
  window.__state = ${JSON.stringify(state ?? null)};
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    };
  };
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
  });
  const vars = ${JSON.stringify(vars)};
  const apply = () => {
    for (const [k, v] of vars) document.documentElement.style.setProperty(k, v);
    document.body.classList.add(${JSON.stringify(theme === 'dark' ? 'vscode-dark' : 'vscode-light')});
  };
  if (document.body) apply(); else document.addEventListener('DOMContentLoaded', apply);
})();`;
}
