import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { extractSeeds } from '../../../server/services/seed';
import { SEARCH_INDEX } from '../../../server/store/memory/indexFiles';
import { MemoryStore } from '../../../server/store/memory/memoryStore';

// search.idx names its format in its header: a file of an older format (version 2 held its
// keys as strings and no ids) is refused by that version, never decoded, and the index is
// built when first asked for, then saved in the current format with the next snapshot.
const reports = extractSeeds();
const TEXTS = ['执法', '派出所', '公安', '案件管理中心', 'case management'];
type Internals = { indexes: { search?: unknown } };
const searchOf = (s: MemoryStore) => (s as unknown as Internals).indexes.search;

async function open(dir: string, compactBytes?: number): Promise<MemoryStore> {
  const s = new MemoryStore(dir, { compactSeconds: 0, compactBytes });
  await s.init();
  return s;
}

async function answers(s: MemoryStore): Promise<string[]> {
  const out: string[] = [];
  for (const t of TEXTS) out.push(`${t}: ${(await s.search(t, undefined, 20)).map((n) => n.id).join(' ')}`);
  return out;
}

/** The file with the version word of its header block set to `version`, its checksum made to match (a whole file of that version). */
function withVersion(file: Buffer, version: number): Buffer {
  const b = Buffer.from(file);
  // Magic (8 bytes), the header block's length (4), its six words of layout, then its first word: the version.
  b.writeUInt32LE(version, 8 + 4 + 24);
  b.writeUInt32LE(zlib.crc32(b.subarray(0, b.length - 12)) >>> 0, b.length - 12);
  return b;
}

describe('search.idx format', () => {
  jest.setTimeout(60_000);

  it('refuses a file of an older format by its version and builds the index again, then saves it in the current one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-searchfmt-'));
    let s = await open(dir);
    await s.rebuild(reports);
    const expected = await answers(s);
    await s.close();
    const file = path.join(dir, SEARCH_INDEX);
    const current = fs.readFileSync(file);
    // The same bytes with the version put back to 2: every check but the version passes.
    fs.writeFileSync(file, withVersion(current, 2));
    s = await open(dir, 1);
    expect(searchOf(s)).toBeUndefined();
    expect(s.warnings.join('\n')).toMatch(/the search index is built when first asked for: it has another format \(version 2, kind 1\)/);
    expect(await answers(s)).toEqual(expected);
    // The next snapshot (this store compacts at every write) saves it in the current format.
    await s.deleteReport(reports[0].report.id);
    const after = await answers(s);
    await s.close();
    expect(fs.readFileSync(file).readUInt32LE(36)).toBe(current.readUInt32LE(36));
    s = await open(dir);
    expect(s.warnings).toEqual([]);
    expect(searchOf(s)).toBeDefined();
    expect(await answers(s)).toEqual(after);
    await s.close();
  });
});
