import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractSeeds } from '../../../server/services/seed';
import { MemoryStore } from '../../../server/store/memory/memoryStore';

const seeds = extractSeeds();
const WORDS = ['执法', '办案', '公安', '派出所', '中心', '一件事'];

async function storeOf(xs: typeof seeds) {
  const s = new MemoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-search-')));
  await s.init();
  for (const x of xs) await s.writeReport(x);
  return s;
}
const pages = async (s: MemoryStore) => Promise.all(WORDS.map(async (w) => (await s.search(w, undefined, 50)).map((n) => `${n.id} ${n.mentions.length}`)));

// The embedded store keeps its search index across writes (rebuilding it costs seconds at a
// million nodes) and ranks by each node's number of mentions: after a report goes, the nodes it
// shared with the other report rank by what is left, and the nodes only it held are not found.
describe('search on the embedded store after a delete', () => {
  it('answers as a store that only ever held the remaining report', async () => {
    const both = await storeOf(seeds);
    const before = await pages(both); // builds the index before the delete
    expect(before.flat().some((line) => line.endsWith(' 2'))).toBe(true); // some hits are in both reports
    expect(await both.deleteReport(seeds[0].report.id)).toBe(true);
    const only = await storeOf([seeds[1]]);
    expect(await pages(both)).toEqual(await pages(only));
    // And writing it back gives the first answers again.
    await both.writeReport(seeds[0]);
    expect(await pages(both)).toEqual(before);
    await both.close();
    await only.close();
  });
});
