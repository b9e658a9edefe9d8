import fs from 'node:fs';
import { readConfig } from '../config';
import { FORMATS, ExportFormat } from '../export/formats';
import { filterView } from '../export/view';
import { NODE_TYPES, NodeType } from '../model/types';
import { createStore } from '../store/create';

const HELP = `Usage: npm run export -- --format graphml|gexf|csv-nodes|csv-edges [--types REFORM,PLATFORM] [--topics topic:digital] [--out FILE]

Writes the whole graph, or the view filtered by node types and topics (edges between kept
nodes), for Gephi (GEXF), yEd/graphology/NetworkX (GraphML) or spreadsheets (CSV tables).
Without --out it writes to standard output. Reads the store the environment selects.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const format = (opt('format') ?? 'graphml') as ExportFormat;
  if (!(format in FORMATS)) throw new Error(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
  const types = (opt('types') ?? '').split(',').filter(Boolean);
  const bad = types.filter((t) => !(NODE_TYPES as readonly string[]).includes(t));
  if (bad.length) throw new Error(`unknown node types: ${bad.join(', ')} (one of ${NODE_TYPES.join(', ')})`);
  const store = await createStore(readConfig());
  await store.init();
  try {
    if (await store.isEmpty()) throw new Error('the graph is empty: run npm start once (it loads the seeds) or npm run ingest first');
    const view = filterView(await store.exportGraph(), { types: types as NodeType[], topics: (opt('topics') ?? '').split(',').filter(Boolean) });
    const body = FORMATS[format].render(view);
    const out = opt('out');
    if (out) {
      fs.writeFileSync(out, body);
      console.error(`wrote ${view.nodes.length} nodes and ${view.edges.length} edges to ${out}`);
    } else process.stdout.write(body);
  } finally {
    await store.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`export: ${e.message}`);
    process.exit(2);
  },
);
