import path from 'node:path';
import { EnglishReport, EnglishTally, measureFolder, measureSeeds, properNouns } from '../eval/englishNames';
import { unknownWords } from '../ingest/english/compose';
import { pinyinRuns } from '../eval/pinyinRuns';

/**
 * npm run eval -- --english [--corpus DIR] [--verbose]: the share of nodes whose English name
 * holds pinyin that is no proper noun, on the seeds and on a folder of reports (target ≤ 5 %).
 */
const pct = (a: number, b: number) => `${b ? ((a / b) * 100).toFixed(1) : '0.0'} %`;

function show(title: string, r: EnglishReport, verbose: boolean): void {
  console.log(`\n${title}: ${r.reports} reports${r.refused.length ? `, ${r.refused.length} refused (${r.refused.join('; ')})` : ''}`);
  const line = (what: string, t: EnglishTally) =>
    console.log(`  ${what.padEnd(34)} ${String(t.nodes).padStart(5)} nodes, pinyin not proper ${String(t.pinyin.length).padStart(4)} = ${pct(t.pinyin.length, t.nodes).padStart(7)}; marked proper ${t.proper}; Chinese with gloss ${t.glossed} = ${pct(t.glossed, t.nodes)}`);
  line('named nodes', r.named);
  line('all nodes (with measures, values)', r.all);
  console.log(`  by type: ${[...r.all.byType].sort().map(([t, b]) => `${t} ${b.pinyin}/${b.nodes}`).join(', ')}`);
  if (!verbose) return;
  for (const n of r.all.pinyin) console.log(`    ${n.type.padEnd(15)} ${n.name} → ${String(n.props.nameEn)}  [${pinyinRuns(String(n.props.nameEn), properNouns(n)).join(' | ')}]`);
  // What the glossary lacks, by how many glossed names need it.
  const lacking = new Map<string, number>();
  for (const n of r.all.glossedNodes) for (const w of new Set(unknownWords(n.name))) lacking.set(w, (lacking.get(w) ?? 0) + 1);
  console.log(`  words the glossary lacks (names needing them): ${[...lacking].sort((a, b) => b[1] - a[1]).map(([w, k]) => `${w} ${k}`).join(', ')}`);
}

export function englishReport(argv: string[]): void {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  show('Seeds', measureSeeds(), verbose);
  const at = argv.indexOf('--corpus');
  if (at >= 0) {
    const dir = argv[at + 1];
    if (!dir) throw new Error('--corpus needs a folder of reports');
    show(path.resolve(dir), measureFolder(path.resolve(dir)), verbose);
  }
  if (!verbose) console.log('\n(--verbose lists every name with pinyin)');
}
