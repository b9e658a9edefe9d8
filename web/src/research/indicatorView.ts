// An indicator across bureaus and years: one series per bureau (x = year, y = value, the unit in
// the axis title), drawn with Chart.js on a canvas (nothing inline, so the CSP holds). Every point
// is a reported value; clicking it (or its row in the table below, for the keyboard) shows the
// sentence it was read from, as text, with the report's title.
import type { ActiveElement, Chart, ChartDataset, ChartEvent, PointStyle } from 'chart.js';
import { clear, h } from '../dom';
import { FONT_STACK } from '../style';
import { indicators, indicatorSeries, type Named, type SeriesPoint } from './data';
import type { Lang } from './lang';

/** Chart.js, registered (./chart.ts): loaded with the first chart opened. */
let chartJs: Promise<typeof import('./chart')> | null = null;
const loadChart = () => (chartJs ??= import('./chart'));

const PALETTE = ['#1f4e9c', '#d1495b', '#2a9d8f', '#e8a33d', '#7b4fc9', '#1b98b5', '#9c5a1a', '#c2397f', '#6a994e', '#4d6378'];
const STYLES: PointStyle[] = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'];

interface Pt {
  x: number;
  y: number;
  obs: SeriesPoint;
}

export interface IndicatorHost {
  lang: () => Lang;
  openReport: (report: { id: string; title: string }, span: { start: number; end: number; quote: string }) => void;
  setParam: (key: string, value: string | null) => void;
}

export class IndicatorView {
  readonly dialog: HTMLDialogElement;
  private chart: Chart | null = null;
  private readonly canvas: HTMLCanvasElement;
  private readonly chartBox: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly quote: HTMLElement;
  private readonly table: HTMLElement;
  private readonly picker: HTMLSelectElement;
  private all: Named[] | null = null;
  private current: string | null = null;
  private seq = 0;

  constructor(private readonly host: IndicatorHost) {
    this.title = h('h2', { class: 'rv-title', id: 'indicator-title' });
    this.subtitle = h('p', { class: 'hint rv-sub' });
    this.picker = h('select', { attrs: { 'aria-label': 'Indicator' }, testid: 'indicator-picker' });
    this.picker.addEventListener('change', () => this.picker.value && void this.open(this.picker.value));
    this.canvas = h('canvas', { attrs: { role: 'img', 'aria-label': 'Chart of the indicator by bureau and year' } });
    this.chartBox = h('div', { class: 'chart-box', testid: 'indicator-chart' }, this.canvas);
    this.quote = h('div', { class: 'point-quote', testid: 'indicator-quote', attrs: { 'aria-live': 'polite' } },
      h('p', { class: 'hint', text: 'Click a point (or a row below) to see the sentence it was read from.' }));
    this.table = h('div', { class: 'rv-table-wrap' });
    const close = h('button', { class: 'close', text: '×', title: 'Close (Esc)', attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: () => this.dialog.close() } });
    this.dialog = h('dialog', { class: 'research-dialog indicator-dialog', attrs: { 'aria-labelledby': 'indicator-title' }, testid: 'indicator-view' },
      h('header', { class: 'rv-head' }, h('div', { class: 'rv-titles' }, this.title, this.subtitle), h('label', { class: 'rv-pick' }, h('span', { text: 'Indicator ' }), this.picker), close),
      h('div', { class: 'rv-body' }, this.chartBox, this.quote, this.table));
    this.dialog.addEventListener('close', () => this.host.setParam('indicator', null));
    this.dialog.addEventListener('click', (e) => {
      if (e.target === this.dialog) this.dialog.close();
    });
    document.body.appendChild(this.dialog);
  }

  async open(id: string): Promise<void> {
    const seq = ++this.seq;
    this.current = id;
    if (!this.dialog.open) this.dialog.showModal();
    this.host.setParam('indicator', id);
    this.title.textContent = id.replace(/^indicator:/, '');
    this.subtitle.textContent = 'Loading…';
    this.dialog.dataset.state = 'loading';
    const [series, all, { Chart: ChartJs }] = await Promise.all([indicatorSeries(id), this.all ? Promise.resolve(this.all) : indicators(), loadChart()]);
    if (seq !== this.seq) return;
    this.all = all;
    this.fillPicker(id);
    this.render(id, series, ChartJs);
    this.dialog.dataset.state = 'ready';
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private fillPicker(id: string): void {
    if (this.picker.options.length !== (this.all?.length ?? 0)) {
      clear(this.picker);
      for (const i of this.all ?? []) this.picker.appendChild(h('option', { text: i.nameEn ? `${i.name} — ${i.nameEn}` : i.name, attrs: { value: i.id } }));
    }
    if (![...this.picker.options].some((o) => o.value === id)) this.picker.appendChild(h('option', { text: id.replace(/^indicator:/, ''), attrs: { value: id } }));
    this.picker.value = id;
  }

  /** The drawn points with their positions on the canvas (for tests and for keyboard focus). */
  points(): Array<{ agency: string; year: number; value: number; indicator: string; x: number; y: number }> {
    const c = this.chart;
    if (!c) return [];
    const out: Array<{ agency: string; year: number; value: number; indicator: string; x: number; y: number }> = [];
    c.data.datasets.forEach((ds, i) => {
      const meta = c.getDatasetMeta(i);
      (ds.data as unknown as Pt[]).forEach((p, j) => {
        const el = meta.data[j];
        if (el) out.push({ agency: p.obs.agency?.name ?? '', year: p.x, value: p.y, indicator: p.obs.indicator?.name ?? '', x: el.x, y: el.y });
      });
    });
    return out;
  }

  private render(id: string, series: SeriesPoint[], ChartJs: typeof Chart): void {
    const en = this.host.lang() === 'en';
    const me = this.all?.find((i) => i.id === id);
    const pts = series.filter((o) => o.value != null && o.year != null);
    this.title.textContent = me ? (en && me.nameEn ? me.nameEn : me.name) : id.replace(/^indicator:/, '');
    this.title.setAttribute('lang', me && en && me.nameEn ? 'en' : 'zh-CN');
    const variants = [...new Map(pts.map((o) => [o.indicator?.id ?? '', o.indicator])).values()].filter((x): x is Named => !!x);
    const units = [...new Set(pts.map((o) => o.unit ?? '').filter(Boolean))];
    const bureaus = [...new Map(pts.map((o) => [o.agency?.id ?? '', o.agency])).entries()];
    const other = me ? (en ? me.name : me.nameEn) : null;
    this.subtitle.textContent = `${other ? `${other} · ` : ''}${pts.length} reported value${pts.length === 1 ? '' : 's'} from ${bureaus.length} bureau${bureaus.length === 1 ? '' : 's'}${variants.length > 1 ? ` · ${variants.length} variants (point shapes)` : ''}`;
    clear(this.quote);
    this.quote.appendChild(h('p', { class: 'hint', text: 'Click a point (or a row below) to see the sentence it was read from.' }));
    delete this.quote.dataset.obs;
    this.chart?.destroy();
    this.chart = null;
    if (!pts.length) {
      this.chartBox.dataset.empty = 'true';
      clear(this.table);
      this.table.appendChild(h('p', { class: 'hint', text: 'No bureau reports a value for this indicator.' }));
      return;
    }
    delete this.chartBox.dataset.empty;
    const styleOf = new Map(variants.map((v, i) => [v.id, STYLES[i % STYLES.length]]));
    const variantName = (v: Named | null) => (v ? (en && v.nameEn ? v.nameEn : v.name) : '');
    const datasets: Array<ChartDataset<'line', Pt[]>> = bureaus.map(([agencyId, agency], i) => {
      const data = pts.filter((o) => (o.agency?.id ?? '') === agencyId).map((o) => ({ x: o.year!, y: o.value!, obs: o })).sort((a, b) => a.x - b.x);
      const colour = PALETTE[i % PALETTE.length];
      // A line only where it means a trend: one value per year for this bureau.
      const distinctYears = new Set(data.map((p) => p.x)).size === data.length;
      return {
        label: agency ? (en && agency.nameEn ? agency.nameEn : agency.name) : 'Unknown bureau',
        data,
        borderColor: colour,
        backgroundColor: colour,
        pointStyle: data.map((p) => styleOf.get(p.obs.indicator?.id ?? '') ?? 'circle'),
        pointRadius: 7,
        pointHoverRadius: 10,
        showLine: distinctYears && data.length > 1,
        borderWidth: 2,
        tension: 0,
      };
    });
    const years = pts.map((o) => o.year!);
    const unitTitle = units.length ? `Value (${units.join(', ')})` : 'Value';
    this.chart = new ChartJs(this.canvas, {
      type: 'line',
      data: { datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: true },
        font: { family: FONT_STACK },
        scales: {
          x: {
            type: 'linear', min: Math.min(...years) - 0.5, max: Math.max(...years) + 0.5,
            title: { display: true, text: 'Year' },
            ticks: { stepSize: 1, callback: (v) => (Number.isInteger(Number(v)) ? String(v) : '') },
            // One tick per year between the first and the last (the half-year margins stay unlabelled).
            afterBuildTicks: (axis) => {
              const ys: number[] = [];
              for (let y = Math.min(...years); y <= Math.max(...years); y++) ys.push(y);
              axis.ticks = ys.map((value) => ({ value }));
            },
          },
          y: { type: 'linear', beginAtZero: units.length === 1 && units[0] === '%', title: { display: true, text: unitTitle }, grace: '10%' },
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: false, font: { family: FONT_STACK, size: 13 } } },
          tooltip: {
            callbacks: {
              title: (items) => items.map((it) => `${it.dataset.label} · ${(it.raw as Pt).x}`).join('\n'),
              label: (it) => {
                const o = (it.raw as Pt).obs;
                return `${variantName(o.indicator)}: ${o.value}${o.unit ?? ''}${o.direction ? ` (${o.direction})` : ''}`;
              },
              footer: () => 'Click for the source sentence',
            },
          },
        },
        onHover: (e: ChartEvent, els: ActiveElement[]) => {
          const t = e.native?.target as HTMLElement | undefined;
          if (t) t.classList.toggle('pointing', els.length > 0);
        },
        onClick: (_e: ChartEvent, els: ActiveElement[]) => {
          const el = els[0];
          if (!el || !this.chart) return;
          const p = (this.chart.data.datasets[el.datasetIndex].data as unknown as Pt[])[el.index];
          if (p) this.showQuote(p.obs);
        },
      },
    });
    this.renderTable(pts, variantName, en);
  }

  private renderTable(pts: SeriesPoint[], variantName: (v: Named | null) => string, en: boolean): void {
    clear(this.table);
    const sorted = [...pts].sort((a, b) => (a.agency?.name ?? '').localeCompare(b.agency?.name ?? '', 'zh') || (a.year ?? 0) - (b.year ?? 0));
    const body = h('tbody', null, sorted.map((o) => h('tr', { data: { obs: o.id, agency: o.agency?.id ?? '', year: String(o.year ?? '') } },
      h('td', { text: o.agency ? (en && o.agency.nameEn ? o.agency.nameEn : o.agency.name) : '' }),
      h('td', { class: 'num', text: String(o.year ?? '') }),
      h('td', { text: variantName(o.indicator) }),
      h('td', { class: 'num', text: `${o.value}${o.unit ?? ''}` }),
      h('td', { text: o.direction ?? '', attrs: { lang: 'zh-CN' } }),
      h('td', null, h('button', { class: 'link', text: 'Source', attrs: { type: 'button' }, title: 'Show the sentence this value was read from', on: { click: () => this.showQuote(o) } })))));
    this.table.appendChild(h('table', { class: 'rv-table', testid: 'indicator-table' },
      h('caption', { class: 'hint', text: 'Every reported value' }),
      h('thead', null, h('tr', null, ['Bureau', 'Year', 'Indicator', 'Value', 'Wording', ''].map((t) => h('th', { text: t, attrs: { scope: 'col' } })))),
      body));
  }

  private showQuote(o: SeriesPoint): void {
    clear(this.quote);
    this.quote.dataset.obs = o.id;
    const head = `${o.agency?.name ?? ''} ${o.year ?? ''} · ${o.indicator?.name ?? ''}${o.indicator?.nameEn ? ` (${o.indicator.nameEn})` : ''}: ${o.value}${o.unit ?? ''}`;
    this.quote.appendChild(h('p', { class: 'pq-head', text: head }));
    if (!o.mentions.length) this.quote.appendChild(h('p', { class: 'hint', text: 'No source sentence (a curated value).' }));
    for (const m of o.mentions) {
      this.quote.appendChild(h('blockquote', { class: 'pq-quote', testid: 'indicator-quote-text', attrs: { lang: 'zh-CN' }, data: { report: m.report.id, start: String(m.start), end: String(m.end) } }, h('mark', { text: m.quote })));
      this.quote.appendChild(h('p', { class: 'pq-source' },
        h('span', { class: 'source', text: m.report.title, attrs: { lang: 'zh-CN' }, testid: 'indicator-quote-report' }),
        ' ',
        h('button', { class: 'link', text: 'Show in report', attrs: { type: 'button' }, on: { click: () => this.host.openReport(m.report, m) } })));
    }
  }
}
