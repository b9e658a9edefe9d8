import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedIfEmpty } from '../../server/services/seed';
import { MemoryStore } from '../../server/store/memory/memoryStore';

/** A fresh embedded store in a temp dir, seeded from seeds/. */
export async function seededMemoryStore(): Promise<{ store: MemoryStore; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-test-'));
  const store = new MemoryStore(dir);
  await store.init();
  await seedIfEmpty(store);
  return { store, dir };
}
