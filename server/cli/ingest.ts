import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config';
import { readDecisions } from '../curation/decisions';
import { ingestReport, IngestInput } from '../services/ingest';
import type { ReportMeta, TypeCount } from '../model/types';
import { createStore } from '../store/create';
import type { GraphStore } from '../store/store';
import { Fetcher, FETCH_DEFAULTS, parseUrlList } from './fetch';
import { collectFiles, readSidecar } from './files';
import { Progress } from './progress';
import { postToServer } from './remote';

const HELP = `Usage: npm run ingest -- [options] <file|dir>...
       npm run ingest -- [options] --urls list.txt

Adds reports to the graph and prints a summary: .pdf (with a text layer), .docx, .html/.htm
and .txt, in UTF-8, GBK/GB2312/GB18030 or Big5 (folders are searched; a legacy .doc is refused
with the reason). A file name.pdf may have metadata beside it in name.meta.json (agency, place,
year, title, publishedOn, source); otherwise they are read from the text.

Options:
  --urls FILE        fetch each URL in FILE (one a line, # comments) and ingest it; a page
                     already in the graph and not modified since (304, or the same bytes) is
                     skipped, so a list can be run again
  --rate N           at most N requests per host per second (default ${FETCH_DEFAULTS.perHostPerSecond})
  --timeout S        seconds for each request (default ${FETCH_DEFAULTS.timeoutMs / 1000}); failures are tried
                     ${FETCH_DEFAULTS.retries} more times with doubling backoff (not a 404 or a redirect loop)
  --retries N        tries after the first (default ${FETCH_DEFAULTS.retries})
  --concurrency N    reports read at once (default 4)
  --server URL       send the reports to a running server's ingestReport mutation
                     (token from KG_WRITE_TOKEN) instead of writing the store directly
  --help             this text

Without --server the store is the one the environment selects (KG_STORE, KG_DATA_DIR,
NEO4J_*), as for npm start; stop a server that uses the same KG_DATA_DIR first.`;

interface Row {
  file: string;
  ok: boolean;
  format?: string;
  agency?: string;
  year?: number | null;
  result?: 'added' | 'unchanged' | 'skipped';
  counts?: TypeCount[];
  warnings: string[];
  error?: string;
}

interface Options {
  server?: string;
  urls?: string;
  rate: number;
  timeout: number;
  retries: number;
  concurrency: number;
  paths: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { rate: FETCH_DEFAULTS.perHostPerSecond, timeout: FETCH_DEFAULTS.timeoutMs / 1000, retries: FETCH_DEFAULTS.retries, concurrency: 4, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value (see --help)`);
      return v;
    };
    const num = (min: number) => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < min) throw new Error(`${a} must be a number >= ${min}`);
      return v;
    };
    if (a === '--server') o.server = value();
    else if (a === '--urls') o.urls = value();
    else if (a === '--rate') o.rate = num(0.01);
    else if (a === '--timeout') o.timeout = num(0.1);
    else if (a === '--retries') o.retries = Math.floor(num(0));
    else if (a === '--concurrency') o.concurrency = Math.floor(num(1));
    else if (a.startsWith('--')) throw new Error(`unknown option ${a} (see --help)`);
    else o.paths.push(a);
  }
  return o;
}

/** One report to read: a file on disk, or a URL to fetch. */
type Item = { kind: 'file'; path: string; label: string } | { kind: 'url'; url: string; label: string };

async function main(argv: string[]): Promise<number> {
  if (!argv.length || argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return argv.length ? 0 : 2;
  }
  const opts = parseArgs(argv);
  const items: Item[] = [];
  if (opts.urls) {
    if (!fs.existsSync(opts.urls)) throw new Error(`no such URL list: ${opts.urls}`);
    for (const url of parseUrlList(fs.readFileSync(opts.urls, 'utf8'))) items.push({ kind: 'url', url, label: url });
    if (!items.length) throw new Error(`no URLs in ${opts.urls}`);
  }
  if (opts.paths.length) {
    const files = collectFiles(opts.paths);
    if (!files.length) throw new Error(`no .txt, .html, .htm, .pdf or .docx files in ${opts.paths.join(', ')}`);
    for (const f of files) {
      const rel = path.relative(process.cwd(), f);
      items.push({ kind: 'file', path: f, label: rel && !rel.startsWith('..') ? rel : f });
    }
  }
  if (!items.length) throw new Error('name files or folders, or --urls list.txt (see --help)');

  const config = readConfig();
  const store = opts.server ? undefined : await createStore(config);
  await store?.init();
  for (const w of store?.warnings ?? []) console.error(`warning: ${w}`);
  const decisions = readDecisions(config.curationFile);
  const known = store && opts.urls ? await knownSources(store) : new Map<string, Known>();
  const fetcher = new Fetcher({ perHostPerSecond: opts.rate, timeoutMs: opts.timeout * 1000, retries: opts.retries });
  const rows: Row[] = new Array(items.length);
  const progress = new Progress(items.length, process.stderr);
  const one = async (item: Item): Promise<Row> => {
    const row: Row = { file: item.label, ok: false, warnings: [] };
    try {
      const input = await inputOf(item, fetcher, known);
      if (!input) return Object.assign(row, { ok: true, result: 'skipped' as const });
      row.format = /\.([a-z0-9]+)$/i.exec(String(input.filename))?.[1];
      if (opts.server) {
        const content = Buffer.from(input.content as Uint8Array).toString('base64');
        const { province: _p, content: _c, contentType: _t, text: _x, ...rest } = input;
        const r = await postToServer(opts.server, config.writeToken, { ...rest, content, filename: input.filename ?? undefined });
        Object.assign(row, { ok: true, agency: r.report.agency?.name, year: r.report.year, result: r.created ? 'added' : 'unchanged', counts: r.counts, warnings: r.warnings });
      } else {
        const r = await ingestReport(store!, input, { decisions });
        const p = r.extraction.report.props;
        row.format = String(p.format ?? row.format ?? '');
        Object.assign(row, { ok: true, agency: String(p.agency), year: p.year as number | null, result: r.created ? 'added' : 'unchanged', counts: r.counts, warnings: r.warnings });
      }
    } catch (e) {
      row.error = e instanceof Error ? e.message : String(e);
    }
    return row;
  };
  try {
    // A few at once: fetches wait on the network and PDFs on their parser while another
    // report is extracted; the store itself writes one report at a time.
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        progress.update(path.basename(items[i].label));
        rows[i] = await one(items[i]);
        progress.tick();
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, items.length) }, worker));
  } finally {
    progress.done();
    await store?.close();
  }
  printSummary(rows);
  return rows.some((r) => !r.ok) ? 1 : 0;
}

interface Known {
  sha256?: string;
  retrievedAt?: string;
}

/** What the store holds from each source URL: the original's hash and when it was retrieved. */
async function knownSources(store: GraphStore): Promise<Map<string, Known>> {
  const out = new Map<string, Known>();
  for (const r of await store.reports()) {
    const p = r.props;
    if (typeof p.source !== 'string') continue;
    out.set(p.source, { sha256: typeof p.originalSha256 === 'string' ? p.originalSha256 : undefined, retrievedAt: typeof p.retrievedAt === 'string' ? p.retrievedAt : undefined });
  }
  return out;
}

/** The ingest input for an item, or undefined when a fetched page is unchanged since last time. */
async function inputOf(item: Item, fetcher: Fetcher, known: Map<string, Known>): Promise<IngestInput | undefined> {
  if (item.kind === 'file') {
    const bytes = await fs.promises.readFile(item.path);
    const meta: Partial<ReportMeta> = readSidecar(item.path);
    const retrievedAt = (await fs.promises.stat(item.path)).mtime.toISOString();
    return { source: item.label, ...meta, content: bytes, filename: path.basename(item.path), retrievedAt };
  }
  const before = known.get(item.url);
  const got = await fetcher.get(item.url, before?.retrievedAt);
  if (got.notModified) return undefined;
  const bytes = got.bytes!;
  if (before?.sha256 && before.sha256 === crypto.createHash('sha256').update(bytes).digest('hex')) return undefined;
  const name = decodeURIComponent(new URL(got.url).pathname.split('/').pop() || new URL(got.url).host);
  return { source: item.url, content: bytes, filename: name, contentType: got.contentType, retrievedAt: got.retrievedAt };
}

const SHORT: Record<string, string> = {
  REPORT: 'rep', AGENCY: 'agy', PLACE: 'plc', REFORM: 'reform', MEASURE: 'measure', PLATFORM: 'platform', UNIT: 'unit',
  ORGANIZATION: 'org', INDICATOR: 'ind', OBSERVATION: 'obs', PROBLEM: 'problem', POLICY_DOCUMENT: 'doc', PRINCIPLE: 'princ',
};

function printSummary(rows: Row[]): void {
  const shown = ['REFORM', 'MEASURE', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'OBSERVATION', 'PROBLEM', 'POLICY_DOCUMENT', 'PRINCIPLE'];
  const head = ['file', 'agency', 'year', 'result', ...shown.map((t) => SHORT[t]), 'format'];
  const table = rows.map((r) => [
    r.file, r.ok ? (r.result === 'skipped' ? '' : r.agency || '(unknown)') : '', r.year == null ? '' : String(r.year), r.ok ? r.result! : 'FAILED',
    ...shown.map((t) => (r.counts ? String(r.counts.find((c) => c.type === t)?.count ?? 0) : '')), r.format ?? '',
  ]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...table.map((row) => width(row[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(cols[i] - width(c))).join('  ').trimEnd();
  console.log(line(head));
  console.log(cols.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  for (const r of rows) {
    if (r.error) console.log(`\n✗ ${r.file}: ${r.error}`);
    for (const w of r.warnings) console.log(`  ! ${r.file}: ${w}`);
  }
  const ok = rows.filter((r) => r.ok);
  const n = (res: Row['result']) => ok.filter((r) => r.result === res).length;
  const total = (t: string) => ok.reduce((s, r) => s + (r.counts?.find((c) => c.type === t)?.count ?? 0), 0);
  console.log(`\n${rows.length} file${rows.length === 1 ? '' : 's'}: ${n('added')} added, ${n('unchanged')} unchanged, ${n('skipped') ? `${n('skipped')} skipped (not modified), ` : ''}${rows.length - ok.length} failed; ` +
    `${total('MEASURE')} measures, ${total('OBSERVATION')} observations, ${total('PLATFORM')} platforms extracted`);
}

main(process.argv.slice(2)).then(
  // Output to a pipe is written asynchronously: exit once the summary is all out.
  (code) => process.stdout.write('', () => process.exit(code)),
  (e: Error) => {
    console.error(`ingest: ${e.message}`);
    process.exit(2);
  },
);
