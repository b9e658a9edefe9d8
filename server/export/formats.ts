import type { GraphView } from './view';
import { firstQuote } from './view';

const xml = (s: unknown) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // XML 1.0 forbids most control characters, even escaped.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const NODE_ATTRS = ['type', 'name', 'nameEn', 'aliases', 'mentions', 'quote', 'reports'] as const;

function nodeRow(n: GraphView['nodes'][number], v: GraphView): Record<(typeof NODE_ATTRS)[number], string | number> {
  return {
    type: n.type, name: n.name, nameEn: typeof n.props.nameEn === 'string' ? n.props.nameEn : '', aliases: n.aliases.join(' | '),
    mentions: n.mentions.length, quote: firstQuote(n, v.texts), reports: [...new Set(n.mentions.map((m) => m.reportId))].join(' '),
  };
}

/** GraphML (yEd, Gephi, graphology, NetworkX), with type, names and first source quote. */
export function toGraphML(v: GraphView): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
  for (const k of NODE_ATTRS) out.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${k === 'mentions' ? 'int' : 'string'}"/>`);
  out.push('  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>', '  <key id="e_mentions" for="edge" attr.name="mentions" attr.type="int"/>', '  <key id="e_quote" for="edge" attr.name="quote" attr.type="string"/>');
  out.push('  <graph id="policing-reforms" edgedefault="directed">');
  for (const n of v.nodes) {
    const row = nodeRow(n, v);
    out.push(`    <node id="${xml(n.id)}">${NODE_ATTRS.map((k) => `<data key="n_${k}">${xml(row[k])}</data>`).join('')}</node>`);
  }
  for (const e of v.edges) {
    out.push(`    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="e_type">${xml(e.type)}</data><data key="e_mentions">${e.mentions.length}</data><data key="e_quote">${xml(firstQuote(e, v.texts))}</data></edge>`);
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/** GEXF 1.3 for Gephi. */
export function toGEXF(v: GraphView): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <meta><creator>policing-reform-kg</creator><description>Knowledge graph of public security bureaus\' rule-of-law reports</description></meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    ...NODE_ATTRS.filter((k) => k !== 'name').map((k, i) => `      <attribute id="${i}" title="${k}" type="${k === 'mentions' ? 'integer' : 'string'}"/>`),
    '    </attributes>',
    '    <attributes class="edge"><attribute id="0" title="type" type="string"/><attribute id="1" title="mentions" type="integer"/><attribute id="2" title="quote" type="string"/></attributes>',
    '    <nodes>',
  ];
  const attrs = NODE_ATTRS.filter((k) => k !== 'name');
  for (const n of v.nodes) {
    const row = nodeRow(n, v);
    out.push(`      <node id="${xml(n.id)}" label="${xml(n.name)}"><attvalues>${attrs.map((k, i) => `<attvalue for="${i}" value="${xml(row[k])}"/>`).join('')}</attvalues></node>`);
  }
  out.push('    </nodes>', '    <edges>');
  for (const e of v.edges) {
    out.push(`      <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}" label="${xml(e.type)}"><attvalues><attvalue for="0" value="${xml(e.type)}"/><attvalue for="1" value="${e.mentions.length}"/><attvalue for="2" value="${xml(firstQuote(e, v.texts))}"/></attvalues></edge>`);
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}

const csvCell = (s: unknown) => {
  const t = String(s ?? '');
  // Cells that a spreadsheet would run as a formula are prefixed with a quote.
  const safe = /^[=+\-@\t\r]/.test(t) ? `'${t}` : t;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV node table (UTF-8 with BOM so spreadsheets read Chinese correctly). */
export function toNodesCSV(v: GraphView): string {
  const rows = [['id', ...NODE_ATTRS].join(',')];
  for (const n of v.nodes) {
    const r = nodeRow(n, v);
    rows.push([n.id, ...NODE_ATTRS.map((k) => r[k])].map(csvCell).join(','));
  }
  return `\ufeff${rows.join('\r\n')}\r\n`;
}

export function toEdgesCSV(v: GraphView): string {
  const rows = ['id,type,source,target,mentions,quote'];
  for (const e of v.edges) rows.push([e.id, e.type, e.source, e.target, e.mentions.length, firstQuote(e, v.texts)].map(csvCell).join(','));
  return `\ufeff${rows.join('\r\n')}\r\n`;
}

export const FORMATS = {
  graphml: { render: toGraphML, type: 'application/graphml+xml; charset=utf-8', ext: 'graphml' },
  gexf: { render: toGEXF, type: 'application/gexf+xml; charset=utf-8', ext: 'gexf' },
  'csv-nodes': { render: toNodesCSV, type: 'text/csv; charset=utf-8', ext: 'nodes.csv' },
  'csv-edges': { render: toEdgesCSV, type: 'text/csv; charset=utf-8', ext: 'edges.csv' },
} as const;
export type ExportFormat = keyof typeof FORMATS;
