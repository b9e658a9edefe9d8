import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../../server/ingest/pipeline';
import { extractSeeds } from '../../../server/services/seed';
import { RELATED_INDEX, SEARCH_INDEX } from '../../../server/store/memory/indexFiles';
import { MemoryStore } from '../../../server/store/memory/memoryStore';
import { writeNdjsonSnapshot } from '../../../server/store/memory/ndjsonSnapshot';
import { loadGraph, NDJSON_SNAPSHOT, SNAPSHOT } from '../../../server/store/memory/persistence';
import { VERSION, writeSnapshot } from '../../../server/store/memory/snapshot';
import { cityReports } from '../../helpers/cityReports';
import { random as rng } from '../../helpers/random';

// The search and related-reform indexes are saved beside each snapshot and read at the next
// start instead of being built. What a restart on saved indexes answers must be what indexes
// built afresh over the same graph answer, after any mix of writes and deletes; an index that
// was not made from the snapshot being opened (older, damaged) must never be used.
const reports = [...extractSeeds(), ...cityReports().filter((_, i) => i % 3 === 0).slice(0, 7).map((t) => extract(t, {}))];
const ids = reports.map((x) => x.report.id);
const TEXTS = ['执法', '派出所', '最多跑一次', '案件管理中心', '公安', '繁簡分流', '指挥', 'case management', '不存在的名称甲乙丙'];

type Internals = { indexes: { search?: unknown; related?: unknown } };
const internals = (s: MemoryStore) => (s as unknown as Internals).indexes;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kg-persisted-'));

async function open(dir: string, compactBytes?: number): Promise<MemoryStore> {
  const s = new MemoryStore(dir, { compactSeconds: 0, compactBytes });
  await s.init();
  return s;
}

/** A store rebuilt from five reports, then given one more and one (`deleted`) taken away. */
async function rebuiltThenChanged(dir: string, deleted: string): Promise<MemoryStore> {
  const s = await open(dir);
  await s.rebuild(reports.slice(0, 5));
  await s.writeReport(reports[6]);
  await s.deleteReport(deleted);
  return s;
}

/** Every search text's best 20 and every reform's 10 related reforms (scores and via), as answered. */
async function answers(s: MemoryStore): Promise<string[]> {
  const out: string[] = [];
  for (const t of TEXTS) out.push(`${t}: ${(await s.search(t, undefined, 20)).map((n) => n.id).join(' ')}`);
  out.push(`REFORM: ${(await s.search('公安', ['REFORM'], 20)).map((n) => n.id).join(' ')}`);
  for (const r of await s.search('', ['REFORM'], 100000)) {
    for (const x of (await s.relatedReforms(r.id, 10)) ?? []) out.push(`${r.id} → ${x.reform.id} ${x.score} [${x.via.map((v) => v.id).join(' ')}]`);
  }
  return out;
}

/** The answers of indexes built afresh: a copy of the folder without its index files. */
async function freshAnswers(dir: string): Promise<string[]> {
  const copy = tmp();
  for (const f of fs.readdirSync(dir)) if (!f.endsWith('.idx') && !f.endsWith('.lock')) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  const s = await open(copy);
  expect(internals(s).search).toBeUndefined();
  const a = await answers(s);
  await s.close();
  return a;
}

/** Random writes and deletes: each step writes a report the store lacks or deletes one it has. */
async function randomSteps(s: MemoryStore, rand: () => number, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const have = new Set((await s.reports()).map((r) => r.id));
    const x = reports[Math.floor(rand() * reports.length)];
    if (have.has(x.report.id) && have.size > 2) await s.deleteReport(x.report.id);
    else await s.writeReport(x);
  }
}

/**
 * A corrected edition of a report the store has, written in its place: some of its paragraphs
 * (after the heading lines that name the bureau and year) left out, and a paragraph of another
 * report added, so reforms, measures and their edges come, go and change.
 */
function correctedEdition(x: (typeof reports)[number], rand: () => number): (typeof reports)[number] {
  const lines = x.text.split('\n');
  const head = lines.slice(0, 10);
  const body = lines.slice(10).filter(() => rand() < 0.7);
  const other = reports[Math.floor(rand() * reports.length)].text.split('\n').filter((l) => l.length > 40);
  if (other.length) body.push(other[Math.floor(rand() * other.length)]);
  return extract([...head, ...body].join('\n'), {});
}

/** Random writes, deletes and corrected editions (replacing writes), as randomSteps. */
async function randomReplacingSteps(s: MemoryStore, rand: () => number, n: number): Promise<Set<string>> {
  const kinds = new Set<string>();
  for (let i = 0; i < n; i++) {
    const have = (await s.reports()).map((r) => r.id);
    const x = reports[Math.floor(rand() * reports.length)];
    const old = have[Math.floor(rand() * have.length)];
    const kind = have.length < 3 ? 'write' : ['write', 'delete', 'edition', 'edition'][Math.floor(rand() * 4)];
    if (kind === 'edition') {
      const by = (await s.getNodes([old]))[0]!;
      const source = reports.find((r) => r.report.id === old) ?? reports.find((r) => r.report.name === by.name) ?? x;
      const w = await s.writeReport(correctedEdition(source, rand), { replace: old });
      kinds.add(w.replaced === old ? 'edition' : 'edition refused');
    } else if (kind === 'delete') {
      await s.deleteReport(old);
      kinds.add(kind);
    } else if (!have.includes(x.report.id)) {
      await s.writeReport(x);
      kinds.add(kind);
    }
  }
  return kinds;
}

describe('search and related-reform indexes saved beside the snapshot', () => {
  jest.setTimeout(120_000);

  it.each([11, 29])('a restart on saved indexes answers as indexes built afresh (random writes and deletes, seed %i)', async (seed) => {
    const rand = rng(seed);
    const dir = tmp();
    let s = await open(dir);
    await s.rebuild(reports.filter(() => rand() < 0.5));
    for (const f of [SNAPSHOT, SEARCH_INDEX, RELATED_INDEX]) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    for (let round = 0; round < 3; round++) {
      // Half the rounds compact after every write (indexes saved at each), half leave the
      // writes in the journal (saved indexes brought up to date by the replay at start).
      await s.close();
      s = await open(dir, round % 2 ? 1 : undefined);
      expect(s.warnings).toEqual([]);
      expect(internals(s).search).toBeDefined();
      expect(internals(s).related).toBeDefined();
      await randomSteps(s, rand, 6);
      await s.close();
      s = await open(dir);
      // Read from the files, not built: both are there before any query.
      expect(internals(s).search).toBeDefined();
      expect(internals(s).related).toBeDefined();
      const restarted = await answers(s);
      expect(restarted).toEqual(await freshAnswers(dir));
      expect(restarted.length).toBeGreaterThan(TEXTS.length + 1);
    }
    await s.close();
  });

  // Corrected editions replace a report: what the old one stated goes and the new one's comes
  // in one write. The index kept by those writes (in the running store, and read at a restart
  // then brought up to date by replaying the journal) answers as one built afresh.
  it.each([5, 23])('answers as indexes built afresh after corrected editions, deletes and writes, running and after a restart (seed %i)', async (seed) => {
    const rand = rng(seed);
    const dir = tmp();
    let s = await open(dir);
    await s.rebuild(reports.filter(() => rand() < 0.6));
    await s.close();
    const kinds = new Set<string>();
    for (let round = 0; round < 3; round++) {
      s = await open(dir, round === 1 ? 1 : undefined);
      const loaded = internals(s).related;
      expect(loaded).toBeDefined();
      for (const k of await randomReplacingSteps(s, rand, 8)) kinds.add(k);
      // The running store's index, kept by each write, not built again.
      expect(internals(s).related).toBe(loaded);
      const running = await answers(s);
      expect(internals(s).related).toBe(loaded);
      await s.close();
      const fresh = await freshAnswers(dir);
      expect(running).toEqual(fresh);
      // Restarted: the saved index, with the journal's writes replayed into it.
      s = await open(dir);
      const read = internals(s).related;
      expect(read).toBeDefined();
      expect(await answers(s)).toEqual(fresh);
      expect(internals(s).related).toBe(read);
      await s.close();
    }
    expect(kinds).toEqual(new Set(['write', 'delete', 'edition']));
  });

  it('never uses an index older than its graph, or a damaged one: it is built again', async () => {
    const dir = tmp();
    let s = await open(dir);
    await s.rebuild(reports.slice(0, 4));
    await s.close();
    const older = Object.fromEntries([SEARCH_INDEX, RELATED_INDEX].map((f) => [f, fs.readFileSync(path.join(dir, f))]));
    s = await open(dir, 1); // every write compacts: snapshot and indexes written anew
    await s.writeReport(reports[5]);
    await s.deleteReport(ids[1]);
    await s.close();
    const current = Object.fromEntries([SEARCH_INDEX, RELATED_INDEX].map((f) => [f, fs.readFileSync(path.join(dir, f))]));
    const fresh = await freshAnswers(dir);
    // The older graph's answers differ: using the old index would show.
    for (const [f, buf] of Object.entries(older)) fs.writeFileSync(path.join(dir, f), buf);
    s = await open(dir);
    expect(internals(s).search).toBeUndefined();
    expect(internals(s).related).toBeUndefined();
    expect(s.warnings.join('\n')).toMatch(/the search index is built when first asked for: it was made from another graph/);
    expect(s.warnings.join('\n')).toMatch(/the related-reform index is built when first asked for: it was made from another graph/);
    expect(await answers(s)).toEqual(fresh);
    await s.close();

    const damage: Array<[string, (b: Buffer) => Buffer, RegExp]> = [
      ['a flipped byte', (b) => {
        const c = Buffer.from(b);
        c[Math.floor(c.length / 2)] ^= 0x10;
        return c;
      }, /damaged .*checksum does not match/],
      ['cut short', (b) => b.subarray(0, b.length - 7), /damaged .*incomplete/],
      ['empty', () => Buffer.alloc(0), /damaged/],
    ];
    for (const [what, spoil, why] of damage) {
      for (const [f, buf] of Object.entries(current)) fs.writeFileSync(path.join(dir, f), spoil(buf));
      s = await open(dir);
      expect([what, internals(s).search, internals(s).related]).toEqual([what, undefined, undefined]);
      expect(s.warnings.join('\n')).toMatch(why);
      expect(await answers(s)).toEqual(fresh);
      await s.close();
    }
  });

  it('opens a snapshot of the line-per-item format and migrates it once, atomically', async () => {
    const source = tmp();
    let s = await rebuiltThenChanged(source, ids[0]);
    const expected = await answers(s);
    await s.close();
    // The same graph as the older format wrote it: graph.ndjson plus the journal since.
    const { graph, seq } = await loadGraph(source);
    const dir = tmp();
    writeNdjsonSnapshot(path.join(dir, NDJSON_SNAPSHOT), graph, seq);
    fs.copyFileSync(path.join(source, 'journal.ndjson'), path.join(dir, 'journal.ndjson'));
    // A migration cut off by a crash left its temp file: it is not the snapshot.
    fs.writeFileSync(path.join(dir, `${SNAPSHOT}.4242.tmp`), 'KGSNAP');
    const write = reports[7];
    s = await open(dir);
    expect(await answers(s)).toEqual(expected);
    expect(fs.readdirSync(dir).sort()).toEqual(['graph.lock', 'graph.snap', 'journal.ndjson', 'related.idx', 'search.idx']);
    expect(internals(s).search).toBeDefined();
    await s.writeReport(write);
    const after = await answers(s);
    await s.close();
    const migrated = fs.statSync(path.join(dir, SNAPSHOT));
    // Opened again: read from graph.snap, not migrated again.
    s = await open(dir);
    expect(await answers(s)).toEqual(after);
    expect(s.warnings).toEqual([]);
    await s.close();
    const again = fs.statSync(path.join(dir, SNAPSHOT));
    expect([again.ino, again.mtimeMs]).toEqual([migrated.ino, migrated.mtimeMs]);
  });

  it('opens a snapshot of the version that named edge ends by id, and writes it anew once', async () => {
    const dir = tmp();
    let s = await rebuiltThenChanged(dir, ids[1]);
    const expected = await answers(s);
    const items = (d: ReturnType<MemoryStore['dump']>) => [d.nodes.map((n) => n.id).sort(), d.edges.map((e) => `${e.id} ${e.mentions.length}`).sort()];
    const held = items(s.dump());
    await s.close();
    // The same graph in version 4 (the index files beside it name the newer file: they are built again).
    const { graph, seq } = await loadGraph(dir);
    const old = writeSnapshot(path.join(dir, SNAPSHOT), graph, seq, 4);
    expect((await loadGraph(dir)).snapshot).toMatchObject({ version: 4, crc: old.crc });
    s = await open(dir);
    expect(await answers(s)).toEqual(expected);
    await s.close();
    const migrated = await loadGraph(dir);
    expect(migrated.snapshot?.version).toBe(VERSION);
    const stat = fs.statSync(path.join(dir, SNAPSHOT));
    s = await open(dir);
    expect(await answers(s)).toEqual(expected);
    expect(items(s.dump())).toEqual(held);
    expect(s.warnings).toEqual([]);
    await s.close();
    const again = fs.statSync(path.join(dir, SNAPSHOT));
    expect([again.ino, again.mtimeMs]).toEqual([stat.ino, stat.mtimeMs]);
  });
});
