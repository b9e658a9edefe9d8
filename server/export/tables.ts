import type { GraphEdge, GraphNode, MentionRef, PropValue } from '../model/types';
import { AdoptionRow, adoptionsOf, plannedSpans, PRACTICE_TYPES, ReportInfo, sortAdoptions } from '../research/adoptions';
import { citedReport, citeQuote } from '../research/citation';
import type { GraphView } from './view';

/**
 * Tidy tables for R, Stata and pandas: one row per thing, one column per variable, values as
 * numbers where they are numbers (never "网办率 86.1%" inside a name). Each column declares its
 * type, which the README's codebook lists and the renderers keep (an empty cell is a missing
 * value). Pure: built from the graph as exported by either store.
 */
export type ColumnType = 'string' | 'integer' | 'number';
export interface Column {
  name: string;
  type: ColumnType;
  about: string;
}
export type Cell = string | number | null;
export interface Table {
  name: string;
  columns: Column[];
  rows: Cell[][];
}

export const TABLES = ['observations', 'adoptions', 'measures', 'mentions', 'nodes', 'edges'] as const;
export type TableName = (typeof TABLES)[number];

const col = (name: string, type: ColumnType, about: string): Column => ({ name, type, about });

const BUREAU: Column[] = [
  col('bureau', 'string', 'the bureau that wrote the report (empty when the report names none)'),
  col('division_code', 'string', 'six-digit GB/T 2260 code of the bureau\'s division (read it as text: it keeps leading digits)'),
  col('province', 'string', 'province-level division'),
  col('level', 'string', 'PROVINCIAL, PREFECTURE, COUNTY, DISTRICT or SPECIAL'),
];
const SOURCE: Column[] = [
  col('report_id', 'string', 'the report (report:<hash of its text>)'),
  col('report_title', 'string', 'the report\'s title as written'),
  col('published_on', 'string', 'publication date, YYYY-MM-DD'),
  col('source', 'string', 'where the report came from (URL or file)'),
  col('start', 'integer', 'offset of the quote in the report\'s stored text (UTF-16 code units)'),
  col('end', 'integer', 'offset just after the quote'),
  col('quote', 'string', 'report text from start to end'),
];

export const COLUMNS: Record<TableName, Column[]> = {
  observations: [
    ...BUREAU,
    col('report_year', 'integer', 'the year the report covers'),
    col('indicator', 'string', 'what was measured or counted, in the report\'s words (canonical name)'),
    col('indicator_family', 'string', 'the family of indicators it belongs to (快办率 for 刑事案件快办率); the indicator itself when it has none'),
    col('kind', 'string', 'quantity (a named rate or total), count (what a bureau did or found) or change (a 同比 change)'),
    col('value', 'number', 'the number as written'),
    col('unit', 'string', 'the unit as written (%, 万次, 件, empty for none)'),
    col('amount', 'number', 'the value in the base unit (4600万次 → 46000000)'),
    col('base_unit', 'string', 'the unit of amount (次)'),
    col('qualifier', 'string', '余, 多, 近, 超, 以上 … as written, else empty'),
    col('direction', 'string', '同比上升, 同比下降 … as written, else empty'),
    col('change', 'number', 'the 同比 change reported beside it, in percentage points or percent as written, else empty'),
    col('measure', 'string', 'the measure (or reform) whose sentence reports the value'),
    ...SOURCE,
  ],
  adoptions: [
    ...BUREAU,
    col('practice_id', 'string', 'the practice\'s node id (reform:…, platform:…, unit:…)'),
    col('practice', 'string', 'the practice\'s canonical name'),
    col('practice_type', 'string', 'REFORM, PLATFORM, UNIT, ORGANIZATION, POLICY_DOCUMENT or PRINCIPLE'),
    col('first_year', 'integer', 'first report year the bureau states it done (only planned: the first year it plans it)'),
    col('years', 'string', 'every report year that states it, separated by ;'),
    col('status', 'string', 'done, or planned when the bureau only states it among next year\'s plans'),
    ...SOURCE,
    col('citation', 'string', 'GB/T 7714-2015 reference with the quote'),
  ],
  measures: [
    ...BUREAU,
    col('measure_id', 'string', 'the measure\'s node id'),
    col('year', 'integer', 'the year it was done, or planned for'),
    col('status', 'string', 'done or planned'),
    col('measure', 'string', 'the measure\'s name (its sentence, shortened)'),
    col('section', 'string', 'the headings it stands under'),
    col('reforms', 'string', 'reforms it implements, separated by ;'),
    ...SOURCE,
  ],
  mentions: [
    col('node_id', 'string', 'the node stated'),
    col('node_type', 'string', 'its type'),
    col('name', 'string', 'its canonical name'),
    ...BUREAU,
    col('report_year', 'integer', 'the year the report covers'),
    ...SOURCE,
  ],
  nodes: [
    col('id', 'string', 'node id'),
    col('type', 'string', 'node type'),
    col('name', 'string', 'canonical name (Simplified Chinese)'),
    col('name_en', 'string', 'English name'),
    col('aliases', 'string', 'other names, separated by ;'),
    col('mentions', 'integer', 'how many places in the reports state it'),
    col('reports', 'integer', 'how many reports state it'),
    col('division_code', 'string', 'GB/T 2260 code (bureaus and places)'),
    col('province', 'string', 'province (bureaus)'),
    col('level', 'string', 'bureau level, or place level'),
    col('quote', 'string', 'the first statement'),
  ],
  edges: [
    col('id', 'string', 'edge id'),
    col('type', 'string', 'relation (CARRIES_OUT, IMPLEMENTS, USES …)'),
    col('source', 'string', 'source node id'),
    col('target', 'string', 'target node id'),
    col('year', 'integer', 'CARRIES_OUT: the measure\'s year'),
    col('status', 'string', 'CARRIES_OUT: done or planned'),
    col('mentions', 'integer', 'how many places state it'),
    col('report_id', 'string', 'the report of the first statement'),
    col('start', 'integer', 'offset of the first statement'),
    col('end', 'integer', 'offset just after it'),
    col('quote', 'string', 'the first statement'),
  ],
};

const str = (v: PropValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const num = (v: PropValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What the rows of every table look up: nodes by id, edges by end, report texts. */
class Lookup {
  readonly byId = new Map<string, GraphNode>();
  readonly out = new Map<string, GraphEdge[]>();
  readonly in = new Map<string, GraphEdge[]>();
  constructor(readonly v: GraphView) {
    for (const n of v.nodes) this.byId.set(n.id, n);
    for (const e of v.edges) {
      (this.out.get(e.source) ?? this.out.set(e.source, []).get(e.source)!).push(e);
      (this.in.get(e.target) ?? this.in.set(e.target, []).get(e.target)!).push(e);
    }
  }
  outOf(id: string, type: string) { return (this.out.get(id) ?? []).filter((e) => e.type === type); }
  inOf(id: string, type: string) { return (this.in.get(id) ?? []).filter((e) => e.type === type); }
  quote(m: MentionRef | undefined): string { return m ? (this.v.texts.get(m.reportId) ?? '').slice(m.start, m.end) : ''; }
  /** The bureau columns of a report (its writer's name; the division it carries). */
  bureau(reportId: string): Cell[] {
    const r = this.byId.get(reportId);
    const p = r?.props ?? {};
    return [str(p.agency), str(p.divisionCode), str(p.province), str(p.level)];
  }
  source(m: MentionRef | undefined): Cell[] {
    const p = (m && this.byId.get(m.reportId)?.props) || {};
    return [m?.reportId ?? null, str(p.title), str(p.publishedOn), str(p.source), m?.start ?? null, m?.end ?? null, this.quote(m)];
  }
  reportYear(reportId: string): number | null {
    return num(this.byId.get(reportId)?.props.year);
  }
}

function observations(l: Lookup): Cell[][] {
  const rows: Cell[][] = [];
  for (const o of l.v.nodes) {
    if (o.type !== 'OBSERVATION') continue;
    const m = o.mentions[0];
    const p = o.props;
    const indicator = l.byId.get(String(p.indicator ?? l.outOf(o.id, 'OF')[0]?.target));
    const family = indicator && l.byId.get(l.outOf(indicator.id, 'PART_OF')[0]?.target ?? '');
    const evidence = l.byId.get(l.outOf(o.id, 'EVIDENCES')[0]?.target ?? '');
    rows.push([
      ...(m ? l.bureau(m.reportId) : [null, null, null, null]), num(p.year),
      indicator?.name ?? null, family?.name ?? indicator?.name ?? null, str(p.kind) ?? 'quantity',
      num(p.value), typeof p.unit === 'string' ? p.unit : null, num(p.amount ?? p.value), typeof (p.baseUnit ?? p.unit) === 'string' ? String(p.baseUnit ?? p.unit) : null,
      str(p.qualifier), str(p.direction), num(p.change), evidence?.name ?? null, ...l.source(m),
    ]);
  }
  return rows;
}

/** Every bureau's adoption of every practice (adoptions.ts), practice by practice. */
export function adoptionRows(v: GraphView): Array<AdoptionRow & { practice: GraphNode }> {
  const l = new Lookup(v);
  const reports = new Map<string, ReportInfo>();
  for (const n of v.nodes) if (n.type === 'REPORT') reports.set(n.id, { year: num(n.props.year), agency: l.outOf(n.id, 'PUBLISHED_BY')[0]?.target });
  const out: Array<AdoptionRow & { practice: GraphNode }> = [];
  for (const n of v.nodes) {
    if (!PRACTICE_TYPES.includes(n.type)) continue;
    const measures = (l.in.get(n.id) ?? []).map((e) => l.byId.get(e.source) ?? null);
    for (const r of sortAdoptions(adoptionsOf(n, reports, plannedSpans(measures)))) out.push({ ...r, practice: n });
  }
  return out;
}

function adoptions(l: Lookup): Cell[][] {
  return adoptionRows(l.v).map((a) => {
    const report = l.byId.get(a.mention.reportId);
    const cite = report ? citeQuote(citedReport(report.props, report.name), l.quote(a.mention), a.mention.start, a.mention.end, 'GBT7714') : null;
    const agency = l.byId.get(a.agency)?.props ?? {};
    return [
      l.byId.get(a.agency)?.name ?? null, str(agency.divisionCode), str(agency.province), str(agency.level),
      a.practice.id, a.practice.name, a.practice.type, a.firstYear, a.years.join(';'), a.status, ...l.source(a.mention), cite,
    ];
  });
}

function measures(l: Lookup): Cell[][] {
  return l.v.nodes.filter((n) => n.type === 'MEASURE').map((m) => {
    const at = m.mentions[0];
    const reforms = l.outOf(m.id, 'IMPLEMENTS').map((e) => l.byId.get(e.target)?.name).filter(Boolean).join(';');
    return [...(at ? l.bureau(at.reportId) : [null, null, null, null]), m.id, num(m.props.year), str(m.props.status), m.name, str(m.props.section), reforms || null, ...l.source(at)];
  });
}

function mentions(l: Lookup): Cell[][] {
  const rows: Cell[][] = [];
  for (const n of l.v.nodes) for (const m of n.mentions) rows.push([n.id, n.type, n.name, ...l.bureau(m.reportId), l.reportYear(m.reportId), ...l.source(m)]);
  return rows;
}

function nodes(l: Lookup): Cell[][] {
  return l.v.nodes.map((n) => [
    n.id, n.type, n.name, str(n.props.nameEn), n.aliases.join(';') || null, n.mentions.length, new Set(n.mentions.map((m) => m.reportId)).size,
    str(n.props.divisionCode), n.type === 'AGENCY' || n.type === 'REPORT' ? str(n.props.province) : null, str(n.props.level), l.quote(n.mentions[0]),
  ]);
}

function edges(l: Lookup): Cell[][] {
  return l.v.edges.map((e) => {
    const m = e.mentions[0];
    return [e.id, e.type, e.source, e.target, num(e.props.year), str(e.props.status), e.mentions.length, m?.reportId ?? null, m?.start ?? null, m?.end ?? null, l.quote(m)];
  });
}

const BUILD: Record<TableName, (l: Lookup) => Cell[][]> = { observations, adoptions, measures, mentions, nodes, edges };

export function buildTable(name: TableName, v: GraphView): Table {
  return { name, columns: COLUMNS[name], rows: BUILD[name](new Lookup(v)) };
}

/**
 * The observations as a panel: one row per bureau and report year, one column per indicator
 * family holding the amount (in the base unit) of the first value the report gives for it;
 * changes (同比) are left out, they are no level. A family reported more than once in a year
 * keeps its first value (the long table has them all).
 */
export function widePanel(long: Table): Table {
  const c = (name: string) => long.columns.findIndex((x) => x.name === name);
  const [iB, iD, iP, iL, iY, iF, iK, iA, iS] = ['bureau', 'division_code', 'province', 'level', 'report_year', 'indicator_family', 'kind', 'amount', 'start'].map(c);
  const keep = long.rows.filter((r) => r[iB] !== null && r[iK] !== 'change' && r[iA] !== null)
    .sort((a, b) => Number(a[iS]) - Number(b[iS]));
  const families = [...new Set(keep.map((r) => String(r[iF])))].sort();
  const rows = new Map<string, Cell[]>();
  for (const r of keep) {
    const key = `${r[iB]}|${r[iY]}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = [r[iB], r[iD], r[iP], r[iL], r[iY], ...families.map(() => null)]));
    const at = 5 + families.indexOf(String(r[iF]));
    if (row[at] === null) row[at] = r[iA];
  }
  return {
    name: 'observations_wide',
    columns: [...long.columns.slice(0, 4), col('report_year', 'integer', 'the year the report covers'), ...families.map((f) => col(f, 'number', `amount of the first ${f} value the report gives (base unit)`))],
    rows: [...rows.values()].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[4]) - Number(b[4])),
  };
}
