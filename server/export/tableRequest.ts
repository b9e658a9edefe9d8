import { provinceNamed } from '../ingest/places';
import { DIVISION_LEVELS, DivisionLevel } from '../ingest/divisions';
import { buildTable, Cell, Table, TableName, TABLES, widePanel } from './tables';
import type { GraphView } from './view';

/**
 * A tidy-table export as asked over HTTP (/export?table=…) or from the CLI (--table …): which
 * table, csv / tsv / json, the Excel variant (BOM, CRLF, formula guard), the wide panel, and a
 * province or level filter. Parsed here once for both, so they answer alike.
 */
export const TABLE_FORMATS = ['csv', 'tsv', 'json'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export interface TableRequest {
  table: TableName;
  format: TableFormat;
  /** Excel: UTF-8 byte-order mark, CRLF line ends, cells a spreadsheet would run as a formula quoted. */
  bom: boolean;
  /** observations only: one row per bureau and year, one column per indicator family. */
  wide: boolean;
  province?: string;
  level?: DivisionLevel;
}

const BUREAU_TABLES: readonly TableName[] = ['observations', 'adoptions', 'measures', 'mentions'];

/** The request, or the reason it is refused. */
export function parseTableRequest(get: (k: string) => string | null | undefined): TableRequest | { error: string } {
  const table = get('table') ?? '';
  if (!(TABLES as readonly string[]).includes(table)) return { error: `table must be one of ${TABLES.join(', ')}` };
  const format = get('format') ?? 'csv';
  if (!(TABLE_FORMATS as readonly string[]).includes(format)) return { error: `format of a table must be one of ${TABLE_FORMATS.join(', ')}` };
  const flag = (k: string) => ['1', 'true', 'yes'].includes((get(k) ?? '').toLowerCase());
  const wide = flag('wide') || get('shape') === 'wide';
  if (wide && table !== 'observations') return { error: 'wide applies to the observations table only' };
  const p = get('province')?.trim();
  const province = p ? provinceNamed(p) : undefined;
  if (p && !province) return { error: `province "${p}" is not a province-level division of GB/T 2260 (write 浙江省 or 浙江)` };
  const level = get('level')?.trim().toUpperCase() || undefined;
  if (level && !(DIVISION_LEVELS as readonly string[]).includes(level)) return { error: `level must be one of ${DIVISION_LEVELS.join(', ')}` };
  if ((province || level) && !BUREAU_TABLES.includes(table as TableName)) return { error: `province and level filter the tables with bureau columns: ${BUREAU_TABLES.join(', ')}` };
  return { table: table as TableName, format: format as TableFormat, bom: flag('bom'), wide, province, level: level as DivisionLevel | undefined };
}

export function tableOf(view: GraphView, req: TableRequest): Table {
  const t = buildTable(req.table, view);
  if (req.province || req.level) {
    const iP = t.columns.findIndex((c) => c.name === 'province');
    const iL = t.columns.findIndex((c) => c.name === 'level');
    t.rows = t.rows.filter((r) => (!req.province || r[iP] === req.province) && (!req.level || r[iL] === req.level));
  }
  return req.wide ? widePanel(t) : t;
}

export interface RenderedTable {
  body: string;
  contentType: string;
  filename: string;
  rows: number;
}

export function renderTable(t: Table, req: Pick<TableRequest, 'format' | 'bom'>): RenderedTable {
  const filename = `${t.name}.${req.format}`;
  if (req.format === 'json') {
    const rows = t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])));
    return { body: `${JSON.stringify({ table: t.name, columns: t.columns, rows })}\n`, contentType: 'application/json; charset=utf-8', filename, rows: t.rows.length };
  }
  const sep = req.format === 'tsv' ? '\t' : ',';
  const eol = req.bom ? '\r\n' : '\n';
  const cell = (v: Cell, isString: boolean) => {
    if (v === null) return '';
    let s = String(v);
    // Excel runs a cell that starts with = + - @ as a formula: the Excel variant quotes text cells so.
    if (req.bom && isString && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    // TSV has no quoting: tabs and line breaks inside a text become spaces.
    if (sep === '\t') return s.replace(/[\t\r\n]+/g, ' ');
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [t.columns.map((c) => cell(c.name, true)).join(sep)];
  for (const r of t.rows) lines.push(r.map((v, i) => cell(v, t.columns[i].type === 'string')).join(sep));
  const body = `${req.bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
  return { body, contentType: `${req.format === 'tsv' ? 'text/tab-separated-values' : 'text/csv'}; charset=utf-8`, filename, rows: t.rows.length };
}

/** The whole export: the graph as either store exports it, the request, the rendered table. */
export function exportTable(view: GraphView, req: TableRequest): RenderedTable {
  return renderTable(tableOf(view, req), req);
}
