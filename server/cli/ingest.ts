import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config';
import { readDecisions } from '../curation/decisions';
import { IngestError } from '../ingest/errors';
import { ingestReport } from '../ingest/service';
import type { ReportMeta, TypeCount } from '../model/types';
import { createStore } from '../store/create';
import { collectFiles, decodeUtf8, readSidecar } from './files';
import { Progress } from './progress';
import { postToServer } from './remote';

const HELP = `Usage: npm run ingest -- [options] <file|dir>...

Adds reports (.txt, .html, .htm; folders are searched) to the graph and prints a summary.
A file name.txt may have metadata beside it in name.meta.json (agency, place, year, title,
publishedOn, source); otherwise they are read from the text.

Options:
  --server URL   send the reports to a running server's ingestReport mutation
                 (token from KG_WRITE_TOKEN) instead of writing the store directly
  --help         this text

Without --server the store is the one the environment selects (KG_STORE, KG_DATA_DIR,
NEO4J_*), as for npm start; stop a server that uses the same KG_DATA_DIR first.`;

interface Row {
  file: string;
  ok: boolean;
  agency?: string;
  year?: number | null;
  created?: boolean;
  counts?: TypeCount[];
  warnings: string[];
  error?: string;
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  if (!args.length || args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return args.length ? 0 : 2;
  }
  let server: string | undefined;
  const si = args.indexOf('--server');
  if (si >= 0) {
    server = args[si + 1];
    if (!server) throw new Error('--server needs a URL, e.g. --server http://127.0.0.1:4000');
    args.splice(si, 2);
  }
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) throw new Error(`unknown option ${unknown} (see --help)`);
  const files = collectFiles(args);
  if (!files.length) throw new Error(`no .txt, .html or .htm files in ${args.join(', ')}`);

  const config = readConfig();
  const store = server ? undefined : await createStore(config);
  await store?.init();
  for (const w of store?.warnings ?? []) console.error(`warning: ${w}`);
  const rows: Row[] = [];
  const progress = new Progress(files.length, process.stderr);
  try {
    for (const file of files) {
      progress.update(path.basename(file));
      const rel = path.relative(process.cwd(), file);
      const row: Row = { file: rel && !rel.startsWith('..') ? rel : file, ok: false, warnings: [] };
      try {
        const text = decodeUtf8(fs.readFileSync(file), file);
        const meta: Partial<ReportMeta> = readSidecar(file);
        if (server) {
          const r = await postToServer(server, config.writeToken, { text, ...meta });
          Object.assign(row, { ok: true, agency: r.report.agency?.name, year: r.report.year, created: r.created, counts: r.counts, warnings: r.warnings });
        } else {
          const r = await ingestReport(store!, { text, ...meta }, { decisions: readDecisions(config.curationFile) });
          const p = r.extraction.report.props;
          Object.assign(row, { ok: true, agency: String(p.agency), year: p.year as number | null, created: r.created, counts: r.counts, warnings: r.warnings });
        }
      } catch (e) {
        row.error = e instanceof IngestError || e instanceof Error ? e.message : String(e);
      }
      rows.push(row);
      progress.tick();
    }
  } finally {
    progress.done();
    await store?.close();
  }
  printSummary(rows);
  return rows.some((r) => !r.ok) ? 1 : 0;
}

const SHORT: Record<string, string> = {
  REPORT: 'rep', AGENCY: 'agy', PLACE: 'plc', REFORM: 'reform', MEASURE: 'measure', PLATFORM: 'platform', UNIT: 'unit',
  ORGANIZATION: 'org', INDICATOR: 'ind', OBSERVATION: 'obs', PROBLEM: 'problem', POLICY_DOCUMENT: 'doc', PRINCIPLE: 'princ',
};

function printSummary(rows: Row[]): void {
  const shown = ['REFORM', 'MEASURE', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'OBSERVATION', 'PROBLEM', 'POLICY_DOCUMENT', 'PRINCIPLE'];
  const head = ['file', 'agency', 'year', 'result', ...shown.map((t) => SHORT[t])];
  const table = rows.map((r) => [
    r.file, r.agency || '(unknown)', r.year == null ? '' : String(r.year), r.ok ? (r.created ? 'added' : 'unchanged') : 'FAILED',
    ...shown.map((t) => (r.counts ? String(r.counts.find((c) => c.type === t)?.count ?? 0) : '')),
  ]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...table.map((row) => width(row[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(cols[i] - width(c))).join('  ');
  console.log(line(head));
  console.log(cols.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  for (const r of rows) {
    if (r.error) console.log(`\n✗ ${r.file}: ${r.error}`);
    for (const w of r.warnings) console.log(`  ! ${r.file}: ${w}`);
  }
  const ok = rows.filter((r) => r.ok);
  const total = (t: string) => ok.reduce((s, r) => s + (r.counts?.find((c) => c.type === t)?.count ?? 0), 0);
  console.log(`\n${rows.length} file${rows.length === 1 ? '' : 's'}: ${ok.filter((r) => r.created).length} added, ${ok.filter((r) => !r.created).length} unchanged, ${rows.length - ok.length} failed; ` +
    `${total('MEASURE')} measures, ${total('OBSERVATION')} observations, ${total('PLATFORM')} platforms extracted`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`ingest: ${e.message}`);
    process.exit(2);
  },
);
