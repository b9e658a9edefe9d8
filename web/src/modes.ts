// The explorer's modes: explore (the view the user builds), compare (two bureaus side by side,
// in a view of its own: the explore view is put aside and comes back unchanged) and path (the
// shortest connection between two nodes, added to the explore view). The mode bar is drawn by
// modebar.ts; what its choices do is here.
import type cytoscape from 'cytoscape';
import * as api from './api';
import { compare, compareElements, type Comparison } from './compare';
import type { Mode } from './controls';
import { $, clear } from './dom';
import type { Filters } from './filters';
import { merge, stopLayout } from './graph';
import { type PathEnds, renderModebar, renderPath } from './modebar';
import { practiceEdge, shortestPath } from './path';
import type { UndoStep } from './undo';
import type { UrlState } from './urlState';

/** What the modes ask of the explorer (App). */
export interface ModeHost {
  readonly cy: cytoscape.Core;
  readonly filters: Filters;
  readonly overview: api.Overview | null;
  selected: string | null;
  select(id: string): Promise<void>;
  go(id: string): Promise<void>;
  /** The details panel's welcome (no node selected). */
  welcome(): void;
  showComparison(c: Comparison): void;
  /** A new history entry for the view as it now is. */
  pushUrl(): void;
  pushUndo(step: UndoStep): void;
  refreshUndo(): void;
  relayout(added: cytoscape.Collection): Promise<number>;
  say(text: string, error?: boolean): void;
  counts(): string;
}

export class Modes {
  mode: Mode = 'explore';
  compareIds: [string, string] | null = null;
  pathEnds: PathEnds = {};
  /** Whether a path may run through policy areas and derived links. */
  private pathAll = false;
  private comparison: Comparison | null = null;
  /** The explore view, put aside while compare mode shows its own. */
  private exploreSaved: cytoscape.Collection | null = null;

  constructor(private readonly host: ModeHost, private readonly bar: HTMLElement) {}

  /** The comparison on screen: null outside compare mode. */
  get activeComparison(): Comparison | null {
    return this.mode === 'compare' ? this.comparison : null;
  }

  /** The mode's part of the address bar. */
  urlState(): UrlState {
    const s: UrlState = { mode: this.mode };
    if (this.mode === 'compare' && this.compareIds) [s.a, s.b] = this.compareIds;
    if (this.mode === 'path') {
      s.from = this.pathEnds.from?.id;
      s.to = this.pathEnds.to?.id;
    }
    return s;
  }

  async setMode(mode: Mode, o: { a?: string; b?: string; fromUrl?: boolean } = {}): Promise<void> {
    const { cy, filters } = this.host;
    const was = this.mode;
    if (was !== mode) stopLayout(cy);
    if (was === 'compare' && mode !== 'compare') {
      cy.elements().remove();
      this.exploreSaved?.restore();
      this.exploreSaved = null;
      filters.apply();
      cy.fit(undefined, 30);
    }
    this.mode = mode;
    document.body.dataset.mode = mode;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.modes [data-mode]')) b.setAttribute('aria-selected', String(b.dataset.mode === mode));
    this.renderBar();
    if (mode === 'compare') {
      if (was !== 'compare') this.exploreSaved = cy.elements().remove();
      const ags = this.host.overview?.agencies ?? [];
      const a = o.a ?? this.compareIds?.[0] ?? ags[0]?.id;
      const b = o.b ?? this.compareIds?.[1] ?? ags.find((x) => x.id !== a)?.id;
      if (a && b) await this.compare(a, b, !o.fromUrl);
    } else {
      if (was === 'compare') {
        this.host.selected = null;
        this.host.welcome();
      }
      if (!o.fromUrl) this.host.pushUrl();
    }
    this.host.refreshUndo();
  }

  async compare(a: string, b: string, push = true): Promise<void> {
    const { cy, filters } = this.host;
    this.compareIds = [a, b];
    this.renderBar();
    const [pa, pb] = await api.practices([a, b]);
    if (!pa || !pb) return this.host.say('Choose two bureaus that are in the graph', true);
    const c = (this.comparison = compare(pa, pb));
    stopLayout(cy);
    cy.elements().remove();
    cy.add(compareElements(c, (t) => !filters.hiddenTypes.has(t), { width: cy.width(), height: cy.height() }));
    filters.apply();
    cy.resize();
    cy.fit(undefined, 40);
    this.host.selected = null;
    this.host.showComparison(c);
    if (push) this.host.pushUrl();
    this.host.say(`${pa.agency.name} ⟷ ${pb.agency.name}: ${c.shared.length} shared, ${c.onlyA.length} and ${c.onlyB.length} of their own`);
  }

  /** After a type filter changed: compare mode's columns are drawn again without the hidden types. */
  refilter(): void {
    const c = this.activeComparison;
    if (!c) return;
    const { cy, filters } = this.host;
    cy.elements().remove();
    cy.add(compareElements(c, (t) => !filters.hiddenTypes.has(t), { width: cy.width(), height: cy.height() }));
    filters.apply();
    cy.fit(undefined, 40);
  }

  renderBar(): void {
    renderModebar(this.bar, { mode: this.mode, agencies: this.host.overview?.agencies ?? [], compareIds: this.compareIds, pathEnds: this.pathEnds, pathAll: this.pathAll }, {
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

  /** Path mode with the node as its start, the other end to be chosen. */
  async pathFrom(id: string): Promise<void> {
    const [n] = await api.nodesByIds([id]);
    if (n) this.pathEnds = { from: n, to: this.pathEnds.to?.id === id ? undefined : this.pathEnds.to };
    await this.setMode('path');
    (this.bar.querySelector('[data-testid="path-to"]') as HTMLInputElement | null)?.focus();
  }

  async findPath(): Promise<void> {
    const { cy, filters } = this.host;
    const { from, to } = this.pathEnds;
    const out = $('#path-result');
    if (!from || !to) {
      out.textContent = 'Choose both ends.';
      return;
    }
    out.textContent = 'Searching…';
    this.host.pushUrl();
    const t0 = performance.now();
    const p = await shortestPath(from.id, to.id, api.adjacency, { maxLength: 8, accept: this.pathAll ? undefined : practiceEdge });
    clear(out);
    if (!p) {
      out.textContent = `No connection within 8 steps between ${from.name} and ${to.name}${this.pathAll ? '' : ' (policy areas and derived links left out)'}.`;
      return;
    }
    const nodes = await api.nodesByIds(p.nodes);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const added = merge(cy, { nodes, edges: p.edges }, cy.getElementById(from.id).nonempty() ? from.id : undefined);
    filters.apply();
    if (added.nonempty()) {
      this.host.pushUndo({ label: `path ${from.name} → ${to.name}`, added });
      await this.host.relayout(added);
    }
    const ids = new Set([...p.nodes, ...p.edges.map((e) => e.id)]);
    cy.batch(() => {
      cy.elements().removeClass('path focus hl faded');
      cy.elements().forEach((e) => void (ids.has(e.id()) ? e.addClass('path') : e.addClass('faded')));
    });
    renderPath(out, p, byId, Math.round(performance.now() - t0), (id) => void this.host.select(id), this.pathAll);
    // The result line changes the canvas height: fit once the page has settled.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    cy.resize();
    cy.animate({ fit: { eles: cy.elements('.path'), padding: 60 } }, { duration: 300 });
    this.host.say(`Path ${from.name} → ${to.name}: ${p.edges.length} steps · ${this.host.counts()}`);
    out.dataset.length = String(p.edges.length);
  }
}
