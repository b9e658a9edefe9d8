// The explorer: owns the graph view and the selection, and wires the parts together: search,
// filters, the details panel (detailsPanel.ts), the modes (modes.ts), undo (undo.ts), what
// expansions added (expansions.ts), the address bar (urlSync.ts) and the canvas's pointer events.
import type cytoscape from 'cytoscape';
import * as api from './api';
import type { MentionFull, Related, ReportInfo } from './api';
import { bindCanvas } from './canvasEvents';
import type { Comparison } from './compare';
import { bindControls, bindKeys, type Mode } from './controls';
import { expandOptions, type DetailsActions } from './details';
import { DetailsPanel } from './detailsPanel';
import { $ } from './dom';
import { collapseNode, recordExpansion, type Expansions } from './expansions';
import { Filters } from './filters';
import { centreOn, createCy, drawNextFrameDirectly, edgeData, fitNodes, highlight, merge, runLayout, type LayoutName } from './graph';
import { KeyboardNav } from './keyboardNav';
import { Minimap } from './minimap';
import type { PathEnds } from './modebar';
import { Modes } from './modes';
import { Reader } from './reader';
import { SearchBox } from './search';
import { UndoStack, type UndoStep } from './undo';
import { readUrl, writeUrl, type UrlState } from './urlState';
import { applyUrl } from './urlSync';

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
  selected: string | null = null;
  readonly filters: Filters;
  readonly modes: Modes;
  private readonly reader: Reader;
  private readonly undos: UndoStack;
  /** The nodes each node's expansions brought into the view: what its Collapse takes away again. */
  readonly expansions: Expansions = new Map();
  overview: api.Overview | null = null;
  layoutName: LayoutName = 'fcose';
  /** Set by views/: opens the view a link carries instead of the overview; false when there is none. */
  openingView: (() => Promise<boolean>) | null = null;
  private readonly details: DetailsPanel;
  private readonly status = $('#status');
  private readonly nav: KeyboardNav;
  ready: Promise<void>;
  /** Settles once the first graph is on screen (or the start gave up): what can wait for it, waits. */
  readonly firstGraph: Promise<void>;
  private drawn: () => void = () => undefined;

  constructor(private readonly overviewRequest: Promise<api.Overview> = api.overview(), private readonly overviewAskedAt = performance.now()) {
    this.cy = createCy($('#cy'));
    this.filters = new Filters(this.cy, $('#type-filters'), $('#scope-filters'), () => this.afterFilter());
    this.modes = new Modes(this, $('#modebar'));
    this.undos = new UndoStack(this.cy, $('#undo') as HTMLButtonElement, () => this.mode === 'compare');
    this.details = new DetailsPanel($('#details'), this.actions, { say: (text, error) => this.say(text, error), comparison: () => this.modes.activeComparison, back: () => this.unselect() });
    this.reader = new Reader($('#reader') as HTMLDialogElement);
    this.nav = new KeyboardNav(this.cy, (text) => void ($('#cy-announce').textContent = text), (id) => void this.select(id, { center: false }));
    new Minimap(this.cy, $('#minimap') as HTMLCanvasElement);
    new SearchBox({ input: $('#search') as HTMLInputElement, list: $('#search-list'), onPick: (s) => void this.go(s.id) });
    api.onBusy((busy) => document.body.classList.toggle('busy', busy));
    bindCanvas(this.cy, $('#tooltip'), {
      select: (id) => void this.select(id, { center: false }),
      expand: (id) => void this.expand(id),
      unselect: () => this.selected && this.unselect(),
    });
    bindControls(this);
    bindKeys(this);
    $('#cy').addEventListener('blur', () => this.nav.blur());
    window.addEventListener('popstate', () => void applyUrl(this, readUrl(), false));
    new ResizeObserver(() => this.cy.resize()).observe($('#cy'));
    this.firstGraph = new Promise((resolve) => (this.drawn = resolve));
    this.ready = this.start().finally(() => this.drawn());
  }

  // ---- the modes' state, as views/, upload/ and the controls read it ------------------------------

  get mode(): Mode {
    return this.modes.mode;
  }
  get compareIds(): [string, string] | null {
    return this.modes.compareIds;
  }
  get pathEnds(): PathEnds {
    return this.modes.pathEnds;
  }
  set pathEnds(ends: PathEnds) {
    this.modes.pathEnds = ends;
  }
  setMode(mode: Mode, o: { a?: string; b?: string; fromUrl?: boolean } = {}): Promise<void> {
    return this.modes.setMode(mode, o);
  }
  compare(a: string, b: string, push = true): Promise<void> {
    return this.modes.compare(a, b, push);
  }
  pathFrom(id: string): Promise<void> {
    return this.modes.pathFrom(id);
  }
  findPath(): Promise<void> {
    return this.modes.findPath();
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
      this.details.welcome(null);
      return;
    }
    this.timings.overviewFetchMs = Math.round(performance.now() - t0);
    const o = this.overview;
    this.filters.setTotals(o.stats.byType);
    this.filters.setReports(o.reports);
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
    fitNodes(this.cy, 30);
    const t2 = performance.now();
    // That spiral is on screen at once; the force layout then settles it (animated).
    const cachesBack = drawNextFrameDirectly(this.cy);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    cachesBack();
    this.timings.firstPaint = { addMs: Math.round(t2 - t1), frameMs: Math.round(performance.now() - t2) };
    this.timings.navigationToFirstGraphMs = Math.round(performance.now());
    document.body.dataset.ready = 'overview';
    this.drawn();
    this.timings.lastLayoutMs = await runLayout(this.cy, { name: 'fcose', animate: true });
    this.say(`Overview: ${o.agencies.length} bureaus, their reforms and the platforms and units those use · ${this.counts()}`);
    if (!url.node && url.mode !== 'compare') this.details.welcome(o);
    await applyUrl(this, url, true);
    document.body.dataset.ready = 'true';
  }

  /** The address bar's state for the view as it is. */
  private url(): UrlState {
    const s = this.modes.urlState();
    if (this.selected) s.node = this.selected;
    return s;
  }

  pushUrl(): void {
    writeUrl(this.url());
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
        this.undos.addToLast(added);
      }
    }
    await this.select(id);
  }

  async select(id: string, o: { push?: boolean; center?: boolean } = {}): Promise<void> {
    this.selected = id;
    if (o.push !== false) this.pushUrl();
    if (this.mode !== 'compare') await this.ensure(id);
    this.cy.nodes().unselect();
    highlight(this.cy, id);
    if (o.center !== false) centreOn(this.cy, id);
    await this.details.show(id);
  }

  unselect(push = true): void {
    this.selected = null;
    highlight(this.cy, null);
    if (push) this.pushUrl();
    const c = this.modes.activeComparison;
    if (c) this.showComparison(c);
    else this.welcome();
  }

  /** The details panel's welcome, once the overview is there. */
  welcome(): void {
    if (this.overview) this.details.welcome(this.overview);
  }

  showComparison(c: Comparison): void {
    this.details.comparisonSummary(c, (id) => void this.go(id));
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

  // ---- expand, collapse, remove, undo --------------------------------------------------------

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
    const undoState = recordExpansion(this.expansions, id, added.nodes());
    this.pushUndo({ label: `expand ${name}`, added, undoState });
    const layoutMs = await this.relayout(added);
    const totalMs = Math.round(performance.now() - t0);
    this.timings.lastExpand = { nodes: this.cy.nodes().length, fetchMs: Math.round(t1 - t0), addMs: Math.round(t2 - t1), layoutMs, totalMs };
    this.say(`Expanded ${name}: +${added.nodes().length} nodes, +${added.edges().length} relations (${totalMs} ms) · ${this.counts()}`);
    if (this.selected === id && this.details.shown !== id) await this.details.show(id);
  }

  /** Lays out after an addition: small views move smoothly, large ones get a fast draft. */
  async relayout(added: cytoscape.Collection): Promise<number> {
    const n = this.cy.nodes().length;
    if (n > 1500) return (this.timings.lastLayoutMs = await runLayout(this.cy, { name: 'fcose', randomize: false, fresh: added, fit: true }));
    const ms = await runLayout(this.cy, { name: this.layoutName, randomize: false, fresh: added, animate: n < 500, fit: added.nodes().length > 40, root: this.selected ?? undefined });
    this.timings.lastLayoutMs = ms;
    return ms;
  }

  collapse(id: string): void {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    const c = collapseNode(this.cy, this.expansions, n);
    if (!c) return this.say('Nothing hangs only on this node');
    this.pushUndo({ label: `collapse ${n.data('name')}`, removed: c.removed, undoState: c.undoState });
    if (!c.expanded) return this.say(`Collapsed ${n.data('name')}: −${c.nodes} nodes`);
    if (this.selected && this.cy.getElementById(this.selected).empty()) this.unselect();
    this.say(`Collapsed ${n.data('name')}: −${c.nodes} nodes its expansion added · ${this.counts()}`);
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
    this.undos.push(step);
  }

  refreshUndo(): void {
    this.undos.refresh();
  }

  undo(): void {
    if (this.mode === 'compare') return;
    const step = this.undos.undo();
    if (!step) return;
    this.filters.apply();
    if (this.selected && this.cy.getElementById(this.selected).empty()) this.unselect();
    else highlight(this.cy, this.selected);
    this.undos.refresh();
    this.say(`Undid ${step.label} · ${this.counts()}`);
  }

  // ---- the view as a whole -------------------------------------------------------------------

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
    // Only what the overview did not hold before joins the view: what the user took away stays away.
    const knownNodes = new Set(this.overview?.graph.nodes.map((n) => n.id));
    const knownEdges = new Set(this.overview?.graph.edges.map((e) => e.id));
    const fresh = { nodes: o.graph.nodes.filter((n) => !knownNodes.has(n.id)), edges: o.graph.edges.filter((e) => !knownEdges.has(e.id)) };
    this.overview = o;
    this.filters.setTotals(o.stats.byType);
    this.filters.setReports(o.reports);
    if (this.mode === 'compare' && this.compareIds) await this.compare(...this.compareIds, false);
    else {
      this.cy.nodes('.new').removeClass('new');
      const added = merge(this.cy, fresh, undefined, 'new');
      this.filters.apply();
      if (added.nonempty()) await this.relayout(added);
    }
    if (!this.selected && this.mode !== 'compare') this.details.welcome(o);
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
    this.modes.refilter();
    highlight(this.cy, this.selected);
    this.viewChanged();
  }

  /** After anything hides or shows elements (a filter of the app's or of an extension): counts say what is visible. */
  viewChanged(): void {
    this.filters.refreshCounts();
    this.say(this.counts());
  }

  counts(): string {
    const n = this.cy.nodes(':visible').not('.column, .placeholder').length;
    const e = this.cy.edges(':visible').length;
    return `${n} nodes · ${e} relations in view`;
  }

  say(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }
}
