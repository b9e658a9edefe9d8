// /events and x-graph-version: what keeps open explorer pages live. A write that changes the
// graph moves the version once and is pushed to every listener; a no-op or a refused write
// moves nothing.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../server/http/app';
import { seededMemoryStore } from '../helpers/seedStore';

const TOKEN = 'events-test-token';
const TEXT = fs.readFileSync(path.join(__dirname, '../fixtures/reports/lishui-jingning-psb-2022.txt'), 'utf8');

interface Frame {
  event: string;
  data: { version: string; op?: string; report?: string };
}

/** Listens to /events and hands out its frames in order. */
function listen(base: string, headers: Record<string, string> = {}): Promise<{ status: number; next: () => Promise<Frame>; ended: Promise<void>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/events`, { headers }, (res) => {
      const frames: Frame[] = [];
      const waiting: Array<(f: Frame) => void> = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || !data) continue;
          const f = { event, data: JSON.parse(data) };
          const w = waiting.shift();
          if (w) w(f);
          else frames.push(f);
        }
      });
      const ended = new Promise<void>((r) => res.on('end', r));
      resolve({
        status: res.statusCode ?? 0,
        next: () => (frames.length ? Promise.resolve(frames.shift()!) : new Promise((r) => waiting.push(r))),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

describe('graph version and /events', () => {
  it('pushes one event per write that changes the graph, to every listener, and carries the version on answers', async () => {
    const { store } = await seededMemoryStore();
    const { server, events } = createApp(store, { writeToken: TOKEN });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = (query: string, variables: object, token?: string) => fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const ingest = (token?: string) => post('mutation($t: String!) { ingestReport(input: { text: $t }) { created report { id } } }', { t: TEXT }, token);
    try {
      const a = await listen(base);
      const b = await listen(base);
      expect(a.status).toBe(200);
      const hello = await a.next();
      expect(hello.event).toBe('hello');
      expect((await b.next()).data.version).toBe(hello.data.version);
      const v0 = (await post('{ stats { reports } }', {})).headers.get('x-graph-version');
      expect(v0).toBe(hello.data.version);

      // A refused write moves nothing.
      const refused = await (await ingest('wrong-token')).json();
      expect(refused.errors[0].message).toBe('wrong write token');
      expect((await post('{ stats { reports } }', {})).headers.get('x-graph-version')).toBe(v0);

      const added = await (await ingest(TOKEN)).json();
      expect(added.data.ingestReport.created).toBe(true);
      const id = added.data.ingestReport.report.id;
      const [ea, eb] = await Promise.all([a.next(), b.next()]);
      expect(ea).toEqual({ event: 'graph', data: { version: expect.any(String), op: 'write', report: id } });
      expect(eb).toEqual(ea);
      expect(ea.data.version).not.toBe(v0);
      const answered = await post('{ stats { reports } }', {});
      expect(answered.headers.get('x-graph-version')).toBe(ea.data.version);
      expect((await answered.json()).data.stats.reports).toBe(3);

      // The same text again changes nothing: the next event is the delete's, one version on.
      expect((await (await ingest(TOKEN)).json()).data.ingestReport.created).toBe(false);
      expect((await (await post('mutation($id: ID!) { deleteReport(id: $id) }', { id }, TOKEN)).json()).data.deleteReport).toBe(true);
      const del = await a.next();
      expect(del.data).toEqual({ version: expect.any(String), op: 'delete', report: id });
      const [epoch, n] = ea.data.version.split('.');
      expect(del.data.version).toBe(`${epoch}.${Number(n) + 1}`);

      // Stopping the server ends every stream (they would hold it open).
      b.close();
      events.close();
      await a.ended;
      expect(events.listening).toBe(0);
    } finally {
      events.close();
      server.close();
    }
  });

  it('refuses other sites and methods other than GET', async () => {
    const { store } = await seededMemoryStore();
    const { server, events } = createApp(store);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const other = await fetch(`${base}/events`, { headers: { origin: 'http://evil.example' } });
      expect(other.status).toBe(403);
      expect((await fetch(`${base}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(405);
      expect(events.listening).toBe(0);
    } finally {
      server.close();
    }
  });
});
