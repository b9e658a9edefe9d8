// The view follows the address bar: on start and on Back/Forward the URL's mode, comparison, path
// and selected node are put on screen (urlState.ts reads and writes the URL itself).
import * as api from './api';
import type { Modes } from './modes';
import { writeUrl, type UrlState } from './urlState';

/** What following the URL asks of the explorer (App). */
export interface UrlHost {
  readonly modes: Modes;
  select(id: string, o: { push: false }): Promise<void>;
  unselect(push: false): void;
}

/** Shows the state a URL holds. `initial`: on start, where no node in the URL leaves the welcome as it is. */
export async function applyUrl(app: UrlHost, given: UrlState, initial: boolean): Promise<void> {
  const s = await storedState(given);
  const modes = app.modes;
  if (s.mode === 'compare') {
    await modes.setMode('compare', { a: s.a, b: s.b, fromUrl: true });
    if (s.node) await app.select(s.node, { push: false });
    return;
  }
  if (modes.mode === 'compare') await modes.setMode(s.mode ?? 'explore', { fromUrl: true });
  else if ((s.mode ?? 'explore') !== modes.mode) await modes.setMode(s.mode ?? 'explore', { fromUrl: true });
  if (s.mode === 'path' && s.from && s.to) {
    const [from, to] = await api.nodesByIds([s.from, s.to]);
    if (from && to) {
      modes.pathEnds = { from, to };
      modes.renderBar();
      await modes.findPath();
    }
  }
  if (s.node) await app.select(s.node, { push: false });
  else if (!initial) app.unselect(false);
}

/** The URL's ids as stored (a shared link may spell them in Traditional characters); the address bar is corrected in place. */
async function storedState(s: UrlState): Promise<UrlState> {
  const keys = (['node', 'a', 'b', 'from', 'to'] as const).filter((k) => s[k]);
  if (!keys.length) return s;
  const ids = await api.storedIds(keys.map((k) => s[k]!));
  if (keys.every((k, i) => s[k] === ids[i])) return s;
  const out = { ...s };
  keys.forEach((k, i) => (out[k] = ids[i]));
  writeUrl(out, true);
  return out;
}
