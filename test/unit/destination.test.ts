import assert from 'node:assert/strict';
import {
  besideDestination,
  editedBaseNames,
  linkBase,
  outputDestination,
  pathRoots,
} from '../../src/core/files/destination';

const NOW = new Date(2025, 8, 22);
const dest = (roots: string[], document?: string, outputFolder = '${documentDir}/images') =>
  outputDestination({ roots: pathRoots(roots), document, outputFolder, now: NOW });

describe('destination (where a new file goes)', () => {
  it('uses the workspace folder that holds the document, else the first', () => {
    assert.deepEqual(dest(['/a', '/b'], '/b/docs/x.md'), { root: '/b', folder: '/b/docs/images' });
    assert.deepEqual(dest(['/a', '/b']), { root: '/a', folder: '/a/images' });
  });

  it('a document outside every folder has no say: the folder stays inside the first root', () => {
    assert.deepEqual(dest(['/a'], '/tmp/x.md'), { root: '/a', folder: '/a/images' });
    assert.deepEqual(dest(['/a'], '/tmp/x.md', '${workspaceFolder}/${year}'), { root: '/a', folder: '/a/2025' });
  });

  it('is undefined with no folder open', () => {
    assert.equal(dest([], '/tmp/x.md'), undefined);
  });

  it('puts an edit beside its source, under the folder holding it (or its own folder)', () => {
    assert.deepEqual(besideDestination(pathRoots(['/a']), '/a/art/cat.png'), { root: '/a', folder: '/a/art' });
    assert.deepEqual(besideDestination(pathRoots(['/a']), '/tmp/cat.png'), { root: '/tmp', folder: '/tmp' });
    assert.deepEqual(editedBaseNames('/a/art/cat.photo.png', 1), ['cat.photo-edited']);
    assert.deepEqual(editedBaseNames('/a/art/cat.png', 2), ['cat-edited-1', 'cat-edited-2']);
  });
});

describe('linkBase (what links without a document are relative to)', () => {
  it("is the root holding the file, else the file's own folder", () => {
    assert.equal(linkBase(pathRoots(['/a', '/b']), '/b/images/x.png'), '/b');
    assert.equal(linkBase(pathRoots(['/a']), '/tmp/art/x-edited.png'), '/tmp/art');
  });
});
