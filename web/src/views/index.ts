// Saved views (what Bloom calls perspectives, what Gephi keeps in a workspace): the address bar's
// `#view=` follows the whole view, so a copied link reopens exactly it; named views are kept in
// this browser and exported to / imported from a JSON file. The fragment never reaches the
// server (no request-line limit, nothing in its logs).
import type { App } from '../app';
import { $, clear, debounce, download, h } from '../dom';
import type { Research } from '../research';
import { captureView, reopenView, type Reopened } from './capture';
import { checkName, loadViews, parseViewsFile, storeViews, viewsFile, withViews, type SavedView } from './savedViews';
import { decodeView, encodeView, type ViewState } from './viewState';

/** Above this many characters a view stays out of the address bar (save it by name or to a file). */
const MAX_LINK = 400000;
const MAX_FILE = 20 * 1024 * 1024;

export function viewParam(hash = location.hash): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('view');
}

function setHash(param: string | null): void {
  const base = `${location.pathname}${location.search}`;
  history.replaceState(history.state, '', param ? `${base}#view=${param}` : base);
}

export class SavedViews {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly msg: HTMLElement;
  private readonly nameInput: HTMLInputElement;
  private ready = false;
  /** The last view written to the address bar. */
  private written = '';

  constructor(private readonly app: App, private readonly research: Research) {
    this.nameInput = h('input', { attrs: { type: 'text', placeholder: 'Name of this view', 'aria-label': 'Name of this view', maxlength: 120 }, testid: 'view-name' });
    const fileInput = h('input', { attrs: { type: 'file', accept: '.json,application/json', hidden: true }, testid: 'views-file' });
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      fileInput.value = '';
      if (f) void this.importFile(f);
    });
    this.list = h('ul', { class: 'view-list', attrs: { 'aria-label': 'Saved views' }, testid: 'view-list' });
    this.msg = h('p', { class: 'hint views-msg', attrs: { role: 'status', 'aria-live': 'polite' }, testid: 'views-msg' });
    const btn = (text: string, testid: string, title: string, fn: () => unknown) => h('button', { text, title, attrs: { type: 'button' }, testid, on: { click: () => void fn() } });
    this.el = h('section', { class: 'panel saved-views', id: 'saved-views' },
      h('div', { class: 'panel-head' }, h('h2', { text: 'Saved views' })),
      h('form', { class: 'row', on: { submit: (e) => {
        e.preventDefault();
        this.saveAs(this.nameInput.value);
      } } }, this.nameInput, h('button', { text: 'Save', attrs: { type: 'submit' }, testid: 'view-save', title: 'Keep this view in this browser under its name' })),
      this.list,
      h('div', { class: 'row view-actions' },
        btn('Copy link', 'view-copy-link', 'Copy a link that reopens exactly this view', () => this.copyLink()),
        btn('Export…', 'views-export', 'Save every named view to a JSON file', () => this.exportFile()),
        btn('Import…', 'views-import', 'Add the views of a JSON file', () => fileInput.click()),
        fileInput),
      this.msg);
    this.render();
    const cy = app.cy;
    const follow = debounce(() => void this.sync(), 400);
    cy.on('add remove free layoutstop viewport', follow);
    research.lang.onChange(follow);
    research.topics.onChange(follow);
    document.querySelector('#sidebar')?.addEventListener('change', follow);
    document.querySelector('#sidebar')?.addEventListener('click', follow);
    new MutationObserver(follow).observe($('#details'), { childList: true });
    new MutationObserver(follow).observe($('#modebar'), { childList: true });
    window.addEventListener('popstate', follow);
    void app.ready.then(() => {
      this.ready = true;
      follow();
    });
  }

  /** The view the link carries, reopened before the overview is drawn; false when there is none or it cannot be read. */
  async openFromLink(): Promise<boolean> {
    const param = viewParam();
    if (!param) return false;
    let s: ViewState;
    try {
      s = await decodeView(param);
    } catch (e) {
      const msg = `Cannot open the view in this link: ${(e as Error).message}. Showing the overview instead.`;
      // Said again once the overview is drawn, whose own status line would hide it.
      this.say(msg, true);
      void this.app.ready.then(() => this.say(msg, true));
      return false;
    }
    this.written = param;
    const r = await reopenView(this.app, this.research, s);
    this.reported(r, 'the view of this link');
    return true;
  }

  /** Writes the current view into the address bar (replacing the entry: moves are not history). */
  async sync(): Promise<string | null> {
    if (!this.ready) return null;
    const enc = await encodeView(captureView(this.app, this.research));
    if (enc.length > MAX_LINK) {
      if (viewParam()) setHash(null);
      this.written = '';
      return null;
    }
    if (enc !== this.written || viewParam() !== enc) setHash(enc);
    this.written = enc;
    return enc;
  }

  private async copyLink(): Promise<void> {
    const enc = await this.sync();
    if (!enc) return this.say(`This view (${this.app.cy.nodes().length} nodes) is too large for a link: save it by name and export it to a file.`, true);
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      this.say(`Link copied (${link.length} characters): it reopens exactly this view.`);
    } catch {
      this.say('This browser did not let the page copy: copy the address bar, it holds this view.');
    }
  }

  private saveAs(raw: string): void {
    try {
      const name = checkName(raw);
      const saved: SavedView = { name, savedAt: new Date().toISOString(), view: captureView(this.app, this.research) };
      const { views, replaced } = withViews(loadViews(), [saved]);
      storeViews(views);
      this.nameInput.value = '';
      this.render();
      this.say(`${replaced ? 'Replaced' : 'Saved'} “${name}” in this browser (${saved.view.nodes.length} nodes).`);
    } catch (e) {
      this.say(`Cannot save: ${(e as Error).message}`, true);
    }
  }

  private async open(v: SavedView): Promise<void> {
    try {
      this.reported(await reopenView(this.app, this.research, v.view), `“${v.name}”`);
      await this.sync();
    } catch (e) {
      this.say(`Cannot open “${v.name}”: ${(e as Error).message}`, true);
    }
  }

  private remove(v: SavedView): void {
    storeViews(loadViews().filter((x) => x.name !== v.name));
    this.render();
    this.say(`Deleted “${v.name}”.`);
  }

  private exportFile(): void {
    const views = loadViews();
    if (!views.length) return this.say('No saved views to export: save one first.', true);
    download(new Blob([viewsFile(views)], { type: 'application/json' }), 'policing-reform-views.json');
    this.say(`Exported ${views.length} view${views.length > 1 ? 's' : ''} to policing-reform-views.json.`);
  }

  private async importFile(f: File): Promise<void> {
    try {
      if (f.size > MAX_FILE) throw new Error(`the file is ${(f.size / 1048576).toFixed(1)} MB; a views file is at most ${MAX_FILE / 1048576} MB`);
      const add = parseViewsFile(await f.text());
      const { views, replaced } = withViews(loadViews(), add);
      storeViews(views);
      this.render();
      this.say(`Imported ${add.length} view${add.length > 1 ? 's' : ''} from ${f.name}${replaced ? ` (${replaced} of the same name replaced)` : ''}.`);
    } catch (e) {
      this.say(`Cannot import ${f.name}: ${(e as Error).message}. Nothing was changed.`, true);
    }
  }

  private render(): void {
    clear(this.list);
    const views = loadViews();
    if (!views.length) this.list.appendChild(h('li', { class: 'hint', text: 'No saved views yet. The address bar always holds the current view.' }));
    for (const v of views) {
      const when = new Date(v.savedAt);
      this.list.appendChild(h('li', { data: { view: v.name } },
        h('button', { class: 'link view-open', text: v.name, title: `Open “${v.name}” (${v.view.nodes.length} nodes, saved ${Number.isNaN(when.getTime()) ? v.savedAt : when.toLocaleString()})`, attrs: { type: 'button' }, testid: 'view-open', on: { click: () => void this.open(v) } }),
        h('span', { class: 'count', text: String(v.view.nodes.length) }),
        h('button', { class: 'link', text: '×', title: `Delete “${v.name}” from this browser`, attrs: { type: 'button', 'aria-label': `Delete ${v.name}` }, testid: 'view-delete', on: { click: () => this.remove(v) } })));
    }
  }

  private reported(r: Reopened, what: string): void {
    if (r.missing.length) this.say(`Opened ${what}; ${r.missing.length} of its nodes are no longer in the graph: ${r.missing.slice(0, 5).join(', ')}${r.missing.length > 5 ? '…' : ''}`, true);
    else this.say(`Opened ${what}.`);
  }

  private say(text: string, error = false): void {
    this.msg.textContent = text;
    this.msg.classList.toggle('error', error);
    this.msg.setAttribute('role', error ? 'alert' : 'status');
    this.app.say(text, error);
  }
}

/** Adds the Saved views section to the sidebar and lets a link's view open instead of the overview. */
export function registerViews(app: App, research: Research): SavedViews {
  const views = new SavedViews(app, research);
  $('#sidebar').appendChild(views.el);
  app.openingView = () => views.openFromLink();
  return views;
}
