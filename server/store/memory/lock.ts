import fs from 'node:fs';

/**
 * One writer per data directory: the server and the ingest CLI each hold graph.lock while they
 * run, so they never overwrite each other's snapshot. A lock left by a dead process is taken over.
 */
export class DataDirLockedError extends Error {}

export function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(`another process (pid ${pid}) is using ${file.replace(/graph\.lock$/, '')}: stop it, or send reports to it with --server / the ingestReport mutation`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`cannot lock ${file}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
