import fs from 'node:fs';
import path from 'node:path';

// ARCHITECTURE.md is the map a newcomer reads first: its folder list must be the tree, and the
// floors it draws must be the imports (no file imports from a floor above its own, none in a circle).

const ROOT = path.join(__dirname, '../..');

interface Place {
  path: string;
  /** The floor's number on the server; undefined for the explorer (web/). */
  floor?: number;
}

/** The rows of the "Folders" table: a path in backticks, then its floor ("3 store", "web"). */
export function listedPlaces(markdown: string): Place[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Folders'));
  if (!section) throw new Error('ARCHITECTURE.md has no "## Folders" section');
  return [...section.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].map(([, p, floor]) => {
    const n = /^(\d+) /.exec(floor.trim());
    return { path: p.replace(/\/$/, ''), floor: n ? Number(n[1]) : undefined };
  });
}

/** Every folder below `dir` (itself included), relative to the root. */
function foldersUnder(dir: string): string[] {
  const out = [dir];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) if (e.isDirectory()) out.push(...foldersUnder(`${dir}/${e.name}`));
  return out;
}

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(`${dir}/${e.name}`, ext) : e.name.endsWith(ext) ? [`${dir}/${e.name}`] : []);
}

/** The server files each file imports (relative imports, type-only ones too), resolved to paths. */
export function importsOf(file: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.filter((s) => s.startsWith('.')).flatMap((s) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), s));
    const hit = [`${base}.ts`, `${base}/index.ts`, base].find((f) => fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile());
    return hit && hit.startsWith('server/') ? [hit] : [];
  });
}

/** A file's floor: that of the longest listed path holding it. */
export function floorOf(file: string, places: readonly Place[]): number | undefined {
  let best: Place | undefined;
  for (const p of places) if ((file === p.path || file.startsWith(`${p.path}/`)) && (!best || p.path.length > best.path.length)) best = p;
  return best?.floor;
}

/** Imports that run up a floor, as "importer (floor) → imported (floor)". */
export function upwardImports(graph: ReadonlyMap<string, readonly string[]>, places: readonly Place[]): string[] {
  const out: string[] = [];
  for (const [file, deps] of graph) {
    const f = floorOf(file, places);
    for (const d of deps) {
      const g = floorOf(d, places);
      if (f !== undefined && g !== undefined && g > f) out.push(`${file} (${f}) → ${d} (${g})`);
    }
  }
  return out;
}

/** The files of each circle of imports (strongly connected components larger than one file). */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const places = listedPlaces(fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8'));
const serverFiles = filesUnder('server', '.ts');
const graph = new Map(serverFiles.map((f) => [f, importsOf(f, fs.readFileSync(path.join(ROOT, f), 'utf8'))]));

describe('ARCHITECTURE.md', () => {
  it('lists every folder of server/ and web/src/, and nothing that is not there', () => {
    const listed = places.map((p) => p.path);
    expect(listed.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
    const tree = [...foldersUnder('server').filter((d) => d !== 'server'), ...foldersUnder('web/src')];
    expect(tree.filter((d) => !listed.includes(d))).toEqual([]);
  });

  it('gives every server file a floor', () => {
    expect(serverFiles.filter((f) => floorOf(f, places) === undefined)).toEqual([]);
  });

  it('reads the imports it checks', () => {
    // The parser must see what the files say, or the checks below pass on nothing.
    expect(graph.get('server/main.ts')).toEqual(expect.arrayContaining(['server/config.ts', 'server/http/app.ts', 'server/services/seed.ts']));
    expect(graph.get('server/services/ingest.ts')).toEqual(expect.arrayContaining(['server/services/extract.ts', 'server/store/store.ts']));
    expect(floorOf('server/store/rules/order.ts', places)).toBe(1);
    expect(floorOf('server/store/memory/graph.ts', places)).toBe(3);
  });

  it('has no import running up a floor', () => {
    expect(upwardImports(graph, places)).toEqual([]);
  });

  it('has no files importing each other in a circle', () => {
    expect(circles(graph)).toEqual([]);
  });
});
