import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../../server/ingest/pipeline';
import { MemoryStore } from '../../../server/store/memory/memoryStore';
import { editionKey } from '../../../server/store/rules/edition';
import { undated } from '../../helpers/sampleReports';

// "Same agency and year replaces": a corrected version of a report takes the place of the
// earlier one. A report whose year is unknown is no version of another undated report of its
// bureau: both stay (the Neo4j store's half is in tests/api/neo4j-updateReport.test.ts).

describe('editions: same agency and year replaces', () => {
  // The Jiaxing report, and a corrected version of it that lost its second half.
  const text = fs.readFileSync(path.join(__dirname, '../../fixtures/reports/jiaxing-psb-2021.txt'), 'utf8');
  const first = extract(text);
  const corrected = extract(text.slice(0, Math.floor(text.length / 2)));
  let dir: string;
  let store: MemoryStore;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-edition-'));
    store = new MemoryStore(dir);
    await store.init();
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads both texts as the 2021 report of one bureau', () => {
    expect(first.report.props).toMatchObject({ agency: '嘉兴市公安局', year: 2021 });
    expect(corrected.report.props).toMatchObject({ agency: '嘉兴市公安局', year: 2021 });
    expect(corrected.report.id).not.toBe(first.report.id);
    expect(editionKey(corrected.report)).toBe(editionKey(first.report));
  });

  it('a corrected version of a dated report replaces the earlier one', async () => {
    expect(await store.writeReport(first)).toEqual({ created: true });
    expect(await store.writeReport(corrected)).toEqual({ created: true, replaced: first.report.id });
    expect((await store.reports()).map((r) => r.id)).toEqual([corrected.report.id]);
  });

  it.each(['null', 'absent'] as const)('a report whose year is unknown (%s) replaces nothing and is replaced by nothing', async (how) => {
    expect(editionKey(undated(first, how).report)).toBeNull();
    expect(await store.writeReport(undated(first, how))).toEqual({ created: true });
    expect(await store.writeReport(undated(corrected, how))).toEqual({ created: true });
    expect((await store.reports()).map((r) => r.id).sort()).toEqual([first.report.id, corrected.report.id].sort());
  });
});
