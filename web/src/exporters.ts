// Saving the view for a paper: PNG and SVG pictures of every visible element (not only what the
// viewport shows), the elements as JSON, and the visible nodes with every sentence behind them as CSV.
import type cytoscape from 'cytoscape';
import { mentionsOf } from './api';
import { toCsv } from './csv';
import { download } from './dom';
import { viewSvg } from './svgExport';
import { TYPE_LOOK } from './style';
import type { NodeType } from '../../server/model/types';

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');

/** The whole view at 1×, 2× or 4× (capped at 16,000 px a side, which browsers still allocate). */
export async function exportPng(cy: cytoscape.Core, scale = 2): Promise<Blob> {
  // Drawn at the model's own size: the picture does not depend on how far the user zoomed.
  const blob = (await cy.png({ output: 'blob-promise', bg: '#ffffff', full: true, scale, maxWidth: 16000, maxHeight: 16000 })) as Blob;
  download(blob, `policing-kg-${stamp()}.png`);
  return blob;
}

export function exportSvg(cy: cytoscape.Core): Blob {
  const text = viewSvg(cy, { full: true });
  const blob = new Blob([text], { type: 'image/svg+xml' });
  download(blob, `policing-kg-${stamp()}.svg`);
  return blob;
}

export function viewJson(cy: cytoscape.Core): object {
  // `lean` is how the view is drawn (graph.ts), not part of the data.
  const nodes = cy.nodes().not('.column, .placeholder').map((n: cytoscape.NodeSingular) => ({ data: { ...n.data(), label: undefined, lean: undefined }, position: n.position(), visible: n.visible() }));
  const edges = cy.edges().map((e) => ({ data: { ...e.data(), lean: undefined }, visible: e.visible() }));
  return { exportedAt: new Date().toISOString(), source: location.href, nodes, edges };
}

export function exportJson(cy: cytoscape.Core): Blob {
  const blob = new Blob([JSON.stringify(viewJson(cy), null, 2)], { type: 'application/json' });
  download(blob, `policing-kg-${stamp()}.json`);
  return blob;
}

export const CSV_HEADER = ['node_id', 'type', 'type_zh', 'name', 'name_en', 'report_id', 'report_title', 'bureau', 'year', 'start', 'end', 'quote', 'sentence'];

export async function visibleCsv(cy: cytoscape.Core): Promise<string> {
  const nodes = cy.nodes(':visible').not('.column, .placeholder');
  const mentions = await mentionsOf(nodes.map((n) => n.id()));
  const rows: unknown[][] = [];
  nodes.forEach((n) => {
    const t = n.data('type') as NodeType;
    const base = [n.id(), t, TYPE_LOOK[t]?.zh ?? '', n.data('name'), n.data('nameEn') || ''];
    const ms = mentions.get(n.id()) ?? [];
    if (!ms.length) rows.push([...base, '', '', '', '', '', '', '', '']);
    for (const m of ms) rows.push([...base, m.report.id, m.report.title, m.report.agency?.name ?? '', m.report.year ?? '', m.start, m.end, m.quote, m.sentence]);
  });
  return toCsv(CSV_HEADER, rows);
}

export async function exportCsv(cy: cytoscape.Core): Promise<Blob> {
  const blob = new Blob([await visibleCsv(cy)], { type: 'text/csv;charset=utf-8' });
  download(blob, `policing-kg-${stamp()}.csv`);
  return blob;
}
