import fs from 'node:fs';
import { processIdentity, stillRunning, type ProcessIdentity } from './processIdentity';

/**
 * One writer per data directory: the server and the ingest CLI each hold graph.lock while they
 * run, so they never overwrite each other's snapshot. Readers (export) never take it.
 *
 * The file names its holder by pid, start time and boot, not by pid alone: a server killed
 * with -9 can stay a zombie whose pid still answers kill(pid, 0) (forever under a PID 1 that
 * does not reap), and in a container a new process soon reuses the pid. A lock whose holder
 * has exited, is a zombie or is another process under the same pid is taken over at once.
 */
export class DataDirLockedError extends Error {}

export function acquireLock(file: string): () => void {
  const me = processIdentity(process.pid);
  const mine = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      createWith(file, mine);
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const seen = readHolder(file);
    if (seen === undefined) continue; // released while we looked
    const holder = parseHolder(seen);
    if (holder && holder.pid !== process.pid && stillRunning(holder)) {
      const since = holder.startedAt ? ` (locked at ${holder.startedAt})` : '';
      throw new DataDirLockedError(`another process (pid ${holder.pid}) is using ${file.replace(/graph\.lock$/, '')}${since}: one process writes a data folder at a time; stop it first, or add reports to it with npm run ingest -- --server URL or the ingestReport mutation`);
    }
    takeOver(file, seen);
  }
  throw new DataDirLockedError(`cannot lock ${file}: other processes keep taking it`);
}

/**
 * Creates `file` holding `text`, or fails with EEXIST. The text is written first and linked into
 * place, so no other starter ever reads the lock empty and takes it for a dead holder's; where
 * hard links are not supported, the file is created exclusively and then written.
 */
function createWith(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.new`;
  fs.writeFileSync(tmp, text);
  try {
    fs.linkSync(tmp, file);
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

function readHolder(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The holder written by this version (JSON), or a bare pid from an older one. */
function parseHolder(text: string): (ProcessIdentity & { startedAt?: string }) | undefined {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text) };
  try {
    const h = JSON.parse(text) as ProcessIdentity & { startedAt?: string };
    return Number.isInteger(h.pid) && h.pid > 0 ? h : undefined;
  } catch {
    return undefined; // half-written by a holder killed while creating it: nobody holds it
  }
}

/**
 * Removes a stale lock, and only that one: it is first moved aside (one taker wins the rename),
 * and put back if what was moved is not the file judged stale (another starter took the lock
 * over in between and now holds it).
 */
function takeOver(file: string, stale: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (readHolder(aside) !== stale) {
    try {
      fs.linkSync(aside, file);
    } catch {
      /* a third starter holds it now; the loop meets it */
    }
  }
  fs.rmSync(aside, { force: true });
}
