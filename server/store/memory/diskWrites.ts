import fs from 'node:fs';
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
