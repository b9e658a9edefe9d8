import fs from 'node:fs';

/**
 * Where pino writes the request log: a file descriptor written asynchronously, one write at a
 * time, that gives up on lines it cannot write instead of waiting for them. pino's own
 * destination retried a failed write for ever (a full disk under stderr hung the whole server,
 * /health included); here a log line is worth less than an answer:
 * - a write that fails (ENOSPC, EPIPE, EIO, EBADF…) drops its lines and counts them;
 * - a busy pipe (EAGAIN) is tried again later, but lines waiting beyond `maxPendingBytes`
 *   are dropped and counted rather than held;
 * - nothing here throws or blocks the event loop, and closing never waits for a stuck write.
 */
let droppedTotal = 0;

/** Log lines dropped since start, by every destination (for /health). */
export function droppedLogLines(): number {
  return droppedTotal;
}

const RETRY_MS = 20;
const countLines = (b: Buffer) => {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n || 1;
};

export class DroppingDestination {
  private pending: string[] = [];
  private pendingBytes = 0;
  /** What the write in flight (or the next one) is writing. */
  private chunk: Buffer | undefined;
  private writing = false;

  constructor(private readonly fd: number, private readonly maxPendingBytes = 1 << 20) {}

  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.pendingBytes + bytes > this.maxPendingBytes) this.drop(1);
    else {
      this.pending.push(line);
      this.pendingBytes += bytes;
      if (!this.writing) this.next();
    }
    return true;
  }

  /** Writes what waits once, without waiting: a shutdown must not hang on a full disk either. */
  flush(cb?: (err?: Error) => void): void {
    if (!this.writing) {
      const chunk = this.take();
      if (chunk) {
        try {
          const n = fs.writeSync(this.fd, chunk);
          if (n < chunk.length) this.drop(countLines(chunk.subarray(n)));
        } catch {
          this.drop(countLines(chunk));
        }
      }
    }
    cb?.();
  }

  private take(): Buffer | undefined {
    const chunk = this.chunk ?? (this.pending.length ? Buffer.from(this.pending.join('')) : undefined);
    if (!this.chunk) {
      this.pending = [];
      this.pendingBytes = 0;
    }
    this.chunk = undefined;
    return chunk;
  }

  private next(): void {
    const chunk = this.take();
    if (!chunk) {
      this.writing = false;
      return;
    }
    this.writing = true;
    fs.write(this.fd, chunk, 0, chunk.length, null, (err, n) => {
      if (err && (err.code === 'EAGAIN' || err.code === 'EWOULDBLOCK')) {
        this.chunk = chunk;
        setTimeout(() => this.next(), RETRY_MS).unref();
        return;
      }
      if (err) this.drop(countLines(chunk));
      else if (n < chunk.length) this.chunk = chunk.subarray(n);
      this.next();
    });
  }

  private drop(lines: number): void {
    droppedTotal += lines;
  }
}
