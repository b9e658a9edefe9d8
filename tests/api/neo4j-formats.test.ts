import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../server/http/app';
import { ingestReport } from '../../server/services/ingest';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import { encodePage, layOut, makePage, makePdf } from '../helpers/documents';
import { dumpGraph, neo4jSkipReason, withScratchNeo4j } from '../helpers/neo4j';

// A Neo4j of this suite's own (it writes): reports read from a PDF and a GBK page keep their
// provenance in Neo4j as in the embedded store, and GraphQL answers it the same.
const skip = neo4jSkipReason();
const suite = skip ? describe.skip : describe;
if (skip) test.skip(`report files on Neo4j (skipped: ${skip})`, () => undefined);

const SLOW = 240_000;
const ROOT = path.join(__dirname, '../..');
const JIAXING = fs.readFileSync(path.join(ROOT, 'tests/fixtures/reports/jiaxing-psb-2021.txt'), 'utf8');
const HANGZHOU = fs.readFileSync(path.join(ROOT, 'seeds/reports/hangzhou-psb-2022.txt'), 'utf8');

suite('report files on Neo4j', () => {
  const env = withScratchNeo4j('formats', SLOW);

  it('keeps format, original file, retrieval time and pages as the embedded store does', async () => {
    const pdf = makePdf(layOut(JIAXING, 38, 60));
    const page = encodePage(makePage('杭州市公安局2022年法治政府建设年度报告', HANGZHOU, { site: '杭州市人民政府', charset: 'gbk', published: '2023-02-24' }), 'gbk');
    const inputs = [
      { content: pdf.toString('base64'), filename: 'jiaxing-2021.pdf', source: 'http://127.0.0.1/files/jiaxing-2021.pdf', retrievedAt: '2024-05-01T08:00:00.000Z' },
      { content: page.toString('base64'), filename: 'hangzhou.html', source: 'http://127.0.0.1/zwgk/202302/t20230224_1.html', retrievedAt: '2024-05-01T08:00:01.000Z' },
    ];
    const neo = new Neo4jStore(env.scratch.config());
    const memory = new MemoryStore(env.tmp);
    try {
      await neo.init();
      await memory.init();
      for (const input of inputs) for (const s of [memory, neo]) await ingestReport(s, input);
      expect(JSON.parse(await dumpGraph(neo))).toEqual(JSON.parse(await dumpGraph(memory)));
    } finally {
      await neo.close();
      await memory.close();
    }
    const again = new Neo4jStore(env.scratch.config());
    try {
      await again.init();
      const { yoga } = createApp(again);
      const res = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ reports { title source retrievedAt format publishedOn original { name type bytes sha256 } mentions { page } } }' }),
      });
      const reports = ((await res.json()) as { data: { reports: Array<Record<string, any>> } }).data.reports;
      const fromPdf = reports.find((r) => r.format === 'pdf')!;
      expect(fromPdf).toMatchObject({ source: inputs[0].source, retrievedAt: inputs[0].retrievedAt, original: { name: 'jiaxing-2021.pdf', type: 'application/pdf', bytes: pdf.length, sha256: crypto.createHash('sha256').update(pdf).digest('hex') } });
      expect(fromPdf.mentions[0].page).toBe(1);
      const fromPage = reports.find((r) => r.format === 'html')!;
      expect(fromPage).toMatchObject({ title: '杭州市公安局2022年法治政府建设年度报告', publishedOn: '2023-02-24', original: { name: 'hangzhou.html', type: 'text/html', bytes: page.length } });
      expect(fromPage.mentions[0].page).toBeNull();
    } finally {
      await again.close();
    }
  }, SLOW);
});
