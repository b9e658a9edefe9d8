// Compare view: two bureaus side by side, what both practise in the middle. Pure layout of
// elements (preset positions) plus the summary shown in the side panel.
import type cytoscape from 'cytoscape';
import type { NodeType } from '../../server/model/types';
import type { NodeLite } from './api';
import { nodeChip } from './details';
import { clear, h } from './dom';
import { nodeData } from './graph';
import { LEGEND_ORDER, TYPE_LOOK } from './style';

export interface Practice {
  agency: NodeLite;
  items: NodeLite[];
}

export interface Comparison {
  a: Practice;
  b: Practice;
  onlyA: NodeLite[];
  shared: NodeLite[];
  onlyB: NodeLite[];
}

const order = (x: NodeLite, y: NodeLite) => LEGEND_ORDER.indexOf(x.type) - LEGEND_ORDER.indexOf(y.type) || x.name.localeCompare(y.name, 'zh');

export function compare(a: Practice, b: Practice): Comparison {
  const inB = new Set(b.items.map((n) => n.id));
  const inA = new Set(a.items.map((n) => n.id));
  return {
    a, b,
    onlyA: a.items.filter((n) => !inB.has(n.id)).sort(order),
    shared: a.items.filter((n) => inB.has(n.id)).sort(order),
    onlyB: b.items.filter((n) => !inA.has(n.id)).sort(order),
  };
}

const CELL_W = 112;
const CELL_H = 64;

// The shared column is what the view is for: bigger cells, bigger labels, readable at a glance.
const SHARED_W = 250;
const SHARED_H = 110;

function grid(nodes: NodeLite[], cols: number, x0: number, parent: string, shared = false): cytoscape.ElementDefinition[] {
  const [w, hgt] = shared ? [SHARED_W, SHARED_H] : [CELL_W, CELL_H];
  return nodes.map((n, i) => ({
    group: 'nodes' as const,
    data: { ...nodeData(n), parent },
    classes: shared ? 'shared-item' : '',
    position: { x: x0 + (i % cols) * w, y: Math.floor(i / cols) * hgt },
  }));
}

/** Elements with preset positions: [A only] [shared] [B only], each bureau above its column. */
export function compareElements(c: Comparison, visible: (t: NodeType) => boolean, view = { width: 800, height: 600 }): cytoscape.ElementDefinition[] {
  const A = c.onlyA.filter((n) => visible(n.type));
  const S = c.shared.filter((n) => visible(n.type));
  const B = c.onlyB.filter((n) => visible(n.type));
  // One row count for all three columns: the one that lets the whole map fit the canvas
  // (view: its width and height in pixels) at the largest zoom.
  const gap = 170;
  const shape = (R: number) => {
    const ca = Math.max(1, Math.ceil(A.length / R));
    const cb = Math.max(1, Math.ceil(B.length / R));
    const cs = Math.max(2, Math.ceil(S.length / Math.max(1, Math.floor((R * CELL_H) / SHARED_H))));
    const width = (ca + cb) * CELL_W + cs * SHARED_W + 2 * gap;
    const height = Math.max(R * CELL_H, Math.ceil(S.length / cs) * SHARED_H) + 260;
    return { ca, cb, cs, zoom: Math.min(view.width / width, view.height / height) };
  };
  let best = shape(4);
  for (let R = 5; R <= 80; R++) {
    const s = shape(R);
    if (s.zoom > best.zoom) best = s;
  }
  const { ca, cb, cs } = best;
  const xa = 0;
  const xs = xa + ca * CELL_W + gap;
  const xb = xs + cs * SHARED_W + gap;
  const els: cytoscape.ElementDefinition[] = [
    { group: 'nodes', data: { id: 'col:a', label: `Only ${c.a.agency.name} · ${A.length}` }, classes: 'column' },
    { group: 'nodes', data: { id: 'col:shared', label: `Both · ${S.length}` }, classes: 'column shared' },
    { group: 'nodes', data: { id: 'col:b', label: `Only ${c.b.agency.name} · ${B.length}` }, classes: 'column' },
    ...grid(A, ca, xa, 'col:a'),
    ...grid(S, cs, xs, 'col:shared', true),
    ...grid(B, cb, xb, 'col:b'),
    { group: 'nodes', data: nodeData(c.a.agency), classes: 'compare-agency', position: { x: xa + ((ca - 1) * CELL_W) / 2, y: -190 } },
    { group: 'nodes', data: nodeData(c.b.agency), classes: 'compare-agency', position: { x: xb + ((cb - 1) * CELL_W) / 2, y: -190 } },
  ];
  // An empty column still needs a body to show its title.
  for (const [list, id, x] of [[A, 'col:a', xa], [S, 'col:shared', xs], [B, 'col:b', xb]] as const) {
    if (!list.length) els.push({ group: 'nodes', data: { id: `${id}:empty`, parent: id, label: 'nothing', type: '' }, position: { x, y: 0 }, classes: 'placeholder' });
  }
  for (const n of S) {
    for (const ag of [c.a.agency, c.b.agency]) {
      els.push({ group: 'edges', data: { id: `PRACTISES:${ag.id}->${n.id}`, source: ag.id, target: n.id, type: 'PRACTISES', typeLabel: 'practises', derived: 'compare' } });
    }
  }
  return els;
}

export function renderCompareSummary(el: HTMLElement, c: Comparison, go: (id: string) => void): void {
  clear(el);
  const byType = (nodes: NodeLite[]) => {
    const wrap = h('div', { class: 'rel-groups' });
    const groups = new Map<NodeType, NodeLite[]>();
    for (const n of nodes) groups.set(n.type, [...(groups.get(n.type) ?? []), n]);
    for (const t of LEGEND_ORDER) {
      const g = groups.get(t);
      if (!g) continue;
      wrap.appendChild(h('div', { class: 'rel-group' }, h('h4', null, TYPE_LOOK[t].en, h('span', { class: 'count', text: String(g.length) })), h('div', { class: 'chips-wrap' }, g.map((n) => nodeChip(n, () => go(n.id))))));
    }
    if (!nodes.length) wrap.appendChild(h('p', { class: 'hint', text: 'Nothing.' }));
    return wrap;
  };
  const sec = (title: string, nodes: NodeLite[], open: boolean, testid: string) =>
    h('details', { class: 'dsec', attrs: { open }, data: { testid } }, h('summary', null, h('span', { text: title }), h('span', { class: 'count', text: String(nodes.length) })), byType(nodes));
  el.append(
    h('header', { class: 'dhead' },
      h('span', { class: 'type-badge neutral', text: 'Compare · 对比' }),
      h('h2', { class: 'dname', attrs: { lang: 'zh-CN' } }, c.a.agency.name, h('span', { class: 'vs', text: ' ⟷ ' }), c.b.agency.name),
      h('p', { class: 'hint', text: 'Reforms, platforms, units, organisations, documents, principles, indicators and problems each bureau\'s report states. Click one to read its sentences from both reports.' })),
    h('div', { class: 'compare-counts' },
      h('div', null, h('b', { text: String(c.onlyA.length) }), h('span', { text: `only ${c.a.agency.name}`, attrs: { lang: 'zh-CN' } })),
      h('div', { class: 'shared' }, h('b', { text: String(c.shared.length) }), h('span', { text: 'shared' })),
      h('div', null, h('b', { text: String(c.onlyB.length) }), h('span', { text: `only ${c.b.agency.name}`, attrs: { lang: 'zh-CN' } }))),
    sec('Shared practice', c.shared, true, 'compare-shared'),
    sec(`Only ${c.a.agency.name}`, c.onlyA, false, 'compare-only-a'),
    sec(`Only ${c.b.agency.name}`, c.onlyB, false, 'compare-only-b'),
  );
}
