import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/http/app';
import { JINHUA_2021 } from '../helpers/sampleReports';
import { seededMemoryStore } from '../helpers/seedStore';

// A report is untrusted text: markup in it must come back as data, never as markup.
const HOSTILE = JINHUA_2021
  .replace('金华警务通APP', '<img src=x onerror=alert(1)>警务通APP')
  .replace('开展专项清理', '开展专项清理<script>alert("x")</script>');

describe('hostile text in ingested reports', () => {
  it('comes back as JSON data and escaped XML, with nosniff on every response', async () => {
    const { store } = await seededMemoryStore();
    const { server } = createApp(store, { writeToken: 't' });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const post = (query: string, variables = {}) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: JSON.stringify({ query, variables }) });
      const ing = await post('mutation($t: String!) { ingestReport(input: { text: $t }) { report { id text } } }', { t: HOSTILE });
      expect(ing.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      expect(ing.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await ing.json();
      expect(body.data.ingestReport.report.text).toContain('<script>alert("x")</script>'); // stored as written, as data
      const found = await (await post('{ search(text: "onerror") { name } }')).json();
      for (const n of found.data.search) expect(typeof n.name).toBe('string');
      const xml = await (await fetch(`${base}/export?format=graphml`)).text();
      expect(xml).not.toMatch(/<img|<script/);
      const csv = await (await fetch(`${base}/export?format=csv-nodes`)).text();
      expect(csv).not.toMatch(/^[=+\-@]/m);
    } finally {
      server.close();
    }
  });
});
