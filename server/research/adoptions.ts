import type { GraphNode, MentionRef } from '../model/types';

/**
 * Who took up a practice when: from the places reports state it. A practice is stated by a
 * bureau in a report year; a statement inside a planned measure (next year's plans) is a plan,
 * any other is done. A bureau's first year is the first year it states the practice done, or,
 * when it only ever plans it, the first year it plans it. Pure: the callers (GraphQL on either
 * store, the table export) gather the nodes it reads.
 */
export { PRACTICE_TYPES } from '../model/types';

export interface ReportInfo {
  year: number | null;
  /** The id of the bureau that wrote it; none for a report whose writer is unknown. */
  agency?: string;
}

export interface AdoptionRow {
  agency: string;
  firstYear: number | null;
  years: number[];
  status: 'done' | 'planned';
  /** The first statement (of the first year; done before planned). */
  mention: MentionRef;
}

/**
 * `planned`: the sentence spans of the planned measures that relate to the practice; a mention
 * inside one is a plan. `reports`: the reports to count (a place filter leaves some out).
 */
export function adoptionsOf(practice: GraphNode, reports: ReadonlyMap<string, ReportInfo>, planned: readonly MentionRef[]): AdoptionRow[] {
  const byAgency = new Map<string, Array<{ m: MentionRef; year: number | null; plan: boolean }>>();
  for (const m of practice.mentions) {
    const r = reports.get(m.reportId);
    if (!r?.agency) continue;
    const plan = planned.some((p) => p.reportId === m.reportId && p.start <= m.start && m.end <= p.end);
    const list = byAgency.get(r.agency) ?? [];
    list.push({ m, year: r.year, plan });
    byAgency.set(r.agency, list);
  }
  const rows: AdoptionRow[] = [];
  for (const [agency, list] of byAgency) {
    const done = list.filter((x) => !x.plan);
    const basis = done.length ? done : list;
    // Earliest year first (a report without a year last), then the first place in the text.
    const first = [...basis].sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || (a.m.reportId < b.m.reportId ? -1 : a.m.reportId > b.m.reportId ? 1 : 0) || a.m.start - b.m.start)[0];
    const years = [...new Set(list.map((x) => x.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
    rows.push({ agency, firstYear: first.year, years, status: done.length ? 'done' : 'planned', mention: first.m });
  }
  return rows;
}

/** First year, then bureau id (names sort the same: an agency id is agency:<name>). */
export function sortAdoptions<T extends { firstYear: number | null; agency: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.firstYear ?? Infinity) - (b.firstYear ?? Infinity) || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
}

export interface DiffusionRow {
  year: number;
  adopters: number;
  newAdopters: string[];
  planned: number;
}

/** Cumulative adopters (done) by year, every year from the first to the last with a statement. */
export function diffusionOf(rows: readonly AdoptionRow[]): DiffusionRow[] {
  const years = rows.flatMap((r) => (r.firstYear === null ? [] : [r.firstYear]));
  if (!years.length) return [];
  const from = Math.min(...years);
  const to = Math.max(...years);
  const out: DiffusionRow[] = [];
  let adopters = 0;
  for (let y = from; y <= to; y++) {
    const fresh = rows.filter((r) => r.status === 'done' && r.firstYear === y).map((r) => r.agency).sort();
    adopters += fresh.length;
    const planned = rows.filter((r) => r.status === 'planned' && r.firstYear !== null && r.firstYear <= y).length;
    out.push({ year: y, adopters, newAdopters: fresh, planned });
  }
  return out;
}

/** The measures among a practice's neighbours whose status is planned: their sentences are plans. */
export function plannedSpans(measures: ReadonlyArray<GraphNode | null>): MentionRef[] {
  return measures.flatMap((m) => (m && m.type === 'MEASURE' && m.props.status === 'planned' ? m.mentions : []));
}
