// A search box with suggestions as you type (ARIA combobox): name, type colour, bureau.
// Simplified or Traditional input both work: the server folds them.
import { suggest, type Suggestion } from './api';
import { clear, debounce, h } from './dom';
import { typeColor, TYPE_LOOK } from './style';

export interface SearchBoxOpts {
  input: HTMLInputElement;
  list: HTMLElement;
  onPick: (s: Suggestion) => void;
  /** Keep the picked name in the input (path ends) or empty it (main search). */
  keepText?: boolean;
  first?: number;
}

let uid = 0;

export class SearchBox {
  private items: Suggestion[] = [];
  private active = -1;
  private seq = 0;
  private shownFor = '';
  /** Enter was pressed on this text before its suggestions came: pick the first when they do. */
  private pickFor: string | null = null;
  private readonly id = `sugg-${++uid}`;

  constructor(private readonly o: SearchBoxOpts) {
    const { input, list } = o;
    list.id = this.id;
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.id);
    input.autocomplete = 'off';
    input.spellcheck = false;
    const run = debounce(() => void this.lookup(), 110);
    input.addEventListener('input', run);
    input.addEventListener('focus', () => {
      if (this.items.length && input.value.trim()) this.show(true);
    });
    input.addEventListener('keydown', (e) => this.key(e));
    input.addEventListener('blur', () => setTimeout(() => this.show(false), 150));
  }

  private async lookup(): Promise<void> {
    const text = this.o.input.value.trim();
    const seq = ++this.seq;
    if (!text) {
      this.items = [];
      this.render();
      return;
    }
    try {
      const items = await suggest(text, this.o.first ?? 12);
      if (seq !== this.seq) return;
      this.items = items;
      this.shownFor = text;
      this.active = items.length ? 0 : -1;
      this.render();
      if (this.pickFor === text) {
        this.pickFor = null;
        this.pick(0);
      }
    } catch {
      if (seq === this.seq) {
        this.pickFor = null;
        this.items = [];
        this.render('Search failed: is the server running?');
      }
    }
  }

  private render(message?: string): void {
    const { list, input } = this.o;
    clear(list);
    // Which text the shown suggestions are for (checks wait on it rather than on any list).
    list.dataset.query = this.shownFor;
    if (!input.value.trim()) return this.show(false);
    if (!this.items.length) {
      list.appendChild(h('li', { class: 'empty', text: message ?? `Nothing named “${input.value.trim()}”`, attrs: { role: 'option', 'aria-disabled': 'true' } }));
      return this.show(true);
    }
    this.items.forEach((s, i) => {
      const dot = h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } });
      dot.style.backgroundColor = typeColor(s.type);
      const li = h('li', {
        testid: 'search-result',
        id: `${this.id}-${i}`,
        class: i === this.active ? 'active' : '',
        attrs: { role: 'option', 'aria-selected': String(i === this.active) },
        data: { id: s.id, type: s.type },
        on: { mousedown: (e) => e.preventDefault(), click: () => this.pick(i) },
      },
      dot,
      h('span', { class: 'sname' }, h('span', { class: 'zhname', text: s.name, attrs: { lang: 'zh-CN' } }), s.nameEn ? h('span', { class: 'en', text: s.nameEn }) : null),
      h('span', { class: 'smeta' }, h('span', { class: 'stype', text: TYPE_LOOK[s.type]?.en ?? s.type }), s.bureaus.length && s.type !== 'AGENCY' ? h('span', { class: 'sbureau', text: s.bureaus.join(' · '), attrs: { lang: 'zh-CN' } }) : null));
      list.appendChild(li);
    });
    input.setAttribute('aria-activedescendant', this.active >= 0 ? `${this.id}-${this.active}` : '');
    this.show(true);
  }

  private show(on: boolean): void {
    this.o.list.hidden = !on;
    this.o.input.setAttribute('aria-expanded', String(on));
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.items.length) return;
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + d + this.items.length) % this.items.length;
      this.render();
      this.o.list.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const text = this.o.input.value.trim();
      if (!text) return;
      if (this.items.length && this.shownFor === text) this.pick(Math.max(0, this.active));
      else {
        // Whichever lookup for this text answers last (this one, or the one typing started) picks.
        this.pickFor = text;
        void this.lookup();
      }
    } else if (e.key === 'Escape') {
      this.show(false);
    }
  }

  private pick(i: number): void {
    const s = this.items[i];
    if (!s) return;
    this.o.input.value = this.o.keepText ? s.name : '';
    if (!this.o.keepText) this.items = [];
    this.show(false);
    this.o.onPick(s);
  }
}
