// Serves the Studio page from a loopback origin, as VS Code serves a webview from its own
// origin: the page's CSP applies for real, with that origin standing in for cspSource.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { studioHtml } from '../../../src/studio/studioHtml';
import { placeholderPng } from '../../server/placeholderImage';
import { announcedPng } from '../../support/hostileImages';
import { sampleImage, sizedImage } from './sampleImages';

/** The repository root, from out/test/browser/support. */
export const ROOT = path.resolve(__dirname, '../../../..');

export interface StudioServer {
  origin: string;
  /** The nonce of the most recent page load. */
  nonce(): string;
  /**
   * Serves the files of `root` (a workspace folder) under `/ws/…`, as VS Code serves a webview its
   * local resources: only files inside it by real path. `undefined` stops.
   */
  serveFiles(root: string | undefined): void;
  /** The URL the page loads a served file from (what `asWebviewUri` is for a webview). */
  fileUrl(file: string): string;
  /** Paths of every request under `/ws/` so far, in order (what the page really loaded). */
  requested(): string[];
  close(): Promise<void>;
}

const FILE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

export async function startStudioServer(lang = 'en'): Promise<StudioServer> {
  const script = readFileSync(path.join(ROOT, 'dist/webview.js'));
  const style = readFileSync(path.join(ROOT, 'media/studio.css'));
  let origin = '';
  let nonce = '';
  let files: string | undefined;
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (type: string, body: Buffer | string): void => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      // A fresh nonce per load, as the panel makes one per HTML render.
      nonce = randomBytes(16).toString('base64');
      return send(
        'text/html; charset=utf-8',
        studioHtml({
          cspSource: origin,
          nonce,
          scriptUri: `${origin}/dist/webview.js`,
          styleUri: `${origin}/media/studio.css`,
          lang,
        }),
      );
    }
    if (url.pathname === '/dist/webview.js') return send('text/javascript', script);
    if (url.pathname.startsWith('/ws/')) {
      requested.push(url.pathname);
      const file =
        files === undefined ? undefined : path.join(files, decodeURIComponent(url.pathname.slice('/ws/'.length)));
      const real = file !== undefined && existsSync(file) ? realpathSync(file) : undefined;
      if (files !== undefined && real?.startsWith(`${files}/`))
        return send(FILE_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream', readFileSync(real));
      return void res.writeHead(404).end();
    }
    if (url.pathname === '/media/studio.css') return send('text/css', style);
    const img = /^\/img\/(\d+)\.png$/.exec(url.pathname);
    if (img) return send('image/png', sampleImage(Number(img[1])));
    const sized = /^\/img\/(\d{1,4})x(\d{1,4})\.png$/.exec(url.pathname);
    if (sized) return send('image/png', sizedImage(Number(sized[1]), Number(sized[2])));
    // What the project's test server draws for a prompt (the README's screenshots show these).
    const drawn = /^\/drawn\/([\w-]{1,80})\.png$/.exec(url.pathname);
    if (drawn) return send('image/png', placeholderPng(drawn[1]));
    // A hostile file: its header announces this many pixels, its data holds a few rows.
    const announced = /^\/img\/announced\/(\d{1,5})x(\d{1,5})\.png$/.exec(url.pathname);
    if (announced) return send('image/png', announcedPng(Number(announced[1]), Number(announced[2])));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    nonce: () => nonce,
    serveFiles: (root) => {
      files = root === undefined ? undefined : realpathSync(root);
    },
    fileUrl: (file) => {
      if (files === undefined) throw new Error('serveFiles first');
      return `${origin}/ws/${path.relative(files, file).split(path.sep).map(encodeURIComponent).join('/')}`;
    },
    requested: () => [...requested],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
