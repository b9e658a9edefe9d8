import fs from 'node:fs';
import { readConfig } from '../config';
import { exportTable, parseTableRequest } from '../export/tableRequest';
import { openStoreForReading } from '../store/create';

/**
 * `npm run export -- --table observations --format csv [--bom] [--wide] [--province 浙江]
 * [--level DISTRICT] [--out FILE] [--server URL]`: a tidy table, from the store the environment
 * selects (read only) or from a running server's /export, exactly as the HTTP export gives it.
 */
export const TABLE_HELP = `Tidy tables (codebook in the README):
  npm run export -- --table observations|adoptions|measures|mentions|nodes|edges [--format csv|tsv|json]
                    [--bom] [--wide] [--province 浙江] [--level PROVINCIAL|PREFECTURE|COUNTY|DISTRICT|SPECIAL]
                    [--out FILE] [--server URL]
  --bom: the Excel variant (byte-order mark, CRLF, formula-like text quoted); --wide: observations as a
  bureau-year panel, one column per indicator family.`;

export async function exportTableCli(argv: string[]): Promise<number> {
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const flag = (name: string) => (argv.includes(`--${name}`) ? '1' : undefined);
  const get = (k: string) => (k === 'bom' || k === 'wide' ? flag(k) : k === 'format' ? opt('format') ?? 'csv' : opt(k));
  const req = parseTableRequest(get);
  if ('error' in req) throw new Error(req.error);
  const server = opt('server');
  let body: string;
  let rows: number | undefined;
  if (server) {
    const q = new URLSearchParams({ table: req.table, format: req.format });
    if (req.bom) q.set('bom', '1');
    if (req.wide) q.set('wide', '1');
    if (req.province) q.set('province', req.province);
    if (req.level) q.set('level', req.level);
    const token = process.env.KG_READ_TOKEN || process.env.KG_WRITE_TOKEN;
    const res = await fetch(`${server.replace(/\/+$/, '')}/export?${q}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    body = await res.text();
    if (!res.ok) throw new Error(`${server} answered ${res.status}: ${body.slice(0, 300)}`);
  } else {
    const store = await openStoreForReading(readConfig());
    try {
      if (await store.isEmpty()) throw new Error('the graph is empty: run npm start once (it loads the seeds) or npm run ingest first');
      ({ body, rows } = exportTable(await store.exportGraph(), req));
    } finally {
      await store.close();
    }
  }
  const out = opt('out');
  if (out) {
    fs.writeFileSync(out, body);
    console.error(rows === undefined ? `wrote ${out}` : `wrote ${rows} rows to ${out}`);
  } else process.stdout.write(body);
  return 0;
}
