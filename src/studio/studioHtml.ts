// The webview page. Pure (no vscode import) so the browser test serves exactly this HTML.
// The UI is built by the script after `init` arrives, because the strings come from the host.

export interface StudioHtmlOptions {
  /** `webview.cspSource`: the only origin images, styles and fonts may come from. */
  cspSource: string;
  /** Fresh per load, from crypto.randomBytes: the only way a script may run. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** BCP 47 tag for `<html lang>`, so screen readers pick the right voice. */
  lang: string;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function studioCsp(o: Pick<StudioHtmlOptions, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    // data: for the partial images of a running job (checked image data URLs, never markup).
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function studioHtml(o: StudioHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="${attr(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(studioCsp(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>Image Studio</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}
