import type { Extraction, GraphNode } from '../model/types';
import { searchKey } from '../store/search';

export const SCORED_TYPES = ['PLATFORM', 'UNIT', 'ORGANIZATION', 'POLICY_DOCUMENT', 'INDICATOR', 'PRINCIPLE', 'REFORM', 'PROBLEM'] as const;
export type ScoredType = (typeof SCORED_TYPES)[number];

export interface Annotation {
  file: string;
  meta: { agency: string; place?: string; year?: number; publishedOn?: string; title?: string };
  expected: Partial<Record<ScoredType, string[]>> & {
    OBSERVATION?: Array<{ indicator: string; value: number; unit: string }>;
    PLANNED_MEASURES?: number;
  };
  sharedWithSeeds?: string[];
  /** Other written forms of an annotated name. */
  aliases?: Record<string, string[]>;
  /** Names defensible either way, per type: neither required nor penalised. */
  borderline?: Partial<Record<ScoredType | 'OBSERVATION', string[]>>;
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  falsePositives: string[];
  falseNegatives: string[];
}

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, falsePositives: [], falseNegatives: [] });
export const precision = (t: Tally) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);
export const recall = (t: Tally) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);

const keysOf = (n: GraphNode) => new Set([n.name, ...n.aliases].map(searchKey));

/**
 * Named things of one type: a predicted node is right when its name or an alias is an annotated
 * name or one of that name's annotated variant spellings; borderline names neither count for
 * nor against.
 */
export function scoreNames(x: Extraction, type: ScoredType, expected: string[], variants: Record<string, string[]> = {}, borderline: string[] = []): Tally {
  const t = emptyTally();
  const formsOf = (name: string) => new Set([name, ...(variants[name] ?? [])].map(searchKey));
  const want = expected.map((e) => ({ name: e, forms: formsOf(e) }));
  const soft = borderline.map(formsOf);
  const matched = new Set<string>();
  // Indicator families (快办率 over 刑事案件快办率) group reported indicators; they are not scored.
  for (const p of x.nodes.filter((n) => n.type === type && !(type === 'INDICATOR' && n.props.family === true))) {
    // These annotations name the indicators of rates and totals only (tests/fixtures/README.md:
    // bare counts are not observations there), so a counted thing is judged only when annotated.
    const unjudged = type === 'INDICATOR' && p.props.kind === 'count';
    const keys = keysOf(p);
    const hit = want.find((w) => [...w.forms].some((f) => keys.has(f)));
    if (hit) {
      if (!matched.has(hit.name)) t.tp++;
      matched.add(hit.name);
    } else if (!unjudged && !soft.some((forms) => [...forms].some((f) => keys.has(f)))) {
      t.fp++;
      t.falsePositives.push(p.name);
    }
  }
  for (const w of want) if (!matched.has(w.name)) {
    t.fn++;
    t.falseNegatives.push(w.name);
  }
  return t;
}

/**
 * Reported values: right when value and unit match an annotated value (indicator checked
 * separately). The annotations multiply 万 out (4600万次 → 46000000 次) where the graph keeps the
 * number as written beside its amount in the base unit, so either pair matches. Bare counts and
 * the 同比 change beside a count are outside what these annotations cover (tests/fixtures/README.md):
 * they count when they match and are not false positives when they do not.
 */
export function scoreObservations(x: Extraction, expected: Array<{ indicator: string; value: number; unit: string }>, withIndicator: boolean, variants: Record<string, string[]> = {}): Tally {
  const t = emptyTally();
  const byId = new Map(x.nodes.map((n) => [n.id, n]));
  const predicted = x.nodes.filter((n) => n.type === 'OBSERVATION');
  const used = new Set<number>();
  const same = (p: GraphNode, e: { indicator: string; value: number; unit: string }) => {
    const asWritten = Math.abs(Number(p.props.value) - e.value) <= 1e-6 && String(p.props.unit) === e.unit;
    const asAmount = p.props.amount != null && Math.abs(Number(p.props.amount) - e.value) <= 1e-6 && String(p.props.baseUnit) === e.unit;
    if (!asWritten && !asAmount) return false;
    if (!withIndicator) return true;
    const ind = byId.get(String(p.props.indicator));
    const keys = ind ? keysOf(ind) : new Set<string>();
    return [e.indicator, ...(variants[e.indicator] ?? [])].some((f) => keys.has(searchKey(f)));
  };
  for (const p of predicted) {
    const i = expected.findIndex((e, k) => !used.has(k) && same(p, e));
    if (i >= 0) {
      used.add(i);
      t.tp++;
    } else if (p.props.kind === 'change' || (p.props.kind === 'count' && p.props.change == null)) {
      continue;
    } else {
      t.fp++;
      t.falsePositives.push(p.name);
    }
  }
  expected.forEach((e, k) => {
    if (!used.has(k)) {
      t.fn++;
      t.falseNegatives.push(`${e.indicator} ${e.value}${e.unit}`);
    }
  });
  return t;
}

export function add(a: Tally, b: Tally): Tally {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, falsePositives: [...a.falsePositives, ...b.falsePositives], falseNegatives: [...a.falseNegatives, ...b.falseNegatives] };
}
