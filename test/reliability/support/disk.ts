// What is on disk, before and after: every file's bytes and every folder, so a case can prove
// that nothing was lost, overwritten, left half-written or left behind as a temp file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sniffImageType } from '../../../src/core/imageType';
import * as tally from './tally';

export interface DiskState {
  files: Map<string, Buffer>;
  dirs: Set<string>;
}

export function readDisk(root: string): DiskState {
  const files = new Map<string, Buffer>();
  const dirs = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const rel = path.relative(root, p);
      // A symbolic link is recorded as where it points, never followed (it may lead outside).
      if (e.isSymbolicLink()) {
        files.set(rel, Buffer.from(`symlink to ${fs.readlinkSync(p)}`));
      } else if (e.isDirectory()) {
        dirs.add(rel);
        walk(p);
      } else {
        files.set(rel, fs.readFileSync(p));
      }
    }
  };
  walk(root);
  return { files, dirs };
}

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** A file that is a whole image: a known format by its bytes and, for PNG, ending in IEND. */
function isWholeImage(bytes: Buffer): boolean {
  const type = sniffImageType(bytes);
  if (!type) return false;
  return type.ext !== 'png' || bytes.subarray(-8).equals(PNG_END);
}

export interface DiskExpectation {
  /**
   * The images this run should have saved, any order (each matched byte for byte with one new
   * file); `[]` when it should save nothing.
   */
  saved: readonly Buffer[];
  /** Bad input must change nothing at all, not even create an empty folder. */
  noNewFolders?: boolean;
}

/** Every way the disk differs from what the expectation allows, one line each. */
export function diskProblems(before: DiskState, after: DiskState, expect: DiskExpectation): string[] {
  const problems: string[] = [];
  for (const [rel, bytes] of before.files) {
    const now = after.files.get(rel);
    if (!now) problems.push(`lost: ${rel}`);
    else if (!now.equals(bytes)) problems.push(`overwritten: ${rel}`);
  }
  const unmatched = [...expect.saved];
  for (const [rel, bytes] of after.files) {
    if (before.files.has(rel)) continue;
    const name = path.basename(rel);
    if (name.startsWith('.') || name.endsWith('.tmp')) {
      problems.push(`stray temp: ${rel}`);
      continue;
    }
    if (bytes.length === 0) {
      problems.push(`empty: ${rel}`);
      continue;
    }
    const i = unmatched.findIndex((b) => b.equals(bytes));
    if (i >= 0) {
      unmatched.splice(i, 1);
      continue;
    }
    problems.push(isWholeImage(bytes) ? `unexpected: ${rel}` : `partial: ${rel}`);
  }
  for (let i = 0; i < unmatched.length; i++) problems.push('lost: a result image was not saved');
  return problems;
}

/** Counts the problems into the tally, then asserts there are none. */
export function checkDisk(where: string, root: string, before: DiskState, expect: DiskExpectation): void {
  const after = readDisk(root);
  const problems = diskProblems(before, after, expect);
  tally.fileProblems(where, problems);
  assert.deepEqual(problems, [], `files lost, partial or overwritten in "${where}"`);
  if (expect.noNewFolders) {
    const created = [...after.dirs].filter((d) => !before.dirs.has(d));
    assert.deepEqual(created, [], 'bad input must not even create a folder');
  }
}
