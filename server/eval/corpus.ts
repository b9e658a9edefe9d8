import fs from 'node:fs';
import path from 'node:path';
import { htmlToText, looksLikeHtml } from '../ingest/html';
import { extract } from '../ingest/pipeline';
import { validateReportText } from '../ingest/validate';
import type { Extraction, GraphNode, NodeType } from '../model/types';
import { searchKey } from '../store/search';
import { add, emptyTally, Tally } from './score';

/**
 * Scores the pipeline on a folder of real reports annotated by hand (`reports/*.txt` beside
 * `gold/*.json`, the shape of ../shared/corpus/dev): each report is read as text alone, the way
 * an unknown report arrives, through the same checks as ingest, so a refusal counts.
 */
export interface GoldEntity {
  /** One type, or several joined with | (the first preferred, any accepted). */
  types: string;
  key: string;
  alt: string[];
}

export interface GoldValue {
  indicator: string;
  value: number;
  unit: string;
  change?: string;
}

export interface Gold {
  file: string;
  agency: string;
  agencyAlt: string[];
  agencyNamedInText: boolean;
  year: number;
  entities: GoldEntity[];
  values: GoldValue[];
  problems: string[];
  plans: string[];
}

/** The named node types precision is judged over (measures, observations and the report's own nodes are not names). */
export const NAMED_TYPES: NodeType[] = ['PLATFORM', 'UNIT', 'ORGANIZATION', 'POLICY_DOCUMENT', 'REFORM', 'PRINCIPLE', 'INDICATOR'];

export interface CorpusRun {
  name: string;
  gold: Gold;
  x?: Extraction;
  refused?: string;
  agencyOk: boolean;
  yearOk: boolean;
  /** The pipeline said it could not tell (a warning), where the text does not say. */
  agencyWarned: boolean;
  yearWarned: boolean;
  /** Recall per annotated type (the first type of each entity), accepted types only. */
  entities: Map<string, Tally>;
  /** Found under any type: how much a wrong type costs. */
  anyType: Tally;
  values: Tally;
  precision: Tally;
}

export interface CorpusScore {
  runs: CorpusRun[];
  entities: Map<string, Tally>;
  allEntities: Tally;
  anyType: Tally;
  values: Tally;
  precision: Tally;
}

const keysOf = (n: GraphNode) => [n.name, ...n.aliases].map(searchKey);

export function loadCorpus(dir: string): Array<{ name: string; text: string; gold: Gold }> {
  const goldDir = path.join(dir, 'gold');
  const reportDir = path.join(dir, 'reports');
  if (!fs.existsSync(goldDir) || !fs.existsSync(reportDir)) throw new Error(`${dir} needs reports/ and gold/ folders`);
  return fs.readdirSync(goldDir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const gold = JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')) as Gold;
    const raw = fs.readFileSync(path.join(reportDir, gold.file), 'utf8');
    return { name: gold.file, text: looksLikeHtml(raw) ? htmlToText(raw) : raw, gold };
  });
}

export function scoreReport(name: string, text: string, gold: Gold): CorpusRun {
  const run: CorpusRun = {
    name, gold, agencyOk: false, yearOk: false, agencyWarned: false, yearWarned: false,
    entities: new Map(), anyType: emptyTally(), values: emptyTally(), precision: emptyTally(),
  };
  try {
    validateReportText(text);
    run.x = extract(text);
  } catch (e) {
    run.refused = (e as Error).message;
  }
  const x = run.x;
  const warnings = x?.warnings ?? [];
  // Stray spaces in a name as a page printed it (交通警察支队 淄川大队) are not part of the name.
  const bare = (v: unknown) => String(v ?? '').replace(/\s+/g, '');
  run.agencyOk = !!x && bare(x.report.props.agency) === bare(gold.agency);
  run.yearOk = !!x && x.report.props.year === gold.year;
  run.agencyWarned = warnings.some((w) => /agency|机关|bureau/i.test(w));
  run.yearWarned = warnings.some((w) => /year/i.test(w));
  const nodes = x?.nodes ?? [];

  // Recall: an annotated entity is found when a node of an accepted type carries its key or alt.
  const matchedNodes = new Set<string>();
  for (const e of gold.entities) {
    const types = e.types.split('|');
    const forms = new Set([e.key, ...e.alt].map(searchKey));
    const hits = nodes.filter((n) => types.includes(n.type) && keysOf(n).some((k) => forms.has(k)));
    const t = emptyTally();
    if (hits.length) t.tp++;
    else {
      t.fn++;
      t.falseNegatives.push(`${e.key} (${e.types})`);
    }
    for (const h of hits) matchedNodes.add(h.id);
    if (nodes.some((n) => NAMED_TYPES.concat('MEASURE').includes(n.type) && keysOf(n).some((k) => forms.has(k)))) run.anyType.tp++;
    else run.anyType.fn++;
    run.entities.set(types[0], add(run.entities.get(types[0]) ?? emptyTally(), t));
  }

  // Values: the number and its unit as written.
  const obs = nodes.filter((n) => n.type === 'OBSERVATION');
  const used = new Set<string>();
  for (const v of gold.values) {
    const hit = obs.find((o) => !used.has(o.id) && Math.abs(Number(o.props.value) - v.value) < 1e-6 && String(o.props.unit ?? '') === v.unit);
    if (hit) {
      used.add(hit.id);
      run.values.tp++;
    } else {
      run.values.fn++;
      run.values.falseNegatives.push(`${v.indicator} ${v.value}${v.unit}`);
    }
  }
  for (const o of obs) if (!used.has(o.id)) {
    run.values.fp++;
    run.values.falsePositives.push(o.name);
  }

  // Precision over every named node: right when it is an annotated entity (any of its types) or
  // names what an annotated value counts.
  const indicatorForms = new Set(gold.values.map((v) => searchKey(v.indicator)));
  const anyForms = new Set(gold.entities.flatMap((e) => [e.key, ...e.alt]).map(searchKey));
  for (const n of nodes) {
    if (!NAMED_TYPES.includes(n.type) || (n.type === 'INDICATOR' && n.props.family === true)) continue;
    const keys = keysOf(n);
    const ok = matchedNodes.has(n.id) || keys.some((k) => anyForms.has(k)) || (n.type === 'INDICATOR' && keys.some((k) => indicatorForms.has(k)));
    if (ok) run.precision.tp++;
    else {
      run.precision.fp++;
      run.precision.falsePositives.push(`${n.name} (${n.type})`);
    }
  }
  return run;
}

export function scoreCorpus(dir: string): CorpusScore {
  const runs = loadCorpus(dir).map((r) => scoreReport(r.name, r.text, r.gold));
  const entities = new Map<string, Tally>();
  let allEntities = emptyTally();
  let values = emptyTally();
  let anyType = emptyTally();
  let prec = emptyTally();
  for (const r of runs) {
    for (const [type, t] of r.entities) {
      entities.set(type, add(entities.get(type) ?? emptyTally(), t));
      allEntities = add(allEntities, t);
    }
    values = add(values, r.values);
    anyType = add(anyType, r.anyType);
    prec = add(prec, r.precision);
  }
  return { runs, entities, allEntities, anyType, values, precision: prec };
}
