// Keeps every open page in step with the graph without a reload: /events (server-sent events)
// says when the graph version moves (any write, from any page, the CLI or curation); the page
// then asks for the overview again, adds what is new, drops nodes the graph no longer holds,
// and brings the filters, the legend's counts, the reports list and the policy areas up to date.
import * as api from '../api';
import type { App } from '../app';
import type { Research } from '../research';
import { topics } from '../research/data';

export class LiveGraph {
  /** The version the page shows (from the overview's answer). */
  private shown: string | null = null;
  private latest: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private source: EventSource | null = null;
  private readonly listeners: Array<(summary: string) => void> = [];

  constructor(private readonly app: App, private readonly research: Research, first: Promise<api.Overview>) {
    first.then((o) => (this.shown ??= o.version), () => undefined);
  }

  /** Listens to /events; EventSource reconnects by itself, and a reconnect's hello catches up. */
  connect(): void {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/events');
    this.source = es;
    const onVersion = (e: MessageEvent<string>) => {
      try {
        this.latest = (JSON.parse(e.data) as { version: string }).version;
      } catch {
        return;
      }
      document.body.dataset.live = 'on';
      void this.app.ready.then(() => {
        if (this.latest !== this.shown) void this.refresh();
      });
    };
    es.addEventListener('hello', onVersion);
    es.addEventListener('graph', onVersion);
    es.addEventListener('error', () => void (document.body.dataset.live = 'off'));
  }

  close(): void {
    this.source?.close();
  }

  onRefresh(fn: (summary: string) => void): void {
    this.listeners.push(fn);
  }

  /** Brings the page up to the server's graph; calls made while one runs are folded into one more. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const app = this.app;
    const o = await api.overview();
    if (o.version && o.version === this.shown) return;
    const before = app.cy.nodes().length;
    await app.refreshOverview(o);
    const gone = await this.dropDeleted();
    // Policy areas first: their filter says the counts again, which would hide the summary.
    await topics().then((t) => this.research.topics.setTopics(t), () => undefined);
    this.shown = o.version;
    document.body.dataset.graphVersion = o.version ?? '';
    const added = Math.max(0, app.cy.nodes().length - before + gone);
    const summary = `Graph updated: ${o.stats.reports} reports, ${o.stats.nodes} nodes${added ? `; +${added} in view` : ''}${gone ? `; −${gone} no longer in the graph` : ''}`;
    app.say(summary);
    this.listeners.forEach((fn) => fn(summary));
  }

  /** Nodes of the view the graph no longer holds leave it; the others take their new data (names, reports). */
  private async dropDeleted(): Promise<number> {
    const cy = this.app.cy;
    if (this.app.mode === 'compare') return 0;
    const ids = cy.nodes().not('.column, .placeholder').map((n) => n.id());
    const found = new Map((await api.nodesByIds(ids)).map((n) => [n.id, n]));
    const gone = cy.collection();
    cy.batch(() => {
      for (const id of ids) {
        const n = cy.getElementById(id);
        const now = found.get(id);
        if (!now) {
          gone.merge(n);
          continue;
        }
        if (now.reports && String(now.reports) !== String(n.data('reports'))) n.data('reports', now.reports);
        if ((now.nameEn ?? '') !== n.data('nameEn')) n.data('nameEn', now.nameEn ?? '');
      }
      gone.union(gone.connectedEdges()).remove();
    });
    for (const [owner, nodes] of this.app.expansions) {
      if (cy.getElementById(owner).empty()) this.app.expansions.delete(owner);
      else this.app.expansions.set(owner, nodes.filter((n) => n.inside()));
    }
    if (this.app.selected && cy.getElementById(this.app.selected).empty()) this.app.unselect(false);
    this.app.filters.apply();
    return gone.length;
  }
}
