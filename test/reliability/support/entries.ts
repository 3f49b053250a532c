// One generation through a real entry point (the Generate Image… command or the Studio panel's
// `generate` message), read back as what the user saw: the one message, its buttons, and
// whether it was a cancel. Plus the per-case environment and the closing checks every case
// runs: the disk compared with how it started, and every text the extension produced scanned
// for the key.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { slugify } from '../../../src/core/files/naming';
import { editImageCommand } from '../../../src/vscode/commands/editImage';
import { generateCommand } from '../../../src/vscode/commands/generate';
import { startTestServer, type TestServer } from '../../server/testServer';
import { checkNoLeaks } from './checks';
import { checkDisk, type DiskExpectation } from './disk';
import { Rig, type RigOptions } from './rig';
import { StudioRig } from './studioRig';

export type EntryName = 'command' | 'studio';
export const ENTRIES: readonly EntryName[] = ['command', 'studio'];

export interface Outcome {
  /** The error the user was shown (notification or panel banner); undefined on success. */
  error?: { message: string; detail?: string; actions: string[] };
  cancelled: boolean;
  /** Info messages (command) or notices (panel) that followed. */
  infos: string[];
  /** Result cards the panel showed (panel only). */
  cards: number;
}

/** A recognisable key that no generic pattern (sk-…) would hide: only real redaction can. */
export function canaryKey(): string {
  return `GeekAI-Canary-${randomBytes(8).toString('hex')}`;
}

export interface Env {
  server: TestServer;
  rig: Rig;
  studio: StudioRig;
  key: string;
}

/** A fresh server, rig (with a canary key) and Studio session per test, torn down after it. */
export function useEnv(opts: Omit<RigOptions, 'key'> & { streamDelayMs?: number } = {}): () => Env {
  let env: Env | undefined;
  beforeEach(async () => {
    const server = await startTestServer({ streamDelayMs: opts.streamDelayMs ?? 5 });
    const key = canaryKey();
    const rig = new Rig(server.baseUrl, { ...opts, key });
    env = { server, rig, studio: new StudioRig(rig), key };
  });
  afterEach(async () => {
    if (!env) return;
    env.studio.dispose();
    await env.rig.dispose();
    await env.server.close();
    env = undefined;
  });
  return () => {
    if (!env) throw new Error('useEnv: no environment outside a test');
    return env;
  };
}

export interface DriveOptions {
  /** Polled every few ms while the job runs; the first time it holds, Cancel is pressed. */
  cancelWhen?: () => boolean;
  model?: string;
  /** Makes it an edit: Edit Image with AI… on these files, or the panel with them attached. */
  references?: vscode.Uri[];
}

function startCanceller(cond: (() => boolean) | undefined, press: () => void): () => void {
  if (!cond) return () => undefined;
  let done = false;
  const timer = setInterval(() => {
    if (!done && cond()) {
      done = true;
      press();
    }
  }, 3);
  return () => clearInterval(timer);
}

async function viaCommand(env: Env, prompt: string, o: DriveOptions): Promise<Outcome> {
  const { rig } = env;
  const shownBefore = rig.ui.shown.length;
  const modelBefore = rig.settings.model;
  if (o.model) rig.settings.model = o.model;
  rig.ui.inputs.push(prompt);
  const stop = startCanceller(o.cancelWhen, () => rig.ui.cancel());
  try {
    if (o.references) await editImageCommand(rig.ctx, o.references[0], o.references);
    else await generateCommand(rig.ctx);
  } finally {
    stop();
    rig.settings.model = modelBefore;
  }
  const shown = rig.ui.shown.slice(shownBefore);
  // A warning (e.g. "Select PNG… images") is the message when no error was shown.
  const errors = shown.filter((s) => s.level === 'error');
  if (errors.length === 0) errors.push(...shown.filter((s) => s.level === 'warn'));
  if (errors.length > 1) throw new Error(`more than one error shown: ${errors.map((e) => e.message).join(' | ')}`);
  const infos = shown.filter((s) => s.level === 'info').map((s) => s.message);
  const cancelled = infos.some((m) => /^Cancelled\./.test(m));
  const error =
    errors[0] ?? (cancelled ? { message: infos.find((m) => /^Cancelled\./.test(m)) ?? '', actions: [] } : undefined);
  return { error: error && { message: error.message, actions: error.actions }, cancelled, infos, cards: 0 };
}

async function viaStudio(env: Env, prompt: string, o: DriveOptions): Promise<Outcome> {
  const { studio } = env;
  const host = studio.host;
  const from = host.posted.length;
  const press = (): void => {
    const job = host.ofType('jobStarted').at(-1);
    if (job) void studio.route({ type: 'cancel', jobId: job.jobId });
  };
  let attachmentIds: string[] = [];
  if (o.references) {
    await studio.session.addAttachments(o.references);
    attachmentIds =
      host
        .ofType('attachments')
        .at(-1)
        ?.attachments.map((a) => a.id) ?? [];
  }
  // A reference the panel refused to attach is already the user's answer: they would not send.
  const refused = o.references !== undefined && attachmentIds.length < o.references.length;
  const stop = startCanceller(o.cancelWhen, press);
  try {
    if (!refused) await studio.generate(prompt, { model: o.model, attachmentIds });
  } finally {
    stop();
  }
  const posted = host.posted.slice(from);
  const errors = posted.filter((m) => m.type === 'error');
  if (errors.length > 1) throw new Error(`more than one error posted: ${JSON.stringify(errors)}`);
  const err = errors[0];
  const cancelled = err?.kind === 'cancelled';
  return {
    error: err && { message: err.message, detail: err.detail, actions: [...err.actions] },
    cancelled,
    infos: posted.flatMap((m) => (m.type === 'notice' ? [m.message] : [])),
    cards: posted.filter((m) => m.type === 'result').length,
  };
}

export function drive(entry: EntryName, env: Env, prompt: string, o: DriveOptions = {}): Promise<Outcome> {
  return entry === 'command' ? viaCommand(env, prompt, o) : viaStudio(env, prompt, o);
}

/** POSTs to chat/completions the server received (each try counts). */
export function chatRequests(server: TestServer): number {
  return server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions')).length;
}

/** Every text the extension produced for the user, the log, the webview and storage. */
export function producedTexts(env: Env): Record<string, string> {
  const { rig, studio } = env;
  return {
    'the output channel': rig.log.text(),
    notifications: JSON.stringify(rig.ui.shown),
    'progress notifications': JSON.stringify(rig.ui.reports),
    'input boxes': JSON.stringify(rig.ui.asked.map(({ validate: _v, ...o }) => o)),
    'the clipboard': rig.ui.clipboard,
    'the Markdown document': rig.editors.text,
    settings: JSON.stringify(rig.settings),
    'webview messages': studio.postedText(),
    'the Studio history file': studio.history.text ?? '',
    'panel host calls': studio.host.calls.join('\n'),
  };
}

/** The closing checks of every case: disk as expected, and no key anywhere. */
export function finish(where: string, env: Env, expect: DiskExpectation): void {
  checkDisk(where, env.rig.root, env.rig.before, expect);
  checkNoLeaks(where, env.key, { root: env.rig.root, texts: producedTexts(env), server: env.server });
}

/** Where a generation of `prompt` lands by default (no Markdown document open). */
export function defaultTarget(prompt: string): string {
  return `images/2025-09-22-${slugify(prompt)}.png`;
}

/**
 * Sets up the disk a case starts from: a document, and an earlier image already holding the
 * name this prompt's result would get (it must survive byte for byte), then remembers it.
 */
export function prepare(env: Env, prompt: string): void {
  env.rig.write('notes/post.md', '# Notes\n\nSome text the user cares about.\n');
  env.rig.write(defaultTarget(prompt), `an earlier image the user keeps (${prompt})`);
  env.rig.seal();
}
