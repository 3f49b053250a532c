// What VS Code provides around a webview, faked for the browser test: `acquireVsCodeApi`
// (recording every post and the saved state) and the theme's --vscode-* variables: those of
// VS Code's default themes (Dark Modern, Light Modern, Dark High Contrast, Light High Contrast).
// Browser-side code is kept as strings: the test project compiles without the DOM lib.

export type Theme = 'dark' | 'light' | 'hc' | 'hcLight';

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
    'textBlockQuote-background': '#2b2b2b',
    'panel-border': '#2b2b2b',
    'list-dropBackground': '#383b3d',
    'editorWarning-foreground': '#cca700',
    'editorInfo-foreground': '#3794ff',
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
    'textBlockQuote-background': '#f8f8f8',
    'panel-border': '#e5e5e5',
    'list-dropBackground': '#d6ebff',
    'editorWarning-foreground': '#bf8803',
    'editorInfo-foreground': '#1a85ff',
  },
  hc: {
    foreground: '#ffffff',
    'editor-background': '#000000',
    'sideBar-background': '#000000',
    descriptionForeground: '#ffffffb3',
    'input-background': '#000000',
    'input-foreground': '#ffffff',
    'input-border': '#6fc3df',
    'input-placeholderForeground': '#ffffffb3',
    'dropdown-background': '#000000',
    'dropdown-foreground': '#ffffff',
    'dropdown-border': '#6fc3df',
    focusBorder: '#f38518',
    contrastBorder: '#6fc3df',
    contrastActiveBorder: '#f38518',
    'button-background': '#000000',
    'button-foreground': '#ffffff',
    'button-border': '#6fc3df',
    'button-secondaryBackground': '#000000',
    'button-secondaryForeground': '#ffffff',
    'progressBar-background': '#6fc3df',
    'inputValidation-errorBackground': '#000000',
    'inputValidation-errorBorder': '#f48771',
    errorForeground: '#f48771',
    'widget-border': '#6fc3df',
    'editorWidget-background': '#0c141f',
    'textLink-foreground': '#21a6ff',
    'textLink-activeForeground': '#21a6ff',
    'textBlockQuote-background': '#000000',
    'panel-border': '#6fc3df',
    'editorWarning-foreground': '#ffd370',
    'editorInfo-foreground': '#3794ff',
  },
  hcLight: {
    foreground: '#292929',
    'editor-background': '#ffffff',
    'sideBar-background': '#ffffff',
    descriptionForeground: '#292929b3',
    'input-background': '#ffffff',
    'input-foreground': '#292929',
    'input-border': '#0f4a85',
    'input-placeholderForeground': '#292929b3',
    'dropdown-background': '#ffffff',
    'dropdown-foreground': '#292929',
    'dropdown-border': '#0f4a85',
    focusBorder: '#006bbd',
    contrastBorder: '#0f4a85',
    contrastActiveBorder: '#006bbd',
    'button-background': '#0f4a85',
    'button-foreground': '#ffffff',
    'button-border': '#0f4a85',
    'button-secondaryBackground': '#ffffff',
    'button-secondaryForeground': '#292929',
    'progressBar-background': '#0f4a85',
    'inputValidation-errorBackground': '#ffffff',
    'inputValidation-errorBorder': '#b5200d',
    errorForeground: '#b5200d',
    'widget-border': '#0f4a85',
    'editorWidget-background': '#ffffff',
    'textLink-foreground': '#0f4a85',
    'textLink-activeForeground': '#0f4a85',
    'textBlockQuote-background': '#f2f2f2',
    'panel-border': '#0f4a85',
    'editorWarning-foreground': '#895503',
    'editorInfo-foreground': '#1a85ff',
  },
};

/** The classes VS Code puts on a webview's body for each kind of theme. */
const BODY_CLASSES: Record<Theme, string[]> = {
  dark: ['vscode-dark'],
  light: ['vscode-light'],
  hc: ['vscode-high-contrast'],
  hcLight: ['vscode-high-contrast', 'vscode-high-contrast-light'],
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
    document.body.classList.add(...${JSON.stringify(BODY_CLASSES[theme])});
  };
  if (document.body) apply(); else document.addEventListener('DOMContentLoaded', apply);
})();`;
}
