import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestReport } from '../../server/services/ingest';
import { extractSeeds } from '../../server/services/seed';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { JOURNAL, NDJSON_SNAPSHOT, SNAPSHOT } from '../../server/store/memory/persistence';
import { MAGIC } from '../../server/store/memory/snapshot';
import { cityReports } from '../helpers/cityReports';
import { startServer } from '../helpers/serverProcess';

// Damaged data files: each either refuses to open, naming the file, the line and the reason, or
// (a torn last journal line only) drops that line and says so. Nothing is ever seeded over them.
const ROOT = path.join(__dirname, '../..');
const texts = cityReports().slice(0, 6);

async function open(dir: string) {
  const s = new MemoryStore(dir, { compactSeconds: 0 });
  await s.init();
  return s;
}

/** A data folder holding the two seeds and `extra` reports in the journal (no snapshot unless `snapshot`). */
async function dataDir(extra: number, snapshot = false): Promise<{ dir: string; reports: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-corrupt-'));
  const s = await open(dir);
  if (snapshot) await s.rebuild(extractSeeds());
  else for (const x of extractSeeds()) await s.writeReport(x);
  for (const text of texts.slice(0, extra)) await ingestReport(s, { text });
  const reports = (await s.reports()).map((r) => r.id).sort();
  await s.close();
  return { dir, reports };
}

async function reportsIn(dir: string): Promise<{ reports: string[]; warnings: readonly string[] }> {
  const s = await open(dir);
  const reports = (await s.reports()).map((r) => r.id).sort();
  await s.close();
  return { reports, warnings: s.warnings };
}

const journalOf = (dir: string) => path.join(dir, JOURNAL);
const linesOf = (file: string) => fs.readFileSync(file, 'utf8').split('\n');

describe('damaged data files', () => {
  jest.setTimeout(120_000);
  beforeAll(() => execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT }));

  it('a journal cut in the middle of a line: only that torn last record goes, and the store says so', async () => {
    const { dir, reports } = await dataDir(3);
    const j = journalOf(dir);
    const size = fs.statSync(j).size;
    fs.truncateSync(j, Math.floor(size / 2));
    const kept = linesOf(j).length - 1; // whole lines left
    const after = await reportsIn(dir);
    expect(after.reports).toEqual(reports.filter((id) => after.reports.includes(id)));
    expect(after.reports.length).toBe(kept);
    expect(after.warnings).toHaveLength(1);
    expect(after.warnings[0]).toMatch(new RegExp(`dropped the last line \\(${kept + 1}\\) of the journal .*journal\\.ndjson`));
    const server = await startServer(dir, { env: { KG_LOG_LEVEL: 'silent' } });
    await server.stop();
    expect(server.stdout).toMatch(/^warning: dropped the last line \(\d+\) of the journal .*: \d+ bytes cut off without their end, a write that was never confirmed$/m);
    expect(server.stdout).not.toMatch(/seeded/);
    // The next write starts on a clean line: the following start finds nothing to drop.
    const s = await open(dir);
    await ingestReport(s, { text: texts[5] });
    await s.close();
    const again = await reportsIn(dir);
    expect(again.warnings).toEqual([]);
    expect(again.reports.length).toBe(kept + 1);
  });

  it('a zero-filled journal refuses to open, and the server does not seed over it', async () => {
    const { dir } = await dataDir(1);
    const j = journalOf(dir);
    fs.writeFileSync(j, Buffer.alloc(fs.statSync(j).size));
    await expect(open(dir)).rejects.toThrow(/the journal .*journal\.ndjson is damaged at line 1: it holds zero bytes/);

    const r = spawnSync('node', [path.join(ROOT, 'dist/server/main.js')], { env: { ...process.env, KG_DATA_DIR: dir, PORT: '0', KG_LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 30000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot start: the journal .*journal\.ndjson is damaged at line 1: it holds zero bytes/);
    expect(r.stdout).not.toMatch(/seeded/);
    expect(fs.readdirSync(dir).sort()).toEqual([JOURNAL]);
    expect(fs.readFileSync(j).every((b) => b === 0)).toBe(true);
  });

  it('zero bytes over the middle of a journal refuse to open', async () => {
    const { dir } = await dataDir(2);
    const j = journalOf(dir);
    const buf = fs.readFileSync(j);
    buf.fill(0, Math.floor(buf.length / 3), Math.floor(buf.length / 3) + 4096);
    fs.writeFileSync(j, buf);
    await expect(open(dir)).rejects.toThrow(/the journal .*journal\.ndjson is damaged at line \d+: it holds zero bytes/);
  });

  it('a journal missing a middle record refuses to open', async () => {
    const { dir } = await dataDir(2);
    const j = journalOf(dir);
    const lines = linesOf(j);
    fs.writeFileSync(j, [...lines.slice(0, 1), ...lines.slice(2)].join('\n'));
    await expect(open(dir)).rejects.toThrow(/the journal .*journal\.ndjson is damaged at line 2: record 3 where 2 was due .*records are missing/);
  });

  it('a flipped byte in a middle journal record refuses to open', async () => {
    const { dir } = await dataDir(2);
    const j = journalOf(dir);
    const buf = fs.readFileSync(j);
    const second = buf.indexOf(0x0a) + 1;
    // A digit of a mention's offset: still valid JSON, only the checksum can tell.
    const at = buf.indexOf('"start":', second) + 8;
    buf[at] = buf[at] === 0x31 ? 0x32 : 0x31;
    fs.writeFileSync(j, buf);
    await expect(open(dir)).rejects.toThrow(/the journal .*journal\.ndjson is damaged at line 2: its checksum does not match/);
  });

  it('a snapshot missing its last blocks refuses to open instead of serving empty quotes', async () => {
    const { dir } = await dataDir(0, true);
    const snap = path.join(dir, SNAPSHOT);
    fs.truncateSync(snap, fs.statSync(snap).size - 4096);
    await expect(open(dir)).rejects.toThrow(/the graph snapshot .*graph\.snap is incomplete: it stops at byte \d+ without its end/);
  });

  it('a snapshot cut in the middle of a block, or with a flipped byte, refuses to open', async () => {
    const { dir } = await dataDir(0, true);
    const snap = path.join(dir, SNAPSHOT);
    const good = fs.readFileSync(snap);
    fs.writeFileSync(snap, good.subarray(0, Math.floor(good.length * 0.9)));
    await expect(open(dir)).rejects.toThrow(/graph\.snap is incomplete/);
    // A character of a report text (the texts are the snapshot's last block) changed.
    const flipped = Buffer.from(good);
    const at = flipped.lastIndexOf(Buffer.from('公安', 'utf16le'));
    flipped[at] ^= 1;
    fs.writeFileSync(snap, flipped);
    await expect(open(dir)).rejects.toThrow(/graph\.snap is damaged: its checksum does not match/);
  });

  it('opens a journal and snapshot of the format before checksums, and migrates them once', async () => {
    const { dir, reports } = await dataDir(1);
    const j = journalOf(dir);
    // The old format: the same records without the `c` member.
    fs.writeFileSync(j, linesOf(j).map((l) => l.replace(/^\{"c":"[0-9a-f]{8}",/, '{')).join('\n'));
    const s = await open(dir);
    expect((await s.reports()).map((r) => r.id).sort()).toEqual(reports);
    await s.close();
    expect(fs.readFileSync(j, 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(dir, SNAPSHOT)).subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    expect(fs.existsSync(path.join(dir, NDJSON_SNAPSHOT))).toBe(false);
    expect((await reportsIn(dir)).reports).toEqual(reports);
  });

  it('skips journal records a snapshot already holds (a crash between writing it and emptying the journal)', async () => {
    const { dir, reports } = await dataDir(2);
    const j = journalOf(dir);
    const before = fs.readFileSync(j);
    const s = await open(dir);
    await s.rebuild(extractSeeds());
    await s.close();
    fs.writeFileSync(j, before);
    const after = await reportsIn(dir);
    expect(after.reports).toEqual(reports.filter((id) => extractSeeds().some((x) => x.report.id === id)));
    expect(after.warnings).toEqual([]);
  });
});
