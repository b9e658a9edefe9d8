// The real HTTP app on a seeded embedded store, on loopback, for the attacks of tests/security:
// each request timed from the client, and the process's live heap after a full collection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createApp, AppOptions } from '../../server/http/app';
import type { GraphStore } from '../../server/store/store';
import { seededMemoryStore } from '../helpers/seedStore';

export interface Answer {
  status: number;
  ms: number;
  text: string;
  headers: Headers;
  json(): any;
}

export interface Served {
  base: string;
  store: GraphStore;
  request(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer>;
  /** POST /graphql with a JSON body, as the explorer sends it. */
  post(body: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** GET /graphql?query=… asking for JSON. */
  get(query: string, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

export async function serve(opts: AppOptions = {}, store?: GraphStore): Promise<Served> {
  const s = store ?? (await seededMemoryStore()).store;
  const { server } = createApp(s, opts);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // node:http, not fetch: fetch sets Sec-Fetch-Mode and Host itself, and browsers' headers are what is tested.
  const request: Served['request'] = (path, init = {}) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, text, headers, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
  return {
    base,
    store: s,
    request,
    post: (body, headers = {}) => request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    get: (query, headers = {}) => request(`/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', ...headers } }),
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** The live heap in MB after full collections (the server runs in this process). */
export function liveHeapMB(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** The median time of a few tries: one slow try on a busy machine says nothing; most tries slow does. */
export async function medianMs(tries: Array<() => Promise<Answer>>): Promise<{ ms: number; answers: Answer[] }> {
  const answers: Answer[] = [];
  for (const t of tries) answers.push(await t());
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)], answers };
}

/** The first error's code and message of a GraphQL answer. */
export const refusal = (a: Answer) => {
  const e = a.json().errors?.[0];
  return { status: a.status, code: e?.extensions?.code, message: e?.message as string | undefined };
};
