import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../ingest/pipeline';
import { htmlToText, looksLikeHtml } from '../ingest/html';
import type { Extraction, NodeType } from '../model/types';
import { ROOT } from '../paths';
import { add, Annotation, emptyTally, precision, recall, SCORED_TYPES, scoreNames, scoreObservations, Tally } from '../eval/score';
import { searchKey } from '../store/search';

/**
 * npm run eval: precision and recall of the pipeline against hand annotations of the seeds and
 * of the fixture reports (tests/fixtures/annotations). Fixtures are read as text alone, the way
 * an unknown report arrives; a report with a sidecar (the seeds) gets its metadata from it.
 */
const ANNOTATIONS = path.join(ROOT, 'tests/fixtures/annotations');
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');

interface Run {
  name: string;
  a: Annotation;
  x: Extraction;
  seed: boolean;
}

function load(): Run[] {
  if (!fs.existsSync(ANNOTATIONS)) throw new Error(`no annotations in ${ANNOTATIONS}`);
  return fs.readdirSync(ANNOTATIONS).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const a = JSON.parse(fs.readFileSync(path.join(ANNOTATIONS, f), 'utf8')) as Annotation;
    const file = path.resolve(ANNOTATIONS, '..', a.file);
    const raw = fs.readFileSync(file, 'utf8');
    const text = looksLikeHtml(raw) ? htmlToText(raw) : raw;
    const sidecar = file.replace(/\.(txt|html?)$/, '.meta.json');
    const meta = fs.existsSync(sidecar) ? JSON.parse(fs.readFileSync(sidecar, 'utf8')) : {};
    return { name: path.basename(a.file), a, x: extract(text, meta), seed: fs.existsSync(sidecar) };
  });
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);

function main(): void {
  const runs = load();
  const totals = new Map<string, Tally>();
  const bump = (k: string, t: Tally) => totals.set(k, add(totals.get(k) ?? emptyTally(), t));
  const details: string[] = [];
  for (const r of runs) {
    for (const type of SCORED_TYPES) {
      const t = scoreNames(r.x, type, r.a.expected[type] ?? [], r.a.aliases, r.a.borderline?.[type] ?? []);
      bump(type, t);
      if (verbose && (t.falsePositives.length || t.falseNegatives.length)) {
        details.push(`${r.name} ${type}\n    extra:   ${t.falsePositives.join(' | ') || '-'}\n    missing: ${t.falseNegatives.join(' | ') || '-'}`);
      }
    }
    const obs = r.a.expected.OBSERVATION ?? [];
    bump('OBSERVATION value', scoreObservations(r.x, obs, false));
    const withInd = scoreObservations(r.x, obs, true, r.a.aliases);
    bump('OBSERVATION value+indicator', withInd);
    if (verbose && (withInd.falsePositives.length || withInd.falseNegatives.length)) {
      details.push(`${r.name} OBSERVATION\n    extra:   ${withInd.falsePositives.join(' | ') || '-'}\n    missing: ${withInd.falseNegatives.join(' | ') || '-'}`);
    }
  }

  // Cross-report merges: the concepts a fixture shares with the seeds must be the seeds' nodes.
  const seedIds = new Map<string, string>();
  for (const r of runs.filter((x) => x.seed)) for (const n of r.x.nodes) seedIds.set(n.id, n.name);
  const merge = emptyTally();
  const CONCEPTS: NodeType[] = ['REFORM', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'PRINCIPLE', 'POLICY_DOCUMENT'];
  for (const r of runs.filter((x) => !x.seed)) {
    const shared = r.x.nodes.filter((n) => CONCEPTS.includes(n.type) && seedIds.has(n.id));
    const want = new Set((r.a.sharedWithSeeds ?? []).flatMap((w) => [w, ...(r.a.aliases?.[w] ?? [])]).map(searchKey));
    const sharedKeys = new Set(shared.flatMap((n) => [n.name, ...n.aliases].map(searchKey)));
    for (const n of shared) {
      if ([n.name, ...n.aliases].some((k) => want.has(searchKey(k)))) merge.tp++;
      else {
        merge.fp++;
        merge.falsePositives.push(`${r.name}: ${n.name}`);
      }
    }
    for (const w of r.a.sharedWithSeeds ?? []) if (![w, ...(r.a.aliases?.[w] ?? [])].some((f) => sharedKeys.has(searchKey(f)))) {
      merge.fn++;
      merge.falseNegatives.push(`${r.name}: ${w}`);
    }
  }
  if (verbose && (merge.falsePositives.length || merge.falseNegatives.length)) details.push(`cross-report merges\n    unexpected: ${merge.falsePositives.join(' | ') || '-'}\n    missing:    ${merge.falseNegatives.join(' | ') || '-'}`);

  console.log(`Pipeline evaluation on ${runs.length} annotated reports (${runs.filter((r) => r.seed).length} seeds, ${runs.filter((r) => !r.seed).length} fixtures read as text alone)\n`);
  console.log(`${'what'.padEnd(30)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}  precision   recall`);
  const row = (k: string, t: Tally) => console.log(`${k.padEnd(30)}${String(t.tp).padStart(5)}${String(t.fp).padStart(5)}${String(t.fn).padStart(5)}  ${pct(precision(t))}  ${pct(recall(t))}`);
  for (const [k, t] of totals) row(k, t);
  row('cross-report merges', merge);

  console.log('\nMetadata from the text alone (fixtures):');
  for (const r of runs.filter((x) => !x.seed)) {
    const p = r.x.report.props;
    const ok = (got: unknown, want: unknown) => (want === undefined || got === want ? 'ok' : `got ${String(got)}, want ${String(want)}`);
    console.log(`  ${r.name.padEnd(40)} agency ${ok(p.agency, r.a.meta.agency)}; year ${ok(p.year, r.a.meta.year)}; published ${ok(p.publishedOn ?? undefined, r.a.meta.publishedOn)}`);
  }
  console.log('\nPlanned measures:');
  for (const r of runs) {
    const got = r.x.nodes.filter((n) => n.type === 'MEASURE' && n.props.status === 'planned').length;
    console.log(`  ${r.name.padEnd(40)} ${got} found, ${r.a.expected.PLANNED_MEASURES ?? '?'} annotated`);
  }
  if (verbose) console.log(`\nDifferences:\n${details.map((d) => `  ${d}`).join('\n')}`);
  else console.log('\n(npm run eval -- --verbose lists every extra and missing item)');
}

main();
