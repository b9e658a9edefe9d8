// Benchmarks are not tests: this only checks that `npm run bench -- --smoke` runs end to end
// (small graphs, one iteration, no Neo4j) and writes its JSON in the agreed shape, with a row for
// every target of the speed issue (and the explorer's first-graph budget).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TARGETS } from './targets';

const ROOT = path.resolve(__dirname, '../..');

test('npm run bench -- --smoke writes the results JSON with every target row', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-bench-smoke-'));
  const out = path.join(dir, 'latest.json');
  try {
    const t0 = Date.now();
    const log = await new Promise<string>((resolve, reject) => {
      // Same as `npm run bench -- --smoke --no-neo4j` (the script is `node tests/bench/run.mjs`).
      execFile(process.execPath, ['tests/bench/run.mjs', '--smoke', '--no-neo4j'], { cwd: ROOT, env: { ...process.env, KG_BENCH_OUT: out }, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`bench --smoke failed: ${err.message}\n${stdout}\n${stderr.slice(-3000)}`));
        else resolve(`${stdout}${stderr}`);
      });
    });
    const seconds = (Date.now() - t0) / 1000;
    const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as { machine: Record<string, unknown>; runs: Array<Record<string, unknown>>; targets: Array<Record<string, unknown>> };

    expect(typeof doc.machine).toBe('object');
    expect(doc.machine.cpus).toBeGreaterThan(0);
    expect(typeof doc.machine.node).toBe('string');
    expect(Array.isArray(doc.runs)).toBe(true);
    expect(doc.runs.length).toBeGreaterThan(5);
    for (const r of doc.runs) expect(typeof r.section).toBe('string');

    expect(doc.targets.map((t) => t.name)).toEqual(TARGETS.map((t) => t.name));
    // The speed issue's twelve rows, the national-scale issue's eleven, the explorer issue's
    // first-graph budget and the corpus issue's bulk ingest.
    expect(doc.targets).toHaveLength(25);
    expect(doc.targets[23].name).toMatch(/^explorer: first graph on screen/);
    expect(doc.targets[24].name).toMatch(/^bulk ingest of 1,000 reports/);
    for (const t of doc.targets) {
      expect(typeof t.name).toBe('string');
      expect(t.value === null || typeof t.value === 'number').toBe(true);
      expect(typeof t.unit).toBe('string');
      expect(t.target).toMatch(/^(<=|>=) [\d.]+$/);
      expect(typeof t.met).toBe('boolean');
      if (!t.met) expect(typeof t.reason).toBe('string');
    }
    // The sections that need no Neo4j produced figures.
    const measured = doc.targets.filter((t) => !String(t.name).startsWith('Neo4j'));
    expect(measured.filter((t) => t.value === null).map((t) => `${t.name}: ${t.reason}`)).toEqual([]);
    for (const t of doc.targets.filter((x) => String(x.name).startsWith('Neo4j'))) expect(t.reason).toMatch(/skipped/);
    // The readable table is printed.
    expect(log).toMatch(/target\s+\| value\s+\| unit/);
    // eslint-disable-next-line no-console
    console.log(`bench --smoke ran in ${seconds.toFixed(1)} s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
