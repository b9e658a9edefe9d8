// The details panel: what the selected node is, how it is related, every sentence that states
// it (with its report), and for a reform the reforms most like it.
import { NODE_TYPES, type NodeType } from '../../server/model/types';
import type { MentionFull, NodeDetails, NodeLite, Related, ReportInfo } from './api';
import { clear, h, type Child } from './dom';
import { edgeWord, TYPE_LOOK, typeColor } from './style';

export interface ExpandOptions {
  depth: number;
  types: NodeType[];
  limit: number;
}

export interface DetailsActions {
  go: (id: string, from?: { related: Related; of: string }) => void;
  expand: (id: string) => void;
  collapse: (id: string) => void;
  remove: (id: string) => void;
  pathFrom: (id: string) => void;
  read: (m: MentionFull, all: MentionFull[]) => void;
  readReport: (r: ReportInfo) => void;
  inView: (id: string) => boolean;
}

export const expandOptions: ExpandOptions = { depth: 1, types: [], limit: 300 };

export function nodeChip(n: NodeLite, onClick: () => void, extra?: Child): HTMLButtonElement {
  const dot = h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } });
  dot.style.backgroundColor = typeColor(n.type);
  return h('button', { class: 'node-chip', attrs: { type: 'button' }, title: `${TYPE_LOOK[n.type]?.en ?? n.type}: ${n.name}${n.nameEn ? ` (${n.nameEn})` : ''}`, data: { id: n.id }, on: { click: onClick } },
    dot, h('span', { class: 'chip-name', text: n.name, attrs: { lang: 'zh-CN' } }), extra ?? null);
}

function typeBadge(t: NodeType): HTMLElement {
  const b = h('span', { class: 'type-badge', text: `${TYPE_LOOK[t].en} · ${TYPE_LOOK[t].zh}` });
  b.style.backgroundColor = TYPE_LOOK[t].color;
  return b;
}

function section(title: string, count: number | null, body: Child, opts: { testid?: string; open?: boolean; cls?: string } = {}): HTMLElement {
  const d = h('details', { class: `dsec ${opts.cls ?? ''}`, attrs: { open: opts.open ?? true } },
    h('summary', null, h('span', { text: title }), count === null ? null : h('span', { class: 'count', text: String(count) })), body);
  if (opts.testid) d.dataset.testid = opts.testid;
  return d;
}

/** The sentence with the quote marked where the mention is (the same words may stand twice in it); falls back to the quote alone. */
export function quoteInSentence(m: MentionFull): HTMLElement {
  const at = m.start - m.sentenceStart;
  const i = m.sentence.slice(at, at + m.quote.length) === m.quote ? at : m.sentence.indexOf(m.quote);
  const q = h('mark', { text: m.quote });
  if (i < 0 || !m.sentence) return h('p', { class: 'sentence', attrs: { lang: 'zh-CN' } }, q);
  return h('p', { class: 'sentence', attrs: { lang: 'zh-CN' } }, m.sentence.slice(0, i), q, m.sentence.slice(i + m.quote.length));
}

function facts(d: NodeDetails): HTMLElement | null {
  const rows: Array<[string, Child]> = [];
  const fmtNum = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0+$/, ''));
  if (d.type === 'OBSERVATION' && d.value != null) {
    // The unit is written as the report does (30余件), so only a qualifier said before or after it is added.
    const q = d.qualifier ?? '';
    const lead = /^(近|约|超过|超|逾)/.exec(q)?.[0] ?? '';
    const tail = /(以上|左右|以内)$/.exec(q)?.[0] ?? '';
    const direction = d.direction && d.direction !== lead ? d.direction : '';
    rows.push(['Value', `${lead}${direction} ${fmtNum(d.value)}${d.unit ?? ''}${tail}`.trim()]);
  }
  if (d.indicator) rows.push(['Indicator', d.indicator.name]);
  if (d.status) rows.push(['Status', d.status]);
  if (d.year != null) rows.push(['Year', String(d.year)]);
  if (d.agency) rows.push(['Bureau', d.agency.name]);
  if (d.publishedOn) rows.push(['Published', d.publishedOn]);
  if (d.source) rows.push(['Source', /^https?:\/\//.test(d.source) ? h('a', { text: d.source, attrs: { href: d.source, target: '_blank', rel: 'noopener noreferrer' } }) : d.source]);
  if (d.retrievedAt) rows.push(['Retrieved', d.retrievedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')]);
  if (d.original) rows.push(['Original', `${d.original.name} (${d.format ?? d.original.type}, ${d.original.bytes.toLocaleString('en')} bytes, sha256 ${d.original.sha256.slice(0, 12)}…)`]);
  else if (d.format) rows.push(['Format', d.format]);
  if (d.section) rows.push(['Section', d.section]);
  if (d.admitted != null && d.type === 'PROBLEM') rows.push(['Admitted', d.admitted ? 'yes, in the problems section' : 'named as the target of a measure']);
  if (d.level) rows.push(['Level', d.level]);
  rows.push(['Relations', String(d.degree)]);
  rows.push(['Id', h('code', { text: d.id })]);
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', { text: k }), h('dd', { attrs: { lang: 'zh-CN' } }, v)]));
}

function expandControls(d: NodeDetails, a: DetailsActions): HTMLElement {
  const depth = h('select', { attrs: { 'aria-label': 'Expand depth' }, data: { testid: 'expand-depth' } },
    [1, 2, 3].map((n) => h('option', { text: `depth ${n}`, attrs: { value: n, selected: n === expandOptions.depth } })));
  depth.addEventListener('change', () => (expandOptions.depth = Number(depth.value)));
  const limit = h('select', { attrs: { 'aria-label': 'At most this many nodes' }, data: { testid: 'expand-limit' } },
    [100, 300, 1000, 5000].map((n) => h('option', { text: `≤ ${n}`, attrs: { value: n, selected: n === expandOptions.limit } })));
  limit.addEventListener('change', () => (expandOptions.limit = Number(limit.value)));
  const typeBoxes = NODE_TYPES.map((t) => {
    const box = h('input', { attrs: { type: 'checkbox', checked: !expandOptions.types.length || expandOptions.types.includes(t) }, data: { type: t } });
    box.addEventListener('change', () => {
      const on = typeBoxes.filter((b) => b.checked).map((b) => b.dataset.type as NodeType);
      expandOptions.types = on.length === NODE_TYPES.length ? [] : on;
      summary.textContent = typesLabel();
    });
    const sw = h('span', { class: 'dot' });
    sw.style.backgroundColor = TYPE_LOOK[t].color;
    return box;
  });
  const typesLabel = () => (expandOptions.types.length ? `${expandOptions.types.length} types` : 'all types');
  const summary = h('summary', { text: typesLabel(), attrs: { 'aria-label': 'Node types to add when expanding' } });
  const typePick = h('details', { class: 'menu types-menu' }, summary,
    h('div', { class: 'menu-body' }, typeBoxes.map((b) => {
      const t = b.dataset.type as NodeType;
      const sw = h('span', { class: 'dot' });
      sw.style.backgroundColor = TYPE_LOOK[t].color;
      return h('label', null, b, sw, TYPE_LOOK[t].en);
    })));
  const expand = h('button', { class: 'primary', testid: 'expand', text: 'Expand', title: 'Add its neighbours to the view (or double-click the node). Key: E', attrs: { type: 'button' }, on: { click: () => a.expand(d.id) } });
  const inView = a.inView(d.id);
  return h('div', { class: 'actions' },
    h('div', { class: 'row' }, expand, depth, typePick, limit),
    h('div', { class: 'row' },
      h('button', { text: 'Collapse', title: 'Take away what expanding this node added (or, if it was not expanded, the neighbours that hang only on it)', attrs: { type: 'button', disabled: !inView }, data: { testid: 'collapse' }, on: { click: () => a.collapse(d.id) } }),
      h('button', { text: 'Remove', title: 'Remove this node from the view (Delete)', attrs: { type: 'button', disabled: !inView }, on: { click: () => a.remove(d.id) } }),
      h('button', { text: 'Path from here…', title: 'Find the shortest connection to another node', attrs: { type: 'button' }, on: { click: () => a.pathFrom(d.id) } })));
}

function relations(d: NodeDetails, a: DetailsActions): HTMLElement {
  const groups = new Map<string, { word: string; nodes: Array<{ n: NodeLite; note: string }> }>();
  for (const e of d.edges) {
    const out = e.source === d.id;
    const other = out ? e.targetNode : e.sourceNode;
    if (!other) continue;
    const key = `${e.type}|${out ? 'out' : 'in'}`;
    if (!groups.has(key)) groups.set(key, { word: edgeWord(e.type, out ? 'out' : 'in'), nodes: [] });
    const note = [e.year, e.status].filter((x) => x != null && x !== '').join(' · ');
    groups.get(key)!.nodes.push({ n: other, note });
  }
  const body = h('div', { class: 'rel-groups' });
  if (!groups.size) body.appendChild(h('p', { class: 'hint', text: 'No relations.' }));
  const sorted = [...groups.entries()].sort((x, y) => y[1].nodes.length - x[1].nodes.length);
  for (const [key, g] of sorted) {
    const SHOW = 10;
    const list = h('div', { class: 'chips-wrap' });
    const render = (all: boolean) => {
      clear(list);
      const nodes = g.nodes.sort((x, y) => x.n.type.localeCompare(y.n.type) || x.n.name.localeCompare(y.n.name, 'zh'));
      for (const { n, note } of all ? nodes : nodes.slice(0, SHOW)) list.appendChild(nodeChip(n, () => a.go(n.id), note ? h('span', { class: 'note', text: note }) : null));
      if (!all && nodes.length > SHOW) list.appendChild(h('button', { class: 'link', text: `+ ${nodes.length - SHOW} more`, attrs: { type: 'button' }, on: { click: () => render(true) } }));
    };
    render(false);
    const [type, dir] = key.split('|');
    body.appendChild(h('div', { class: 'rel-group' }, h('h4', null, dir === 'out' ? `${g.word} →` : `← ${g.word}`, h('span', { class: 'count', text: String(g.nodes.length) }), h('span', { class: 'etype', text: type })), list));
  }
  return section('Relations', d.edges.length, body, { open: true });
}

function mentions(d: NodeDetails, a: DetailsActions): HTMLElement {
  const list = h('ol', { class: 'mentions' });
  const sorted = [...d.mentions].sort((x, y) => x.report.id.localeCompare(y.report.id) || x.start - y.start);
  for (const m of sorted) {
    list.appendChild(h('li', { testid: 'mention', data: { report: m.report.id, start: String(m.start), end: String(m.end) } },
      h('blockquote', null, quoteInSentence(m)),
      h('div', { class: 'mention-foot' },
        h('span', { class: 'source', attrs: { lang: 'zh-CN' } }, `${m.report.title}`, m.report.year != null ? ` (${m.report.year})` : '', m.page != null ? `, p. ${m.page}` : ''),
        h('button', { class: 'link show-in-report', text: 'Show in report', attrs: { type: 'button' }, data: { testid: 'show-in-report' }, on: { click: () => a.read(m, d.mentions) } }))));
  }
  if (!sorted.length) list.appendChild(h('li', { class: 'hint', text: 'No source sentence (a curated fact).' }));
  return section('Source sentences', d.mentions.length, list, { cls: 'sec-mentions' });
}

export function relatedList(me: string, rel: Related[] | null, a: DetailsActions): HTMLElement {
  const list = h('ol', { class: 'related', testid: 'related' });
  if (rel === null) list.appendChild(h('li', { class: 'hint', text: 'Loading related reforms…' }));
  else if (!rel.length) list.appendChild(h('li', { class: 'hint', text: 'No other reform shares platforms, units, indicators or problems with this one.' }));
  const max = Math.max(1, ...(rel ?? []).map((r) => r.score));
  for (const r of rel ?? []) {
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${Math.max(4, (100 * r.score) / max)}%`;
    const via = r.via.filter((v) => v.id !== me && v.id !== r.reform.id);
    const VIA = 6;
    const viaBox = h('div', { class: 'via' }, h('span', { class: 'hint', text: 'shares ' }), via.slice(0, VIA).map((v) => nodeChip(v, () => a.go(v.id))));
    if (via.length > VIA) {
      const more = h('button', { class: 'link', text: `+ ${via.length - VIA} more`, attrs: { type: 'button' }, on: { click: () => {
        more.replaceWith(...via.slice(VIA).map((v) => nodeChip(v, () => a.go(v.id))));
      } } });
      viaBox.appendChild(more);
    }
    list.appendChild(h('li', { testid: 'related-item', data: { id: r.reform.id } },
      h('div', { class: 'rel-top' },
        h('button', { class: 'link rel-name', text: r.reform.name, attrs: { type: 'button', lang: 'zh-CN' }, title: 'Go to this reform', on: { click: () => a.go(r.reform.id, { related: r, of: me }) } }),
        h('span', { class: 'score', title: 'Similarity score', text: r.score.toFixed(2) })),
      h('span', { class: 'meter', attrs: { 'aria-hidden': 'true' } }, bar),
      via.length ? viaBox : null));
  }
  return list;
}

/** The English name with its proper nouns in pinyin set apart (upright in the italic line), so a reader tells names from words. */
function englishParts(en: string, proper: readonly string[]): Child[] {
  const names = proper.filter(Boolean).sort((a, b) => b.length - a.length);
  if (!names.length) return [en];
  const re = new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const out: Child[] = [];
  let at = 0;
  for (const m of en.matchAll(re)) {
    out.push(en.slice(at, m.index), h('span', { class: 'proper', text: m[0], title: 'proper noun, in pinyin' }));
    at = m.index! + m[0].length;
  }
  out.push(en.slice(at));
  return out;
}

export function renderDetails(el: HTMLElement, d: NodeDetails, a: DetailsActions): { setRelated: (r: Related[]) => void } {
  clear(el);
  const look = TYPE_LOOK[d.type];
  const aliases = (d.aliases ?? []).filter((x) => x !== d.name);
  el.append(
    h('header', { class: 'dhead' },
      typeBadge(d.type),
      h('h2', { class: 'dname', text: d.name, attrs: { lang: 'zh-CN' } }),
      d.nameEn ? h('p', { class: 'en' }, englishParts(d.nameEn, d.nameEnProper ?? [])) : null,
      aliases.length ? h('p', { class: 'aliases' }, h('span', { class: 'hint', text: 'Also written ' }), aliases.map((x, i) => [i ? '、' : '', h('span', { text: x, attrs: { lang: 'zh-CN' } })])) : null),
    expandControls(d, a),
    facts(d) ?? '',
  );
  el.dataset.node = d.id;
  el.dataset.type = look ? d.type : '';
  let relatedSlot: HTMLElement | null = null;
  // The sentences first (what a citation needs), then related reforms, then every relation.
  const sections: HTMLElement[] = [mentions(d, a)];
  if (d.type === 'REFORM') {
    relatedSlot = h('div', { class: 'related-slot' }, relatedList(d.id, null, a));
    sections.push(section('Related reforms', null, relatedSlot, { cls: 'sec-related' }));
  }
  sections.push(relations(d, a));
  const jump = h('nav', { class: 'jump', attrs: { 'aria-label': 'Sections' } }, sections.map((sec) => {
    const title = sec.querySelector('summary span')?.textContent ?? '';
    return h('button', { class: 'link', text: title, attrs: { type: 'button' }, on: { click: () => {
      (sec as HTMLDetailsElement).open = true;
      sec.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } } });
  }));
  el.append(jump, ...sections);
  return {
    setRelated: (r) => {
      if (!relatedSlot) return;
      clear(relatedSlot);
      relatedSlot.appendChild(relatedList(d.id, r, a));
      const count = relatedSlot.closest('details')?.querySelector('summary');
      count?.appendChild(h('span', { class: 'count', text: String(r.length) }));
    },
  };
}

/** What the panel shows before anything is selected: how to start, and the reports. */
export function renderWelcome(el: HTMLElement, stats: { nodes: number; edges: number } | null, reports: ReportInfo[], a: DetailsActions): void {
  clear(el);
  delete el.dataset.node;
  el.append(
    h('header', { class: 'dhead' }, h('h2', { text: 'Rule-of-law reports of public-security bureaus' })),
    h('p', { text: 'Each node was read from a bureau\'s yearly 法治政府建设年度报告. Click a node or search for a concept to see what it is, what it connects to, and the exact sentences behind it.' }),
    h('ul', { class: 'tips' },
      h('li', null, h('kbd', { text: '/' }), ' search (简体 or 繁體)'),
      h('li', null, 'double-click a node or ', h('kbd', { text: 'E' }), ' to expand it; ', h('kbd', { text: 'Ctrl' }), '+', h('kbd', { text: 'Z' }), ' undoes'),
      h('li', null, h('b', { text: 'Compare' }), ' puts two bureaus side by side; ', h('b', { text: 'Path' }), ' finds how two nodes connect'),
      h('li', null, 'dashed lines are drawn by the explorer (a bureau runs a reform through its measures)')),
    stats ? h('p', { class: 'hint', text: `The graph holds ${stats.nodes} nodes and ${stats.edges} relations from ${reports.length} reports.` }) : '',
    section('Reports', reports.length, h('ul', { class: 'report-list' }, reports.map((r) => h('li', null,
      h('span', { class: 'rtitle', text: r.title, attrs: { lang: 'zh-CN' } }),
      h('button', { class: 'link', text: 'Read', attrs: { type: 'button' }, on: { click: () => a.readReport(r) } }),
      r.agency ? h('button', { class: 'link', text: 'Bureau', attrs: { type: 'button' }, on: { click: () => a.go(r.agency!.id) } }) : null)))),
  );
}
