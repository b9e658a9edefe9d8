import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../server/ingest/pipeline';
import { ingestReport } from '../../server/services/ingest';
import { updateReport } from '../../server/services/update';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import { dumpGraph, neo4jSkipReason, ScratchNeo4j } from '../helpers/neo4j';
import { BRANCH_2024, undated } from '../helpers/sampleReports';

// A Neo4j of this suite's own (it writes): a writer-less report, then updateReport, must leave
// the same graph as on the embedded store.
const skip = neo4jSkipReason();
const suite = skip ? describe.skip : describe;
if (skip) test.skip(`updateReport on Neo4j (skipped: ${skip})`, () => undefined);

const SLOW = 240_000;

suite('updateReport on Neo4j', () => {
  let scratch: ScratchNeo4j;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-neo4j-update-'));
  beforeAll(async () => {
    scratch = await ScratchNeo4j.create();
    await scratch.up();
  }, SLOW);
  afterAll(async () => {
    await scratch?.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, SLOW);

  it('moves the facts of a writer-less report onto the agency it is given, keeping the id, as the embedded store does', async () => {
    const neo = new Neo4jStore(scratch.config());
    const memory = new MemoryStore(tmp);
    try {
      await neo.init();
      await memory.init();
      const [a, b] = [await ingestReport(memory, { text: BRANCH_2024 }), await ingestReport(neo, { text: BRANCH_2024 })];
      expect(b.warnings).toEqual(a.warnings);
      const id = a.extraction.report.id;
      expect(JSON.parse(await dumpGraph(neo))).toEqual(JSON.parse(await dumpGraph(memory)));
      expect((await neo.edgesOf([id], 'out', ['CARRIES_OUT']))[0].length).toBeGreaterThan(0);

      for (const s of [memory, neo]) await updateReport(s, id, { agency: '广州市公安局荔湾区分局', year: 2024 });
      expect(JSON.parse(await dumpGraph(neo))).toEqual(JSON.parse(await dumpGraph(memory)));
      expect((await neo.edgesOf([id], 'out', ['CARRIES_OUT']))[0]).toEqual([]);
      expect((await neo.edgesOf(['agency:广州市公安局荔湾区分局'], 'out', ['CARRIES_OUT']))[0].length).toBeGreaterThan(0);
      expect((await neo.getNodes([id]))[0]?.props.agency).toBe('广州市公安局荔湾区分局');
      expect(await neo.reportTexts([id])).toEqual([BRANCH_2024]);
    } finally {
      await neo.close();
      await memory.close();
    }
  }, SLOW);

  it('replaces no earlier report when the year is unknown (null or absent), as the embedded store does', async () => {
    const neo = new Neo4jStore(scratch.config());
    const memory = new MemoryStore(fs.mkdtempSync(path.join(tmp, 'edition-')));
    try {
      await neo.init();
      await neo.deleteEverything();
      await memory.init();
      for (const how of ['null', 'absent'] as const) {
        // The Jiaxing report and a shorter version of it, their year unknown: neither is an edition of the other.
        const text = fs.readFileSync(path.join(__dirname, '../fixtures/reports/jiaxing-psb-2021.txt'), 'utf8');
        const [a, b] = [undated(extract(text), how), undated(extract(text.slice(0, Math.floor(text.length / 2))), how)];
        for (const s of [memory, neo]) {
          expect(await s.writeReport(a)).toEqual({ created: true });
          expect(await s.writeReport(b)).toEqual({ created: true });
          expect((await s.reports()).map((r) => r.id).sort()).toEqual([a.report.id, b.report.id].sort());
        }
        expect(JSON.parse(await dumpGraph(neo))).toEqual(JSON.parse(await dumpGraph(memory)));
        for (const s of [memory, neo]) for (const x of [a, b]) expect(await s.deleteReport(x.report.id)).toBe(true);
      }
    } finally {
      await neo.close();
      await memory.close();
    }
  }, SLOW);
});
