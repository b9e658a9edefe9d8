import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Extraction, GraphEdge } from '../../server/model/types';
import { extract } from '../../server/ingest/pipeline';
import { extractSeeds } from '../../server/services/seed';
import type { LoadBatch } from '../../server/store/neo4j/bulkBatches';
import { Neo4jStore, type Run } from '../../server/store/neo4j/neo4jStore';
import { dumpGraph, neo4jSkipReason, ROOT, ScratchNeo4j } from '../helpers/neo4j';
import { JINHUA_2021, JINHUA_2021_CORRECTED } from '../helpers/sampleReports';
import { seededMemoryStore } from '../helpers/seedStore';

// A Neo4j of this suite's own (another port, temp data), because it writes and it stops the
// database: the server started with KG_STORE=neo4j on an empty database (schema + seeds), the
// write rules next to the embedded store's, and an outage the server must survive.
const skip = neo4jSkipReason();
const suite = skip ? describe.skip : describe;
if (skip) test.skip(`Neo4j server, writes and outage (skipped: ${skip})`, () => undefined);

const SLOW = 240_000;

/** A graph dump with every mention list sorted (for writes whose commit order is not fixed). */
function mentionSets(dump: string): unknown {
  return JSON.parse(dump, (key, value) => (key === 'mentions' && Array.isArray(value) ? [...value].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))) : value));
}
const log = (s: string) => process.stdout.write(`[neo4j server] ${s}\n`);

suite('the server on Neo4j: start on an empty database, writes, outage and recovery', () => {
  let scratch: ScratchNeo4j;
  let server: ChildProcess | undefined;
  let base = '';
  let output = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-neo4j-server-'));

  beforeAll(async () => {
    // Not started yet: the first test starts the server before its database.
    scratch = await ScratchNeo4j.create();
    // The bundle goes inside this checkout (dist/), not node_modules/.cache: node_modules may be
    // a link to another checkout's, and the server finds cypher/ from where the bundle lies.
    await build({ entryPoints: [path.join(ROOT, 'server/main.ts')], outfile: path.join(ROOT, 'dist/kg-neo4j-tests/main.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning' });
  }, SLOW);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await scratch?.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, SLOW);

  const health = async () => {
    const r = await fetch(`${base}/health`);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const gql = async (query: string) => {
    const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await r.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  };

  it('started before Neo4j, waits for it; then on the empty database applies the schema, loads the seeds, answers like the embedded store', async () => {
    server = spawn(process.execPath, [path.join(ROOT, 'dist/kg-neo4j-tests/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env, KG_STORE: 'neo4j', NEO4J_URI: scratch.uri, NEO4J_DATABASE: '', PORT: '0', HOST: '127.0.0.1',
        KG_DATA_DIR: path.join(tmp, 'data'), KG_CURATION_FILE: path.join(tmp, 'decisions.json'), KG_WRITE_TOKEN: '', KG_STORE_WAIT_SECONDS: '180',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no word of waiting within 30 s:\n${output}`)), 30_000);
      const check = () => {
        if (!/waiting up to 180 s/.test(output)) return;
        clearTimeout(timer);
        resolve();
      };
      server!.stdout!.on('data', check);
      server!.once('exit', (code) => reject(new Error(`server exited (${code}) instead of waiting for Neo4j:\n${output}`)));
    });
    expect(output).toContain(`store unavailable: Neo4j at ${scratch.uri} is not answering`);
    let exited = false;
    server.once('exit', () => (exited = true));
    const up0 = Date.now();
    await scratch.up();
    expect(exited ? output : 'still running').toBe('still running');
    log(`scratch Neo4j on ${scratch.uri} ready in ${((Date.now() - up0) / 1000).toFixed(1)} s, the server waiting`);
    const t0 = Date.now();
    const timed: string[] = [];
    server.stdout!.on('data', (d) => {
      for (const line of String(d).split('\n').filter(Boolean)) timed.push(`+${Date.now() - t0} ms ${line.slice(0, 60)}`);
    });
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" within 120 s:\n${output}`)), 120_000);
      server!.stdout!.on('data', () => {
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      server!.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    });
    log(`server up in ${Date.now() - t0} ms:\n  ${timed.join('\n  ')}`);
    expect(output).toMatch(/seeded 2 reports; neo4j store ready in \d+ ms/);

    const { store: memory } = await seededMemoryStore();
    const h = await health();
    expect(h.status).toBe(200);
    const stats = await memory.stats();
    expect(h.body).toEqual({ status: 'ok', store: 'neo4j', nodes: stats.nodes, edges: stats.edges, logDropped: 0 });
    const r = await gql('{ stats { nodes edges reports byType { type count } } }');
    expect(r).toEqual({ data: { stats } });
  }, SLOW);

  it('writes like the embedded store: new report, same again, corrected edition, deletes, rebuild; atomically', async () => {
    const neo = new Neo4jStore(scratch.config());
    const { store: memory } = await seededMemoryStore();
    try {
      await neo.init();
      expect(await dumpGraph(neo)).toBe(await dumpGraph(memory));
      // Same graph, and the same related reforms: Neo4j's related-reform index, kept per graph
      // version, must follow every write.
      const relatedOf = async (s: Neo4jStore | typeof memory, ids: string[]) =>
        (await s.relatedReformsMany(ids, 5)).map((rs) => rs?.map((r) => [r.reform.id, r.score, r.via.map((v) => v.id)]));
      const same = async () => {
        expect(JSON.parse(await dumpGraph(neo))).toEqual(JSON.parse(await dumpGraph(memory)));
        const ids = (await memory.search('', ['REFORM'], 500)).map((r) => r.id);
        expect(await relatedOf(neo, ids)).toEqual(await relatedOf(memory, ids));
      };
      const both = async <T>(f: (s: Neo4jStore | typeof memory) => Promise<T>) => {
        const [a, b] = [await f(memory), await f(neo)];
        expect(b).toEqual(a);
        await same();
        return a;
      };
      const jinhua = extract(JINHUA_2021);
      const corrected = extract(JINHUA_2021_CORRECTED);
      expect(await both((s) => s.writeReport(jinhua))).toEqual({ created: true });
      expect(await both((s) => s.writeReport(jinhua))).toEqual({ created: false });
      expect(await both((s) => s.writeReport(corrected))).toEqual({ created: true, replaced: jinhua.report.id });
      expect(await both((s) => s.deleteReport('report:none'))).toBe(false);
      expect(await both((s) => s.deleteReport('agency:杭州市公安局'))).toBe(false);
      const [hangzhou] = (await memory.reports()).filter((r) => r.props.agency === '杭州市公安局');
      expect(await both((s) => s.deleteReport(hangzhou.id))).toBe(true);

      // Whole or nothing: a report with an edge to a node that is nowhere fails and changes nothing.
      const before = await dumpGraph(neo);
      const broken: Extraction = { ...extract(JINHUA_2021.replace('2021年', '2019年')) };
      broken.edges = [...broken.edges, { id: 'USES:x->y', type: 'USES', source: broken.nodes[1].id, target: 'platform:不存在', mentions: [], props: {} } as GraphEdge];
      await expect(neo.writeReport(broken)).rejects.toThrow(/not in the graph/);
      expect(await dumpGraph(neo)).toBe(before);

      // Two writers at once are serialised by the write lock: both land, nothing is lost.
      const a = extract(JINHUA_2021.replace(/2021年/g, '2017年'));
      const b = extract(JINHUA_2021.replace(/2021年/g, '2018年'));
      // (Which commits first is up to Neo4j, so mentions are compared as sets here.)
      await Promise.all([memory.writeReport(a), memory.writeReport(b)]);
      expect((await Promise.all([neo.writeReport(a), neo.writeReport(b)])).map((x) => x.created)).toEqual([true, true]);
      expect(mentionSets(await dumpGraph(neo))).toEqual(mentionSets(await dumpGraph(memory)));
      // Reads over the grown graph, where measures of several reports share one name (mentions
      // as sets again: the two writers' order is Neo4j's).
      const alike = (x: unknown) => mentionSets(JSON.stringify(x));
      for (const text of ['严格执行行政执法三项制度', '执法办案', '', '网办率']) expect(alike(await neo.search(text, undefined, 30))).toEqual(alike(await memory.search(text, undefined, 30)));
      for (const id of ['reform:繁简分流', 'reform:一网通办']) expect(alike(await neo.relatedReforms(id, 10))).toEqual(alike(await memory.relatedReforms(id, 10)));
      expect(alike(await neo.neighborhood('agency:金华市公安局', 2, undefined, 300))).toEqual(alike(await memory.neighborhood('agency:金华市公安局', 2, undefined, 300)));

      await both((s) => s.rebuild(extractSeeds()));
    } finally {
      await neo.close();
    }
  }, SLOW);

  it('loads a graph too large for one transaction in batches, as the embedded store rebuilds it; a load that fails midway is served by no one', async () => {
    // Limits this small send the seed graph down the large-graph path: many transactions, two at a time.
    const bulk = { oneTransactionRows: 0, batchRows: 150, concurrency: 2 };
    const half = /half-loaded/;
    // Counts distinct batches: a transaction the driver retries (two writers in flight can
    // deadlock, more so on a busy machine) runs its batch again, and the other writer may have
    // taken the next batch before the sixth fails.
    class FailingMidway extends Neo4jStore {
      started = new Set<LoadBatch>();
      protected override async writeBatch(run: Run, b: LoadBatch): Promise<void> {
        this.started.add(b);
        if (this.started.size === 6 && [...this.started].pop() === b) throw new Error('injected failure in the sixth batch');
        return super.writeBatch(run, b);
      }
    }
    const { store: memory } = await seededMemoryStore();
    const neo = new Neo4jStore(scratch.config(), { bulk });
    const failing = new FailingMidway(scratch.config(), { bulk });
    const other = new Neo4jStore(scratch.config());
    try {
      await neo.init();
      await memory.rebuild(extractSeeds());
      await neo.rebuild(extractSeeds());
      expect(JSON.parse(await dumpGraph(neo))).toEqual(JSON.parse(await dumpGraph(memory)));
      expect((await neo.health()).ok).toBe(true);
      const whole = await neo.stats();

      await failing.init();
      await expect(failing.rebuild(extractSeeds())).rejects.toThrow('injected failure');
      expect(failing.started.size).toBeGreaterThanOrEqual(6);
      expect(failing.started.size).toBeLessThanOrEqual(7);
      // What is in Neo4j now is a fraction of the graph...
      const state = await other.health();
      expect(state.nodes + state.edges).toBeLessThan(whole.nodes + whole.edges);
      expect(state.nodes).toBeGreaterThan(0);
      // ...and nobody serves it: the failed store refuses reads, any store refuses to start on
      // it, to write to it, and reports it unhealthy, with the reason.
      await expect(failing.getNodes(['reform:繁简分流'])).rejects.toThrow(half);
      await expect(failing.search('', undefined, 10)).rejects.toThrow(/failed midway: injected failure/);
      expect(await failing.health()).toMatchObject({ ok: false, reason: expect.stringMatching(half) });
      await expect(other.init()).rejects.toThrow(half);
      expect(state).toMatchObject({ ok: false, reason: expect.stringMatching(half) });
      await expect(other.writeReport(extract(JINHUA_2021))).rejects.toThrow(half);
      // The server started by the first test, another process, says so on /health.
      expect(await health()).toMatchObject({ status: 503, body: { status: 'unavailable', reason: expect.stringMatching(half) } });

      // A load that completes makes the graph whole and served again, by every store.
      await failing.rebuild(extractSeeds());
      expect(JSON.parse(await dumpGraph(failing))).toEqual(JSON.parse(await dumpGraph(memory)));
      await other.init();
      expect((await other.health()).ok).toBe(true);
      expect((await health()).status).toBe(200);
    } finally {
      await Promise.all([neo.close(), failing.close(), other.close()]);
    }
  }, SLOW);

  /** Readers that keep querying until stopped; every answer is data or a clear "store unavailable". */
  const underLoad = (workers: number) => {
    const seen = { ok: 0, unavailable: 0, other: [] as string[] };
    let stop = false;
    const QUERIES = ['{ stats { nodes } }', '{ search(text: "平台") { id } }', '{ node(id: "reform:集约办案") { name } }'];
    const loops = Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await gql(QUERIES[(i + w) % QUERIES.length]);
          if (r.data && !r.errors) seen.ok++;
          // While Neo4j is away a reader gets "store unavailable", or the timeout refusal when the
          // driver's retries outlast KG_QUERY_TIMEOUT_MS: both say what happened.
          else if (r.errors?.[0]?.extensions?.code === 'STORE_UNAVAILABLE' || r.errors?.[0]?.extensions?.code === 'QUERY_TIMEOUT') seen.unavailable++;
          else seen.other.push(JSON.stringify(r.errors ?? r));
        } catch (e) {
          seen.other.push(`request failed: ${(e as Error).message}`);
        }
      }
    });
    return { seen, stop: async () => {
      stop = true;
      await Promise.all(loops);
      return seen;
    } };
  };

  it('survives Neo4j stopping under load: 503 and a clear GraphQL error, then answers again by itself when Neo4j is back', async () => {
    const before = await gql('{ stats { nodes edges reports } }');
    expect(before.errors).toBeUndefined();
    const load = underLoad(8);

    let t0 = Date.now();
    await scratch.down();
    log(`neo4j:down took ${Date.now() - t0} ms`);
    t0 = Date.now();
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body).toEqual({ status: 'unavailable', store: 'neo4j', reason: expect.stringMatching(new RegExp(`^Neo4j at ${scratch.uri} is not answering \\(.+\\)$`)) });
    log(`/health during the outage (${Date.now() - t0} ms): 503 ${JSON.stringify(h.body)}`);
    t0 = Date.now();
    const r = await gql('{ stats { nodes } search(text: "平台") { id } }');
    log(`GraphQL during the outage (${Date.now() - t0} ms): ${JSON.stringify(r.errors?.[0])}`);
    expect(r.data).toBeNull();
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(new RegExp(`^store unavailable: Neo4j at ${scratch.uri} is not answering`)), extensions: { code: 'STORE_UNAVAILABLE' } });
    expect(JSON.stringify(r.errors)).not.toMatch(/stack|\.ts:|\/server\//);
    expect(server!.exitCode).toBeNull();

    t0 = Date.now();
    await scratch.up();
    log(`neo4j:up took ${Date.now() - t0} ms`);
    t0 = Date.now();
    let last = await health();
    while (last.status !== 200 && Date.now() - t0 < 60_000) {
      await new Promise((res) => setTimeout(res, 250));
      last = await health();
    }
    expect(last.status).toBe(200);
    log(`/health answered 200 again ${Date.now() - t0} ms after neo4j:up returned`);
    expect(await gql('{ stats { nodes edges reports } }')).toEqual(before);
    const okBeforeEnd = load.seen.ok;
    await new Promise((res) => setTimeout(res, 1000));
    const seen = await load.stop();
    log(`under load: ${seen.ok} answers, ${seen.unavailable} "store unavailable", ${seen.other.length} other`);
    expect(seen.other).toEqual([]);
    expect(seen.unavailable).toBeGreaterThan(0);
    expect(seen.ok).toBeGreaterThan(okBeforeEnd); // answering again after recovery, under the same load
    expect(server!.exitCode).toBeNull();
  }, SLOW);

  it('closes the driver and exits cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => server!.once('exit', (code) => r(code)));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
    // main.ts exits 0 only once store.close() (the driver) has finished.
    expect(output).toMatch(/SIGTERM: .*closing/);
  }, SLOW);
});
