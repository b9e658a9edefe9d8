// The bar above the graph in compare and path modes: the two bureaus to compare, the two ends of
// a path, and the path found. It only draws; what a choice does is the explorer's (App).
import type { NodeLite } from './api';
import type { Mode } from './controls';
import { nodeChip } from './details';
import { clear, h } from './dom';
import { type PathResult, relationKinds } from './path';
import { SearchBox } from './search';
import { edgeWord } from './style';

export interface PathEnds {
  from?: NodeLite;
  to?: NodeLite;
}

export interface ModebarState {
  mode: Mode;
  /** The bureaus compare mode offers. */
  agencies: readonly NodeLite[];
  compareIds: [string, string] | null;
  pathEnds: PathEnds;
  /** Whether a path may run through policy areas and derived links. */
  pathAll: boolean;
}

export interface ModebarActions {
  compare(a: string, b: string): void;
  pickEnd(which: keyof PathEnds, node: NodeLite): void;
  findPath(): void;
  setPathAll(all: boolean): void;
}

export function renderModebar(bar: HTMLElement, s: ModebarState, on: ModebarActions): void {
  clear(bar);
  bar.hidden = s.mode === 'explore';
  if (s.mode === 'compare') {
    const opts = (sel?: string) => s.agencies.map((ag) => h('option', { text: ag.name, attrs: { value: ag.id, selected: ag.id === sel } }));
    const a = h('select', { attrs: { 'aria-label': 'First bureau' }, data: { testid: 'compare-a' } }, opts(s.compareIds?.[0]));
    const b = h('select', { attrs: { 'aria-label': 'Second bureau' }, data: { testid: 'compare-b' } }, opts(s.compareIds?.[1]));
    const run = () => on.compare(a.value, b.value);
    a.addEventListener('change', run);
    b.addEventListener('change', run);
    const swap = h('button', { text: '⇄', title: 'Swap sides', attrs: { type: 'button', 'aria-label': 'Swap sides' }, on: { click: () => s.compareIds && on.compare(s.compareIds[1], s.compareIds[0]) } });
    bar.append(h('span', { class: 'mode-title', text: 'Compare' }), a, swap, b, h('span', { class: 'hint', text: 'shared practice in the middle; type filters apply' }));
  } else if (s.mode === 'path') {
    const end = (which: keyof PathEnds, label: string) => {
      const input = h('input', { attrs: { type: 'search', placeholder: `${label}: search a node`, 'aria-label': `Path ${label}` }, data: { testid: `path-${which}` } });
      input.value = s.pathEnds[which]?.name ?? '';
      const list = h('ul', { class: 'suggestions' });
      new SearchBox({ input, list, keepText: true, first: 8, onPick: (n) => on.pickEnd(which, n) });
      return h('div', { class: 'search small' }, input, list);
    };
    const find = h('button', { class: 'primary', text: 'Find path', attrs: { type: 'button' }, data: { testid: 'path-find' }, on: { click: () => on.findPath() } });
    const all = h('input', { attrs: { type: 'checkbox', checked: s.pathAll }, data: { testid: 'path-all' }, on: { change: () => on.setPathAll(all.checked) } });
    const allLabel = h('label', { class: 'hint', title: 'Policy areas group practices; derived links join them by shared wording. Neither is a relation the reports state.' }, all, ' through policy areas and derived links');
    bar.append(h('span', { class: 'mode-title', text: 'Path' }), end('from', 'from'), h('span', { text: '→' }), end('to', 'to'), find, allLabel, h('div', { class: 'path-result', id: 'path-result', attrs: { 'aria-live': 'polite' } }));
  }
}

/** The path found, as a chain of node chips and the relations between them. */
export function renderPath(out: HTMLElement, p: PathResult, byId: ReadonlyMap<string, NodeLite>, ms: number, select: (id: string) => void, all: boolean): void {
  const chain: Array<Node | string> = [];
  p.nodes.forEach((id, i) => {
    const n = byId.get(id);
    if (n) chain.push(nodeChip(n, () => select(id)));
    const e = p.edges[i];
    if (e) chain.push(h('span', { class: 'step', text: e.source === id ? ` ${edgeWord(e.type, 'out')} → ` : ` ← ${edgeWord(e.type, 'out')} ` }));
  });
  const kinds = relationKinds(p).map((t) => edgeWord(t, 'out')).join(', ');
  const scope = all ? 'policy areas and derived links included' : 'policy areas and derived links left out';
  out.append(h('span', { class: 'hint', text: `${p.edges.length} steps (${ms} ms, ${p.visited} nodes searched): ` }), ...chain,
    h('div', { class: 'hint', data: { testid: 'path-kinds' }, text: `Relations used: ${kinds || 'none'}; ${scope}.` }));
}
