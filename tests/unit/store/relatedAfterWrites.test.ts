import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../../server/ingest/pipeline';
import { extractSeeds } from '../../../server/services/seed';
import { MemoryStore } from '../../../server/store/memory/memoryStore';

const FIXTURES = path.join(__dirname, '../../fixtures/reports');
const [hangzhou, shaoxing] = extractSeeds();
const fixture = (name: string, edit: (t: string) => string = (t) => t) => extract(edit(fs.readFileSync(path.join(FIXTURES, name), 'utf8')), {});
const jiaxing = fixture('jiaxing-psb-2021.txt');
const huzhou = fixture('huzhou-wuxing-psb-2023.txt');
const lishui = fixture('lishui-jingning-psb-2022.txt');
// A corrected edition of the Jiaxing report (same bureau and year): its second half is gone.
const jiaxingCorrected = fixture('jiaxing-psb-2021.txt', (t) => t.slice(0, Math.floor(t.length / 2)));

type Internals = { indexes: { related?: unknown } };

/** Every reform's related reforms as the store answers them: score, name and via, in order. */
async function answers(s: MemoryStore): Promise<string[]> {
  const reforms = await s.search('', ['REFORM'], 10000);
  const out: string[] = [];
  for (const r of reforms) {
    for (const x of (await s.relatedReforms(r.id, 10)) ?? []) out.push(`${r.id} → ${x.reform.id} ${x.score} [${x.via.map((v) => v.id).join(' ')}] ${x.reform.name} ${x.reform.aliases.join('/')}`);
  }
  return out;
}

// The embedded store keeps its related-reform index across writes and brings only the reforms
// a write or delete touches up to date (a full rebuild takes seconds at a million nodes): after
// every step the answers must be those of an index built afresh over the same graph.
describe('related reforms on the embedded store after writes and deletes', () => {
  it('answer as an index built afresh, step after step', async () => {
    const s = new MemoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-related-')));
    await s.init();
    await s.writeReport(hangzhou);
    await s.writeReport(shaoxing);
    await answers(s); // builds the index
    const kept = (s as unknown as Internals).indexes.related;
    expect(kept).toBeDefined();
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['write Jiaxing', () => s.writeReport(jiaxing)],
      ['write Huzhou', () => s.writeReport(huzhou)],
      ['delete Hangzhou', () => s.deleteReport(hangzhou.report.id)],
      ['replace Jiaxing with its corrected edition', () => s.writeReport(jiaxingCorrected)],
      ['write Lishui', () => s.writeReport(lishui)],
      ['write Hangzhou again', () => s.writeReport(hangzhou)],
      ['delete Shaoxing', () => s.deleteReport(shaoxing.report.id)],
      ['delete Huzhou', () => s.deleteReport(huzhou.report.id)],
    ];
    for (const [what, step] of steps) {
      await step();
      const incremental = await answers(s);
      expect([what, (s as unknown as Internals).indexes.related === kept]).toEqual([what, true]); // updated, not rebuilt
      (s as unknown as Internals).indexes.related = undefined;
      const fresh = await answers(s);
      expect([what, incremental]).toEqual([what, fresh]);
      (s as unknown as Internals).indexes.related = kept;
    }
    // The steps did change the answers (a test that compares two empty lists proves nothing).
    expect((await answers(s)).length).toBeGreaterThan(50);
    await s.close();
  });
});
