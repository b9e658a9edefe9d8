// Tidy tables for R, Stata and pandas from the server's /export?table=… (codebook in the README):
// pick a table and a format, the link downloads it. Plain links with `download`.
import { h } from '../dom';

const TABLES = [
  ['observations', 'Observations (one row per value)'], ['observations-wide', 'Observations, bureau-year panel'], ['adoptions', 'Adoptions (bureau × practice)'],
  ['measures', 'Measures'], ['mentions', 'Mentions (every quote)'], ['nodes', 'Nodes'], ['edges', 'Edges'],
] as const;
const FORMATS = [['csv', 'CSV (UTF-8)'], ['excel', 'CSV for Excel (BOM)'], ['tsv', 'TSV'], ['json', 'JSON with column types']] as const;

export function tableHref(table: string, format: string): string {
  const p = new URLSearchParams({ table: table.replace(/-wide$/, ''), format: format === 'excel' ? 'csv' : format });
  if (table.endsWith('-wide')) p.set('wide', '1');
  if (format === 'excel') p.set('bom', '1');
  return `/export?${p.toString()}`;
}

export function tableLinks(): HTMLElement {
  const table = h('select', { attrs: { 'aria-label': 'Table' }, testid: 'table-pick' }, TABLES.map(([v, t]) => h('option', { text: t, attrs: { value: v } })));
  const format = h('select', { attrs: { 'aria-label': 'Format' }, testid: 'table-format' }, FORMATS.map(([v, t]) => h('option', { text: t, attrs: { value: v } })));
  const a = h('a', { class: 'export-link', text: 'Download table', testid: 'table-download' });
  const update = () => {
    a.href = tableHref(table.value, format.value);
    a.setAttribute('download', `policing-reforms.${table.value}.${format.value === 'excel' ? 'csv' : format.value}`);
  };
  table.addEventListener('change', update);
  format.addEventListener('change', update);
  update();
  return h('div', { class: 'research-export', testid: 'export-tables' },
    h('div', { class: 'menu-heading', text: 'Tidy tables (R, Stata, pandas)' }), h('div', { class: 'export-links' }, table, format, a));
}
