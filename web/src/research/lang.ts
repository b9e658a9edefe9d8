// 中文 / English: node labels in either language (English falls back to the Chinese name), the
// details panel's English name made prominent. Quotes from the reports are never translated: they
// stay in Chinese, with the node's English name beside them.
import type cytoscape from 'cytoscape';
import { h } from '../dom';
import { englishLabel, shortLabel } from '../style';

export type Lang = 'zh' | 'en';
const KEY = 'kg-lang';

export function labelFor(n: cytoscape.NodeSingular, lang: Lang): string {
  const zh = String(n.data('name') ?? '');
  const en = String(n.data('nameEn') ?? '');
  return lang === 'en' && en ? englishLabel(en) : shortLabel(zh);
}

export class Language {
  lang: Lang;
  private readonly buttons = new Map<Lang, HTMLButtonElement>();
  private readonly listeners: Array<(l: Lang) => void> = [];

  constructor(private readonly cy: cytoscape.Core, initial?: string | null) {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(KEY);
    } catch {
      stored = null;
    }
    const want = initial ?? stored;
    this.lang = want === 'en' ? 'en' : 'zh';
    // Nodes the explorer adds later (expand, search, path) get the current language's label.
    cy.on('add', 'node', (e) => {
      if (this.lang === 'en') this.relabel((e.target as cytoscape.NodeSingular));
    });
  }

  /** The segmented switch for the top bar. */
  control(): HTMLElement {
    const group = h('div', { class: 'lang-switch', attrs: { role: 'group', 'aria-label': 'Language of labels' }, testid: 'lang-switch' });
    for (const [l, text, title] of [['zh', '中文', 'Chinese labels'], ['en', 'English', 'English labels (the Chinese name where no English one exists); quotes stay in Chinese']] as const) {
      const b = h('button', { text, title, attrs: { type: 'button', 'aria-pressed': String(this.lang === l), lang: l === 'zh' ? 'zh-CN' : 'en' }, testid: `lang-${l}`, on: { click: () => this.set(l) } });
      this.buttons.set(l, b);
      group.appendChild(b);
    }
    return group;
  }

  onChange(fn: (l: Lang) => void): void {
    this.listeners.push(fn);
  }

  set(l: Lang): void {
    this.lang = l;
    try {
      localStorage.setItem(KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    for (const [k, b] of this.buttons) b.setAttribute('aria-pressed', String(k === l));
    document.body.classList.toggle('lang-en', l === 'en');
    this.cy.batch(() => this.cy.nodes().forEach((n) => this.relabel(n)));
    this.listeners.forEach((fn) => fn(l));
  }

  private relabel(n: cytoscape.NodeSingular): void {
    // Compare-view boxes and placeholders carry their own labels.
    if (n.hasClass('column') || n.hasClass('placeholder') || n.data('name') == null) return;
    // The explorer's own (Chinese) label is kept, so switching back restores it exactly.
    if (n.data('labelZh') == null) n.data('labelZh', n.data('label') ?? shortLabel(String(n.data('name'))));
    const label = this.lang === 'en' ? labelFor(n, 'en') : String(n.data('labelZh'));
    if (n.data('label') !== label) n.data('label', label);
    // The stylesheet wraps English between words, never inside one.
    const en = this.lang === 'en' && !!n.data('nameEn');
    if (!!n.data('en') !== en) n.data('en', en);
  }
}
