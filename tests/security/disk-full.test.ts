import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cityReports } from '../helpers/cityReports';
import { startServer, type ServerProc } from '../helpers/serverProcess';

// The real server on a 2 MB tmpfs that the test fills while it ingests, rebuilds after a
// curation decision and compacts: every write answered survives a restart, every write refused
// is absent, reads go on being answered, and the data folder always opens again.
const ROOT = path.join(__dirname, '../..');
const TOKEN = 'disk-full-token';
const MNT = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-diskfull-'));
const CURATION = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-diskfull-cur-')), 'decisions.json');

let cannotMount = '';
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', MNT], { stdio: 'pipe' });
} catch (e) {
  cannotMount = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim();
  if (process.env.CI) throw new Error(`the disk-full tests need a tmpfs (run as root): ${cannotMount}`);
  console.log(`disk-full tests skipped: cannot mount a tmpfs at ${MNT} (${cannotMount})`);
}

const env = (more: Record<string, string> = {}) => ({ env: { KG_WRITE_TOKEN: TOKEN, KG_LOG_LEVEL: 'silent', KG_CURATION_FILE: CURATION, KG_COMPACT_SECONDS: '0', ...more } });

async function gql(s: ServerProc, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const INGEST = 'mutation($t: String!) { ingestReport(input: { text: $t }) { created report { id } } }';
const reportIds = async (s: ServerProc) => ((await gql(s, '{ reports { id } }')).data!.reports as Array<{ id: string }>).map((r) => r.id).sort();

/** Fills the disk but `leave` bytes (filler files beside the data folders). */
function fill(leave: number): void {
  const st = fs.statfsSync(MNT);
  const size = st.bavail * st.bsize - leave;
  if (size > 0) fs.writeFileSync(path.join(MNT, `filler-${Date.now()}`), Buffer.alloc(size));
}

function unfill(): void {
  for (const f of fs.readdirSync(MNT)) if (f.startsWith('filler-')) fs.rmSync(path.join(MNT, f));
}

const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

async function waitFor(what: string, ok: () => boolean, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(cannotMount ? describe.skip : describe)('a full disk', () => {
  jest.setTimeout(180_000);
  beforeAll(() => execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT }));
  afterEach(unfill);
  afterAll(() => {
    execFileSync('umount', [MNT]);
    fs.rmdirSync(MNT);
    fs.rmSync(path.dirname(CURATION), { recursive: true, force: true });
  });

  it('refuses the ingests that do not fit with DISK_FULL, keeps every one it confirmed, and goes on serving', async () => {
    const dir = path.join(MNT, 'ingest');
    let s = await startServer(dir, env());
    const seeds = await reportIds(s);
    fill(300 * 1024);
    const confirmed: string[] = [];
    const refused: string[] = [];
    for (const text of cityReports()) {
      const r = await gql(s, INGEST, { t: text });
      if (r.data?.ingestReport) confirmed.push(r.data.ingestReport.report.id);
      else {
        expect(r.errors?.[0].extensions?.code).toBe('DISK_FULL');
        expect(r.errors?.[0].message).toMatch(/the disk is full: this write was not saved, nothing changed/);
        refused.push(text);
        // Reads go on, and show exactly what was confirmed.
        expect(await reportIds(s)).toEqual([...seeds, ...confirmed].sort());
        if (refused.length === 3) break;
      }
    }
    expect(confirmed.length).toBeGreaterThan(0);
    expect(refused).toHaveLength(3);
    console.log(`disk full during ingest: ${confirmed.length} confirmed, ${refused.length} refused with DISK_FULL`);
    // The refused records were cut off again: the journal ends on a whole line.
    const journal = fs.readFileSync(path.join(dir, 'journal.ndjson'));
    expect(journal[journal.length - 1]).toBe(0x0a);
    await s.stop();

    // Restarted on the full disk, then with room again: the same reports, nothing dropped.
    s = await startServer(dir, env());
    expect(s.stdout).not.toMatch(/warning/);
    expect(await reportIds(s)).toEqual([...seeds, ...confirmed].sort());
    unfill();
    const again = await gql(s, INGEST, { t: refused[0] });
    expect(again.data?.ingestReport.created).toBe(true);
    await s.stop();
    s = await startServer(dir, env());
    expect(await reportIds(s)).toEqual([...seeds, ...confirmed, again.data!.ingestReport.report.id].sort());
    await s.stop();
    fs.rmSync(dir, { recursive: true });
  });

  it('answers a curation rebuild that does not fit with DISK_FULL and changes nothing', async () => {
    const dir = path.join(MNT, 'curation');
    let s = await startServer(dir, env());
    const [node] = (await gql(s, '{ search(text: "执法", types: [REFORM], first: 1) { id name } }')).data!.search;
    const journal = fs.readFileSync(path.join(dir, 'journal.ndjson'));
    const stats = (await gql(s, '{ stats { nodes edges reports } }')).data!.stats;
    fill(64 * 1024);
    const RENAME = 'mutation($id: ID!) { renameNode(id: $id, name: "改过的名字", why: "a test on a full disk") { applied node { name } } }';
    const r = await gql(s, RENAME, { id: node.id });
    expect(r.errors?.[0].extensions?.code).toBe('DISK_FULL');
    expect(r.errors?.[0].message).toMatch(/the disk is full: the graph snapshot was not saved/);
    // Nothing changed: the graph served, the decisions, the files.
    expect((await gql(s, '{ stats { nodes edges reports } }')).data!.stats).toEqual(stats);
    expect((await gql(s, 'query($id: ID!) { node(id: $id) { name } }', { id: node.id })).data!.node.name).toBe(node.name);
    expect((await gql(s, '{ curation { id } }')).data!.curation).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['graph.lock', 'journal.ndjson'].filter((f) => fs.existsSync(path.join(dir, f))));
    expect(fs.readFileSync(path.join(dir, 'journal.ndjson')).equals(journal)).toBe(true);
    await s.stop();

    unfill();
    s = await startServer(dir, env());
    expect((await gql(s, '{ stats { nodes edges reports } }')).data!.stats).toEqual(stats);
    // With room, the same decision goes through and survives a restart.
    expect((await gql(s, RENAME, { id: node.id })).data?.renameNode.node.name).toBe('改过的名字');
    await s.stop();
    s = await startServer(dir, env());
    expect((await gql(s, 'query($id: ID!) { node(id: $id) { name } }', { id: node.id })).data!.node.name).toBe('改过的名字');
    await s.stop();
    fs.rmSync(dir, { recursive: true });
    fs.rmSync(CURATION, { force: true });
  });

  it('keeps snapshot and journal as they were when compaction fails, and compacts once there is room', async () => {
    const dir = path.join(MNT, 'compact');
    const snap = path.join(dir, 'graph.snap');
    const jfile = path.join(dir, 'journal.ndjson');
    let s = await startServer(dir, env({ KG_COMPACT_SECONDS: '1' }));
    await waitFor('the seeds to be compacted', () => size(snap) > 0 && size(jfile) === 0);
    const seeds = await reportIds(s);
    const before = fs.readFileSync(snap);
    // Room for the report's journal record, not for a new snapshot.
    fill(Math.floor(before.length / 2));
    const r = await gql(s, INGEST, { t: cityReports()[0] });
    expect(r.data?.ingestReport.created).toBe(true);
    const added = r.data!.ingestReport.report.id as string;
    const record = size(jfile);
    // Large enough beside the snapshot for compaction by age.
    expect(record * 8).toBeGreaterThan(before.length);
    // Several compactions are tried (every second) and fail; nothing they touch changes.
    await new Promise((res) => setTimeout(res, 3500));
    expect(fs.readFileSync(snap).equals(before)).toBe(true);
    expect(size(jfile)).toBe(record);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await reportIds(s)).toEqual([...seeds, added].sort());
    // A crash now, and a start on the still full disk: everything confirmed is there.
    process.kill(s.pid, 'SIGKILL');
    await s.stop();
    s = await startServer(dir, env());
    expect(s.stdout).not.toMatch(/warning/);
    expect(await reportIds(s)).toEqual([...seeds, added].sort());
    await s.stop();

    // With room again the retried compaction goes through.
    unfill();
    s = await startServer(dir, env({ KG_COMPACT_SECONDS: '1' }));
    await waitFor('the journal to be compacted', () => size(jfile) === 0);
    await s.stop();
    s = await startServer(dir, env());
    expect(await reportIds(s)).toEqual([...seeds, added].sort());
    await s.stop();
    fs.rmSync(dir, { recursive: true });
  });
});
