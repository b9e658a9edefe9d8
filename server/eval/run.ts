import fs from 'node:fs';
import path from 'node:path';
import { htmlToText, looksLikeHtml } from '../ingest/html';
import { extract } from '../ingest/pipeline';
import type { Extraction, NodeType } from '../model/types';
import { ROOT } from '../paths';
import { searchKey } from '../store/search';
import { add, Annotation, emptyTally, SCORED_TYPES, scoreNames, scoreObservations, Tally } from './score';

export const ANNOTATIONS = path.join(ROOT, 'tests/fixtures/annotations');

export interface Run {
  name: string;
  a: Annotation;
  x: Extraction;
  seed: boolean;
}

export interface Evaluation {
  runs: Run[];
  totals: Map<string, Tally>;
  merges: Tally;
  details: string[];
}

/**
 * Fixtures are read as text alone, the way an unknown report arrives; a report with a sidecar
 * (the seeds) gets its metadata from it.
 */
export function loadRuns(dir = ANNOTATIONS): Run[] {
  if (!fs.existsSync(dir)) throw new Error(`no annotations in ${dir}`);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const a = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Annotation;
    const file = path.resolve(dir, '..', a.file);
    const raw = fs.readFileSync(file, 'utf8');
    const text = looksLikeHtml(raw) ? htmlToText(raw) : raw;
    const sidecar = file.replace(/\.(txt|html?)$/, '.meta.json');
    const meta = fs.existsSync(sidecar) ? JSON.parse(fs.readFileSync(sidecar, 'utf8')) : {};
    return { name: path.basename(a.file), a, x: extract(text, meta), seed: fs.existsSync(sidecar) };
  });
}

export function evaluate(runs: Run[] = loadRuns()): Evaluation {
  const totals = new Map<string, Tally>();
  const bump = (k: string, t: Tally) => totals.set(k, add(totals.get(k) ?? emptyTally(), t));
  const details: string[] = [];
  const note = (what: string, t: Tally) => {
    if (t.falsePositives.length || t.falseNegatives.length) details.push(`${what}\n    extra:   ${t.falsePositives.join(' | ') || '-'}\n    missing: ${t.falseNegatives.join(' | ') || '-'}`);
  };
  for (const r of runs) {
    for (const type of SCORED_TYPES) {
      const t = scoreNames(r.x, type, r.a.expected[type] ?? [], r.a.aliases, r.a.borderline?.[type] ?? []);
      bump(type, t);
      note(`${r.name} ${type}`, t);
    }
    const obs = r.a.expected.OBSERVATION ?? [];
    bump('OBSERVATION value', scoreObservations(r.x, obs, false));
    const withInd = scoreObservations(r.x, obs, true, r.a.aliases);
    bump('OBSERVATION value+indicator', withInd);
    note(`${r.name} OBSERVATION`, withInd);
  }
  // Cross-report merges: the concepts a fixture shares with the seeds must be the seeds' nodes.
  const seedIds = new Set<string>();
  for (const r of runs.filter((x) => x.seed)) for (const n of r.x.nodes) seedIds.add(n.id);
  const merges = emptyTally();
  const CONCEPTS: NodeType[] = ['REFORM', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'PRINCIPLE', 'POLICY_DOCUMENT'];
  for (const r of runs.filter((x) => !x.seed)) {
    // Counted things (开展集体学法) are outside what these annotations cover, as in scoreNames.
    const shared = r.x.nodes.filter((n) => CONCEPTS.includes(n.type) && seedIds.has(n.id) && n.props.family !== true && n.props.kind !== 'count');
    const forms = (w: string) => [w, ...(r.a.aliases?.[w] ?? [])].map(searchKey);
    const want = new Set((r.a.sharedWithSeeds ?? []).flatMap(forms));
    const sharedKeys = new Set(shared.flatMap((n) => [n.name, ...n.aliases].map(searchKey)));
    for (const n of shared) {
      if ([n.name, ...n.aliases].some((k) => want.has(searchKey(k)))) merges.tp++;
      else {
        merges.fp++;
        merges.falsePositives.push(`${r.name}: ${n.name}`);
      }
    }
    for (const w of r.a.sharedWithSeeds ?? []) if (!forms(w).some((f) => sharedKeys.has(f))) {
      merges.fn++;
      merges.falseNegatives.push(`${r.name}: ${w}`);
    }
  }
  note('cross-report merges', merges);
  return { runs, totals, merges, details };
}
