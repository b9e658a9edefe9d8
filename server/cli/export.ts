import fs from 'node:fs';
import { readConfig } from '../config';
import { FORMATS, ExportFormat } from '../export/formats';
import { filterView } from '../export/view';
import { NODE_TYPES, NodeType } from '../model/types';
import { openStoreForReading } from '../store/create';
import { askServer, errorReasons, serverBase } from './remote';
import { exportTableCli, TABLE_HELP } from './exportTables';

const HELP = `Usage: npm run export -- --format graphml|gexf|csv-nodes|csv-edges [--types REFORM,PLATFORM] [--topics topic:digital] [--out FILE] [--server URL]

Writes the whole graph, or the view filtered by node types and topics (edges between kept
nodes), for Gephi (GEXF), yEd/graphology/NetworkX (GraphML) or spreadsheets (CSV tables).
Without --out it writes to standard output. Reads the store the environment selects (KG_STORE,
KG_DATA_DIR, NEO4J_*), also while a server is using it: it only reads. With --server URL it
asks that running server's /export instead, which renders the same file from what it holds
(http://host:port; the token from KG_READ_TOKEN, or KG_WRITE_TOKEN, when reading needs one).`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`${HELP}\n\n${TABLE_HELP}`);
    return 0;
  }
  if (argv.includes('--table')) return exportTableCli(argv);
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const format = (opt('format') ?? 'graphml') as ExportFormat;
  if (!(format in FORMATS)) throw new Error(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
  const types = (opt('types') ?? '').split(',').filter(Boolean);
  const bad = types.filter((t) => !(NODE_TYPES as readonly string[]).includes(t));
  if (bad.length) throw new Error(`unknown node types: ${bad.join(', ')} (one of ${NODE_TYPES.join(', ')})`);
  const topics = (opt('topics') ?? '').split(',').filter(Boolean);
  const server = argv.includes('--server') ? opt('server') : undefined;
  if (argv.includes('--server') && (!server || server.startsWith('--'))) throw new Error('--server needs a URL, e.g. --server http://127.0.0.1:4000');
  const { body, nodes, edges } = server ? await fromServer(server, format, types, topics) : await fromStore(format, types as NodeType[], topics);
  const out = opt('out');
  if (out) {
    fs.writeFileSync(out, body);
    console.error(`wrote ${nodes} nodes and ${edges} edges to ${out}`);
  } else process.stdout.write(body);
  return 0;
}

interface Exported {
  body: string;
  nodes: number;
  edges: number;
}

async function fromStore(format: ExportFormat, types: NodeType[], topics: string[]): Promise<Exported> {
  const store = await openStoreForReading(readConfig());
  try {
    if (await store.isEmpty()) throw new Error('the graph is empty: run npm start once (it loads the seeds) or npm run ingest first');
    const view = filterView(await store.exportGraph(), { types, topics });
    return { body: FORMATS[format].render(view), nodes: view.nodes.length, edges: view.edges.length };
  } finally {
    await store.close();
  }
}

async function fromServer(url: string, format: ExportFormat, types: string[], topics: string[]): Promise<Exported> {
  const q = new URLSearchParams({ format });
  if (types.length) q.set('types', types.join(','));
  if (topics.length) q.set('topics', topics.join(','));
  const token = process.env.KG_READ_TOKEN || process.env.KG_WRITE_TOKEN;
  const res = await askServer(`${serverBase(url)}/export?${q}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await res.text();
  if (!res.ok) throw new Error(`the server at ${serverBase(url)} answered ${res.status}: ${errorReasons(body)}`);
  return { body, nodes: Number(res.headers.get('x-kg-nodes')), edges: Number(res.headers.get('x-kg-edges')) };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`export: ${e.message}`);
    process.exit(2);
  },
);
