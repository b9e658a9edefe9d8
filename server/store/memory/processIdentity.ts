import fs from 'node:fs';

/**
 * A process as a lock file names it: the pid alone is not enough, since a pid outlives its
 * process as a zombie and is reused by the next one. With /proc (Linux) the pair pid + start
 * time (clock ticks since boot, /proc/<pid>/stat field 22) under one boot id names exactly one
 * process; elsewhere only the pid is known.
 */
export interface ProcessIdentity {
  pid: number;
  start?: string;
  boot?: string;
  /** For people reading the lock or the refusal; not compared. */
  startedAt?: string;
}

interface ProcStat {
  state: string;
  start: string;
}

const hasProc = () => fs.existsSync('/proc/self/stat');

function procStat(pid: number): ProcStat | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], start: fields[19] };
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function processIdentity(pid: number): ProcessIdentity {
  return { pid, start: procStat(pid)?.start, boot: bootId(), startedAt: new Date().toISOString() };
}

/** False when that process has exited, is a zombie, or its pid now belongs to another process. */
export function stillRunning(p: ProcessIdentity): boolean {
  const boot = bootId();
  if (p.boot && boot && p.boot !== boot) return false;
  if (!hasProc()) return signalable(p.pid);
  const now = procStat(p.pid);
  if (!now || now.state === 'Z' || now.state === 'X') return false;
  return !p.start || now.start === p.start;
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
