import type { GraphNode } from '../../model/types';
import { nodeKey } from '../search';

/**
 * An inverted index of the characters and character pairs of every node's names (name,
 * aliases, English name), so a search looks at the nodes that can match, not at every node.
 * Postings are sorted ordinals without repeats, so indexing a node again (every write re-adds
 * the shared nodes it touched) adds nothing unless it gained a name; a long-running server that
 * ingests and deletes reports keeps a flat index. Postings are never removed: candidates are
 * always checked against the live node, so a stale entry (a deleted node, a dropped alias)
 * costs a lookup, never a wrong answer.
 */
export class SearchIndex {
  private readonly pairs = new Map<string, number[]>();
  private readonly chars = new Map<string, number[]>();
  private readonly ids: string[] = [];
  private readonly ordinal = new Map<string, number>();

  /** Entries over all posting lists (what the index costs in memory). */
  get postings(): number {
    let n = 0;
    for (const l of this.chars.values()) n += l.length;
    for (const l of this.pairs.values()) n += l.length;
    return n;
  }

  /** Ids ever indexed (live or deleted since). */
  get size(): number {
    return this.ids.length;
  }

  add(node: GraphNode): void {
    let o = this.ordinal.get(node.id);
    if (o === undefined) {
      o = this.ids.length;
      this.ids.push(node.id);
      this.ordinal.set(node.id, o);
    }
    const forms = [node.name, ...node.aliases];
    if (typeof node.props.nameEn === 'string') forms.push(node.props.nameEn);
    for (const f of forms) {
      const k = nodeKey(f);
      for (let i = 0; i < k.length; i++) {
        post(this.chars, k[i], o);
        if (i + 1 < k.length) post(this.pairs, k.slice(i, i + 2), o);
      }
    }
  }

  /** Ids of the nodes whose names contain every one of these words. */
  candidatesAll(words: string[]): string[] {
    let acc: Set<string> | undefined;
    for (const w of words) {
      const c = new Set(this.candidates(w));
      acc = acc ? new Set([...acc].filter((x) => c.has(x))) : c;
      if (!acc.size) break;
    }
    return [...(acc ?? [])];
  }

  /** Ids of the nodes whose names contain every character pair of the query key. */
  candidates(q: string): string[] {
    let lists: number[][];
    if (q.length === 1) lists = [this.chars.get(q) ?? []];
    else {
      lists = [];
      for (let i = 0; i + 1 < q.length; i++) lists.push(this.pairs.get(q.slice(i, i + 2)) ?? []);
    }
    lists.sort((a, b) => a.length - b.length);
    let acc = new Set(lists[0]);
    for (const l of lists.slice(1)) {
      if (!acc.size) break;
      const s = new Set(l);
      acc = new Set([...acc].filter((x) => s.has(x)));
    }
    return [...acc].map((o) => this.ids[o]);
  }
}

function post(map: Map<string, number[]>, key: string, o: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [o]);
  else if (list[list.length - 1] < o) list.push(o);
  else {
    // An older node indexed again: binary search keeps the list sorted and free of repeats.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid] < o) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo] !== o) list.splice(lo, 0, o);
  }
}
