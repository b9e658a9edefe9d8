// "Show in report": the report's stored text, the quote's span highlighted and scrolled to,
// the node's other mentions in the same report lightly marked. Text only, never HTML.
import { reportText, type MentionFull, type ReportInfo } from './api';
import { clear, h } from './dom';

export class Reader {
  private spans: Array<{ start: number; end: number }> = [];
  private at = 0;
  private marks: HTMLElement[] = [];
  private readonly body: HTMLElement;
  private readonly title: HTMLElement;
  private readonly pos: HTMLElement;

  constructor(private readonly dialog: HTMLDialogElement) {
    this.title = h('h2', { class: 'reader-title', attrs: { lang: 'zh-CN' } });
    this.pos = h('span', { class: 'reader-pos' });
    this.body = h('div', { class: 'report-text', attrs: { lang: 'zh-CN', tabindex: 0 }, testid: 'report-text' });
    const close = h('button', { class: 'close', text: '×', title: 'Close (Esc)', attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: () => dialog.close() } });
    const prev = h('button', { text: '↑ previous', attrs: { type: 'button' }, on: { click: () => this.step(-1) } });
    const next = h('button', { text: 'next ↓', attrs: { type: 'button' }, on: { click: () => this.step(1) } });
    dialog.dataset.testid = 'reader';
    dialog.setAttribute('aria-labelledby', 'reader-title');
    this.title.id = 'reader-title';
    dialog.append(h('header', { class: 'reader-head' }, this.title, h('div', { class: 'reader-nav' }, prev, this.pos, next), close), this.body);
    dialog.addEventListener('click', (e) => {
      if (e.target === dialog) dialog.close();
    });
  }

  /** Opens a report at one mention, marking the node's other mentions in it too. */
  async open(report: ReportInfo, focus?: MentionFull, all: MentionFull[] = []): Promise<void> {
    this.title.textContent = `${report.title}${report.year != null ? ` (${report.year})` : ''}`;
    clear(this.body);
    this.body.appendChild(h('p', { class: 'hint', text: 'Loading the report…' }));
    if (!this.dialog.open) this.dialog.showModal();
    const r = await reportText(report.id);
    clear(this.body);
    if (!r) {
      this.body.appendChild(h('p', { class: 'hint', text: 'This report is no longer in the graph.' }));
      return;
    }
    this.spans = [...new Map(all.filter((m) => m.report.id === report.id).concat(focus ? [focus] : []).map((m) => [`${m.start}:${m.end}`, { start: m.start, end: m.end }])).values()]
      .sort((a, b) => a.start - b.start)
      .filter((s, i, xs) => i === 0 || s.start >= xs[i - 1].end);
    this.at = focus ? Math.max(0, this.spans.findIndex((s) => s.start === focus.start && s.end === focus.end)) : 0;
    this.marks = [];
    let i = 0;
    for (const s of this.spans) {
      if (s.start > i) this.body.appendChild(document.createTextNode(r.text.slice(i, s.start)));
      const m = h('mark', { text: r.text.slice(s.start, s.end), data: { start: String(s.start), end: String(s.end) } });
      this.marks.push(m);
      this.body.appendChild(m);
      i = s.end;
    }
    this.body.appendChild(document.createTextNode(r.text.slice(i)));
    this.step(0);
  }

  private step(d: number): void {
    if (!this.marks.length) {
      this.pos.textContent = '';
      return;
    }
    this.at = (this.at + d + this.marks.length) % this.marks.length;
    this.marks.forEach((m, i) => {
      m.classList.toggle('current', i === this.at);
      if (i === this.at) m.dataset.testid = 'reader-quote';
      else delete m.dataset.testid;
    });
    this.pos.textContent = `${this.at + 1} of ${this.marks.length}`;
    this.marks[this.at].scrollIntoView({ block: 'center' });
  }
}
