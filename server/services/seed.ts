import fs from 'node:fs';
import path from 'node:path';
import type { Extraction, ReportMeta } from '../model/types';
import type { Decision } from '../curation/decisions';
import { SEEDS_DIR } from '../paths';
import type { GraphStore } from '../store/store';
import { extractReport } from './extract';

export interface SeedReport {
  file: string;
  text: string;
  meta: Partial<ReportMeta>;
}

/** The seed reports with their sidecar metadata (name.txt + name.meta.json). */
export function readSeedReports(dir = path.join(SEEDS_DIR, 'reports')): SeedReport[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const metaFile = path.join(dir, file.replace(/\.txt$/, '.meta.json'));
      const meta = fs.existsSync(metaFile) ? (JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Partial<ReportMeta>) : {};
      return { file, text: fs.readFileSync(path.join(dir, file), 'utf8'), meta };
    });
}

/** The seed reports as the pipeline reads them, with the curator's decisions when given. */
export function extractSeeds(decisions: readonly Decision[] = []): Array<Extraction & { file: string }> {
  return readSeedReports().map((r) => ({ ...extractReport(r.text, r.meta, { decisions }), file: r.file }));
}

/** Loads the seeds into an empty store; returns how many reports were written. */
export async function seedIfEmpty(store: GraphStore, log: (s: string) => void = () => {}, decisions: readonly Decision[] = []): Promise<number> {
  if (!(await store.isEmpty())) return 0;
  let n = 0;
  for (const x of extractSeeds(decisions)) {
    await store.writeReport(x);
    log(`seeded ${x.file}: ${x.nodes.length} nodes, ${x.edges.length} edges${x.warnings.length ? ` (${x.warnings.join('; ')})` : ''}`);
    n++;
  }
  return n;
}
