import { ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestReport } from '../../server/services/ingest';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { cityReports } from '../helpers/cityReports';

// kill -9 of the server while it ingests, twenty times at random moments: after each restart
// the graph on disk is exactly the state before that ingest or the state after it.
const ROOT = path.join(__dirname, '../..');
const TOKEN = 'crash-test-token';

interface State {
  nodes: string[];
  edges: string[];
  mentions: number;
}

/** What a fresh start on `dir` would serve: snapshot plus journal, read as the server reads them. */
async function stateOf(dir: string): Promise<State> {
  const store = new MemoryStore(dir);
  await store.init();
  const snap = store.dump();
  await store.close();
  let mentions = 0;
  for (const item of [...snap.nodes, ...snap.edges]) {
    for (const m of item.mentions) {
      const text = snap.texts.get(m.reportId);
      if (text === undefined || m.start < 0 || m.end > text.length || m.end <= m.start) throw new Error(`bad provenance on ${item.id}`);
      mentions++;
    }
  }
  return { nodes: snap.nodes.map((n) => n.id).sort(), edges: snap.edges.map((e) => e.id).sort(), mentions };
}

function start(dir: string): Promise<{ proc: ChildProcessWithoutNullStreams; port: number }> {
  const proc = spawn('node', [path.join(ROOT, 'dist/server/main.js')], { env: { ...process.env, PORT: '0', KG_DATA_DIR: dir, KG_WRITE_TOKEN: TOKEN, KG_LOG_LEVEL: 'silent' } });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on http:\/\/[\d.]+:(\d+)/.exec(out);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.stderr.on('data', (b: Buffer) => (out += b.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

const stop = (proc: ChildProcessWithoutNullStreams, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.removeAllListeners('exit');
    proc.on('exit', () => resolve());
    proc.kill(signal);
  });

/** The state after ingesting `text` into a copy of `dir`, computed in process. */
async function expectedAfter(dir: string, text: string): Promise<State> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-crash-exp-'));
  for (const f of fs.readdirSync(dir)) if (/\.(ndjson|json|snap|idx)$/.test(f)) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  const store = new MemoryStore(copy);
  await store.init();
  await ingestReport(store, { text });
  await store.close();
  return stateOf(copy);
}

describe('crash during ingest', () => {
  jest.setTimeout(180_000);
  beforeAll(() => execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT }));

  it('leaves the state before or after each write, 20 times out of 20', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-crash-'));
    const first = await start(dir); // seeds the store
    await stop(first.proc, 'SIGTERM');
    const texts = cityReports().slice(0, 20);
    const outcomes = { before: 0, after: 0 };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const text of texts) {
      const before = await stateOf(dir);
      const after = await expectedAfter(dir, text);
      const { proc, port } = await start(dir);
      const write = fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query: 'mutation($t: String!) { ingestReport(input: { text: $t }) { created } }', variables: { t: text } }),
      }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, random() * 400));
      await stop(proc, 'SIGKILL');
      await write;
      // Restart on what the crash left: it must start and serve that state.
      const again = await start(dir);
      const health = await (await fetch(`http://127.0.0.1:${again.port}/health`)).json();
      await stop(again.proc, 'SIGTERM');
      const now = await stateOf(dir);
      expect(health.nodes).toBe(now.nodes.length);
      if (JSON.stringify(now) === JSON.stringify(before)) outcomes.before++;
      else {
        expect(now).toEqual(after);
        outcomes.after++;
      }
    }
    // Both outcomes happen at random moments; either way nothing is half-written.
    expect(outcomes.before + outcomes.after).toBe(20);
    console.log(`crash test: ${outcomes.before} × state before the write, ${outcomes.after} × state after it`);
  });
});
