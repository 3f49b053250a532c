// Entry of the Studio webview (bundled by esbuild to dist/webview.js). Says `ready` first;
// the host posts nothing before that, and answers with `init`.
import type { HostToWebview } from '../../shared/protocol';
import { App } from './app';
import { connect } from './vscodeApi';

const link = connect();
const root = document.getElementById('app');
let app: App | undefined;

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const m = event.data;
  if (!root || typeof m !== 'object' || m === null) return;
  if (!app && m.type === 'init') app = new App(link, root, m);
  else app?.handle(m);
});

link.post({ type: 'ready' });
