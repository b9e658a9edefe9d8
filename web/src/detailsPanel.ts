// The details panel's wiring: which node it shows, the welcome text when none is selected, the
// comparison's summary in compare mode. details.ts draws; this decides what, and drops answers
// that arrive after the user has moved on.
import * as api from './api';
import { renderCompareSummary, type Comparison } from './compare';
import { renderDetails, renderWelcome, type DetailsActions } from './details';
import { clear, h } from './dom';

export interface DetailsHost {
  say(text: string, error?: boolean): void;
  /** The comparison the panel may go back to (compare mode), or null. */
  comparison(): Comparison | null;
  /** Leaves the node for the comparison's summary. */
  back(): void;
}

export class DetailsPanel {
  /** Each show() counts; an answer for an older one is dropped. */
  private seq = 0;

  constructor(readonly el: HTMLElement, private readonly actions: DetailsActions, private readonly host: DetailsHost) {}

  /** The id of the node the panel shows, if it shows one. */
  get shown(): string | undefined {
    return this.el.dataset.node;
  }

  async show(id: string): Promise<void> {
    const seq = ++this.seq;
    const el = this.el;
    el.setAttribute('aria-busy', 'true');
    try {
      const d = await api.details(id);
      if (seq !== this.seq) return;
      if (!d) {
        clear(el);
        el.append(h('p', { class: 'hint', text: `No node ${id} in the graph.` }));
        this.host.say(`No node “${id}” in the graph`, true);
        return;
      }
      const view = renderDetails(el, d, this.actions);
      if (this.host.comparison()) {
        el.prepend(h('button', { class: 'link back', text: '← back to the comparison', attrs: { type: 'button' }, on: { click: () => this.host.back() } }));
      }
      document.title = `${d.name} · Policing-reform knowledge graph`;
      if (d.type === 'REFORM') {
        const rel = await api.relatedReforms(id, 10).catch(() => []);
        if (seq === this.seq) view.setRelated(rel);
      }
    } catch (e) {
      if (seq === this.seq) this.host.say(`Cannot load details: ${(e as Error).message}`, true);
    } finally {
      if (seq === this.seq) el.removeAttribute('aria-busy');
    }
  }

  /** What the graph holds and the reports it was read from; null figures when the overview could not load. */
  welcome(o: Pick<api.Overview, 'stats' | 'reports'> | null): void {
    renderWelcome(this.el, o?.stats ?? null, o?.reports ?? [], this.actions);
  }

  comparisonSummary(c: Comparison, go: (id: string) => void): void {
    renderCompareSummary(this.el, c, go);
  }
}
