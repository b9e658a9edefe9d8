import fs from 'node:fs';
import path from 'node:path';
import { MemoryStore } from './memoryStore';
import { OLD_SNAPSHOTS, SNAPSHOT } from './persistence';

/**
 * The embedded store as a reader beside a running server sees it: no lock taken, nothing
 * written or removed. The server may compact while we read (new snapshot renamed in, then the
 * journal emptied), and an old snapshot read with the new journal would skip writes; so the read
 * is done again whenever the snapshot file changed under it.
 */
export async function openMemoryReadOnly(dir: string): Promise<MemoryStore> {
  for (let attempt = 1; ; attempt++) {
    const before = stamp(dir);
    const store = new MemoryStore(dir, { readOnly: true });
    await store.init();
    if (stamp(dir) === before) return store;
    await store.close();
    if (attempt >= 5) throw new Error(`${dir} kept changing while it was read (a server compacting it?); try again`);
  }
}

function stamp(dir: string): string {
  return [SNAPSHOT, ...OLD_SNAPSHOTS].map((f) => {
    try {
      const s = fs.statSync(path.join(dir, f));
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return 'none';
    }
  }).join('|');
}
