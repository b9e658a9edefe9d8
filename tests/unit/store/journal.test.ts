import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractSeeds } from '../../../server/services/seed';
import { StorageError } from '../../../server/store/memory/diskWrites';
import { Journal, readJournal } from '../../../server/store/memory/journal';

// The journal's own guarantees, with the disk's answers forced: a write taken a few bytes at a
// time is still written whole, and one the disk refuses half-way leaves no trace.
const [x] = extractSeeds();
const fresh = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-journal-')), 'journal.ndjson');
const realWrite = fs.writeSync;

afterEach(() => jest.restoreAllMocks());

describe('journal appends', () => {
  it('loops over short writes until the record is whole', () => {
    const file = fresh();
    const j = new Journal(file, 0, 0);
    const calls = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, off: number, len: number) => realWrite(fd, buf, off, Math.min(len, 4096))) as typeof fs.writeSync);
    j.append({ seq: 1, op: 'write', x });
    j.append({ seq: 2, op: 'delete', id: x.report.id });
    expect(calls.mock.calls.length).toBeGreaterThan(10);
    expect(fs.statSync(file).size).toBe(j.size);
    const read = readJournal(file, 0);
    expect(read.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(read.warnings).toEqual([]);
  });

  it('cuts off a record the disk refused half-way and answers DISK_FULL', () => {
    const file = fresh();
    const j = new Journal(file, 0, 0);
    j.append({ seq: 1, op: 'delete', id: 'report:a' });
    const before = fs.readFileSync(file);
    let taken = 0;
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, off: number, len: number) => {
      if (taken > 10000) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = realWrite(fd, buf, off, Math.min(len, 5000));
      taken += n;
      return n;
    }) as typeof fs.writeSync);
    let err: unknown;
    try {
      j.append({ seq: 2, op: 'write', x });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('DISK_FULL');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    jest.restoreAllMocks();
    // The next record follows on a clean line.
    j.append({ seq: 2, op: 'delete', id: 'report:b' });
    expect(readJournal(file, 0).entries.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('cuts off a torn line a crash left before appending after it', () => {
    const file = fresh();
    const j = new Journal(file, 0, 0);
    j.append({ seq: 1, op: 'delete', id: 'report:a' });
    fs.appendFileSync(file, '{"c":"00000000","seq":2,"op":"wri');
    const read = readJournal(file, 0);
    expect(read.warnings[0]).toMatch(/dropped the last line \(2\) of the journal/);
    const again = new Journal(file, read.size, read.entries.length);
    again.append({ seq: 2, op: 'delete', id: 'report:b' });
    expect(readJournal(file, 0)).toMatchObject({ warnings: [], entries: [{ seq: 1 }, { seq: 2 }] });
  });
});
