import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type ServerProc } from '../helpers/serverProcess';
import { JINHUA_2021 } from '../helpers/sampleReports';

// npm run export only reads: it exports a data folder a running server holds, as that server
// sees it, without its lock and without writing or removing anything there.
const ROOT = path.join(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/server/cli/export.js');
const TOKEN = 'export-test-token';

describe('npm run export beside a running server', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let server: ServerProc;
  const run = (...args: string[]) => spawnSync('node', [CLI, ...args], { env: { ...process.env, KG_DATA_DIR: dir }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const listing = () => fs.readdirSync(dir).sort().map((f) => {
    const s = fs.statSync(path.join(dir, f));
    return `${f} ${s.size} ${s.mtimeMs}`;
  });

  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-export-'));
    server = await startServer(dir, { env: { KG_WRITE_TOKEN: TOKEN, KG_LOG_LEVEL: 'silent' } });
  });
  afterAll(() => server.stop());

  it('exports what the server serves, including its latest write, and touches nothing', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: 'mutation($t: String!) { ingestReport(input: { text: $t }) { created } }', variables: { t: JINHUA_2021 } }),
    });
    expect((await res.json()).data.ingestReport.created).toBe(true);
    // A snapshot the server is in the middle of writing: a reader must leave it alone.
    fs.writeFileSync(path.join(dir, `graph.ndjson.${server.pid}.tmp`), '{"version":2');
    const before = listing();

    const r = run('--format', 'csv-nodes');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(r.stdout.trim().split('\n').length - 1).toBe(health.nodes);
    expect(r.stdout).toContain('金华市公安局');
    expect(listing()).toEqual(before);
    fs.rmSync(path.join(dir, `graph.ndjson.${server.pid}.tmp`));
  });

  it('gives the same file read from the folder or asked of the server with --server', () => {
    const local = run('--format', 'gexf', '--types', 'REFORM,PLATFORM');
    const remote = run('--format', 'gexf', '--types', 'REFORM,PLATFORM', '--server', server.url);
    expect(local.status).toBe(0);
    expect(remote.status).toBe(0);
    expect(remote.stdout).toBe(local.stdout);
  });
});
