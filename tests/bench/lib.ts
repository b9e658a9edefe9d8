// Shared helpers of the benchmark suite: statistics, timing, child processes, machine facts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../server/paths';

export { ROOT };
export const DIST_BENCH = path.join(ROOT, 'dist', 'bench', 'main.js');

/** One raw figure set of a measurement; every figure the suite reports comes from these. */
export interface Run {
  section: string;
  name: string;
  [k: string]: unknown;
}

/** The median (the mean of the two middle values for an even count); NaN for no samples. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank quantile (q in [0, 1]); NaN for no samples. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Latency summary of samples in ms. */
export function summary(samples: readonly number[]) {
  return {
    n: samples.length,
    p50: round(quantile(samples, 0.5), 3),
    p90: round(quantile(samples, 0.9), 3),
    p99: round(quantile(samples, 0.99), 3),
    min: round(Math.min(...samples), 3),
    max: round(Math.max(...samples), 3),
  };
}

/**
 * Runs fn over the inputs in turn (round robin) after `warmup` calls: at least `minRuns`, at most
 * `maxRuns` timed calls, stopping once `budgetMs` has passed. Returns the timings in ms.
 */
export async function timeMany<T>(inputs: readonly T[], fn: (x: T) => Promise<unknown>, o: { warmup: number; minRuns: number; maxRuns: number; budgetMs: number }): Promise<number[]> {
  for (let i = 0; i < o.warmup; i++) await fn(inputs[i % inputs.length]);
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < o.maxRuns; i++) {
    if (i >= o.minRuns && performance.now() - t0 > o.budgetMs) break;
    const x = inputs[i % inputs.length];
    const s = performance.now();
    await fn(x);
    samples.push(performance.now() - s);
  }
  return samples;
}

export const mb = (bytes: number) => Math.round(bytes / 1048576);

export function rssOfPid(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    /** 1, 5 and 15 minute load averages when the run started. */
    loadAverage: os.loadavg().map((x) => round(x, 2)),
  };
}

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kg-bench-${tag}-`));
}

// ---- child processes ---------------------------------------------------------------------------

const RESULT = '@@bench-result ';

/** Child side: hands a JSON result to the parent (one line on stdout); the last one sent counts, so a child can send partial results as it goes. */
export function sendResult(x: unknown): void {
  process.stdout.write(`${RESULT}${JSON.stringify(x)}\n`);
}

export interface ChildOutcome<T> {
  ok: boolean;
  /** The last result the child sent (partial when ok is false). */
  result?: T;
  error?: string;
  ms: number;
  timedOut: boolean;
  peakRss?: number;
}

/**
 * Runs `node [nodeArgs] dist/bench/main.js --child <args>` and collects its result line. Kills it
 * (SIGKILL) after timeoutMs. Its stderr (progress) is passed through; peak RSS is sampled.
 */
export function runChild<T>(args: string[], o: { nodeArgs?: string[]; timeoutMs: number; env?: Record<string, string> }): Promise<ChildOutcome<T>> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), DIST_BENCH, '--child', ...args], { cwd: ROOT, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errTail = '';
    let result: T | undefined;
    let peak = 0;
    const sampler = setInterval(() => {
      const r = child.pid ? rssOfPid(child.pid) : null;
      if (r && r > peak) peak = r;
    }, 250);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      let i: number;
      while ((i = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, i);
        out = out.slice(i + 1);
        if (line.startsWith(RESULT)) result = JSON.parse(line.slice(RESULT.length)) as T;
        else if (line.trim()) process.stderr.write(`  ${line}\n`);
      }
    });
    child.stderr!.on('data', (b: Buffer) => {
      const s = b.toString('utf8');
      errTail = (errTail + s).slice(-4000);
      process.stderr.write(s);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(sampler);
      const ms = performance.now() - t0;
      if (result !== undefined && code === 0) return resolve({ ok: true, result, ms, timedOut, peakRss: peak });
      const why = timedOut ? `did not finish within ${Math.round(o.timeoutMs / 1000)} s (killed)` : `exited with ${signal ?? code}`;
      const tail = errTail.trim().split('\n').slice(-6).join(' | ');
      resolve({ ok: false, result, error: `${why}${tail ? `: ${tail}` : ''}`, ms, timedOut, peakRss: peak });
    });
  });
}

export { startServer, type ServerProc } from '../helpers/serverProcess';
export { portOpen } from '../helpers/net';

/** POST a GraphQL query to a running server; throws on GraphQL errors. */
export async function gqlHttp<T = unknown>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/** A GraphQL call through a yoga instance in this process (no sockets). */
export function yogaCaller(yoga: { fetch: (url: string, init: RequestInit) => Promise<Response> | Response }) {
  return async <T = unknown>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  };
}
