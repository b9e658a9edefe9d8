// "Add reports": files dropped or picked, or pasted text, sent one by one to `ingestReport` with
// the write token (asked once, kept for this browser session only). Text and HTML in UTF-8 go as
// `text`; anything else (PDF, Word, a page in GBK) as base64 `content` with its `filename`, for
// the server to read. Each file shows its progress, then what it added and the warnings, or the
// server's reason for refusing it.
import type { TypeCount } from '../api';
import { AddReportDocument, type AddReportMutation, type AddReportMutationVariables } from '../generated/graphql';
import { clear, h } from '../dom';
import { TYPE_LOOK } from '../style';

const TOKEN_KEY = 'kg.writeToken';
const TEXT_NAME = /\.(txt|text|html?|xhtml|md)$/i;
/** What the server takes in one request (KG_MAX_INGEST_BODY_BYTES' default). */
const MAX_BODY = 3 * 1024 * 1024;

/** What the server answers for one report sent. */
export type IngestAnswer = AddReportMutation['ingestReport'];

/** What goes to the server for one file: its UTF-8 text, or its bytes. */
export type Payload = { text: string; source: string } | { content: string; filename: string };

export async function payloadOf(name: string, bytes: Uint8Array): Promise<{ input: Payload; note?: string }> {
  const text = (() => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  })();
  // Text by its name, or any file whose bytes are UTF-8 text without NUL (a PDF or .docx never is).
  if (text !== null && (TEXT_NAME.test(name) || (!/\.(pdf|docx?|odt|rtf)$/i.test(name) && !text.includes('\u0000')))) return { input: { text, source: name } };
  const note = TEXT_NAME.test(name) ? 'not UTF-8: sent as bytes for the server to decode' : undefined;
  return { input: { content: await base64(bytes), filename: name }, note };
}

async function base64(bytes: Uint8Array): Promise<string> {
  // The browser's own encoder (a data: URL) rather than a loop over millions of characters.
  const url = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('cannot read the file'));
    r.readAsDataURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  });
  return url.slice(url.indexOf(',') + 1);
}

export class WriteRefused extends Error {}

/** POSTs the mutation with the token, reporting upload progress; resolves with the answer or throws the server's reason. */
function send(input: Payload, token: string, progress: (sent: number, total: number) => void): Promise<IngestAnswer> {
  return new Promise((resolve, reject) => {
    const variables: AddReportMutationVariables = { input };
    const body = JSON.stringify({ query: AddReportDocument, variables });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/graphql');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => progress(e.loaded, e.lengthComputable ? e.total : body.length);
    xhr.onerror = () => reject(new Error('the server could not be reached'));
    xhr.onload = () => {
      let r: { data?: { ingestReport?: IngestAnswer } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      try {
        r = JSON.parse(xhr.responseText);
      } catch {
        return reject(new Error(`the server answered ${xhr.status} without JSON`));
      }
      const err = r.errors?.[0];
      if (err) {
        const code = err.extensions?.code;
        const msg = r.errors!.map((e) => e.message).join('; ');
        return reject(code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? new WriteRefused(msg) : new Error(msg));
      }
      if (!r.data?.ingestReport) return reject(new Error(`the server answered ${xhr.status} without a result`));
      resolve(r.data.ingestReport);
    };
    xhr.send(body);
  });
}

function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

export function countsText(counts: TypeCount[]): string {
  return counts.filter((c) => c.type !== 'REPORT').map((c) => `${TYPE_LOOK[c.type]?.en ?? c.type} ${c.count}`).join(' · ');
}

interface Item {
  name: string;
  read: () => Promise<Uint8Array>;
  bytes: number;
}

export class UploadPanel {
  readonly el: HTMLElement;
  private readonly tokenRow: HTMLElement;
  private readonly results: HTMLElement;
  private readonly queue: Array<{ item: Item; row: HTMLElement }> = [];
  private busy = false;
  private readonly fileInput: HTMLInputElement;

  constructor(private readonly after: () => Promise<void>) {
    this.fileInput = h('input', { attrs: { type: 'file', multiple: true, accept: '.txt,.html,.htm,.pdf,.docx,.doc,text/plain,text/html,application/pdf', hidden: true }, testid: 'upload-files' });
    this.fileInput.addEventListener('change', () => {
      this.addFiles([...(this.fileInput.files ?? [])]);
      this.fileInput.value = '';
    });
    const drop = h('div', { class: 'dropzone', attrs: { role: 'button', tabindex: 0, 'aria-label': 'Drop report files here, or press Enter to choose files' }, testid: 'upload-drop' },
      h('b', { text: 'Drop reports here' }), h('span', { text: ' or ' }), h('span', { class: 'link', text: 'choose files' }),
      h('span', { class: 'hint', text: 'Text or HTML (UTF-8); PDF and Word once the server reads them' }));
    drop.addEventListener('click', () => this.fileInput.click());
    drop.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.fileInput.click();
      }
    });
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    const paste = h('textarea', { attrs: { rows: 3, placeholder: 'Or paste a report’s text here', 'aria-label': 'Report text to add' }, testid: 'upload-paste' });
    const pasteBtn = h('button', { text: 'Add this text', attrs: { type: 'button' }, testid: 'upload-paste-add', on: { click: () => {
      const text = paste.value;
      if (!text.trim()) return;
      const bytes = new TextEncoder().encode(text);
      paste.value = '';
      this.enqueue({ name: `pasted text (${text.length} characters)`, bytes: bytes.length, read: async () => bytes });
    } } });
    this.tokenRow = h('div', { class: 'token-row' });
    this.results = h('ol', { class: 'upload-results', attrs: { 'aria-live': 'polite' }, testid: 'upload-results' });
    this.el = h('section', { class: 'panel add-reports', id: 'add-reports' },
      h('div', { class: 'panel-head' }, h('h2', { text: 'Add reports' })),
      this.tokenRow, drop, this.fileInput, paste, h('div', { class: 'row' }, pasteBtn), this.results);
    this.renderToken();
    // A file dropped anywhere on the page comes here rather than replacing the page.
    document.addEventListener('dragover', (e) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    });
    document.addEventListener('drop', (e) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      drop.classList.remove('over');
      this.el.classList.remove('folded');
      this.addFiles([...e.dataTransfer.files]);
    });
  }

  get token(): string | null {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  private setToken(t: string | null): void {
    try {
      if (t) sessionStorage.setItem(TOKEN_KEY, t);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage disabled: asked again next time */
    }
    this.renderToken();
  }

  private renderToken(note?: string): void {
    clear(this.tokenRow);
    if (this.token) {
      this.tokenRow.append(h('span', { class: 'hint', text: 'Write token set for this browser session. ' }),
        h('button', { class: 'link', text: 'forget it', attrs: { type: 'button' }, testid: 'upload-token-forget', on: { click: () => this.setToken(null) } }));
      return;
    }
    const input = h('input', { attrs: { type: 'password', autocomplete: 'off', placeholder: 'Write token (KG_WRITE_TOKEN)', 'aria-label': 'Write token' }, testid: 'upload-token' });
    const form = h('form', { class: 'row', on: { submit: (e) => {
      e.preventDefault();
      if (input.value.trim()) {
        this.setToken(input.value.trim());
        void this.next();
      }
    } } }, input, h('button', { text: 'Use', attrs: { type: 'submit' }, testid: 'upload-token-use' }));
    this.tokenRow.append(form, h('p', { class: note ? 'hint error' : 'hint', text: note ?? 'Asked once; kept for this browser session only, sent as Authorization: Bearer.', attrs: note ? { role: 'alert' } : {} }));
  }

  addFiles(files: File[]): void {
    for (const f of files) this.enqueue({ name: f.name, bytes: f.size, read: async () => new Uint8Array(await f.arrayBuffer()) });
  }

  private enqueue(item: Item): void {
    const row = h('li', { class: 'upload-item', data: { state: 'waiting' }, testid: 'upload-item' },
      h('div', { class: 'upload-name' }, h('b', { text: item.name }), h('span', { class: 'hint', text: ` ${size(item.bytes)}` })),
      h('progress', { attrs: { max: 1, value: 0 } }),
      h('div', { class: 'upload-state', text: this.token ? 'waiting' : 'waiting for the write token' }));
    this.results.prepend(row);
    this.queue.push({ item, row });
    void this.next();
  }

  /** Sends waiting files one at a time (the store writes one report at a time anyway). */
  private async next(): Promise<void> {
    if (this.busy) return;
    const token = this.token;
    if (!token) {
      this.tokenRow.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    this.busy = true;
    let wrote = false;
    try {
      while (this.queue.length && this.token) {
        const { item, row } = this.queue.shift()!;
        wrote = (await this.one(item, row, this.token)) || wrote;
      }
    } finally {
      this.busy = false;
    }
    if (wrote) await this.after();
  }

  private async one(item: Item, row: HTMLElement, token: string): Promise<boolean> {
    row.querySelector('.upload-state')?.removeAttribute('role');
    const state = row.querySelector('.upload-state')!;
    const bar = row.querySelector('progress')!;
    const set = (s: string, text: string) => {
      row.dataset.state = s;
      state.textContent = text;
    };
    try {
      set('reading', 'reading…');
      const { input, note } = await payloadOf(item.name, await item.read());
      const body = 'text' in input ? new TextEncoder().encode(input.text).length : input.content.length;
      if (body > MAX_BODY) throw new Error(`too large to send: ${size(body)} once encoded; the server takes ${size(MAX_BODY)} a request`);
      set('sending', `sending${note ? ` (${note})` : ''}…`);
      const answer = await send(input, token, (sent, total) => {
        bar.value = total ? sent / total : 0;
        // Sent whole: the server is reading it (indeterminate until it answers).
        if (sent >= total) bar.removeAttribute('value');
      });
      bar.value = 1;
      const r = answer.report;
      set(answer.created ? 'added' : 'unchanged', answer.created ? 'added' : 'already in the graph: nothing changed');
      row.append(
        ...[h('div', { class: 'upload-report' }, h('span', { text: r.title || '(untitled)', attrs: { lang: 'zh-CN' } }), h('span', { class: 'hint', text: ` ${[r.agency?.name, r.year].filter(Boolean).join(' · ')}` })),
        h('div', { class: 'upload-counts', text: countsText(answer.counts), testid: 'upload-counts' }),
        answer.warnings.length ? h('ul', { class: 'upload-warnings', testid: 'upload-warnings' }, answer.warnings.map((w) => h('li', { text: w }))) : ''].filter(Boolean));
      return answer.created;
    } catch (e) {
      bar.value = 0;
      const msg = (e as Error).message;
      if (e instanceof WriteRefused) {
        // The token is wrong or writes are off: asked again, and this file waits for it.
        this.setToken(null);
        this.renderToken(`The server refused the write token: ${msg}`);
        set('refused', `refused: ${msg}. It is sent again once a token is entered.`);
        this.queue.unshift({ item, row });
      } else if (/"(content|filename)" is not defined|"text" of required type/.test(msg)) {
        set('failed', `not added: this server reads UTF-8 text and HTML only; PDF, Word and other encodings need a server that takes file contents (${msg})`);
      } else set('failed', `not added: ${msg}`);
      row.querySelector('.upload-state')?.setAttribute('role', 'alert');
      return false;
    }
  }
}
