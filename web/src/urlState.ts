// The address bar holds the view: /?node=<id> selects a node, /?mode=compare&a=<id>&b=<id>
// compares two bureaus, /?mode=path&from=<id>&to=<id> shows a path. Shareable and back-button friendly.

export interface UrlState {
  node?: string;
  mode?: 'explore' | 'compare' | 'path';
  a?: string;
  b?: string;
  from?: string;
  to?: string;
}

const KEYS = ['mode', 'node', 'a', 'b', 'from', 'to'] as const;

export function readUrl(search = location.search): UrlState {
  const p = new URLSearchParams(search);
  const s: UrlState = {};
  const mode = p.get('mode');
  if (mode === 'compare' || mode === 'path' || mode === 'explore') s.mode = mode;
  for (const k of ['node', 'a', 'b', 'from', 'to'] as const) {
    const v = p.get(k);
    if (v) s[k] = v;
  }
  return s;
}

export function urlFor(s: UrlState): string {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = s[k];
    if (v && !(k === 'mode' && v === 'explore')) p.set(k, v);
  }
  const q = p.toString();
  return q ? `?${q}` : location.pathname;
}

/** Pushes a new history entry when the state differs from the address bar's. */
export function writeUrl(s: UrlState, replace = false): void {
  const next = urlFor(s);
  const cur = location.search || location.pathname;
  if (next === cur || (next === location.pathname && !location.search)) return;
  if (replace) history.replaceState(s, '', next);
  else history.pushState(s, '', next);
}
