import { evaluate } from '../eval/run';
import { precision, recall, Tally } from '../eval/score';

/** npm run eval: precision and recall of the pipeline against hand annotations (tests/fixtures). */
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);

function main(): void {
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

main();
