// A bureau's profile: its reports, its reforms grouped by policy area, its measures per year and
// every indicator value it reported (with the sentence each was read from). Deep link: /?profile=<id>.
import { clear, h } from '../dom';
import { profile, type Profile, type SourceQuote } from './data';
import type { Lang } from './lang';

export interface ProfileHost {
  lang: () => Lang;
  go: (id: string) => void;
  chart: (indicatorId: string) => void;
  openReport: (report: { id: string; title: string; year?: number | null }, span?: { start: number; end: number; quote: string }) => void;
  setParam: (key: string, value: string | null) => void;
}

export class ProfileView {
  readonly dialog: HTMLDialogElement;
  private readonly body: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private seq = 0;

  constructor(private readonly host: ProfileHost) {
    this.title = h('h2', { class: 'rv-title', id: 'profile-title' });
    this.subtitle = h('p', { class: 'rv-sub' });
    this.body = h('div', { class: 'rv-body profile-body' });
    const close = h('button', { class: 'close', text: '×', title: 'Close (Esc)', attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: () => this.dialog.close() } });
    this.dialog = h('dialog', { class: 'research-dialog profile-dialog', attrs: { 'aria-labelledby': 'profile-title' }, testid: 'bureau-profile' },
      h('header', { class: 'rv-head' }, h('div', { class: 'rv-titles' }, this.title, this.subtitle), close), this.body);
    this.dialog.addEventListener('close', () => this.host.setParam('profile', null));
    this.dialog.addEventListener('click', (e) => {
      if (e.target === this.dialog) this.dialog.close();
    });
    document.body.appendChild(this.dialog);
  }

  async open(id: string): Promise<void> {
    const seq = ++this.seq;
    if (!this.dialog.open) this.dialog.showModal();
    this.host.setParam('profile', id);
    this.dialog.dataset.state = 'loading';
    this.dialog.dataset.agency = id;
    this.title.textContent = id.replace(/^agency:/, '');
    this.subtitle.textContent = 'Loading the profile…';
    clear(this.body);
    let p: Profile | null;
    try {
      p = await profile(id);
    } catch (e) {
      if (seq === this.seq) this.subtitle.textContent = `Cannot load the profile: ${(e as Error).message}`;
      return;
    }
    if (seq !== this.seq) return;
    if (!p) {
      this.subtitle.textContent = `No bureau ${id} in the graph.`;
      this.dialog.dataset.state = 'missing';
      return;
    }
    this.render(p);
    this.dialog.dataset.state = 'ready';
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private render(p: Profile): void {
    const en = this.host.lang() === 'en';
    const name = (x: { name: string; nameEn: string | null }) => (en && x.nameEn ? x.nameEn : x.name);
    const other = (x: { name: string; nameEn: string | null }) => (en ? x.name : x.nameEn);
    this.title.textContent = name(p);
    this.title.setAttribute('lang', en && p.nameEn ? 'en' : 'zh-CN');
    const years = [...new Set(p.reports.map((r) => r.year).filter((y): y is number => y != null))].sort();
    this.subtitle.textContent = [other(p), `${p.reports.length} report${p.reports.length === 1 ? '' : 's'}${years.length ? ` (${years.join(', ')})` : ''}`, `${p.reforms.length} reforms`, `${p.measures.length} measures`, `${p.observations.length} indicator values`].filter(Boolean).join(' · ');
    const go = (id: string) => {
      this.dialog.close();
      this.host.go(id);
    };

    // Reports.
    const reports = h('ul', { class: 'pf-reports', testid: 'profile-reports' }, [...p.reports].sort((a, b) => (a.year ?? 0) - (b.year ?? 0)).map((r) => h('li', { data: { id: r.id } },
      h('span', { class: 'rtitle', text: r.title, attrs: { lang: 'zh-CN' } }),
      h('button', { class: 'link', text: 'Read', attrs: { type: 'button' }, on: { click: () => this.host.openReport(r) } }))));

    // Reforms by policy area (a reform in two areas is listed under both).
    const groups = new Map<string, { topic: { id: string; name: string; nameEn: string | null } | null; reforms: Profile['reforms'] }>();
    for (const r of p.reforms) {
      const ts = r.topics.length ? r.topics : [null];
      for (const t of ts) {
        const key = t?.id ?? '';
        if (!groups.has(key)) groups.set(key, { topic: t, reforms: [] });
        groups.get(key)!.reforms.push(r);
      }
    }
    const ordered = [...groups.values()].sort((a, b) => (a.topic ? 0 : 1) - (b.topic ? 0 : 1) || b.reforms.length - a.reforms.length);
    const reforms = h('div', { class: 'pf-topics', testid: 'profile-reforms' }, ordered.map((g) => h('section', { class: 'pf-topic', data: { topic: g.topic?.id ?? '' }, testid: 'profile-topic' },
      h('h4', null,
        h('span', { class: 'tzh', text: g.topic ? g.topic.name : 'No policy area', attrs: { lang: 'zh-CN' } }),
        g.topic?.nameEn ? h('span', { class: 'ten', text: g.topic.nameEn }) : null,
        h('span', { class: 'count', text: String(g.reforms.length) })),
      h('ul', { class: 'pf-reform-list' }, g.reforms.sort((a, b) => a.name.localeCompare(b.name, 'zh')).map((r) => h('li', null,
        h('button', { class: 'pf-reform', attrs: { type: 'button' }, title: 'Show this reform in the graph', data: { id: r.id }, on: { click: () => go(r.id) } },
          h('span', { class: 'zh', text: r.name, attrs: { lang: 'zh-CN' } }),
          r.nameEn ? h('span', { class: 'en', text: r.nameEn }) : null)))))));

    // Measures per year and status.
    const byYear = new Map<string, Map<string, number>>();
    for (const m of p.measures) {
      const y = m.year != null ? String(m.year) : '—';
      const s = m.status ?? 'unknown';
      if (!byYear.has(y)) byYear.set(y, new Map());
      byYear.get(y)!.set(s, (byYear.get(y)!.get(s) ?? 0) + 1);
    }
    const measures = h('ul', { class: 'pf-measures' }, [...byYear].sort().map(([y, st]) => h('li', null,
      h('b', { text: y }), ': ', [...st].map(([s, n]) => `${n} ${s}`).join(', '))));

    // Indicator values.
    const obs = [...p.observations].sort((a, b) => (a.indicator?.name ?? '').localeCompare(b.indicator?.name ?? '', 'zh') || (a.year ?? 0) - (b.year ?? 0));
    const quoteCell = (qs: SourceQuote[]) => {
      if (!qs.length) return h('td', { class: 'hint', text: '—' });
      const m = qs[0];
      return h('td', { class: 'pf-quote' },
        h('button', { class: 'quote-btn', attrs: { type: 'button', lang: 'zh-CN' }, title: `${m.report.title}: show in the report`, text: m.quote, on: { click: () => this.host.openReport(m.report, m) } }));
    };
    const table = h('table', { class: 'rv-table', testid: 'profile-indicators' },
      h('thead', null, h('tr', null, ['Indicator', 'Value', 'Unit', 'Year', 'Source sentence (click to open in the report)', ''].map((t) => h('th', { text: t, attrs: { scope: 'col' } })))),
      h('tbody', null, obs.map((o) => h('tr', { data: { obs: o.id, indicator: o.indicator?.id ?? '' } },
        h('td', null, o.indicator ? [h('span', { class: 'zh', text: o.indicator.name, attrs: { lang: 'zh-CN' } }), o.indicator.nameEn ? h('span', { class: 'en', text: o.indicator.nameEn }) : null] : '—'),
        h('td', { class: 'num', text: o.value != null ? String(o.value) : '—' }),
        h('td', { text: o.unit ?? '' }),
        h('td', { class: 'num', text: o.year != null ? String(o.year) : '' }),
        quoteCell(o.mentions),
        h('td', null, o.indicator ? h('button', { class: 'link', text: 'Chart', title: 'This indicator across bureaus and years', attrs: { type: 'button' }, on: { click: () => {
          this.dialog.close();
          this.host.chart(o.indicator!.id);
        } } }) : null)))));

    const sec = (title: string, count: number, body: HTMLElement, testid: string) =>
      h('section', { class: 'pf-sec', testid }, h('h3', null, h('span', { text: title }), h('span', { class: 'count', text: String(count) })), body);
    this.body.append(
      h('div', { class: 'pf-cols' },
        h('div', { class: 'pf-col' },
          sec('Reports', p.reports.length, reports, 'profile-sec-reports'),
          sec('Measures by year', p.measures.length, measures, 'profile-sec-measures'),
          sec('Reforms by policy area', p.reforms.length, reforms, 'profile-sec-reforms')),
        h('div', { class: 'pf-col wide' },
          sec('Indicator values', p.observations.length, obs.length ? table : h('p', { class: 'hint', text: 'No indicator values reported.' }), 'profile-sec-indicators'))),
      h('p', { class: 'pf-actions' }, h('button', { text: 'Show the bureau in the graph', attrs: { type: 'button' }, on: { click: () => go(p.id) } })));
  }
}
