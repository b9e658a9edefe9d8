// A whole view as data: which nodes and relations are shown and where, what each expansion
// added (so Collapse still undoes it), the filters, the layout, the selection, the mode and the
// language. It travels in the address bar as `#view=1.<base64url of deflated JSON>` and in
// saved-view files as JSON; both are checked field by field before anything is changed.

export const VIEW_VERSION = 1;
export const LAYOUTS = ['fcose', 'concentric', 'breadthfirst', 'grid'] as const;
export const MODES = ['explore', 'compare', 'path'] as const;

/** A relation by the positions of its ends in `nodes`, its type, and what the explorer draws from. */
export type EdgeTuple = [source: number, target: number, type: string, derived?: string | 0, score?: number];

export interface ViewState {
  v: typeof VIEW_VERSION;
  mode: (typeof MODES)[number];
  lang: 'zh' | 'en';
  /** Node ids in view; positions are `pos[2i], pos[2i+1]` (whole model units). */
  nodes: string[];
  pos: number[];
  edges: EdgeTuple[];
  /** What each node's expansions added: [owner index, added indexes]. */
  exp: Array<[number, number[]]>;
  /** Hidden node types, bureaus and years left out, chosen policy areas. */
  hidden: string[];
  offBureaus: string[];
  offYears: number[];
  topics: string[];
  layout: (typeof LAYOUTS)[number];
  /** The part of the graph on screen, in model coordinates [x1, y1, x2, y2]. */
  extent: [number, number, number, number];
  sel?: string;
  /** Compare mode's two bureaus; path mode's ends. */
  a?: string;
  b?: string;
  from?: string;
  to?: string;
}

export class ViewStateError extends Error {}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const MAX_NODES = 20000;
const ID = /^[a-z_]+:./;

function need(ok: boolean, what: string): void {
  if (!ok) throw new ViewStateError(what);
}

function strings(x: unknown, field: string, max = MAX_NODES): string[] {
  need(Array.isArray(x) && x.length <= max && x.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 500), `"${field}" must be a list of at most ${max} non-empty strings`);
  return x as string[];
}

function optId(x: unknown, field: string): string | undefined {
  if (x === undefined || x === null) return undefined;
  need(typeof x === 'string' && x.length <= 500 && ID.test(x), `"${field}" must be a node id such as "reform:繁简分流"`);
  return x as string;
}

/** The state, checked: every field of the right kind and every index inside `nodes`; throws ViewStateError naming the first field that is not. */
export function checkViewState(x: unknown): ViewState {
  need(isObj(x), 'a view must be a JSON object');
  const o = x as Record<string, unknown>;
  need(o.v === VIEW_VERSION, `unknown view version ${JSON.stringify(o.v)} (this explorer reads version ${VIEW_VERSION})`);
  need(MODES.includes(o.mode as never), `"mode" must be one of ${MODES.join(', ')}`);
  need(o.lang === 'zh' || o.lang === 'en', '"lang" must be "zh" or "en"');
  const nodes = strings(o.nodes, 'nodes');
  need(nodes.every((id) => ID.test(id)), '"nodes" must hold node ids such as "reform:繁简分流"');
  need(new Set(nodes).size === nodes.length, '"nodes" lists a node twice');
  const n = nodes.length;
  const idx = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < n;
  const pos = o.pos;
  need(Array.isArray(pos) && pos.length === 2 * n && pos.every((p) => typeof p === 'number' && Number.isFinite(p)), '"pos" must hold two finite numbers per node');
  const edges = o.edges;
  need(Array.isArray(edges) && edges.length <= 10 * MAX_NODES, '"edges" must be a list');
  for (const e of edges as unknown[]) {
    need(Array.isArray(e) && e.length >= 3 && e.length <= 5 && idx(e[0]) && idx(e[1]) && typeof e[2] === 'string' && /^[A-Z_]{1,40}$/.test(e[2]), `an edge must be [source index, target index, TYPE, derived?, score?], not ${JSON.stringify(e).slice(0, 80)}`);
    const t = e as unknown[];
    need(t[3] === undefined || t[3] === 0 || (typeof t[3] === 'string' && t[3].length <= 100), 'an edge\'s "derived" must be 0 or a short text');
    need(t[4] === undefined || (typeof t[4] === 'number' && Number.isFinite(t[4])), 'an edge\'s score must be a number');
  }
  const exp = o.exp;
  need(Array.isArray(exp) && exp.every((e) => Array.isArray(e) && e.length === 2 && idx(e[0]) && Array.isArray(e[1]) && e[1].every(idx)), '"exp" must be a list of [node index, [node indexes]]');
  const hidden = strings(o.hidden, 'hidden', 50);
  const offBureaus = strings(o.offBureaus, 'offBureaus');
  const offYears = o.offYears;
  need(Array.isArray(offYears) && offYears.every((y) => Number.isInteger(y) && y > 1900 && y < 3000), '"offYears" must be a list of years');
  const topics = strings(o.topics, 'topics', 200);
  need(LAYOUTS.includes(o.layout as never), `"layout" must be one of ${LAYOUTS.join(', ')}`);
  const ext = o.extent;
  need(Array.isArray(ext) && ext.length === 4 && ext.every((p) => typeof p === 'number' && Number.isFinite(p)) && ext[2] > ext[0] && ext[3] > ext[1], '"extent" must be [x1, y1, x2, y2] with x2 > x1 and y2 > y1');
  const out: ViewState = {
    v: VIEW_VERSION, mode: o.mode as ViewState['mode'], lang: o.lang as ViewState['lang'], nodes, pos: pos as number[], edges: edges as EdgeTuple[],
    exp: exp as ViewState['exp'], hidden, offBureaus, offYears: offYears as number[], topics, layout: o.layout as ViewState['layout'], extent: ext as ViewState['extent'],
  };
  for (const k of ['sel', 'a', 'b', 'from', 'to'] as const) {
    const v = optId(o[k], k);
    if (v) out[k] = v;
  }
  return out;
}

// ---- the address bar's form ------------------------------------------------------------------

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const c of out as unknown as AsyncIterable<Uint8Array>) {
    size += c.length;
    // A link that inflates without end is refused, not held in memory.
    if (size > limit) throw new ViewStateError('the view in this link is larger than any view the explorer makes');
    chunks.push(c);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  need(/^[A-Za-z0-9_-]*$/.test(s), 'the view in this link is damaged (not base64url)');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** `1.<base64url(deflate-raw(JSON))>`: what the address bar's `#view=` holds. */
export async function encodeView(s: ViewState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s));
  return `${VIEW_VERSION}.${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

export async function decodeView(param: string): Promise<ViewState> {
  const dot = param.indexOf('.');
  need(dot > 0, 'the view in this link is damaged (no version)');
  need(param.slice(0, dot) === String(VIEW_VERSION), `this link holds a view of version ${param.slice(0, dot)}; this explorer reads version ${VIEW_VERSION}`);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(param.slice(dot + 1)), new DecompressionStream('deflate-raw'), 16 * 1024 * 1024));
  } catch (e) {
    if (e instanceof ViewStateError) throw e;
    throw new ViewStateError('the view in this link is damaged (it does not inflate); was it cut short?');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ViewStateError('the view in this link is damaged (not JSON)');
  }
  return checkViewState(parsed);
}
