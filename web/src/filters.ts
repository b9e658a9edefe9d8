// The sidebar's filters: one toggle per node type (with how many are in view and in the whole
// graph; it doubles as the legend), and which bureaus and years the shown nodes come from.
import type cytoscape from 'cytoscape';
import type { NodeType } from '../../server/model/types';
import type { ReportInfo, TypeCount } from './api';
import { clear, h } from './dom';
import { LEGEND_ORDER, TYPE_LOOK } from './style';

/**
 * Chinese order (the same as localeCompare(…, 'zh')) from one collator: the bureaus are sorted
 * before the first graph, and a first sort of a dozen names with localeCompare took 47 ms in V8
 * (Node 20), with one Intl.Collator 15 ms (ICU's Chinese collation is loaded either way).
 */
let zh: Intl.Collator | undefined;
const byChinese = (): Intl.Collator => (zh ??= new Intl.Collator('zh'));

const LEVEL_NAMES: Record<string, string> = {
  PROVINCIAL: 'provincial department', PREFECTURE: 'city bureau', COUNTY: 'county bureau', DISTRICT: 'district bureau or branch', SPECIAL: 'special unit',
};

export class Filters {
  readonly hiddenTypes = new Set<NodeType>();
  private readonly offBureaus = new Set<string>();
  private readonly offYears = new Set<number>();
  private readonly scope = new Map<string, { agency: string | null; year: number | null }>();
  private readonly counts = new Map<NodeType, HTMLElement>();
  private readonly boxes = new Map<NodeType, HTMLInputElement>();
  private totals = new Map<NodeType, number>();

  constructor(
    private readonly cy: cytoscape.Core,
    private readonly typesEl: HTMLElement,
    private readonly scopeEl: HTMLElement,
    private readonly onChange: () => void,
  ) {
    this.renderTypes();
    let t: ReturnType<typeof setTimeout> | undefined;
    cy.on('add remove', () => {
      // Fired once per element (thousands at once): the first sets the timer, the rest leave it.
      if (t) return;
      t = setTimeout(() => {
        t = undefined;
        this.apply();
        this.refreshCounts();
      }, 30);
    });
  }

  setTotals(byType: TypeCount[]): void {
    this.totals = new Map(byType.map((c) => [c.type, c.count]));
    this.refreshCounts();
  }

  setReports(reports: ReportInfo[]): void {
    for (const r of reports) this.scope.set(r.id, { agency: r.agency?.id ?? null, year: r.year });
    this.renderScope(reports);
  }

  private renderTypes(): void {
    clear(this.typesEl);
    const all = h('button', { class: 'link', text: 'all', attrs: { type: 'button' }, on: { click: () => this.setAllTypes(true) } });
    const none = h('button', { class: 'link', text: 'none', attrs: { type: 'button' }, on: { click: () => this.setAllTypes(false) } });
    const list = h('ul', { class: 'type-list', attrs: { 'aria-label': 'Node types: legend and filter' } });
    for (const t of LEGEND_ORDER) {
      const look = TYPE_LOOK[t];
      const box = h('input', { attrs: { type: 'checkbox', checked: true }, data: { type: t } });
      box.addEventListener('change', () => {
        if (box.checked) this.hiddenTypes.delete(t);
        else this.hiddenTypes.add(t);
        this.apply();
        this.onChange();
      });
      const sw = h('span', { class: `swatch shape-${look.shape}`, attrs: { 'aria-hidden': 'true' } });
      sw.style.backgroundColor = look.color;
      const count = h('span', { class: 'count', text: '' });
      this.counts.set(t, count);
      this.boxes.set(t, box);
      list.appendChild(h('li', { data: { type: t } }, h('label', { title: `${look.en} · ${look.zh}` }, box, sw, h('span', { class: 'tname', text: look.en }), h('span', { class: 'zh', text: look.zh, attrs: { lang: 'zh-CN' } }), count)));
    }
    this.typesEl.append(h('div', { class: 'panel-head' }, h('h2', { text: 'Node types' }), h('span', { class: 'head-actions' }, 'show ', all, ' · ', none)), list);
  }

  private setAllTypes(on: boolean): void {
    for (const [t, box] of this.boxes) {
      box.checked = on;
      if (on) this.hiddenTypes.delete(t);
      else this.hiddenTypes.add(t);
    }
    this.apply();
    this.onChange();
  }

  private renderScope(reports: ReportInfo[]): void {
    clear(this.scopeEl);
    const agencies = new Map<string, string>();
    const years = new Set<number>();
    for (const r of reports) {
      if (r.agency) agencies.set(r.agency.id, r.agency.name);
      if (r.year != null) years.add(r.year);
    }
    const bureauList = h('ul', { class: 'check-list', attrs: { 'aria-label': 'Bureaus' } });
    for (const [id, name] of [...agencies].sort((a, b) => byChinese().compare(a[1], b[1]))) {
      const box = h('input', { attrs: { type: 'checkbox', checked: !this.offBureaus.has(id) }, data: { agency: id } });
      box.addEventListener('change', () => {
        if (box.checked) this.offBureaus.delete(id);
        else this.offBureaus.add(id);
        this.apply();
        this.onChange();
      });
      bureauList.appendChild(h('li', null, h('label', null, box, h('span', { text: name, attrs: { lang: 'zh-CN' } }))));
    }
    const places = this.placeFilters(reports);
    const yearList = h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': 'Report years' } });
    for (const y of [...years].sort()) {
      const on0 = !this.offYears.has(y);
      const b = h('button', { class: on0 ? 'chip on' : 'chip', text: String(y), attrs: { type: 'button', 'aria-pressed': String(on0) }, data: { year: String(y) } });
      b.addEventListener('click', () => {
        const on = this.offYears.has(y);
        if (on) this.offYears.delete(y);
        else this.offYears.add(y);
        b.classList.toggle('on', on);
        b.setAttribute('aria-pressed', String(on));
        this.apply();
        this.onChange();
      });
      yearList.appendChild(b);
    }
    this.scopeEl.append(
      h('div', { class: 'panel-head' }, h('h2', { text: 'Bureaus & years' })),
      h('p', { class: 'hint', text: 'Show what these reports state.' }),
      ...places,
      bureauList,
      yearList,
    );
  }

  /**
   * Province and kind of bureau: each choice ticks exactly the bureaus that match it, so the
   * bureau boxes (and a saved view, which keeps them) stay the one record of what is shown.
   */
  private placeFilters(reports: ReportInfo[]): HTMLElement[] {
    const of = new Map<string, { province: string; level: string }>();
    for (const r of reports) if (r.agency) of.set(r.agency.id, { province: r.province ?? '', level: r.level ?? '' });
    const provinces = [...new Set([...of.values()].map((p) => p.province).filter(Boolean))].sort(byChinese().compare);
    const levels = [...new Set([...of.values()].map((p) => p.level).filter(Boolean))].sort();
    if (!provinces.length && !levels.length) return [];
    const select = (label: string, key: 'province' | 'level', values: string[]) => {
      const el = h('select', { attrs: { 'aria-label': label }, data: { place: key } }, h('option', { text: `every ${label.toLowerCase()}`, attrs: { value: '' } }),
        ...values.map((v) => h('option', { text: key === 'level' ? LEVEL_NAMES[v] ?? v : v, attrs: { value: v } })));
      el.addEventListener('change', () => pick());
      return el as HTMLSelectElement;
    };
    const province = select('Province', 'province', provinces);
    const level = select('Level', 'level', levels);
    const pick = () => {
      this.offBureaus.clear();
      for (const [id, p] of of) if ((province.value && p.province !== province.value) || (level.value && p.level !== level.value)) this.offBureaus.add(id);
      for (const box of this.scopeEl.querySelectorAll<HTMLInputElement>('input[data-agency]')) box.checked = !this.offBureaus.has(box.dataset.agency!);
      this.apply();
      this.onChange();
    };
    return [h('div', { class: 'place-filters' }, province, level)];
  }

  /** What is left out: node types, bureaus and years (a saved view keeps it). */
  state(): { hidden: NodeType[]; offBureaus: string[]; offYears: number[] } {
    return { hidden: [...this.hiddenTypes], offBureaus: [...this.offBureaus], offYears: [...this.offYears] };
  }

  /** Leaves out exactly these types, bureaus and years, the controls showing it. */
  setState(s: { hidden: readonly string[]; offBureaus: readonly string[]; offYears: readonly number[] }): void {
    this.hiddenTypes.clear();
    for (const [t, box] of this.boxes) {
      box.checked = !s.hidden.includes(t);
      if (!box.checked) this.hiddenTypes.add(t);
    }
    this.offBureaus.clear();
    s.offBureaus.forEach((b) => this.offBureaus.add(b));
    this.offYears.clear();
    s.offYears.forEach((y) => this.offYears.add(y));
    for (const box of this.scopeEl.querySelectorAll<HTMLInputElement>('input[data-agency]')) box.checked = !this.offBureaus.has(box.dataset.agency!);
    for (const b of this.scopeEl.querySelectorAll<HTMLButtonElement>('button[data-year]')) {
      const on = !this.offYears.has(Number(b.dataset.year));
      b.classList.toggle('on', on);
      b.setAttribute('aria-pressed', String(on));
    }
    this.apply();
    this.onChange();
  }

  /** True when a node with these report ids is inside the chosen bureaus and years. */
  inScope(reports: string[] | undefined): boolean {
    if (!this.offBureaus.size && !this.offYears.size) return true;
    if (!reports?.length) return true;
    return reports.some((id) => {
      const s = this.scope.get(id);
      if (!s) return true;
      return !(s.agency && this.offBureaus.has(s.agency)) && !(s.year != null && this.offYears.has(s.year));
    });
  }

  apply(): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        if (n.hasClass('column')) return;
        // Only when it changes: toggleClass restyles the node even when it does not.
        const type = this.hiddenTypes.has(n.data('type'));
        if (n.hasClass('hidden-type') !== type) n.toggleClass('hidden-type', type);
        const scope = !this.inScope(n.data('reports'));
        if (n.hasClass('hidden-scope') !== scope) n.toggleClass('hidden-scope', scope);
      });
    });
    // Cytoscape caches visible() per element until its style is next computed (at the next
    // frame): compute it now so `:visible` is right for whoever asks before then.
    const eles = this.cy.elements() as unknown as { cleanStyle?: () => void };
    if (typeof eles.cleanStyle === 'function') eles.cleanStyle();
    else this.cy.elements().forEach((e) => void e.style('display'));
  }

  /** The legend's counts: what is on screen now (every filter applied) over what the graph holds. */
  refreshCounts(): void {
    const inView = new Map<string, number>();
    this.cy.nodes(':visible').forEach((n) => {
      const t = n.data('type');
      if (t) inView.set(t, (inView.get(t) ?? 0) + 1);
    });
    for (const [t, el] of this.counts) {
      const total = this.totals.get(t) ?? 0;
      el.textContent = `${inView.get(t) ?? 0} / ${total}`;
      el.title = `${inView.get(t) ?? 0} shown, ${total} in the graph`;
      el.closest('li')?.classList.toggle('empty', total === 0);
    }
  }
}
