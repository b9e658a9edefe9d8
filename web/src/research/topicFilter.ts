// Policy-area filter: chips for every topic (Chinese and English name, member count). With one or
// more chosen, reforms, measures, problems and platforms outside them leave the view (other types
// stay: bureaus, units, indicators… give the members their context). Nothing chosen: everything.
import type cytoscape from 'cytoscape';
import { TOPICAL_TYPES, type NodeType } from '../../../server/model/types';
import { clear, h } from '../dom';
import type { TopicInfo } from './data';

const HIDDEN = 'hidden-topic';
const NOTHING_CHOSEN = 'Choose areas to keep only their reforms, measures, problems and platforms.';

export class TopicFilter {
  readonly chosen = new Set<string>();
  private topics: TopicInfo[] = [];
  private members = new Set<string>();
  private readonly listeners: Array<() => void> = [];
  private readonly list: HTMLElement;
  private readonly summary: HTMLElement;

  constructor(private readonly cy: cytoscape.Core, readonly el: HTMLElement) {
    cy.style().selector(`.${HIDDEN}`).style({ display: 'none' }).update();
    this.list = h('ul', { class: 'topic-list', attrs: { 'aria-label': 'Policy areas' }, testid: 'topic-filter' });
    this.summary = h('p', { class: 'hint topic-summary', attrs: { 'aria-live': 'polite' }, testid: 'topic-summary' });
    const clearBtn = h('button', { class: 'link', text: 'all', title: 'Show every policy area', attrs: { type: 'button' }, testid: 'topic-clear', on: { click: () => this.set([]) } });
    el.append(
      h('div', { class: 'panel-head' }, h('h2', null, 'Policy areas ', h('span', { class: 'zh', text: '政策领域', attrs: { lang: 'zh-CN' } })), h('span', { class: 'head-actions' }, 'show ', clearBtn)),
      this.list,
      this.summary,
    );
    this.list.appendChild(h('li', { class: 'hint', text: 'Loading policy areas…' }));
    let t: ReturnType<typeof setTimeout> | undefined;
    cy.on('add', () => {
      if (!this.chosen.size) return;
      if (t) clearTimeout(t);
      t = setTimeout(() => this.apply(), 40);
    });
  }

  setTopics(topics: TopicInfo[]): void {
    this.topics = topics;
    clear(this.list);
    for (const t of topics) {
      const box = h('input', { attrs: { type: 'checkbox', checked: this.chosen.has(t.id) }, data: { topic: t.id } });
      box.addEventListener('change', () => {
        if (box.checked) this.chosen.add(t.id);
        else this.chosen.delete(t.id);
        this.apply();
      });
      this.list.appendChild(h('li', { data: { topic: t.id } },
        h('label', { title: `${t.name}${t.nameEn ? ` — ${t.nameEn}` : ''}: ${t.count} reforms, measures, problems and platforms` },
          box,
          h('span', { class: 'tnames' }, h('span', { class: 'tzh', text: t.name, attrs: { lang: 'zh-CN' } }), t.nameEn ? h('span', { class: 'ten', text: t.nameEn }) : null),
          h('span', { class: 'count', text: String(t.count) }))));
    }
    // With nothing chosen the view stays as it is (the list arrives after the first graph is
    // drawn): no node to restyle, nothing to tell the listeners (whose status line would cover
    // what the page says then).
    if (this.chosen.size) this.apply();
    else this.summary.textContent = NOTHING_CHOSEN;
  }

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** Chooses exactly these topics (an empty list shows every area). */
  set(ids: string[]): void {
    this.chosen.clear();
    ids.forEach((id) => this.chosen.add(id));
    for (const box of this.list.querySelectorAll<HTMLInputElement>('input[data-topic]')) box.checked = this.chosen.has(box.dataset.topic!);
    this.apply();
  }

  /** True when a node stays under the current choice. */
  keeps(id: string, type: string): boolean {
    if (!this.chosen.size) return true;
    if (type === 'TOPIC') return this.chosen.has(id);
    return !TOPICAL_TYPES.has(type as NodeType) || this.members.has(id);
  }

  apply(): void {
    this.members = new Set(this.topics.filter((t) => this.chosen.has(t.id)).flatMap((t) => [...t.members]));
    this.cy.batch(() => this.cy.nodes().forEach((n) => {
      if (n.hasClass('column') || n.hasClass('placeholder')) return;
      // Only when it changes: toggleClass restyles the node even when it does not.
      const hide = !this.keeps(n.id(), String(n.data('type')));
      if (n.hasClass(HIDDEN) !== hide) n.toggleClass(HIDDEN, hide);
    }));
    // As the type filter does: compute visibility now, so `:visible` is right at once.
    const eles = this.cy.elements() as unknown as { cleanStyle?: () => void };
    if (typeof eles.cleanStyle === 'function') eles.cleanStyle();
    const topical = this.cy.nodes().filter((n) => TOPICAL_TYPES.has(n.data('type') as NodeType));
    const shown = topical.filter((n) => !n.hasClass(HIDDEN)).length;
    const names = this.topics.filter((t) => this.chosen.has(t.id)).map((t) => t.nameEn ?? t.name);
    this.summary.textContent = this.chosen.size
      ? `Showing ${shown} of ${topical.length} reforms, measures, problems and platforms in view: ${names.join(', ')}.`
      : NOTHING_CHOSEN;
    this.listeners.forEach((fn) => fn());
  }
}
