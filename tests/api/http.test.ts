import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/http/app';
import type { GraphStore, Health } from '../../server/store/store';
import { seededMemoryStore } from '../helpers/seedStore';

describe('HTTP entry', () => {
  it('answers /health with the store and its size, and serves GraphQL and GraphiQL', async () => {
    const { store } = await seededMemoryStore();
    const { server } = createApp(store);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const h = await fetch(`${base}/health`);
      expect(h.status).toBe(200);
      const stats = await store.stats();
      expect(await h.json()).toEqual({ status: 'ok', store: 'memory', nodes: stats.nodes, edges: stats.edges, logDropped: 0 });
      const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).toMatch(/GraphiQL|graphiql/);
      const q = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { reports } }' }) });
      expect(await q.json()).toEqual({ data: { stats: { reports: 2 } } });
    } finally {
      server.close();
    }
  });

  it('answers 503 with the reason when the store does not answer, and masks unexpected errors', async () => {
    const { store } = await seededMemoryStore();
    const broken: GraphStore = Object.assign(Object.create(store), {
      health: async (): Promise<Health> => ({ ok: false, nodes: 0, edges: 0, reason: 'connection refused' }),
      stats: async () => {
        throw new Error('secret internal detail at /srv/app/store.ts:42');
      },
    });
    const { server } = createApp(broken);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const h = await fetch(`${base}/health`);
      expect(h.status).toBe(503);
      expect(await h.json()).toEqual({ status: 'unavailable', store: 'memory', reason: 'connection refused' });
      const q = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodes } }' }) });
      const body = await q.text();
      expect(body).toContain('Unexpected error.');
      expect(body).not.toContain('secret internal detail');
    } finally {
      server.close();
    }
  });
});
