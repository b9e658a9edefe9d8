// Named views kept in this browser (localStorage) and the JSON file they are exported to and
// imported from. A file is read whole and checked before anything is kept: one bad view and
// nothing changes.
import { checkViewState, ViewStateError, type ViewState } from './viewState';

export interface SavedView {
  name: string;
  savedAt: string;
  view: ViewState;
}

export const FILE_KIND = 'policing-reform-kg/views';
export const FILE_VERSION = 1;
const KEY = 'kg.views';
const MAX_NAME = 120;

export function checkName(name: string): string {
  const n = name.trim();
  if (!n) throw new ViewStateError('give the view a name');
  if (n.length > MAX_NAME) throw new ViewStateError(`a view's name has at most ${MAX_NAME} characters`);
  return n;
}

/** The views of an exported file, checked; throws ViewStateError naming the first problem. */
export function parseViewsFile(text: string): SavedView[] {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new ViewStateError(`not a JSON file (${(e as Error).message})`);
  }
  const f = o as { kind?: unknown; version?: unknown; views?: unknown };
  if (typeof o !== 'object' || o === null || f.kind !== FILE_KIND) throw new ViewStateError(`not a saved-views file: it must have "kind": "${FILE_KIND}"`);
  if (f.version !== FILE_VERSION) throw new ViewStateError(`saved-views file version ${JSON.stringify(f.version)} is not one this explorer reads (${FILE_VERSION})`);
  if (!Array.isArray(f.views) || !f.views.length) throw new ViewStateError('the file holds no views ("views" must be a non-empty list)');
  const names = new Set<string>();
  return f.views.map((v: unknown, i: number) => {
    const where = `view ${i + 1}`;
    const x = v as { name?: unknown; savedAt?: unknown; view?: unknown };
    if (typeof v !== 'object' || v === null || typeof x.name !== 'string') throw new ViewStateError(`${where}: needs a "name"`);
    let name: string;
    let view: ViewState;
    try {
      name = checkName(x.name);
      view = checkViewState(x.view);
    } catch (e) {
      throw new ViewStateError(`${where} (${String(x.name).slice(0, 40)}): ${(e as Error).message}`);
    }
    if (names.has(name)) throw new ViewStateError(`${where}: the name "${name}" is used twice in the file`);
    names.add(name);
    const savedAt = typeof x.savedAt === 'string' && !Number.isNaN(Date.parse(x.savedAt)) ? x.savedAt : new Date().toISOString();
    return { name, savedAt, view };
  });
}

export function viewsFile(views: SavedView[]): string {
  return `${JSON.stringify({ kind: FILE_KIND, version: FILE_VERSION, exported: new Date().toISOString(), views }, null, 1)}\n`;
}

/** The named views of this browser. A damaged entry in storage is left out, never fatal. */
export function loadViews(): SavedView[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown[];
    return list.flatMap((v) => {
      try {
        const x = v as SavedView;
        return [{ name: checkName(x.name), savedAt: String(x.savedAt), view: checkViewState(x.view) }];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** Keeps the list; throws with the browser's reason when storage refuses (full, private mode). */
export function storeViews(views: SavedView[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(views));
  } catch (e) {
    throw new ViewStateError(`this browser refused to keep the views (${(e as Error).name}: storage full or disabled); export them to a file instead`);
  }
}

/** `add` joins `list`; a view of the same name is replaced. Returns the new list and how many were replaced. */
export function withViews(list: SavedView[], add: SavedView[]): { views: SavedView[]; replaced: number } {
  const names = new Set(add.map((v) => v.name));
  const kept = list.filter((v) => !names.has(v.name));
  return { views: [...kept, ...add], replaced: list.length - kept.length };
}
