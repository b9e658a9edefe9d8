import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Extraction } from '../../model/types';
import { fsyncDir, storageError, StorageError, writeAll } from './diskWrites';

export type JournalEntry =
  | { seq: number; op: 'write'; x: Extraction; replaces?: string }
  | { seq: number; op: 'delete'; id: string };

/** Raised when a snapshot or journal cannot be trusted: start-up stops, naming the file and why. */
export class CorruptSnapshotError extends Error {}

/**
 * A journal line is the record's JSON with its CRC-32 put first: `{"c":"1a2b3c4d","seq":7,...}`
 * where the checksum covers the JSON without the `c` member. Lines stay JSON (jq reads them);
 * lines without `c` are the format before checksums, accepted only ahead of any checksummed
 * line, and the store compacts them away at its next start.
 */
const MARK = '{"c":"';
const BODY_AT = MARK.length + 10; // 8 hex digits, then `",`

export function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

export function encodeRecord(entry: JournalEntry): Buffer {
  const body = JSON.stringify(entry);
  return Buffer.from(`${MARK}${hex32(zlib.crc32(body))}",${body.slice(1)}\n`);
}

export interface JournalRead {
  /** Records after the snapshot's sequence number, in order. */
  entries: JournalEntry[];
  /** Bytes of whole records: a torn tail beyond them is cut off before the next append. */
  size: number;
  /** Records written before checksums existed. */
  legacy: number;
  warnings: string[];
}

/**
 * Reads and checks the journal against the snapshot it follows (`snapshotSeq`). Only a final
 * line without its newline (a write cut off, so never confirmed) is dropped, with a warning;
 * a bad checksum, zero bytes, a record out of sequence or anything else unreadable refuses.
 */
export function readJournal(file: string, snapshotSeq: number): JournalRead {
  const out: JournalRead = { entries: [], size: 0, legacy: 0, warnings: [] };
  if (!fs.existsSync(file)) return out;
  const buf = fs.readFileSync(file);
  out.size = buf.lastIndexOf(0x0a) + 1;
  const lines = buf.toString('utf8', 0, out.size).split('\n');
  lines.pop();
  const damaged = (line: number, why: string) =>
    new CorruptSnapshotError(`the journal ${file} is damaged at line ${line}: ${why}; restore a backup, or move it away to start from the snapshot alone (losing the writes it holds)`);
  let checksummed = false;
  let last: number | undefined;
  lines.forEach((line, i) => {
    if (!line) return;
    if (line.includes('\0')) throw damaged(i + 1, 'it holds zero bytes (zero-filled or overwritten)');
    let json = line;
    if (line.startsWith(MARK) && line.slice(BODY_AT - 2, BODY_AT) === '",') {
      json = `{${line.slice(BODY_AT)}`;
      if (hex32(zlib.crc32(json)) !== line.slice(MARK.length, BODY_AT - 2)) throw damaged(i + 1, 'its checksum does not match (a changed byte)');
      checksummed = true;
    } else if (checksummed) throw damaged(i + 1, 'a record without a checksum among checksummed ones');
    else out.legacy++;
    let e: JournalEntry;
    try {
      e = JSON.parse(json) as JournalEntry;
    } catch {
      throw damaged(i + 1, 'not a JSON record');
    }
    if (!isEntry(e)) throw damaged(i + 1, 'not a journal record');
    // Records the snapshot already holds (a crash between writing it and emptying the journal)
    // are skipped; after them the sequence must continue from the snapshot without a gap.
    const expected = last === undefined ? undefined : last + 1;
    if (e.seq <= snapshotSeq) {
      if (out.entries.length) throw damaged(i + 1, `record ${e.seq} comes after record ${last}`);
      if (expected !== undefined && e.seq !== expected) throw damaged(i + 1, `record ${e.seq} follows record ${last}: records are missing`);
    } else {
      const want = out.entries.length ? expected! : snapshotSeq + 1;
      if (e.seq !== want) throw damaged(i + 1, `record ${e.seq} where ${want} was due (the snapshot ends at ${snapshotSeq}): records are missing`);
      out.entries.push(e);
    }
    last = e.seq;
  });
  const tail = buf.subarray(out.size);
  if (tail.length) {
    const at = lines.length + 1;
    if (tail.includes(0)) throw damaged(at, 'it holds zero bytes (zero-filled or overwritten)');
    if (tail[0] !== 0x7b) throw damaged(at, 'not a JSON record');
    out.warnings.push(`dropped the last line (${at}) of the journal ${file}: ${tail.length} bytes cut off without their end, a write that was never confirmed`);
  }
  return out;
}

function isEntry(e: unknown): e is JournalEntry {
  const r = e as Partial<JournalEntry> | null;
  if (!r || typeof r !== 'object' || !Number.isSafeInteger(r.seq)) return false;
  if (r.op === 'write') return !!r.x && typeof r.x === 'object' && !!r.x.report;
  return r.op === 'delete' && typeof r.id === 'string';
}

/**
 * The open journal: appends are written whole and flushed before they count, and a failed
 * append is cut off again, so the file only ever holds confirmed records (plus, after a crash,
 * one torn line that the next start drops).
 */
export class Journal {
  /** When the oldest record not yet in a snapshot was written (ms), for time-based compaction. */
  since?: number;
  /** Whether the file's name is known to be on disk (a new file needs its folder flushed too). */
  private named: boolean;

  constructor(readonly file: string, public size: number, public entries: number) {
    if (entries) this.since = Date.now();
    this.named = fs.existsSync(file);
  }

  /** Throws a StorageError (DISK_FULL or STORAGE_ERROR) when the record is not wholly on disk. */
  append(entry: JournalEntry): void {
    const rec = encodeRecord(entry);
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'a');
      const found = fs.fstatSync(fd).size;
      if (found < this.size) throw new StorageError('STORAGE_ERROR', `the journal ${this.file} shrank from ${this.size} to ${found} bytes under the server; nothing was written`);
      // A torn line left by a crash or by a failed cut-off must not run into this record.
      if (found > this.size) fs.ftruncateSync(fd, this.size);
      writeAll(fd, rec);
      fs.fsyncSync(fd);
      if (!this.named) fsyncDir(path.dirname(this.file));
      this.named = true;
    } catch (e) {
      if (fd !== undefined) this.cutBack(fd);
      throw storageError(e, 'this write');
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    this.size += rec.length;
    this.entries++;
    this.since ??= Date.now();
  }

  /** Empties the journal once a snapshot holds everything in it. */
  reset(): void {
    const fd = fs.openSync(this.file, 'a');
    try {
      fs.ftruncateSync(fd, 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.size = 0;
    this.entries = 0;
    this.since = undefined;
  }

  private cutBack(fd: number): void {
    try {
      fs.ftruncateSync(fd, this.size);
      fs.fsyncSync(fd);
    } catch {
      // The partial record stays until the next append cuts it (size is checked there) or the
      // next start drops it as a torn line; it was never confirmed either way.
    }
  }
}
