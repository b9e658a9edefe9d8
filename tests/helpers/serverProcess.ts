// The real server as a child process (`node dist/server/main.js`, PORT=0), for the browser
// suites and the bench: started on a data dir, ready when it prints `listening on`.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../server/paths';

export interface ServerProc {
  url: string;
  pid: number;
  dataDir: string;
  /** ms from spawn to the `listening on` line. */
  readyMs: number;
  /** What it printed until then. */
  stdout: string;
  /** Everything it wrote on stderr so far (with keepStderr; else its last 4,000 characters). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Spawns the server on a data dir and waits for `listening on`; rejects with its last output if it exits or takes too long. */
export function startServer(dataDir: string, o: { env?: Record<string, string>; timeoutMs?: number; keepStderr?: boolean } = {}): Promise<ServerProc> {
  const timeoutMs = o.timeoutMs ?? 120000;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist', 'server', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', KG_DATA_DIR: dataDir, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const tail = () => `${out.slice(-500)}${err.slice(-800)}`;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not print "listening on" within ${Math.round(timeoutMs / 1000)} s: ${tail()}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening: ${tail()}`));
    };
    child.on('exit', onExit);
    // Kept short: a server that logs every request must not fill memory here.
    child.stderr!.on('data', (b: Buffer) => (err = o.keepStderr ? err + b.toString('utf8') : (err + b.toString('utf8')).slice(-4000)));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (!m) return;
      const readyMs = performance.now() - t0;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        url: m[1],
        pid: child.pid!,
        dataDir,
        readyMs,
        stdout: out,
        stderr: () => err,
        stop: () => new Promise<void>((res) => {
          if (child.exitCode !== null || child.signalCode !== null) return res();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
          child.once('exit', () => {
            clearTimeout(kill);
            res();
          });
          child.kill('SIGTERM');
        }),
      });
    });
  });
}
