import type { AddressInfo } from 'node:net';
import Graph from 'graphology';
// graphology-graphml's Node entry parses with xmldom.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const graphml = require('graphology-graphml');
import { createApp } from '../../server/http/app';
import type { GraphStore } from '../../server/store/store';
import { seededMemoryStore } from '../helpers/seedStore';

describe('exports for analysis tools', () => {
  let store: GraphStore;
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    store = (await seededMemoryStore()).store;
    const { server } = createApp(store);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('exports GraphML that graphology loads back with the same node and edge counts', async () => {
    const stats = await store.stats();
    const r = await fetch(`${base}/export?format=graphml`);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="policing-reforms.graphml"');
    const g = graphml.parse(Graph, await r.text());
    expect([g.order, g.size]).toEqual([stats.nodes, stats.edges]);
    expect(g.getNodeAttribute('unit:执法办案管理中心', 'nameEn')).toBe('Case-handling management centre');
  });

  it('exports a filtered view: only the given types, edges between them', async () => {
    const r = await fetch(`${base}/export?format=graphml&types=REFORM,PLATFORM`);
    const g = graphml.parse(Graph, await r.text());
    g.forEachNode((_n: string, a: Record<string, unknown>) => expect(['REFORM', 'PLATFORM']).toContain(a.type));
    expect(g.hasEdge('USES:reform:最多跑一次->platform:安心码')).toBe(true);
  });

  it('exports GEXF for Gephi and CSV tables with quotes', async () => {
    const gexf = await (await fetch(`${base}/export?format=gexf&topics=topic:digital`)).text();
    expect(gexf).toMatch(/^<\?xml[^>]+>\n<gexf xmlns="http:\/\/gexf.net\/1.3" version="1.3">/);
    expect(gexf).toContain('label="安心码"');
    const bytes = Buffer.from(await (await fetch(`${base}/export?format=csv-nodes`)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheets then read UTF-8
    const nodes = bytes.subarray(3).toString('utf8');
    expect(nodes.startsWith('id,type,name,nameEn,aliases,mentions,quote,reports\r\n')).toBe(true);
    expect(nodes).toContain('platform:安心码,PLATFORM,安心码,');
    const edges = await (await fetch(`${base}/export?format=csv-edges`)).text();
    expect(edges.split('\r\n')[0]).toBe('id,type,source,target,mentions,quote');
  });

  it('refuses an unknown format or type', async () => {
    const r = await fetch(`${base}/export?format=pdf`);
    expect(r.status).toBe(400);
    expect((await r.json()).errors[0].message).toMatch(/format must be one of graphml, gexf, csv-nodes, csv-edges/);
    expect((await fetch(`${base}/export?types=FOO`)).status).toBe(400);
  });
});
