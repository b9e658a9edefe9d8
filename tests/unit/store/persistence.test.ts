import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractSeeds, seedIfEmpty } from '../../../server/services/seed';
import { MemoryStore } from '../../../server/store/memory/memoryStore';
import { JOURNAL, NDJSON_SNAPSHOT, SNAPSHOT } from '../../../server/store/memory/persistence';
import { MAGIC } from '../../../server/store/memory/snapshot';

const seeds = extractSeeds();
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kg-persist-'));
async function open(dir: string) {
  const s = new MemoryStore(dir);
  await s.init();
  return s;
}
async function ids(dir: string) {
  const s = await open(dir);
  const d = s.dump();
  await s.close();
  return { nodes: d.nodes.map((n) => n.id).sort(), edges: d.edges.map((e) => e.id).sort() };
}

describe('embedded store on disk', () => {
  it('keeps every acknowledged write in the journal and replays it at start', async () => {
    const dir = tmp();
    const a = await open(dir);
    for (const x of seeds) await a.writeReport(x);
    const stats = await a.stats();
    await a.close();
    expect(fs.readFileSync(path.join(dir, JOURNAL), 'utf8').trim().split('\n')).toHaveLength(2);
    const b = await open(dir);
    expect(await b.stats()).toEqual(stats);
    expect(await b.deleteReport(seeds[0].report.id)).toBe(true);
    await b.close();
    const c = await open(dir);
    expect((await c.stats()).reports).toBe(1);
    await c.close();
  });

  it('writes a snapshot on rebuild and starts from it with an empty journal', async () => {
    const dir = tmp();
    const a = await open(dir);
    await a.rebuild(seeds);
    await a.close();
    expect(fs.readFileSync(path.join(dir, JOURNAL), 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(dir, SNAPSHOT)).subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    const viaJournal = tmp();
    const b = await open(viaJournal);
    for (const x of seeds) await b.writeReport(x);
    await b.close();
    expect(await ids(dir)).toEqual(await ids(viaJournal));
  });

  it('does not seed again a store whose reports were all deleted', async () => {
    const dir = tmp();
    const a = await open(dir);
    expect(await seedIfEmpty(a)).toBe(2);
    for (const x of seeds) expect(await a.deleteReport(x.report.id)).toBe(true);
    await a.close();
    const b = await open(dir);
    expect(await seedIfEmpty(b)).toBe(0);
    expect((await b.stats()).reports).toBe(0);
    await b.close();
  });

  it('drops a torn last journal line (a write that never answered)', async () => {
    const dir = tmp();
    const a = await open(dir);
    await a.writeReport(seeds[0]);
    await a.close();
    const before = await ids(dir);
    fs.appendFileSync(path.join(dir, JOURNAL), '{"seq":2,"op":"write","x":{"report":{"id":"rep');
    expect(await ids(dir)).toEqual(before);
  });

  it('refuses to start on a damaged journal or snapshot, saying which file', async () => {
    const dir = tmp();
    const a = await open(dir);
    await a.writeReport(seeds[0]);
    await a.writeReport(seeds[1]);
    await a.close();
    const j = path.join(dir, JOURNAL);
    const lines = fs.readFileSync(j, 'utf8').split('\n');
    fs.writeFileSync(j, [lines[0].slice(0, 50), ...lines.slice(1)].join('\n'));
    await expect(open(dir)).rejects.toThrow(/the journal .*journal\.ndjson is damaged at line 1/);

    const d2 = tmp();
    const b = await open(d2);
    await b.rebuild(seeds);
    await b.close();
    const snap = path.join(d2, SNAPSHOT);
    fs.truncateSync(snap, Math.floor(fs.statSync(snap).size / 2));
    await expect(open(d2)).rejects.toThrow(/graph\.snap is incomplete/);
  });

  it('makes npm start refuse a corrupt snapshot instead of serving an empty graph', () => {
    execFileSync('node', ['scripts/build.mjs'], { cwd: path.join(__dirname, '../../..') });
    const dir = tmp();
    fs.writeFileSync(path.join(dir, NDJSON_SNAPSHOT), '{"version":2,"seq":1,"nodes":5,"edges":0}\n{not json\n');
    const r = spawnSync('node', [path.join(__dirname, '../../../dist/server/main.js')], { env: { ...process.env, KG_DATA_DIR: dir, PORT: '0' }, encoding: 'utf8', timeout: 20000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot start: the graph snapshot .*graph\.ndjson is damaged at line 2/);
  });
});
