import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../helpers/serverProcess';

// The data folder's lock after kill -9: the next server starts at once, even while the killed
// one is a zombie nobody reaps (a container's PID 1 that does not wait(), a supervisor that is
// slow to) or its pid has gone to another process. Two live servers never share a folder.
const ROOT = path.join(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/server/main.js');
const env = { HOST: '127.0.0.1', PORT: '0', KG_LOG_LEVEL: 'silent' };

const procState = (pid: number) => {
  const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return raw.slice(raw.lastIndexOf(')') + 2).split(' ')[0];
};

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A server whose parent never reaps it: `sh` starts it in the background, then becomes `sleep`
 * (exec), which never calls wait(). Killed with -9, the server stays a zombie until `sleep` ends.
 */
async function unreapedServer(dir: string): Promise<{ pid: number; parent: ChildProcess }> {
  const parent = spawn('sh', ['-c', `"${process.execPath}" "${MAIN}" & echo "pid $!"; exec sleep 120`], {
    env: { ...process.env, ...env, KG_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  parent.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  await until(() => /listening on/.test(out), 30000);
  return { pid: Number(/pid (\d+)/.exec(out)![1]), parent };
}

const health = async (url: string) => (await fetch(`${url}/health`)).json() as Promise<{ status: string; nodes: number }>;

describe('the data folder lock', () => {
  jest.setTimeout(180_000);
  let dir: string;
  const parents: ChildProcess[] = [];

  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-lock-'));
    const first = await startServer(dir, { env }); // loads the seeds once
    await first.stop();
  });
  afterAll(() => {
    for (const p of parents) p.kill('SIGKILL');
  });

  it('lets a server start right after kill -9, 20 times out of 20, also while the killed one is a zombie', async () => {
    let zombies = 0;
    for (let round = 0; round < 20; round++) {
      if (round % 2 === 0) {
        const { pid, parent } = await unreapedServer(dir);
        parents.push(parent);
        process.kill(pid, 'SIGKILL');
        await until(() => procState(pid) === 'Z');
        zombies++;
      } else {
        const s = await startServer(dir, { env });
        process.kill(s.pid, 'SIGKILL'); // no wait for it to exit
      }
      const next = await startServer(dir, { env, timeoutMs: 30000 });
      expect((await health(next.url)).status).toBe('ok');
      await next.stop();
    }
    expect(zombies).toBe(10);
  });

  it('takes over a lock whose pid now belongs to another process', async () => {
    // This test's own pid is alive, but it is not the process that wrote the lock.
    fs.writeFileSync(path.join(dir, 'graph.lock'), JSON.stringify({ pid: process.pid, start: '1', boot: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() }));
    const s = await startServer(dir, { env, timeoutMs: 30000 });
    expect((await health(s.url)).status).toBe('ok');
    await s.stop();
  });

  it('lets exactly one of eight servers started together take over a dead holder\'s lock', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    fs.writeFileSync(path.join(dir, 'graph.lock'), JSON.stringify({ pid: dead.pid, start: '1' }));
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => startServer(dir, { env, timeoutMs: 60000 })));
    const started = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof startServer>>> => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    try {
      expect(started).toHaveLength(1);
      for (const r of refused) expect(String(r.reason)).toMatch(/one process writes a data folder at a time/);
    } finally {
      for (const s of started) await s.value.stop();
    }
  });

  it('refuses a second live server on the same folder, naming the first', async () => {
    const first = await startServer(dir, { env });
    try {
      await expect(startServer(dir, { env, timeoutMs: 30000 })).rejects.toThrow(new RegExp(`cannot start: another process \\(pid ${first.pid}\\) is using ${dir}.*one process writes a data folder at a time`));
      expect((await health(first.url)).status).toBe('ok');
    } finally {
      await first.stop();
    }
  });
});
