// Every image the server hands out, by path, so tests can compare saved files byte for byte.
import crypto from 'node:crypto';

export interface ServedImage {
  /** e.g. "file_0000a1b2….png" */
  name: string;
  bytes: Buffer;
  /** ${origin}/files/<name> */
  url: string;
  /** ${origin}/download/<name>: the same bytes, like GeekAI's "[下载⏬](…)" link */
  downloadUrl: string;
  dataUrl: string;
}

export class ImageStore {
  readonly served = new Map<string, Buffer>();
  /** Every image drawn, in order (each once, however many paths serve it). */
  readonly all: Buffer[] = [];
  private last: Buffer[] = [];

  constructor(private readonly origin: string) {}

  /** Registers `bytes` under /files/<name> and /download/<name>, whatever transport the answer uses. */
  add(bytes: Buffer, mime = 'image/png'): ServedImage {
    const name = `file_0000${crypto.randomBytes(12).toString('hex')}.${mime === 'image/jpeg' ? 'jpg' : 'png'}`;
    this.served.set(`/files/${name}`, bytes);
    this.served.set(`/download/${name}`, bytes);
    this.all.push(bytes);
    return {
      name,
      bytes,
      url: `${this.origin}/files/${name}`,
      downloadUrl: `${this.origin}/download/${name}`,
      dataUrl: `data:${mime};base64,${bytes.toString('base64')}`,
    };
  }

  get(path: string): Buffer | undefined {
    return this.served.get(path);
  }

  /** The images the latest chat answer referenced, in order. */
  setLast(images: readonly ServedImage[]): void {
    this.last = images.map((i) => i.bytes);
  }

  lastServed(): Buffer[] {
    return [...this.last];
  }
}
