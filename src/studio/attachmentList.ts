// The reference images queued for the next prompt. Ids, not URIs, travel to the webview and
// back, so a webview can only name images the host itself accepted.
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { MAX_REFERENCES } from '../../shared/imageVocabulary';

export interface Attachment {
  id: string;
  uri: vscode.Uri;
}

export class AttachmentList {
  private items: Attachment[] = [];

  list(): readonly Attachment[] {
    return this.items;
  }

  /** Adds what fits under the cap, skipping duplicates; returns how many did not fit. */
  add(uris: readonly vscode.Uri[]): number {
    let overflow = 0;
    for (const uri of uris) {
      if (this.items.some((a) => a.uri.toString() === uri.toString())) continue;
      if (this.items.length >= MAX_REFERENCES) {
        overflow++;
        continue;
      }
      this.items.push({ id: randomUUID(), uri });
    }
    return overflow;
  }

  replace(uris: readonly vscode.Uri[]): void {
    this.items = [];
    this.add(uris);
  }

  remove(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
  }

  clear(): void {
    this.items = [];
  }

  /** The URIs for `ids`, or undefined when any id is unknown (stale webview or forged message). */
  resolve(ids: readonly string[]): vscode.Uri[] | undefined {
    const out: vscode.Uri[] = [];
    for (const id of ids) {
      const found = this.items.find((a) => a.id === id);
      if (!found) return undefined;
      out.push(found.uri);
    }
    return out;
  }
}
