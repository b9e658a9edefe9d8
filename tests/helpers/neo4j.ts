import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../server/config';
import { seedIfEmpty } from '../../server/services/seed';
import { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import type { GraphStore } from '../../server/store/store';
import { portOpen } from './net';
import { seededMemoryStore } from './seedStore';

/**
 * The Neo4j half of the tests. Jest's globalSetup (tests/helpers/neo4j-global-setup.ts) makes
 * sure a local Neo4j answers (starting one with scripts/neo4j/up.sh when Java and Maven are
 * there), wipes its database and loads the seeds once; the suites then only read it. When
 * Neo4j cannot run, the setup says so and the Neo4j suites skip, unless KG_REQUIRE_NEO4J=1
 * (CI), which makes it a failure. Suites that write or stop Neo4j use a scratch instance.
 */

export const ROOT = path.resolve(__dirname, '../..');
const SCRIPTS = path.join(ROOT, 'scripts', 'neo4j');

/** Where the tests find the shared test Neo4j (the local one of `npm run neo4j:up` by default). */
export function testNeo4jConfig(): Config['neo4j'] {
  return {
    uri: process.env.NEO4J_URI || 'bolt://127.0.0.1:7687',
    user: process.env.NEO4J_USER || 'neo4j',
    password: process.env.NEO4J_PASSWORD || 'kg-local-dev',
    database: process.env.NEO4J_DATABASE || undefined,
  };
}

const SKIP_ENV = 'KG_NEO4J_SKIP_REASON';
const READY_ENV = 'KG_NEO4J_SEEDED';
const SETUP_ENV = 'KG_NEO4J_SETUP_RAN';

/** Why the Neo4j suites skip in this run, or undefined when they run. */
export function neo4jSkipReason(): string | undefined {
  return process.env[SKIP_ENV] || undefined;
}

export const requireNeo4j = () => process.env.KG_REQUIRE_NEO4J === '1';

export function hostPort(uri: string): { host: string; port: number } {
  const u = new URL(uri.replace(/^[a-z+]+:\/\//, 'http://'));
  return { host: u.hostname, port: Number(u.port || 7687) };
}

function onPath(tool: string): boolean {
  try {
    execFileSync('bash', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs scripts/neo4j/<up|down>.sh; resolves with its output, rejects with it on failure. */
export function neo4jScript(which: 'up' | 'down', env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [path.join(SCRIPTS, `${which}.sh`)], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 300_000 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`.trim();
      if (err) reject(new Error(`neo4j:${which} failed: ${out || err.message}`));
      else resolve(out);
    });
  });
}

export interface Neo4jSetup {
  /** We started it (so we stop it afterwards). */
  started: boolean;
  skipReason?: string;
}

/** Makes the test Neo4j answer: already running, or started with up.sh when Java and Maven exist. */
export async function ensureNeo4j(log: (s: string) => void): Promise<Neo4jSetup> {
  const cfg = testNeo4jConfig();
  const { host, port } = hostPort(cfg.uri);
  if (await portOpen(host, port)) return { started: false };
  const missing = ['java', 'mvn'].filter((t) => !onPath(t));
  if (missing.length) {
    return { started: false, skipReason: `no Neo4j answers at ${cfg.uri} and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not on the PATH to start one (Java 17+ and Maven; see docs/neo4j-local.md)` };
  }
  if (!['127.0.0.1', 'localhost'].includes(host)) return { started: false, skipReason: `no Neo4j answers at ${cfg.uri} (not local, so the tests do not start one)` };
  log(`starting a local Neo4j for the tests (npm run neo4j:up) on port ${port}...`);
  const t0 = Date.now();
  try {
    await neo4jScript('up', { NEO4J_BOLT_PORT: String(port) });
  } catch (e) {
    return { started: false, skipReason: (e as Error).message.split('\n').slice(0, 6).join('\n') };
  }
  log(`Neo4j ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { started: true };
}

/** Everything a store holds, as one string: nodes, edges, report texts (small graphs only). */
export async function dumpGraph(store: GraphStore): Promise<string> {
  const nodes = await store.search('', undefined, 1_000_000);
  const ids = nodes.map((n) => n.id);
  const edges = ids.length ? await store.edgesOf(ids, 'out') : [];
  const reports = nodes.filter((n) => n.type === 'REPORT').map((n) => n.id);
  const texts = reports.length ? await store.reportTexts(reports) : [];
  return JSON.stringify({ nodes, edges, texts });
}

/**
 * Makes the test database hold exactly the seed graph, as the embedded test store does: when
 * it already does (another jest run seeded it), it is left alone, so runs side by side do not
 * wipe each other's data; otherwise it is wiped and seeded.
 */
export async function wipeAndSeed(cfg = testNeo4jConfig()): Promise<{ ms: number; reports: number; kept: boolean }> {
  const store = new Neo4jStore(cfg);
  try {
    await store.init();
    const { store: reference } = await seededMemoryStore();
    const expected = await dumpGraph(reference);
    if ((await dumpGraph(store)) === expected) return { ms: 0, reports: (await store.stats()).reports, kept: true };
    await store.deleteEverything();
    const t0 = Date.now();
    const reports = await seedIfEmpty(store);
    const ms = Date.now() - t0;
    if ((await dumpGraph(store)) !== expected) throw new Error('the seeded Neo4j graph differs from the seeded embedded graph');
    return { ms, reports, kept: false };
  } finally {
    await store.close();
  }
}

/**
 * Test runs using the shared test Neo4j right now (one file per jest process, named by pid), so
 * the last one out stops a Neo4j that the tests started, and never one another run still uses.
 */
const USERS_DIR = path.join(process.env.NEO4J_LOCAL_DIR || path.join(ROOT, '.neo4j'), 'test-users');
const STARTED_MARK = path.join(USERS_DIR, 'started-by-tests');

function liveUsers(): number[] {
  if (!fs.existsSync(USERS_DIR)) return [];
  return fs.readdirSync(USERS_DIR).filter((f) => /^\d+$/.test(f)).map(Number).filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      fs.rmSync(path.join(USERS_DIR, String(pid)), { force: true });
      return false;
    }
  });
}

/** Runs fn while holding a lock directory (taken over after 5 minutes), so two runs do not seed at once. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(USERS_DIR, `${name}.lock`);
  fs.mkdirSync(USERS_DIR, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Test files that use the test Neo4j: those importing this helper or the store list. */
function neo4jTestFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (e.name.endsWith('.test.ts') && /helpers\/(neo4j|stores)'/.test(fs.readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  for (const dir of ['tests', 'server']) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return out;
}

/** Does this jest run select any Neo4j suite (a run of tests/unit only needs no Neo4j)? */
function selectsNeo4jSuites(globalConfig?: { testPathPattern?: string }): boolean {
  const pattern = globalConfig?.testPathPattern;
  if (!pattern) return true;
  try {
    const re = new RegExp(pattern, 'i');
    return neo4jTestFiles().some((f) => re.test(f));
  } catch {
    return true;
  }
}

/** jest globalSetup: Neo4j up, seeded; or a plain skip notice (a failure under KG_REQUIRE_NEO4J=1). */
export async function globalSetup(globalConfig?: { testPathPattern?: string }): Promise<void> {
  const log = (s: string) => process.stdout.write(`[neo4j tests] ${s}\n`);
  if (!selectsNeo4jSuites(globalConfig)) {
    process.env[SKIP_ENV] = 'no Neo4j suite selected';
    return;
  }
  let skipReason: string | undefined;
  process.env[SETUP_ENV] = '1';
  await withLock('setup', async () => {
    const setup = await ensureNeo4j(log);
    if (setup.started) fs.writeFileSync(STARTED_MARK, String(process.pid));
    skipReason = setup.skipReason;
    if (skipReason) return;
    fs.writeFileSync(path.join(USERS_DIR, String(process.pid)), '');
    try {
      const seeded = await wipeAndSeed();
      log(seeded.kept ? `test database already holds the seed graph (${seeded.reports} reports)` : `test database wiped and seeded: ${seeded.reports} reports in ${seeded.ms} ms`);
      process.env[READY_ENV] = '1';
    } catch (e) {
      skipReason = `Neo4j at ${testNeo4jConfig().uri} could not be seeded: ${(e as Error).message}`;
    }
  });
  if (!skipReason) return;
  if (requireNeo4j()) throw new Error(`KG_REQUIRE_NEO4J=1 but the Neo4j half of the API suite cannot run: ${skipReason}`);
  process.env[SKIP_ENV] = skipReason;
  log(`SKIPPING the Neo4j half of the API suite: ${skipReason}. Only the embedded store is tested. (KG_REQUIRE_NEO4J=1 turns this into a failure.)`);
}

/** jest globalTeardown: the last run out stops Neo4j if a test run started it. */
export async function globalTeardown(): Promise<void> {
  if (process.env[SETUP_ENV] !== '1') return;
  await withLock('setup', async () => {
    fs.rmSync(path.join(USERS_DIR, String(process.pid)), { force: true });
    if (liveUsers().length || !fs.existsSync(STARTED_MARK)) return;
    fs.rmSync(STARTED_MARK, { force: true });
    await neo4jScript('down', { NEO4J_BOLT_PORT: String(hostPort(testNeo4jConfig().uri).port) });
  });
}

/** A store on the seeded test database (seeding it here when run without the global setup). */
export async function seededNeo4jStore(): Promise<Neo4jStore> {
  const store = new Neo4jStore(testNeo4jConfig());
  await store.init();
  if (process.env[READY_ENV] !== '1' && (await store.isEmpty())) await seedIfEmpty(store);
  return store;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A Neo4j of its own for a suite that writes or stops the database: another port, data in a
 * temp dir (reusing the compiled launcher of .neo4j/build when there is one), smaller memory.
 */
export class ScratchNeo4j {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-neo4j-scratch-'));
  constructor(readonly port: number) {
    const build = path.join(ROOT, '.neo4j', 'build');
    if (fs.existsSync(build)) fs.cpSync(build, path.join(this.dir, 'build'), { recursive: true });
  }

  static async create(): Promise<ScratchNeo4j> {
    return new ScratchNeo4j(await freePort());
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.port}`;
  }

  config(): Config['neo4j'] {
    return { ...testNeo4jConfig(), uri: this.uri, database: undefined };
  }

  private env(): Record<string, string> {
    return { NEO4J_LOCAL_DIR: this.dir, NEO4J_BOLT_PORT: String(this.port), NEO4J_PAGECACHE: '64', NEO4J_JAVA_OPTS: '-Xms128m -Xmx512m', NEO4J_PASSWORD: testNeo4jConfig().password };
  }

  up(): Promise<string> {
    return neo4jScript('up', this.env());
  }

  down(): Promise<string> {
    return neo4jScript('down', this.env());
  }

  async destroy(): Promise<void> {
    await this.down().catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A suite's own Neo4j and temp folder, started before its tests and removed after them: for
 * suites that write. Read `scratch` and `tmp` inside tests.
 */
export function withScratchNeo4j(tag: string, slowMs = 240_000): { readonly scratch: ScratchNeo4j; readonly tmp: string } {
  const state = { scratch: undefined as unknown as ScratchNeo4j, tmp: fs.mkdtempSync(path.join(os.tmpdir(), `kg-neo4j-${tag}-`)) };
  beforeAll(async () => {
    state.scratch = await ScratchNeo4j.create();
    await state.scratch.up();
  }, slowMs);
  afterAll(async () => {
    await state.scratch?.destroy();
    fs.rmSync(state.tmp, { recursive: true, force: true });
  }, slowMs);
  return state;
}
