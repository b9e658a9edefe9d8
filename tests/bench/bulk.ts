// Section 8: bulk ingest, `npm run ingest -- <folder>` on 1,000 report files (the development
// corpus repeated, each copy with a small edit so that none is a duplicate), into a fresh
// embedded store and into the bench's Neo4j (wiped first): reports per second, wall clock of the
// real CLI process (start-up included).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { log, ROOT, round, type Run, tempDir } from './lib';
import { ensureNeo4j, neo4jTarget, stopNeo4j } from './neo4j';

export interface BulkResult {
  corpus: string;
  reports: number;
  embedded?: { seconds: number; perSecond: number; failed: number };
  neo4j?: { reports: number; seconds: number; perSecond: number; failed: number };
  neo4jSkipped?: string;
}

/** The texts to repeat: the development corpus when it is beside the project, else the seeds and fixtures. */
function corpus(): { name: string; texts: Array<{ file: string; text: string }> } {
  const dev = path.resolve(ROOT, '..', 'shared', 'corpus', 'dev', 'reports');
  const dirs = fs.existsSync(dev) ? [dev] : [path.join(ROOT, 'seeds', 'reports'), path.join(ROOT, 'tests', 'fixtures', 'reports')];
  const texts = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ file: f, text: fs.readFileSync(path.join(d, f), 'utf8') })));
  return { name: fs.existsSync(dev) ? '../shared/corpus/dev/reports' : 'seeds and tests/fixtures', texts };
}

/** n files: the corpus round-robin, copy k with its first number raised by k and a closing line. */
function makeFolder(n: number): { dir: string; name: string } {
  const c = corpus();
  const dir = tempDir('bulk');
  for (let i = 0; i < n; i++) {
    const { file, text } = c.texts[i % c.texts.length];
    const k = Math.floor(i / c.texts.length);
    const edited = `${text.replace(/\d+/, (m) => String(Number(m) + k))}\n（副本${i}）`;
    fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}-${file}`), edited);
  }
  return { dir, name: c.name };
}

function runCli(args: string[], env: Record<string, string>): Promise<{ ms: number; out: string; code: number | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn('node', [path.join(ROOT, 'dist', 'server', 'cli', 'ingest.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.on('close', (code) => resolve({ ms: performance.now() - t0, out, code }));
  });
}

const failedOf = (out: string) => Number(/(\d+) failed;/.exec(out)?.[1] ?? NaN);

export async function runBulk(o: { reports: number; neo4jReports: number; noNeo4j: boolean; runs: Run[] }): Promise<BulkResult> {
  const folder = makeFolder(o.reports);
  const result: BulkResult = { corpus: folder.name, reports: o.reports };
  try {
    const data = tempDir('bulk-data');
    const r = await runCli([folder.dir], { KG_STORE: 'memory', KG_DATA_DIR: data });
    fs.rmSync(data, { recursive: true, force: true });
    result.embedded = { seconds: round(r.ms / 1000, 2), perSecond: round(o.reports / (r.ms / 1000), 1), failed: failedOf(r.out) };
    log(`bulk embedded: ${o.reports} reports in ${result.embedded.seconds} s (${result.embedded.perSecond}/s), ${result.embedded.failed} failed`);
    o.runs.push({ section: 'bulk', name: 'bulk ingest embedded', ...result.embedded, reports: o.reports, corpus: folder.name });
    if (o.noNeo4j) result.neo4jSkipped = 'skipped (--no-neo4j)';
    else {
      const t = neo4jTarget();
      const up = await ensureNeo4j(t);
      if (up.skip) result.neo4jSkipped = up.skip;
      else {
        try {
          const driver = neo4j.driver(t.uri, neo4j.auth.basic(t.user, t.password));
          try {
            const s = driver.session({ database: t.database });
            await s.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
            await s.close();
          } finally {
            await driver.close();
          }
          const some = fs.readdirSync(folder.dir).sort().slice(0, o.neo4jReports).map((f) => path.join(folder.dir, f));
          const n = await runCli(some, { KG_STORE: 'neo4j', NEO4J_URI: t.uri, NEO4J_USER: t.user, NEO4J_PASSWORD: t.password, ...(t.database ? { NEO4J_DATABASE: t.database } : {}) });
          result.neo4j = { reports: some.length, seconds: round(n.ms / 1000, 2), perSecond: round(some.length / (n.ms / 1000), 1), failed: failedOf(n.out) };
          log(`bulk neo4j: ${some.length} reports in ${result.neo4j.seconds} s (${result.neo4j.perSecond}/s), ${result.neo4j.failed} failed`);
          o.runs.push({ section: 'bulk', name: 'bulk ingest neo4j', ...result.neo4j, corpus: folder.name });
        } finally {
          if (up.started) await stopNeo4j(t);
        }
      }
    }
  } finally {
    fs.rmSync(folder.dir, { recursive: true, force: true });
  }
  return result;
}
