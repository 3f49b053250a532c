// Site detection over core's FileStore: existence by stat, configuration text read only when small.
import type { FileStore } from '../files/saveImages';
import type { SiteFiles } from './siteRules';

export function siteFilesOf(store: Pick<FileStore, 'stat' | 'readFile'>): SiteFiles {
  return {
    exists: async (p) => (await store.stat(p).catch(() => undefined)) !== undefined,
    readText: async (p, maxBytes) => {
      const st = await store.stat(p).catch(() => undefined);
      if (st?.type !== 'file' || (st.size !== undefined && st.size > maxBytes)) return undefined;
      const bytes = await store.readFile(p).catch(() => undefined);
      return bytes === undefined || bytes.byteLength > maxBytes ? undefined : new TextDecoder().decode(bytes);
    },
  };
}
