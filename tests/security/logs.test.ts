import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The request log on stderr must never stop the server: when its disk is full, its file cannot
// be written or whoever reads its pipe stops reading, the server keeps answering at once,
// drops the lines and says how many in /health (logDropped). (At debug, where each request is a line.)
const ROOT = path.join(__dirname, '../..');

interface Running {
  url: string;
  proc: ChildProcess;
}

function start(dataDir: string, stderr: number | 'pipe' | 'ignore'): Promise<Running> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', KG_DATA_DIR: dataDir, KG_LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', stderr],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({ url: m[1], proc });
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

const stop = (p: ChildProcess) => new Promise<void>((resolve) => {
  if (p.exitCode !== null || p.signalCode !== null) return resolve();
  p.removeAllListeners('exit');
  p.once('exit', () => resolve());
  p.kill('SIGTERM');
  setTimeout(() => p.kill('SIGKILL'), 5000).unref();
});

/** `n` requests, `width` at a time, each logged by the server; returns the slowest in ms. A server
 * that waits on its log never answers, so the bound is about hanging, not speed (a loaded CI
 * machine makes single requests take seconds). */
async function hammer(url: string, n: number, width = 10): Promise<number> {
  let slowest = 0;
  const one = async (i: number) => {
    const t0 = performance.now();
    const res = i % 2
      ? await fetch(`${url}/health`, { signal: AbortSignal.timeout(15_000) })
      : await fetch(`${url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(15_000),
        body: JSON.stringify({ query: '{ stats { nodes edges } search(text: "执法") { id name } }' }),
      });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    slowest = Math.max(slowest, performance.now() - t0);
  };
  for (let i = 0; i < n; i += width) await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, k) => one(i + k)));
  return slowest;
}

const dropped = async (url: string) => ((await (await fetch(`${url}/health`, { signal: AbortSignal.timeout(15_000) })).json()) as { logDropped: number }).logDropped;

describe('a request log that cannot be written', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let mounted: string | undefined;

  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-logs-'));
    const first = await start(dataDir, 'ignore'); // loads the seeds once
    await stop(first.proc);
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mounted]);
  });

  async function keepsAnswering(stderr: number): Promise<void> {
    const s = await start(dataDir, stderr);
    try {
      const slowest = await hammer(s.url, 200);
      const first = await dropped(s.url);
      expect(first).toBeGreaterThan(100);
      await hammer(s.url, 50);
      expect(await dropped(s.url)).toBeGreaterThan(first);
      expect(slowest).toBeLessThan(10_000);
    } finally {
      await stop(s.proc);
    }
    // It still stops on SIGTERM, without hanging on the lines it could not write.
    expect(s.proc.exitCode).toBe(0);
  }

  it('on /dev/full (every write fails with ENOSPC): answers, drops and counts the lines', async () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      await keepsAnswering(fd);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('on a file on a full disk (a small tmpfs filled up): the same', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-fulldisk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      console.warn('cannot mount a tmpfs here (needs root): the full-disk case is not run');
      return;
    }
    mounted = dir;
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${dir}/fill`, 'bs=4k'], { stdio: 'ignore' });
    } catch {
      /* dd stops with ENOSPC: the disk is full */
    }
    const fd = fs.openSync(path.join(dir, 'server.log'), 'a');
    expect(() => fs.writeSync(fd, 'x'.repeat(8192))).toThrow(/ENOSPC/);
    try {
      await keepsAnswering(fd);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('on a pipe nobody reads any more: answers without waiting for the reader', async () => {
    // A FIFO opened read-write here and never read: a log shipper that hangs. It fills after
    // 64 KB, a few hundred lines.
    const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-fifo-')), 'log');
    execFileSync('mkfifo', [fifo]);
    const fd = fs.openSync(fifo, 'r+');
    const s = await start(dataDir, fd);
    try {
      // The lines wait (up to 1 MB of them, then they are dropped); the answers do not.
      expect(await hammer(s.url, 600)).toBeLessThan(10_000);
    } finally {
      s.proc.kill('SIGKILL');
      fs.closeSync(fd);
    }
  });
});
