// Research views on top of the explorer: a policy-area filter, a 中文/English switch, an indicator
// chart across bureaus and years, a bureau profile, and exports for analysis tools. One call,
// registerResearch(app), wires them in; they only add elements and listen, never reshape the app.
import './research.css';
import { PRACTICE_TYPES } from '../../../server/model/types';
import type { App } from '../app';
import { $, h } from '../dom';
import { Reader } from '../reader';
import * as data from './data';
import { ExportLinks } from './exportLinks';
import { IndicatorView } from './indicatorView';
import { Language } from './lang';
import { ProfileView } from './profileView';
import { copyCitationButton } from './citations';
import { DiffusionView } from './diffusionView';
import { tableLinks } from './tableLinks';
import { TopicFilter } from './topicFilter';

export interface Research {
  lang: Language;
  topics: TopicFilter;
  indicator: IndicatorView;
  profile: ProfileView;
  exports: ExportLinks;
  /** Fills the indicator and bureau pickers again (the graph changed). */
  refill: () => Promise<void>;
  diffusion: DiffusionView;
}

declare global {
  interface Window {
    kgResearch?: Research;
  }
}

/** Adds or removes one query parameter without a new history entry (the explorer owns the rest). */
function setParam(key: string, value: string | null): void {
  const p = new URLSearchParams(location.search);
  if (value === null) p.delete(key);
  else p.set(key, value);
  const q = p.toString();
  const next = q ? `?${q}` : location.pathname;
  if (next !== (location.search || location.pathname)) history.replaceState(history.state, '', next);
}

export function registerResearch(app: App): Research {
  const params = new URLSearchParams(location.search);
  const lang = new Language(app.cy, params.get('lang'));
  const readerDialog = h('dialog', { class: 'reader research-reader' });
  document.body.appendChild(readerDialog);
  const reader = new Reader(readerDialog);
  readerDialog.dataset.testid = 'research-reader';
  const openReport = (r: { id: string; title: string; year?: number | null }, span?: { start: number; end: number; quote: string }) =>
    void reader.open({ id: r.id, title: r.title, year: r.year ?? null, agency: null }, span ? { ...span, sentence: '', sentenceStart: span.start, report: { id: r.id, title: r.title, year: r.year ?? null, agency: null } } : undefined, []);

  const indicator = new IndicatorView({ lang: () => lang.lang, openReport, setParam });
  const profile = new ProfileView({ lang: () => lang.lang, go: (id) => void app.go(id), chart: (id) => void indicator.open(id), openReport, setParam });
  const diffusion = new DiffusionView({ profile: (id) => void profile.open(id), setParam });

  // Top bar: the language switch, before the export menu.
  const menu = document.querySelector('#export-menu');
  menu?.parentElement?.insertBefore(lang.control(), menu);

  // Sidebar: the policy areas, then the research views.
  const topicPanel = h('section', { class: 'panel research-topics', id: 'topic-filters' });
  const sidebar = $('#sidebar');
  const after = document.querySelector('#scope-filters');
  if (after?.parentElement === sidebar) after.after(topicPanel);
  else sidebar.appendChild(topicPanel);
  const topics = new TopicFilter(app.cy, topicPanel);
  // Asked once the first graph is drawn: until then the server answers the overview alone.
  void app.firstGraph.then(() => data.topics()).then((t) => topics.setTopics(t)).catch((e: Error) => app.say(`Cannot load the policy areas: ${e.message}`, true));

  const indicatorPick = h('select', { attrs: { 'aria-label': 'Indicator to chart' }, testid: 'research-indicator' }, h('option', { text: 'Chart an indicator…', attrs: { value: '' } }));
  const bureauPick = h('select', { attrs: { 'aria-label': 'Bureau profile' }, testid: 'research-bureau' }, h('option', { text: 'Bureau profile…', attrs: { value: '' } }));
  indicatorPick.addEventListener('change', () => {
    if (indicatorPick.value) void indicator.open(indicatorPick.value);
    indicatorPick.value = '';
  });
  bureauPick.addEventListener('change', () => {
    if (bureauPick.value) void profile.open(bureauPick.value);
    bureauPick.value = '';
  });
  const fill = async () => {
    const [inds, agencies] = await Promise.all([data.indicators(), data.agencies()]);
    // The first option of each is its prompt.
    for (const pick of [indicatorPick, bureauPick]) while (pick.options.length > 1) pick.remove(1);
    for (const i of inds) indicatorPick.appendChild(h('option', { text: i.nameEn ? `${i.name} — ${i.nameEn}` : i.name, attrs: { value: i.id } }));
    for (const a of agencies) bureauPick.appendChild(h('option', { text: a.nameEn ? `${a.name} — ${a.nameEn}` : a.name, attrs: { value: a.id } }));
  };
  void app.firstGraph.then(fill).catch(() => undefined);
  topicPanel.after(h('section', { class: 'panel research-views' },
    h('div', { class: 'panel-head' }, h('h2', { text: 'Research views' })),
    h('div', { class: 'stack' }, bureauPick, indicatorPick)));

  // Export menu: files for analysis tools, of the whole graph or of the current filter.
  const scope = () => {
    const boxes = [...document.querySelectorAll<HTMLInputElement>('#type-filters input[data-type]')];
    const on = boxes.filter((b) => b.checked).map((b) => b.dataset.type!);
    const off = boxes.filter((b) => !b.checked).map((b) => b.dataset.type!);
    return { types: on.length === boxes.length ? [] : on, topics: [...topics.chosen], off };
  };
  const exports = new ExportLinks(scope);
  const menuBody = document.querySelector('#export-menu .menu-body');
  const tables = tableLinks();
  if (menuBody) menuBody.append(exports.el, tables);
  else topicPanel.after(exports.el, tables);
  menu?.addEventListener('toggle', () => exports.refresh());
  topics.onChange(() => {
    exports.refresh();
    app.viewChanged();
  });
  document.querySelector('#type-filters')?.addEventListener('change', () => exports.refresh());

  // The details panel: research buttons for bureaus and indicators; English names beside quotes.
  const details = $('#details');
  const decorate = () => {
    const head = details.querySelector<HTMLElement>('.dhead');
    const id = details.dataset.node;
    if (!head || !id || head.dataset.research === id) return;
    head.dataset.research = id;
    const type = details.dataset.type;
    const bar = h('div', { class: 'research-actions' });
    if (type === 'AGENCY') bar.appendChild(h('button', { class: 'primary', text: 'Bureau profile', title: 'Reports, reforms by policy area, indicator values', attrs: { type: 'button' }, testid: 'open-profile', on: { click: () => void profile.open(id) } }));
    if (type === 'INDICATOR') bar.appendChild(h('button', { class: 'primary', text: 'Chart across bureaus and years', attrs: { type: 'button' }, testid: 'open-indicator-chart', on: { click: () => void indicator.open(id) } }));
    if (type === 'OBSERVATION') {
      bar.appendChild(h('button', { class: 'primary', text: 'Chart this indicator', attrs: { type: 'button' }, testid: 'open-indicator-chart', on: { click: () => {
        void data.nameOf(id).then((n) => n?.indicator && indicator.open(n.indicator.id));
      } } }));
    }
    if (type && (PRACTICE_TYPES as readonly string[]).includes(type)) {
      bar.appendChild(h('button', { class: 'primary', text: 'Where it spread', title: 'Timeline of the bureaus that state it, and a map by first year', attrs: { type: 'button' }, testid: 'open-diffusion', on: { click: () => void diffusion.open(id) } }));
    }
    if (bar.childElementCount) head.appendChild(bar);
    // Every quote can be cited.
    for (const li of details.querySelectorAll<HTMLElement>('[data-testid="mention"]')) {
      const { report, start, end } = li.dataset;
      if (report && start && end) li.querySelector('.mention-foot')?.appendChild(copyCitationButton({ node: id, report, start: Number(start), end: Number(end) }));
    }
    // Quotes stay in Chinese; in English mode the node's English name stands beside each.
    const en = head.querySelector('.en')?.textContent;
    if (en) {
      for (const foot of details.querySelectorAll('[data-testid="mention"] .mention-foot')) {
        foot.prepend(h('span', { class: 'en-beside', text: en, title: 'English name of this node (the quote is the report\'s own words)', attrs: { lang: 'en' } }));
      }
    }
  };
  new MutationObserver(decorate).observe(details, { childList: true });

  lang.onChange(() => {
    if (indicator.dialog.open && indicator.dialog.dataset.state === 'ready') {
      const id = new URLSearchParams(location.search).get('indicator');
      if (id) void indicator.open(id);
    }
    const pid = profile.dialog.dataset.agency;
    if (profile.dialog.open && pid) void profile.open(pid);
  });
  if (lang.lang === 'en') lang.set('en');

  // Deep links: /?profile=<agency id>, /?indicator=<indicator id>, /?lang=en.
  void app.ready.then(() => {
    if (lang.lang === 'en') lang.set('en');
    const p = params.get('profile');
    const i = params.get('indicator');
    const spread = params.get('diffusion');
    if (spread) void diffusion.open(spread, params.get('province'));
    else if (p) void profile.open(p);
    else if (i) void indicator.open(i);
  });

  const research: Research = { lang, topics, indicator, profile, exports, refill: fill, diffusion };
  window.kgResearch = research;
  return research;
}
