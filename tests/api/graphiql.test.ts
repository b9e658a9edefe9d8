import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../server/http/app';
import { seededMemoryStore } from '../helpers/seedStore';

// GraphiQL's page names only this server's files, each of which it serves, and carries the
// README's example queries. (tests/e2e/graphiql.test.ts opens it in Chromium offline.)
const ROOT = path.join(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readmeExamples } = require('../../scripts/readme-examples.cjs') as { readmeExamples: (md: string) => Array<{ title: string; query: string }> };

describe('GraphiQL page', () => {
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
    const { store } = await seededMemoryStore();
    const { server } = createApp(store);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('refers to nothing outside this server, and the CSP forbids it', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/connect-src 'self'/);
    const html = await res.text();
    expect(html).not.toMatch(/__TITLE__|__OPTS__/);
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual(['/favicon.svg', '/graphiql/graphiql.css', '/graphiql/graphiql.js', '/graphiql/start.js']);
    for (const ref of refs) {
      const asset = await fetch(`${base}${ref}`);
      expect([ref, asset.status]).toEqual([ref, 200]);
      expect(asset.headers.get('content-type')).toMatch(/javascript|css|svg/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('opens with one tab per README example query', async () => {
    const html = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    const json = /<script type="application\/json" id="graphiql-options">([\s\S]*?)<\/script>/.exec(html)![1];
    const options = JSON.parse(json) as { defaultTabs: Array<{ query: string }> };
    const examples = readmeExamples(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(options.defaultTabs.map((t) => t.query)).toEqual(examples.map((e, i) => expect.stringContaining(`query Example${i + 1} ${e.query}`)));
    expect(options.defaultTabs[3].query).toMatch(/^# 4\. Which platforms support the "最多跑一次" reform\?/);
  });

  it('is served where reading needs KG_READ_TOKEN, runs nothing without it, and shows where the token goes', async () => {
    const { store } = await seededMemoryStore();
    const { server } = createApp(store, { readToken: 'read-token-1' });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const guarded = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const page = await fetch(`${guarded}/graphql?query=${encodeURIComponent('{ stats { nodes } }')}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).not.toContain('"stats":');
      const options = JSON.parse(/id="graphiql-options">([\s\S]*?)<\/script>/.exec(html)![1]) as { defaultHeaders: string; defaultTabs: Array<{ headers: string }> };
      expect(JSON.parse(options.defaultHeaders)).toEqual({ Authorization: 'Bearer <KG_READ_TOKEN>' });
      expect(options.defaultTabs.every((t) => t.headers === options.defaultHeaders)).toBe(true);
      const post = (auth?: string) => fetch(`${guarded}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify({ query: '{ stats { reports } }' }) });
      expect((await post()).status).toBe(401);
      expect(await (await post('Bearer read-token-1')).json()).toEqual({ data: { stats: { reports: 2 } } });
      // A GET query that asks for JSON still needs the token.
      expect((await fetch(`${guarded}/graphql?query=${encodeURIComponent('{ stats { nodes } }')}`, { headers: { accept: 'application/json' } })).status).toBe(401);
    } finally {
      server.close();
    }
  });
});
