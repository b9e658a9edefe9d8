// The explorer: wires the graph, the search, the filters, the details panel, the modes
// (explore, compare, path), undo, exports and the URL together. Each concern lives in its module.
import type cytoscape from 'cytoscape';
import * as api from './api';
import type { MentionFull, NodeLite, Related, ReportInfo } from './api';
import { renderCompareSummary, compare, compareElements, type Comparison } from './compare';
import { bindControls, bindKeys, type Mode } from './controls';
import { expandOptions, renderDetails, renderWelcome, type DetailsActions } from './details';
import { $, clear, h } from './dom';
import { Filters } from './filters';
import { centreOn, createCy, edgeData, highlight, merge, runLayout, stopLayout, type LayoutName } from './graph';
import { KeyboardNav } from './keyboardNav';
import { type PathEnds, renderModebar, renderPath } from './modebar';
import { Minimap } from './minimap';
import { practiceEdge, shortestPath } from './path';
import { Reader } from './reader';
import { SearchBox } from './search';
import { readUrl, writeUrl, type UrlState } from './urlState';

export interface UndoStep {
  label: string;
  added?: cytoscape.Collection;
  removed?: cytoscape.Collection;
  /** Puts back the explorer's own bookkeeping (what each expansion added). */
  undoState?: () => void;
}

export interface Timings {
  /** When the bundle started running, the overview was asked for, and answered (ms since navigation). */
  scriptStartMs?: number;
  overviewAskedMs?: number;
  overviewAnsweredMs?: number;
  navigationToFirstGraphMs?: number;
  firstPaint?: { addMs: number; frameMs: number };
  overviewFetchMs?: number;
  lastLayoutMs?: number;
  lastExpand?: { nodes: number; fetchMs: number; addMs: number; layoutMs: number; totalMs: number };
}

export class App {
  readonly cy: cytoscape.Core;
  readonly timings: Timings = {};
  mode: Mode = 'explore';
  selected: string | null = null;
  readonly filters: Filters;
  private readonly reader: Reader;
  private readonly undoStack: UndoStep[] = [];
  /** The nodes each node's expansions brought into the view: what its Collapse takes away again. */
  readonly expansions = new Map<string, cytoscape.NodeCollection>();
  overview: api.Overview | null = null;
  private exploreSaved: cytoscape.Collection | null = null;
  private comparison: Comparison | null = null;
  compareIds: [string, string] | null = null;
  pathEnds: PathEnds = {};
  private pathAll = false;
  /** The bureaus compare mode offers. */
  private agencies: NodeLite[] = [];
  private detailsSeq = 0;
  layoutName: LayoutName = 'fcose';
  /** Set by views/: opens the view a link carries instead of the overview; false when there is none. */
  openingView: (() => Promise<boolean>) | null = null;
  private readonly details = $('#details');
  private readonly status = $('#status');
  private readonly undoBtn = $('#undo') as HTMLButtonElement;
  private readonly modebar = $('#modebar');
  private readonly nav: KeyboardNav;
  ready: Promise<void>;

  constructor(private readonly overviewRequest: Promise<api.Overview> = api.overview(), private readonly overviewAskedAt = performance.now()) {
    this.cy = createCy($('#cy'));
    this.filters = new Filters(this.cy, $('#type-filters'), $('#scope-filters'), () => this.afterFilter());
    this.reader = new Reader($('#reader') as HTMLDialogElement);
    this.nav = new KeyboardNav(this.cy, (text) => void ($('#cy-announce').textContent = text), (id) => void this.select(id, { center: false }));
    new Minimap(this.cy, $('#minimap') as HTMLCanvasElement);
    new SearchBox({ input: $('#search') as HTMLInputElement, list: $('#search-list'), onPick: (s) => void this.go(s.id) });
    api.onBusy((busy) => document.body.classList.toggle('busy', busy));
    this.bindGraph();
    bindControls(this);
    bindKeys(this);
    $('#cy').addEventListener('blur', () => this.nav.blur());
    window.addEventListener('popstate', () => void this.applyUrl(readUrl(), false));
    new ResizeObserver(() => this.cy.resize()).observe($('#cy'));
    this.ready = this.start();
  }

  // ---- start ---------------------------------------------------------------------------------

  private async start(): Promise<void> {
    const t0 = this.overviewAskedAt;
    this.timings.overviewAskedMs = Math.round(t0);
    this.say('Loading the overview…');
    try {
      this.overview = await this.overviewRequest;
      this.timings.overviewAnsweredMs = Math.round(performance.now());
    } catch (e) {
      this.say(`Cannot load the graph: ${(e as Error).message}`, true);
      renderWelcome(this.details, null, [], this.actions);
      return;
    }
    this.timings.overviewFetchMs = Math.round(performance.now() - t0);
    const o = this.overview;
    this.filters.setTotals(o.stats.byType);
    this.filters.setReports(o.reports);
    this.agencies = o.agencies;
    if (this.openingView && (await this.openingView())) {
      document.body.dataset.ready = 'true';
      return;
    }
    const url = readUrl();
    const t1 = performance.now();
    // Hubs first: merge() lays new nodes out on a sunflower spiral, so they start in the middle.
    const deg = new Map<string, number>();
    for (const e of o.graph.edges) for (const id of [e.source, e.target]) deg.set(id, (deg.get(id) ?? 0) + 1);
    const nodes = [...o.graph.nodes].sort((a, b) => (deg.get(b.id) ?? 0) - (deg.get(a.id) ?? 0));
    this.cy.batch(() => merge(this.cy, { nodes, edges: o.graph.edges }));
    this.filters.apply();
    this.cy.fit(undefined, 30);
    const t2 = performance.now();
    // That spiral is on screen at once; the force layout then settles it (animated).
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    this.timings.firstPaint = { addMs: Math.round(t2 - t1), frameMs: Math.round(performance.now() - t2) };
    this.timings.navigationToFirstGraphMs = Math.round(performance.now());
    document.body.dataset.ready = 'overview';
    this.timings.lastLayoutMs = await runLayout(this.cy, { name: 'fcose', animate: true });
    this.say(`Overview: ${o.agencies.length} bureaus, their reforms and the platforms and units those use · ${this.counts()}`);
    if (!url.node && url.mode !== 'compare') renderWelcome(this.details, o.stats, o.reports, this.actions);
    await this.applyUrl(url, true);
    document.body.dataset.ready = 'true';
  }

  private async applyUrl(given: UrlState, initial: boolean): Promise<void> {
    const s = await this.storedState(given);
    if (s.mode === 'compare') {
      await this.setMode('compare', { a: s.a, b: s.b, fromUrl: true });
      if (s.node) await this.select(s.node, { push: false });
      return;
    }
    if (this.mode === 'compare') await this.setMode(s.mode ?? 'explore', { fromUrl: true });
    else if ((s.mode ?? 'explore') !== this.mode) await this.setMode(s.mode ?? 'explore', { fromUrl: true });
    if (s.mode === 'path' && s.from && s.to) {
      const [from, to] = await api.nodesByIds([s.from, s.to]);
      if (from && to) {
        this.pathEnds = { from, to };
        this.renderModebar();
        await this.findPath();
      }
    }
    if (s.node) await this.select(s.node, { push: false });
    else if (!initial) this.unselect(false);
  }

  /** The URL's ids as stored (a shared link may spell them in Traditional characters); the address bar is corrected in place. */
  private async storedState(s: UrlState): Promise<UrlState> {
    const keys = (['node', 'a', 'b', 'from', 'to'] as const).filter((k) => s[k]);
    if (!keys.length) return s;
    const ids = await api.storedIds(keys.map((k) => s[k]!));
    if (keys.every((k, i) => s[k] === ids[i])) return s;
    const out = { ...s };
    keys.forEach((k, i) => (out[k] = ids[i]));
    writeUrl(out, true);
    return out;
  }

  private url(): UrlState {
    const s: UrlState = { mode: this.mode };
    if (this.selected) s.node = this.selected;
    if (this.mode === 'compare' && this.compareIds) [s.a, s.b] = this.compareIds;
    if (this.mode === 'path') {
      s.from = this.pathEnds.from?.id;
      s.to = this.pathEnds.to?.id;
    }
    return s;
  }

  // ---- selection -----------------------------------------------------------------------------

  /** Goes to a node from anywhere (search, a chip, a related reform): in the view, selected, centred. */
  async go(id: string, from?: { related: Related; of: string }): Promise<void> {
    if (this.mode === 'compare' && this.cy.getElementById(id).empty()) await this.setMode('explore');
    if (from && this.mode !== 'compare') {
      await this.ensure(id);
      const eid = `RELATED_TO:${from.of}->${id}`;
      if (this.cy.getElementById(eid).empty() && this.cy.getElementById(from.of).nonempty()) {
        const added = this.cy.add({ group: 'edges', data: edgeData({ id: eid, type: 'RELATED_TO', source: from.of, target: id, derived: 'relatedReforms', score: from.related.score }) });
        this.lastAdded(added);
      }
    }
    await this.select(id);
  }

  async select(id: string, o: { push?: boolean; center?: boolean } = {}): Promise<void> {
    this.selected = id;
    if (o.push !== false) writeUrl(this.url());
    if (this.mode !== 'compare') await this.ensure(id);
    this.cy.nodes().unselect();
    highlight(this.cy, id);
    if (o.center !== false) centreOn(this.cy, id);
    await this.showDetails(id);
  }

  unselect(push = true): void {
    this.selected = null;
    highlight(this.cy, null);
    if (push) writeUrl(this.url());
    if (this.mode === 'compare' && this.comparison) renderCompareSummary(this.details, this.comparison, (nid) => void this.go(nid));
    else if (this.overview) renderWelcome(this.details, this.overview.stats, this.overview.reports, this.actions);
  }

  /** Puts a node in the view if it is not there: with a few of its neighbours, so it is connected. */
  private async ensure(id: string): Promise<void> {
    if (this.cy.getElementById(id).nonempty()) return;
    const g = await api.neighborhood(id, 1, undefined, 25);
    if (!g.nodes.length) return;
    const anchor = g.nodes.find((n) => n.id !== id && this.cy.getElementById(n.id).nonempty());
    const added = merge(this.cy, g, anchor?.id);
    this.filters.apply();
    if (added.nonempty()) {
      this.pushUndo({ label: `add ${g.nodes.find((n) => n.id === id)?.name ?? id}`, added });
      await this.relayout(added);
    }
  }

  private async showDetails(id: string): Promise<void> {
    const seq = ++this.detailsSeq;
    this.details.setAttribute('aria-busy', 'true');
    try {
      const d = await api.details(id);
      if (seq !== this.detailsSeq) return;
      if (!d) {
        clear(this.details);
        this.details.append(h('p', { class: 'hint', text: `No node ${id} in the graph.` }));
        this.say(`No node “${id}” in the graph`, true);
        return;
      }
      const view = renderDetails(this.details, d, this.actions);
      if (this.mode === 'compare' && this.comparison) {
        this.details.prepend(h('button', { class: 'link back', text: '← back to the comparison', attrs: { type: 'button' }, on: { click: () => this.unselect() } }));
      }
      document.title = `${d.name} · Policing-reform knowledge graph`;
      if (d.type === 'REFORM') {
        const rel = await api.relatedReforms(id, 10).catch(() => []);
        if (seq === this.detailsSeq) view.setRelated(rel);
      }
    } catch (e) {
      if (seq === this.detailsSeq) this.say(`Cannot load details: ${(e as Error).message}`, true);
    } finally {
      if (seq === this.detailsSeq) this.details.removeAttribute('aria-busy');
    }
  }

  private readonly actions: DetailsActions = {
    go: (id, from) => void this.go(id, from),
    expand: (id) => void this.expand(id),
    collapse: (id) => this.collapse(id),
    remove: (id) => this.remove(id),
    pathFrom: (id) => void this.pathFrom(id),
    read: (m: MentionFull, all: MentionFull[]) => void this.reader.open(m.report, m, all),
    readReport: (r: ReportInfo) => void this.reader.open(r),
    inView: (id) => this.cy.getElementById(id).nonempty(),
  };

  // ---- expand, collapse, undo ----------------------------------------------------------------

  async expand(id: string): Promise<void> {
    if (this.mode === 'compare') await this.setMode('explore');
    const t0 = performance.now();
    const g = await api.neighborhood(id, expandOptions.depth, expandOptions.types, expandOptions.limit);
    const t1 = performance.now();
    this.cy.nodes('.new').removeClass('new');
    const added = merge(this.cy, g, id, 'new');
    // Highlight before the filters compute every element's style: one style pass, not two.
    if (added.nonempty()) {
      this.selected = id;
      highlight(this.cy, id);
    }
    this.filters.apply();
    const t2 = performance.now();
    const name = g.nodes.find((n) => n.id === id)?.name ?? id;
    if (added.empty()) {
      this.say(`${name}: nothing more to add at depth ${expandOptions.depth}`);
      return;
    }
    const before = this.expansions.get(id);
    this.expansions.set(id, before ? before.union(added.nodes()) : added.nodes());
    this.pushUndo({ label: `expand ${name}`, added, undoState: () => this.setExpansion(id, before) });
    const layoutMs = await this.relayout(added);
    const totalMs = Math.round(performance.now() - t0);
    this.timings.lastExpand = { nodes: this.cy.nodes().length, fetchMs: Math.round(t1 - t0), addMs: Math.round(t2 - t1), layoutMs, totalMs };
    this.say(`Expanded ${name}: +${added.nodes().length} nodes, +${added.edges().length} relations (${totalMs} ms) · ${this.counts()}`);
    if (this.selected === id && this.details.dataset.node !== id) await this.showDetails(id);
  }

  /** Lays out after an addition: small views move smoothly, large ones get a fast draft. */
  private async relayout(added: cytoscape.Collection): Promise<number> {
    const n = this.cy.nodes().length;
    if (n > 1500) return (this.timings.lastLayoutMs = await runLayout(this.cy, { name: 'fcose', randomize: false, fresh: added, fit: true }));
    const ms = await runLayout(this.cy, { name: this.layoutName, randomize: false, fresh: added, animate: n < 500, fit: added.nodes().length > 40, root: this.selected ?? undefined });
    this.timings.lastLayoutMs = ms;
    return ms;
  }

  private setExpansion(id: string, nodes: cytoscape.NodeCollection | undefined): void {
    if (nodes) this.expansions.set(id, nodes);
    else this.expansions.delete(id);
  }

  /**
   * What collapsing a node takes away: the nodes its expansions added, and what expansions of
   * those added in turn, except nodes an expansion of some other node in view also brought.
   */
  private expandedFrom(id: string): cytoscape.NodeCollection {
    let out = this.cy.collection().nodes();
    const owners = [id];
    const gone = new Set([id]);
    for (let i = 0; i < owners.length; i++) {
      this.expansions.get(owners[i])?.forEach((x) => {
        if (!x.inside() || gone.has(x.id())) return;
        gone.add(x.id());
        out = out.union(x);
        owners.push(x.id());
      });
    }
    const kept = new Set<string>();
    for (const [owner, nodes] of this.expansions) {
      if (gone.has(owner) || this.cy.getElementById(owner).empty()) continue;
      nodes.forEach((x) => void kept.add(x.id()));
    }
    return out.filter((x) => !kept.has(x.id()));
  }

  collapse(id: string): void {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    const expanded = this.expandedFrom(id);
    if (expanded.nonempty()) {
      const owned = new Map([id, ...expanded.map((x) => x.id())].filter((o) => this.expansions.has(o)).map((o) => [o, this.expansions.get(o)!] as const));
      const removed = expanded.union(expanded.connectedEdges()).remove();
      for (const o of owned.keys()) this.expansions.delete(o);
      this.pushUndo({ label: `collapse ${n.data('name')}`, removed, undoState: () => owned.forEach((nodes, o) => this.expansions.set(o, nodes)) });
      if (this.selected && this.cy.getElementById(this.selected).empty()) this.unselect();
      this.say(`Collapsed ${n.data('name')}: −${expanded.length} nodes its expansion added · ${this.counts()}`);
      return;
    }
    // Not expanded here (the overview, a path): what hangs on this node alone.
    const leaves = n.neighborhood().nodes().filter((x) => x.degree(false) <= 1 && x.data('type') !== 'AGENCY');
    if (leaves.empty()) return this.say('Nothing hangs only on this node');
    const removed = leaves.union(leaves.connectedEdges()).remove();
    this.pushUndo({ label: `collapse ${n.data('name')}`, removed });
    this.say(`Collapsed ${n.data('name')}: −${leaves.length} nodes`);
  }

  remove(id: string): void {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    const removed = n.union(n.connectedEdges()).remove();
    this.pushUndo({ label: `remove ${n.data('name')}`, removed });
    if (this.selected === id) this.unselect();
    this.say(`Removed ${n.data('name')} from the view (Ctrl+Z brings it back)`);
  }

  pushUndo(step: UndoStep): void {
    this.undoStack.push(step);
    if (this.undoStack.length > 50) this.undoStack.shift();
    this.refreshUndo();
  }

  /** Adds elements to the most recent undo step (an edge drawn together with a node). */
  private lastAdded(eles: cytoscape.Collection): void {
    const last = this.undoStack[this.undoStack.length - 1];
    if (last?.added) last.added = last.added.union(eles);
    else this.pushUndo({ label: 'add relation', added: eles });
  }

  undo(): void {
    if (this.mode === 'compare') return;
    const step = this.undoStack.pop();
    if (!step) return;
    if (step.added) this.cy.remove(step.added.filter((e) => e.inside()));
    step.undoState?.();
    if (step.removed) step.removed.filter((e) => e.removed() && (e.isNode() || (this.cy.getElementById(e.data('source')).nonempty() && this.cy.getElementById(e.data('target')).nonempty()))).restore();
    this.filters.apply();
    if (this.selected && this.cy.getElementById(this.selected).empty()) this.unselect();
    else highlight(this.cy, this.selected);
    this.refreshUndo();
    this.say(`Undid ${step.label} · ${this.counts()}`);
  }

  private refreshUndo(): void {
    const last = this.undoStack[this.undoStack.length - 1];
    this.undoBtn.disabled = !last || this.mode === 'compare';
    this.undoBtn.title = last ? `Undo ${last.label} (Ctrl+Z)` : 'Nothing to undo';
  }

  // ---- modes ---------------------------------------------------------------------------------

  async setMode(mode: Mode, o: { a?: string; b?: string; fromUrl?: boolean } = {}): Promise<void> {
    const was = this.mode;
    if (was !== mode) stopLayout(this.cy);
    if (was === 'compare' && mode !== 'compare') {
      this.cy.elements().remove();
      this.exploreSaved?.restore();
      this.exploreSaved = null;
      this.filters.apply();
      this.cy.fit(undefined, 30);
    }
    this.mode = mode;
    document.body.dataset.mode = mode;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.modes [data-mode]')) b.setAttribute('aria-selected', String(b.dataset.mode === mode));
    this.renderModebar();
    if (mode === 'compare') {
      if (was !== 'compare') this.exploreSaved = this.cy.elements().remove();
      const ags = this.overview?.agencies ?? [];
      const a = o.a ?? this.compareIds?.[0] ?? ags[0]?.id;
      const b = o.b ?? this.compareIds?.[1] ?? ags.find((x) => x.id !== a)?.id;
      if (a && b) await this.compare(a, b, !o.fromUrl);
    } else {
      if (was === 'compare') {
        this.selected = null;
        if (this.overview) renderWelcome(this.details, this.overview.stats, this.overview.reports, this.actions);
      }
      if (!o.fromUrl) writeUrl(this.url());
    }
    this.refreshUndo();
  }

  async compare(a: string, b: string, push = true): Promise<void> {
    this.compareIds = [a, b];
    this.renderModebar();
    const [pa, pb] = await api.practices([a, b]);
    if (!pa || !pb) return this.say('Choose two bureaus that are in the graph', true);
    this.comparison = compare(pa, pb);
    stopLayout(this.cy);
    this.cy.elements().remove();
    this.cy.add(compareElements(this.comparison, (t) => !this.filters.hiddenTypes.has(t), { width: this.cy.width(), height: this.cy.height() }));
    this.filters.apply();
    this.cy.resize();
    this.cy.fit(undefined, 40);
    this.selected = null;
    renderCompareSummary(this.details, this.comparison, (id) => void this.go(id));
    if (push) writeUrl(this.url());
    this.say(`${pa.agency.name} ⟷ ${pb.agency.name}: ${this.comparison.shared.length} shared, ${this.comparison.onlyA.length} and ${this.comparison.onlyB.length} of their own`);
  }

  private renderModebar(): void {
    renderModebar(this.modebar, { mode: this.mode, agencies: this.agencies, compareIds: this.compareIds, pathEnds: this.pathEnds, pathAll: this.pathAll }, {
      compare: (a, b) => void this.compare(a, b),
      pickEnd: (which, n) => {
        this.pathEnds[which] = n;
        if (this.pathEnds.from && this.pathEnds.to) void this.findPath();
      },
      findPath: () => void this.findPath(),
      setPathAll: (all) => {
        this.pathAll = all;
        if (this.pathEnds.from && this.pathEnds.to) void this.findPath();
      },
    });
  }

  async pathFrom(id: string): Promise<void> {
    const [n] = await api.nodesByIds([id]);
    if (n) this.pathEnds = { from: n, to: this.pathEnds.to?.id === id ? undefined : this.pathEnds.to };
    await this.setMode('path');
    (this.modebar.querySelector('[data-testid="path-to"]') as HTMLInputElement | null)?.focus();
  }

  async findPath(): Promise<void> {
    const { from, to } = this.pathEnds;
    const out = $('#path-result');
    if (!from || !to) {
      out.textContent = 'Choose both ends.';
      return;
    }
    out.textContent = 'Searching…';
    writeUrl(this.url());
    const t0 = performance.now();
    const p = await shortestPath(from.id, to.id, api.adjacency, { maxLength: 8, accept: this.pathAll ? undefined : practiceEdge });
    clear(out);
    if (!p) {
      out.textContent = `No connection within 8 steps between ${from.name} and ${to.name}${this.pathAll ? '' : ' (policy areas and derived links left out)'}.`;
      return;
    }
    const nodes = await api.nodesByIds(p.nodes);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const added = merge(this.cy, { nodes, edges: p.edges }, this.cy.getElementById(from.id).nonempty() ? from.id : undefined);
    this.filters.apply();
    if (added.nonempty()) {
      this.pushUndo({ label: `path ${from.name} → ${to.name}`, added });
      await this.relayout(added);
    }
    const ids = new Set([...p.nodes, ...p.edges.map((e) => e.id)]);
    this.cy.batch(() => {
      this.cy.elements().removeClass('path focus hl faded');
      this.cy.elements().forEach((e) => void (ids.has(e.id()) ? e.addClass('path') : e.addClass('faded')));
    });
    renderPath(out, p, byId, Math.round(performance.now() - t0), (id) => void this.select(id), this.pathAll);
    // The result line changes the canvas height: fit once the page has settled.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    this.cy.resize();
    this.cy.animate({ fit: { eles: this.cy.elements('.path'), padding: 60 } }, { duration: 300 });
    this.say(`Path ${from.name} → ${to.name}: ${p.edges.length} steps · ${this.counts()}`);
    out.dataset.length = String(p.edges.length);
  }

  // ---- wiring --------------------------------------------------------------------------------

  private bindGraph(): void {
    const cy = this.cy;
    cy.on('tap', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      if (n.hasClass('column') || n.hasClass('placeholder')) return;
      void this.select(n.id(), { center: false });
    });
    cy.on('dbltap', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      if (!n.hasClass('column') && !n.hasClass('placeholder')) void this.expand(n.id());
    });
    cy.on('tap', (e) => {
      if (e.target === cy && this.selected) this.unselect();
    });
    const tip = $('#tooltip');
    cy.on('mouseover', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      if (n.hasClass('column')) return;
      tip.textContent = n.data('nameEn') ? `${n.data('name')} — ${n.data('nameEn')}` : n.data('name');
      const p = n.renderedPosition();
      tip.style.left = `${Math.round(p.x + 14)}px`;
      tip.style.top = `${Math.round(p.y - 10)}px`;
      tip.hidden = false;
    });
    cy.on('mouseout viewport', () => void (tip.hidden = true));
  }

  /** Lays the view out again with the chosen layout (not in compare mode, whose columns are fixed). */
  layoutAgain(name: LayoutName = this.layoutName): void {
    this.layoutName = name;
    if (this.mode !== 'compare') void runLayout(this.cy, { name, animate: true, root: this.selected ?? undefined }).then((ms) => (this.timings.lastLayoutMs = ms));
  }

  /** Keyboard moves between nodes (KeyboardNav); true when the key was one of its keys. */
  navKey(e: KeyboardEvent): boolean {
    return this.nav.key(e, this.selected);
  }

  /** The graph changed on the server (another page, the CLI): counts, lists and the overview's new parts follow. */
  async refreshOverview(o: api.Overview): Promise<void> {
    this.overview = o;
    this.agencies = o.agencies;
    this.filters.setTotals(o.stats.byType);
    this.filters.setReports(o.reports);
    if (this.mode === 'compare' && this.compareIds) await this.compare(...this.compareIds, false);
    else {
      this.cy.nodes('.new').removeClass('new');
      const added = merge(this.cy, o.graph, undefined, 'new');
      this.filters.apply();
      if (added.nonempty()) await this.relayout(added);
    }
    if (!this.selected && this.mode !== 'compare') renderWelcome(this.details, o.stats, o.reports, this.actions);
    this.viewChanged();
  }

  async resetView(): Promise<void> {
    if (!this.overview) return;
    if (this.mode !== 'explore') await this.setMode('explore');
    const removed = this.cy.elements().remove();
    this.pushUndo({ label: 'reset', removed });
    merge(this.cy, this.overview.graph);
    this.filters.apply();
    this.unselect();
    await runLayout(this.cy, { name: 'fcose', animate: false });
  }

  private afterFilter(): void {
    if (this.mode === 'compare' && this.comparison) {
      this.cy.elements().remove();
      this.cy.add(compareElements(this.comparison, (t) => !this.filters.hiddenTypes.has(t), { width: this.cy.width(), height: this.cy.height() }));
      this.filters.apply();
      this.cy.fit(undefined, 40);
    }
    highlight(this.cy, this.selected);
    this.viewChanged();
  }

  /** After anything hides or shows elements (a filter of the app's or of an extension): counts say what is visible. */
  viewChanged(): void {
    this.filters.refreshCounts();
    this.say(this.counts());
  }

  private counts(): string {
    const n = this.cy.nodes(':visible').not('.column, .placeholder').length;
    const e = this.cy.edges(':visible').length;
    return `${n} nodes · ${e} relations in view`;
  }

  say(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }
}
