import path from 'node:path';
import { scoreCorpus } from '../eval/corpus';
import { evaluate } from '../eval/run';
import { precision, recall, Tally } from '../eval/score';
import { englishReport } from './englishReport';

/**
 * npm run eval: precision and recall of the pipeline against hand annotations (tests/fixtures);
 * npm run eval -- --corpus DIR: the same questions on a folder of real reports (reports/ + gold/);
 * npm run eval -- --english [--corpus DIR]: how much of the English names is pinyin.
 */
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);

function corpus(dir: string): void {
  const s = scoreCorpus(dir);
  const { runs } = s;
  console.log(`Pipeline on ${runs.length} real reports in ${dir}, each read as text alone\n`);
  for (const r of runs) {
    const p = r.x?.report.props;
    const said = (ok: boolean, warned: boolean, got: unknown) => (ok ? 'ok' : warned ? `warned (${String(got ?? '-')})` : `got ${String(got ?? '-')}`);
    console.log(`  ${r.name.padEnd(30)} ${r.refused ? `REFUSED: ${r.refused}` : `agency ${said(r.agencyOk, r.agencyWarned, p?.agency)}; year ${said(r.yearOk, r.yearWarned, p?.year)}`}`);
  }
  const stated = runs.filter((r) => r.gold.agencyNamedInText);
  console.log(`\nrefused ${runs.filter((r) => r.refused).length}/${runs.length}; agency right ${runs.filter((r) => r.agencyOk).length}/${runs.length} (${stated.filter((r) => r.agencyOk).length}/${stated.length} of those that name it, the others warned ${runs.filter((r) => !r.gold.agencyNamedInText && !r.agencyOk && r.agencyWarned).length}); year right ${runs.filter((r) => r.yearOk).length}/${runs.length}\n`);
  console.log(`${'what'.padEnd(30)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}  precision   recall`);
  const row = (k: string, t: Tally, withPrecision = true) => console.log(`${k.padEnd(30)}${String(t.tp).padStart(5)}${(withPrecision ? String(t.fp) : '').padStart(5)}${String(t.fn).padStart(5)}  ${withPrecision ? pct(precision(t)) : '      -'}  ${pct(recall(t))}`);
  for (const [type, t] of [...s.entities].sort()) row(`entities ${type}`, t, false);
  row('entities, all', s.allEntities, false);
  row('entities, found as any type', s.anyType, false);
  row('values (number and unit)', s.values);
  row('named nodes (precision)', s.precision);
  if (verbose) {
    console.log('\nDifferences:');
    for (const r of runs) {
      const missing = [...r.entities.values()].flatMap((t) => t.falseNegatives);
      console.log(`  ${r.name}${r.refused ? ` REFUSED: ${r.refused}` : ''}`);
      if (missing.length) console.log(`    missing entities: ${missing.join(' | ')}`);
      if (r.values.falseNegatives.length) console.log(`    missing values:   ${r.values.falseNegatives.join(' | ')}`);
      if (r.values.falsePositives.length) console.log(`    extra values:     ${r.values.falsePositives.join(' | ')}`);
      if (r.precision.falsePositives.length) console.log(`    extra names:      ${r.precision.falsePositives.join(' | ')}`);
    }
  } else console.log('\n(npm run eval -- --corpus DIR --verbose lists every miss and extra)');
}

function main(): void {
  if (process.argv.includes('--english')) return englishReport(process.argv);
  const at = process.argv.indexOf('--corpus');
  if (at >= 0) {
    const dir = process.argv[at + 1];
    if (!dir) throw new Error('--corpus needs a folder with reports/ and gold/');
    return corpus(path.resolve(dir));
  }
  const { runs, totals, merges, details } = evaluate();
  console.log(`Pipeline evaluation on ${runs.length} annotated reports (${runs.filter((r) => r.seed).length} seeds, ${runs.filter((r) => !r.seed).length} fixtures read as text alone)\n`);
  console.log(`${'what'.padEnd(30)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}  precision   recall`);
  const row = (k: string, t: Tally) => console.log(`${k.padEnd(30)}${String(t.tp).padStart(5)}${String(t.fp).padStart(5)}${String(t.fn).padStart(5)}  ${pct(precision(t))}  ${pct(recall(t))}`);
  for (const [k, t] of totals) row(k, t);
  row('cross-report merges', merges);

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
  console.log('\nEnglish names (lexicon coverage), all annotated reports:');
  const byId = new Map(runs.flatMap((r) => r.x.nodes.map((n) => [n.id, n] as const)));
  const TYPES = ['REFORM', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'PRINCIPLE', 'AGENCY', 'PLACE', 'POLICY_DOCUMENT', 'PROBLEM', 'MEASURE', 'OBSERVATION'];
  for (const t of TYPES) {
    const nodes = [...byId.values()].filter((n) => n.type === t);
    if (!nodes.length) continue;
    const named = nodes.filter((n) => typeof n.props.nameEn === 'string').length;
    const curated = nodes.filter((n) => n.props.nameEnSource === 'lexicon').length;
    console.log(`  ${t.padEnd(16)} ${String(nodes.length).padStart(4)} nodes: ${pct(named / nodes.length)} with an English name, ${pct(curated / nodes.length)} curated in the lexicon`);
  }
  if (verbose) console.log(`\nDifferences:\n${details.map((d) => `  ${d}`).join('\n')}`);
  else console.log('\n(npm run eval -- --verbose lists every extra and missing item)');
}

try {
  main();
} catch (e) {
  console.error(`eval: ${(e as Error).message}`);
  process.exit(2);
}
