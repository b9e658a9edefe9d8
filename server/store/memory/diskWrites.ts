import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';

export type StorageErrorCode = 'DISK_FULL' | 'STORAGE_ERROR';

/**
 * A write the disk did not take (full, quota, I/O error): nothing of it is kept or answered as
 * done. A GraphQLError with a code, so the API passes the message through masking to the client.
 */
export class StorageError extends GraphQLError {
  constructor(readonly code: StorageErrorCode, message: string) {
    super(message, { extensions: { code } });
    this.name = 'StorageError';
  }
}

/** The error as a StorageError saying what was being written (`what`). */
export function storageError(e: unknown, what: string): StorageError {
  if (e instanceof StorageError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new StorageError('DISK_FULL', `the disk is full: ${what} was not saved, nothing changed`);
  return new StorageError('STORAGE_ERROR', `${what} could not be written (${code ?? (e as Error)?.message ?? String(e)}); nothing changed`);
}

/**
 * Writes all of `buf` at the file position: writeSync may take only part of it (a nearly full
 * disk takes what fits), so the rest is written again until the disk refuses with an error.
 */
export function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    const n = fs.writeSync(fd, buf, off, buf.length - off);
    if (n <= 0) throw Object.assign(new Error('the disk took no bytes'), { code: 'ENOSPC' });
    off += n;
  }
}

/** Makes a rename or a new file in `dir` survive a power cut. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `file` whole or not at all: `fill` writes into a temp file beside it, which is flushed,
 * its size checked and renamed over `file`, and the folder flushed. On any failure the temp file
 * goes, `file` stays as it was, and the error is a StorageError naming `what`.
 */
export function atomicWrite<T extends { bytes: number }>(file: string, what: string, fill: (put: (b: Buffer) => void) => T): T {
  const tmp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'w');
    const out = fd;
    const result = fill((b) => writeAll(out, b));
    fs.fsyncSync(out);
    const onDisk = fs.fstatSync(out).size;
    if (onDisk !== result.bytes) throw new StorageError('STORAGE_ERROR', `${what} ${tmp} has ${onDisk} bytes on disk of the ${result.bytes} written; the old one stays`);
    fs.closeSync(out);
    fd = undefined;
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
    return result;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw storageError(e, what);
  }
}
