// Taking the explorer's view as a ViewState and putting one back: the nodes and relations at
// their places, the expansions (so Collapse still undoes them), filters, layout, language,
// selection and mode. Putting one back is one undo step.
import type cytoscape from 'cytoscape';
import * as api from '../api';
import type { App } from '../app';
import type { LayoutName } from '../graph';
import { merge, stopLayout } from '../graph';
import type { Research } from '../research';
import { VIEW_VERSION, type EdgeTuple, type ViewState } from './viewState';

const r = Math.round;

export function captureView(app: App, research: Research): ViewState {
  const cy = app.cy;
  const nodes = app.mode === 'compare' ? cy.collection() : cy.nodes().not('.column, .placeholder');
  const ids = nodes.map((n) => n.id());
  const index = new Map(ids.map((id, i) => [id, i]));
  const pos: number[] = [];
  nodes.forEach((n) => void pos.push(r(n.position('x')), r(n.position('y'))));
  const edges: EdgeTuple[] = [];
  if (app.mode !== 'compare') {
    cy.edges().forEach((e) => {
      const s = index.get(e.data('source')), t = index.get(e.data('target'));
      if (s === undefined || t === undefined) return;
      const tuple: EdgeTuple = [s, t, String(e.data('type'))];
      const derived = e.data('derived');
      const score = e.data('score');
      if (derived || score != null) tuple.push(derived ? String(derived) : 0);
      if (score != null) tuple.push(Number(score));
      edges.push(tuple);
    });
  }
  const exp: ViewState['exp'] = [];
  for (const [owner, added] of app.expansions) {
    const o = index.get(owner);
    const list = added.map((n) => index.get(n.id())).filter((i): i is number => i !== undefined);
    if (o !== undefined && list.length) exp.push([o, list]);
  }
  const ext = cy.extent();
  const f = app.filters.state();
  const s: ViewState = {
    v: VIEW_VERSION, mode: app.mode, lang: research.lang.lang, nodes: ids, pos, edges, exp,
    hidden: f.hidden, offBureaus: f.offBureaus, offYears: f.offYears, topics: [...research.topics.chosen],
    layout: app.layoutName, extent: [r(ext.x1), r(ext.y1), Math.max(r(ext.x2), r(ext.x1) + 1), Math.max(r(ext.y2), r(ext.y1) + 1)],
  };
  if (app.selected) s.sel = app.selected;
  if (app.mode === 'compare' && app.compareIds) [s.a, s.b] = app.compareIds;
  if (app.mode === 'path') {
    if (app.pathEnds.from) s.from = app.pathEnds.from.id;
    if (app.pathEnds.to) s.to = app.pathEnds.to.id;
  }
  return s;
}

/** What reopening found changed since the view was taken (nodes the graph no longer holds). */
export interface Reopened {
  missing: string[];
}

/** Shows exactly this part of the graph in model coordinates, centred, whatever the screen's size. */
function showExtent(cy: cytoscape.Core, [x1, y1, x2, y2]: ViewState['extent']): void {
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min(cy.width() / (x2 - x1), cy.height() / (y2 - y1))));
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - (zoom * (x1 + x2)) / 2, y: cy.height() / 2 - (zoom * (y1 + y2)) / 2 } });
}

export async function reopenView(app: App, research: Research, s: ViewState): Promise<Reopened> {
  const cy = app.cy;
  if (research.lang.lang !== s.lang) research.lang.set(s.lang);
  research.topics.set(s.topics);
  app.filters.setState(s);
  if (s.mode === 'compare') {
    await app.setMode('compare', { a: s.a, b: s.b, fromUrl: true });
    if (s.sel) await app.select(s.sel, { push: false, center: false });
    return { missing: [] };
  }
  const found = await api.nodesByIds(s.nodes);
  const present = new Set(found.map((n) => n.id));
  const missing = s.nodes.filter((id) => !present.has(id));
  const at = new Map(s.nodes.map((id, i) => [id, { x: s.pos[2 * i], y: s.pos[2 * i + 1] }]));
  const edges: api.EdgeLite[] = [];
  for (const [si, ti, type, derived, score] of s.edges) {
    const source = s.nodes[si], target = s.nodes[ti];
    if (!present.has(source) || !present.has(target)) continue;
    edges.push({ id: `${type}:${source}->${target}`, type, source, target, derived: derived || null, score: score ?? null });
  }
  if (s.mode === 'path') {
    const ends = await api.nodesByIds([s.from, s.to].filter((x): x is string => !!x));
    app.pathEnds = { from: ends.find((n) => n.id === s.from), to: ends.find((n) => n.id === s.to) };
  }
  if (app.mode !== s.mode) await app.setMode(s.mode, { fromUrl: true });
  stopLayout(cy);
  const before = new Map(app.expansions);
  let removed!: cytoscape.CollectionReturnValue;
  let added!: cytoscape.CollectionReturnValue;
  cy.batch(() => {
    removed = cy.elements().remove();
    app.expansions.clear();
    added = merge(cy, { nodes: found, edges });
    cy.nodes().forEach((n) => void n.position(at.get(n.id())!));
  });
  for (const [o, list] of s.exp) {
    const owner = s.nodes[o];
    const nodes = cy.collection(list.map((i) => s.nodes[i]).filter((id) => present.has(id)).map((id) => cy.getElementById(id)) as unknown as cytoscape.CollectionArgument).nodes();
    if (present.has(owner) && nodes.nonempty()) app.expansions.set(owner, nodes);
  }
  app.pushUndo({ label: 'open a saved view', added, removed, undoState: () => {
    app.expansions.clear();
    before.forEach((v, k) => app.expansions.set(k, v));
  } });
  app.layoutName = s.layout as LayoutName;
  const layoutPick = document.querySelector<HTMLSelectElement>('#layout');
  if (layoutPick) layoutPick.value = s.layout;
  app.filters.apply();
  research.topics.apply();
  cy.resize();
  showExtent(cy, s.extent);
  if (s.mode === 'path' && s.from && s.to) {
    await app.findPath();
    showExtent(cy, s.extent);
  }
  if (s.sel && present.has(s.sel)) await app.select(s.sel, { push: false, center: false });
  else app.unselect(false);
  app.viewChanged();
  return { missing };
}
