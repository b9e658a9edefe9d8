import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
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

  it('--server writes a file and says how many nodes and edges the server sent, the URL given with or without /graphql', () => {
    const out = path.join(os.tmpdir(), `kg-export-${process.pid}.graphml`);
    const local = path.join(os.tmpdir(), `kg-export-${process.pid}-local.graphml`);
    try {
      const r = run('--format', 'graphml', '--server', `${server.url}/graphql/`, '--out', out);
      expect(r.status).toBe(0);
      const l = run('--format', 'graphml', '--out', local);
      const [, nodes, edges] = /^wrote (\d+) nodes and (\d+) edges to /.exec(l.stderr)!;
      expect(Number(nodes)).toBeGreaterThan(500);
      expect(r.stderr.trim()).toBe(`wrote ${nodes} nodes and ${edges} edges to ${out}`);
      expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(local, 'utf8'));
    } finally {
      fs.rmSync(out, { force: true });
      fs.rmSync(local, { force: true });
    }
  });

  it('--server says so plainly when nothing answers there or the URL is not one, and writes nothing', async () => {
    // A port that was just free: nothing listens on it.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const out = path.join(os.tmpdir(), `kg-export-${process.pid}-none.gexf`);
    const down = run('--format', 'gexf', '--server', `http://127.0.0.1:${port}`, '--out', out);
    expect(down.status).toBe(2);
    expect(down.stderr.trim()).toBe(`export: cannot reach the server at http://127.0.0.1:${port} (connection refused): is it running? (npm start)`);
    expect(fs.existsSync(out)).toBe(false);
    const notUrl = run('--server', '127.0.0.1:4000');
    expect(notUrl.status).toBe(2);
    expect(notUrl.stderr).toMatch(/^export: --server needs (a URL such as|an http:\/\/ or https:\/\/ URL)/);
    const missing = run('--server');
    expect(missing.stderr.trim()).toBe('export: --server needs a URL, e.g. --server http://127.0.0.1:4000');
  });
});
