import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../server/http/app';
import type { GraphStore } from '../../server/store/store';
import { startServer, type ServerProc } from '../helpers/serverProcess';
import { seededMemoryStore } from '../helpers/seedStore';

// What the server's log says, read from the real server's stderr: at the default level a start-up
// line and one line per refusal (its reason, no stack), no line per request; each request at
// debug; KG_LOG_FORMAT=pretty for a person. A refusal is the client's doing, not an error of ours.
const ROOT = path.join(__dirname, '../..');
const TOKEN = 'logs-test-token';

interface Line {
  level: number;
  msg: string;
  [k: string]: unknown;
}

async function until(what: string, ok: () => boolean, ms = 20000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A short session: the health check, a query, a text that is no report, and a list too long. */
async function session(url: string): Promise<string[]> {
  const ids: string[] = [];
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ query, variables }) });
    ids.push(res.headers.get('x-request-id')!);
    return (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> };
  };
  const health = await fetch(`${url}/health`);
  ids.push(health.headers.get('x-request-id')!);
  expect(health.status).toBe(200);
  expect((await post('{ stats { reports } }')).data).toEqual({ stats: { reports: 2 } });
  const notReport = await post('mutation($t: String!) { ingestReport(input: { text: $t }) { created } }', { t: 'Minutes of the weekly meeting: the car park closes on Friday.' });
  expect(notReport.errors?.[0].extensions.code).toBe('NOT_A_REPORT');
  const tooMany = await post('{ search(text: "执法", first: 100000) { id } }');
  expect(tooMany.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  return ids;
}

describe('the server log', () => {
  jest.setTimeout(180_000);
  let dataDir: string;
  let server: ServerProc | undefined;
  const run = async (env: Record<string, string>) => {
    server = await startServer(dataDir, { env: { KG_WRITE_TOKEN: TOKEN, ...env }, keepStderr: true, timeoutMs: 60000 });
    return server;
  };

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-logs-levels-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('at info (the default): JSON lines, the start-up line and each refusal with its reason, no request lines, no stacks', async () => {
    // Neither a level nor the test runner's NODE_ENV=test (which silences the log) is given.
    const s = await run({ KG_LOG_LEVEL: '', NODE_ENV: 'production' });
    await session(s.url);
    await until('both refusals in the log', () => /BAD_USER_INPUT/.test(s.stderr()));
    const lines = s.stderr().trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines.every((l) => l.level >= 30)).toBe(true);
    expect(lines.filter((l) => l.msg === 'request')).toEqual([]);
    expect(lines[0]).toMatchObject({ level: 30, msg: `listening on ${s.url}`, store: 'memory' });
    const refusals = lines.filter((l) => /^refused/.test(l.msg));
    expect(refusals.map((l) => [l.level, l.code])).toEqual([[30, 'NOT_A_REPORT'], [30, 'BAD_USER_INPUT']]);
    expect(refusals[0].msg).toMatch(/^refused \(NOT_A_REPORT\): not a report of this genre/);
    expect(refusals[1].msg).toBe('refused (BAD_USER_INPUT): first must be an integer from 1 to 500, not 100000');
    expect(s.stderr()).not.toMatch(/stack|unexpected error|"err"/);
    expect(lines.length).toBe(3);
  });

  it('at debug: one line per request, with its id, status and operation', async () => {
    const s = await run({ KG_LOG_LEVEL: 'debug' });
    const ids = await session(s.url);
    await until('a line for each request', () => (s.stderr().match(/"msg":"request"/g) ?? []).length >= ids.length);
    const requests = s.stderr().trim().split('\n').map((l) => JSON.parse(l) as Line).filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.level, l.requestId])).toEqual(ids.map((id) => [20, id]));
    expect(requests.map((l) => [l.url, l.status, l.operation])).toEqual([['/health', 200, undefined], ['/graphql', 200, 'stats'], ['/graphql', 200, 'ingestReport'], ['/graphql', 200, 'search']]);
  });

  it('KG_LOG_FORMAT=pretty: lines for a person, not JSON', async () => {
    const s = await run({ KG_LOG_LEVEL: 'info', KG_LOG_FORMAT: 'pretty' });
    await session(s.url);
    await until('both refusals in the log', () => /BAD_USER_INPUT/.test(s.stderr()));
    const lines = s.stderr().trim().split('\n');
    for (const l of lines) expect(() => JSON.parse(l)).toThrow();
    expect(lines[0]).toMatch(new RegExp(`^\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] INFO: listening on ${s.url.replace(/\./g, '\\.')} `));
    expect(lines[1]).toMatch(/^\[[\d:.]+\] INFO: refused \(NOT_A_REPORT\): not a report of this genre/);
    expect(lines[2]).toMatch(/^\[[\d:.]+\] INFO: refused \(BAD_USER_INPUT\): first must be an integer from 1 to 500, not 100000 /);
    expect(lines.length).toBe(3);
  });

  it('refuses to start with a log format or level it does not know, saying which it knows', () => {
    const start = (env: Record<string, string>) => spawnSync(process.execPath, [path.join(ROOT, 'dist/server/main.js')], { env: { ...process.env, KG_DATA_DIR: dataDir, PORT: '0', ...env }, encoding: 'utf8', timeout: 30000 });
    const format = start({ KG_LOG_FORMAT: 'xml' });
    expect(format.status).toBe(1);
    expect(format.stderr).toContain('cannot start: KG_LOG_FORMAT must be one of json, pretty, not "xml"');
    const level = start({ KG_LOG_LEVEL: 'verbose' });
    expect(level.status).toBe(1);
    expect(level.stderr).toContain('cannot start: KG_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"');
  });
});

describe('an unexpected error', () => {
  it('is masked for the client and logged at error with its stack and the request id', async () => {
    const { store } = await seededMemoryStore();
    const broken: GraphStore = Object.assign(Object.create(store), {
      stats: async () => {
        throw new Error('the store lost its index');
      },
    });
    let written = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((written += chunk.toString()), done()) });
    const { server } = createApp(broken, { logger: pino({ level: 'info' }, sink) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodes } }' }) });
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { requestId: string } }> };
      expect(body.errors[0].message).toBe('Unexpected error.');
      await until('the error line', () => written.includes('unexpected error'));
      const lines = written.trim().split('\n').map((l) => JSON.parse(l) as Line & { err: { message: string; stack: string } });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 50, msg: 'unexpected error in a resolver', requestId: body.errors[0].extensions.requestId, path: 'stats' });
      expect(lines[0].err.message).toBe('the store lost its index');
      expect(lines[0].err.stack).toMatch(/^Error: the store lost its index\n\s+at /);
    } finally {
      server.close();
    }
  });
});
