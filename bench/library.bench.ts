// 12. The image library's index on a writer's repository at scale: 5,000 images and 2,000
//     documents (five languages, five references each). The first index (list, every image's
//     head, every document's references) and a re-index after one document changed, each against
//     listing the same files with fs.readdir + stat in the same run; and the memory the index
//     holds per image, against the listing's own entries.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diskSources, listDisk } from '../src/core/library/diskLibrary';
import { updateIndex, type LibraryIndex } from '../src/core/library/libraryIndex';
import { generateWorkspace } from '../test/support/libraryFixture';
import { gc, median, type BenchGroup, type BenchResult } from './harness';

const IMAGES = 5000;
const DOCUMENTS = 2000;
const ROUNDS = 5;

/** The baseline: every file under `root` found with readdir and stat'ed, nothing read. */
async function readdirStat(root: string): Promise<number> {
  let n = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map(async (e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else {
          await fs.promises.stat(p);
          n++;
        }
      }),
    );
  };
  await walk(root);
  return n;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  gc();
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function result(name: string, what: string, limit: number, ours: number[], base: number[], items: number): BenchResult {
  const o = median(ours);
  const b = median(base);
  return {
    name,
    what,
    unit: 'file',
    limit,
    rounds: ours.length,
    oursMs: o,
    baselineMs: b,
    ratio: o / b,
    opsPerSec: (items * 1000) / o,
    ok: o / b <= limit,
  };
}

export async function libraryCases(): Promise<BenchGroup> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-bench-library-')));
  generateWorkspace(root, IMAGES, DOCUMENTS);
  const files = IMAGES + DOCUMENTS;
  const index = async (previous?: LibraryIndex): Promise<LibraryIndex> =>
    (await updateIndex(previous, await listDisk([root]), diskSources([root]))).index;
  let kept: LibraryIndex | undefined;
  return {
    cases: [
      {
        name: 'library.firstIndex 5k+2k',
        run: async () => {
          const ours: number[] = [];
          const base: number[] = [];
          for (let i = 0; i < ROUNDS; i++) {
            base.push(await timed(() => readdirStat(root)));
            ours.push(await timed(async () => (kept = await index())));
          }
          // Every image's head, its real path and every document read: 8-10 times a bare listing
          // (warm disk cache, 2 busy cores); a per-file cost gone wrong (a 4 MB buffer per document did) is 50.
          return result(
            'library.firstIndex 5k+2k',
            `first index of ${IMAGES} images and ${DOCUMENTS} documents (heads, real paths, references, site rules), vs readdir+stat of the same files`,
            20,
            ours,
            base,
            files,
          );
        },
      },
      {
        name: 'library.reindex 1 change',
        run: async () => {
          const ours: number[] = [];
          const base: number[] = [];
          const doc = path.join(root, 'docs/part-0/page-0.md');
          for (let i = 0; i < ROUNDS; i++) {
            fs.appendFileSync(doc, `\n![again ${i}](../../assets/set-0/图 0.png)\n`);
            base.push(await timed(() => readdirStat(root)));
            ours.push(await timed(async () => (kept = await index(kept))));
          }
          // One document read again; the rest is the listing, which the baseline does too (1.1-1.4).
          return result(
            'library.reindex 1 change',
            're-index after one document changed (size+mtime keyed), vs readdir+stat of the same files',
            3,
            ours,
            base,
            files,
          );
        },
      },
      {
        name: 'library.memory per image',
        run: async () => {
          const listing = await listDisk([root]);
          gc();
          const before = process.memoryUsage().heapUsed;
          const listed = listing.images.map((f) => ({ ...f }));
          gc();
          const listedBytes = (process.memoryUsage().heapUsed - before) / IMAGES;
          kept = undefined;
          gc();
          const start = process.memoryUsage().heapUsed;
          kept = await index();
          gc();
          const perImage = (process.memoryUsage().heapUsed - start) / IMAGES;
          void listed.length;
          return {
            name: 'library.memory per image',
            what: `heap the index holds: ${Math.round(perImage)} bytes per image (its documents' references included), vs ${Math.round(listedBytes)} bytes per listed file`,
            unit: 'image',
            // About 1.4 KB per image with five references per document (16x a bare listed entry).
            limit: 30,
            rounds: 1,
            scale: 'bytes',
            oursMs: perImage,
            baselineMs: listedBytes,
            ratio: perImage / listedBytes,
            opsPerSec: 0,
            ok: perImage / listedBytes <= 30,
          };
        },
      },
    ],
    close: async () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
