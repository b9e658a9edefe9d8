import fs from 'node:fs';
import path from 'node:path';
import { ingestReport } from '../../server/services/ingest';
import { seedIfEmpty } from '../../server/services/seed';
import type { GraphStore } from '../../server/store/store';

/** The seeds and every fixture report (tests/fixtures/reports) written into a store, as a user's `npm run ingest` would. */
export async function ingestSeedsAndFixtures(store: GraphStore): Promise<void> {
  await seedIfEmpty(store);
  const dir = path.join(__dirname, '../fixtures/reports');
  for (const f of fs.readdirSync(dir).sort()) await ingestReport(store, { text: fs.readFileSync(path.join(dir, f), 'utf8') });
}
