// Files for analysis tools (Gephi, Cytoscape desktop, R/igraph, pandas): GraphML, GEXF, nodes CSV,
// edges CSV from the server's /export, of the whole graph or of the current filter (the node types
// ticked in the sidebar and the chosen policy areas). Plain links with `download`: the browser saves them.
import { h } from '../dom';

const FORMATS = [
  { format: 'graphml', ext: 'graphml', text: 'GraphML', hint: 'Gephi, Cytoscape, yEd, igraph' },
  { format: 'gexf', ext: 'gexf', text: 'GEXF', hint: 'Gephi' },
  { format: 'csv-nodes', ext: 'nodes.csv', text: 'Nodes CSV', hint: 'spreadsheets, pandas, R' },
  { format: 'csv-edges', ext: 'edges.csv', text: 'Edges CSV', hint: 'spreadsheets, pandas, R' },
] as const;

export interface ExportScope {
  /** Node types to keep (empty: all). */
  types: string[];
  /** Topic ids to keep (empty: all). */
  topics: string[];
  /** The types left out (for the note under the links). */
  off?: string[];
}

export function exportHref(format: string, scope: ExportScope | null): string {
  const p = new URLSearchParams({ format });
  if (scope?.types.length) p.set('types', scope.types.join(','));
  if (scope?.topics.length) p.set('topics', scope.topics.join(','));
  return `/export?${p.toString()}`;
}

export class ExportLinks {
  readonly el: HTMLElement;
  private filtered = false;
  private readonly links: Array<{ a: HTMLAnchorElement; format: string; ext: string }> = [];
  private readonly note: HTMLElement;

  constructor(private readonly scope: () => ExportScope) {
    const radio = (value: 'all' | 'view', text: string) => {
      const r = h('input', { attrs: { type: 'radio', name: 'export-scope', value, checked: value === 'all' }, testid: `export-scope-${value}` });
      r.addEventListener('change', () => {
        this.filtered = value === 'view' && r.checked;
        this.refresh();
      });
      return h('label', null, r, h('span', { text }));
    };
    this.note = h('p', { class: 'hint export-note', attrs: { 'aria-live': 'polite' } });
    const list = h('div', { class: 'export-links' });
    for (const f of FORMATS) {
      const a = h('a', { class: 'export-link', text: f.text, title: `Download ${f.text} (${f.hint})`, attrs: { href: exportHref(f.format, null), download: `policing-reforms.${f.ext}` }, testid: `export-${f.format}` });
      this.links.push({ a, format: f.format, ext: f.ext });
      list.appendChild(a);
    }
    this.el = h('div', { class: 'research-export', testid: 'export-analysis' },
      h('div', { class: 'menu-heading', text: 'For analysis tools' }),
      h('div', { class: 'export-scope', attrs: { role: 'radiogroup', 'aria-label': 'What to export' } }, radio('all', 'Whole graph'), radio('view', 'Current filter')),
      list,
      this.note);
    this.refresh();
  }

  /** Rewrites the links for the current scope (call when filters change or the menu opens). */
  refresh(): void {
    const s = this.filtered ? this.scope() : null;
    for (const l of this.links) {
      l.a.href = exportHref(l.format, s);
      l.a.setAttribute('download', `policing-reforms${s && (s.types.length || s.topics.length) ? '-filtered' : ''}.${l.ext}`);
    }
    if (!s) this.note.textContent = 'Every node and relation, with names, quotes and report ids.';
    else {
      const parts = [s.types.length ? (s.off?.length ? `all types but ${s.off.join(', ')}` : `types ${s.types.join(', ')}`) : 'all types', s.topics.length ? `areas ${s.topics.map((t) => t.replace(/^topic:/, '')).join(', ')}` : 'all areas'];
      this.note.textContent = `Only ${parts.join('; ')}.`;
    }
  }
}
