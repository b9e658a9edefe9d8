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
  /** Each node's name keys (name, aliases, English name), so ranking a match needs no folding. */
  private readonly keys: Array<string | string[]> = [];

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
    // Most keys are the name itself: keep that one string rather than a copy.
    const keys = forms.map((f) => {
      const k = nodeKey(f);
      return k === f ? f : k;
    });
    this.keys[o] = keys.length === 1 ? keys[0] : keys;
    for (const k of keys) {
      for (let i = 0; i < k.length; i++) {
        post(this.chars, k[i], o);
        if (i + 1 < k.length) post(this.pairs, k.slice(i, i + 2), o);
      }
    }
  }

  /** Ids of the nodes whose names contain every one of these words. */
  candidatesAll(words: string[]): string[] {
    return this.ordinalsAll(words).map((o) => this.ids[o]);
  }

  /** Ids of the nodes whose names contain every character pair of the query key. */
  candidates(q: string): string[] {
    return this.ordinals(q).map((o) => this.ids[o]);
  }

  /**
   * The candidates of a query with the name keys they were indexed under (valid while the node
   * is: the store re-indexes every node a write touches).
   */
  candidatesWithKeys(q: string, words: string[] | null): Array<{ id: string; keys: readonly string[] }> {
    let os = this.ordinals(q);
    if (words) os = union(os, this.ordinalsAll(words));
    return os.map((o) => {
      const k = this.keys[o];
      return { id: this.ids[o], keys: typeof k === 'string' ? [k] : k };
    });
  }

  private ordinalsAll(words: string[]): number[] {
    let acc: number[] | undefined;
    for (const w of words) {
      const c = this.ordinals(w);
      acc = acc ? intersect(acc, c) : c;
      if (!acc.length) break;
    }
    return acc ?? [];
  }

  /**
   * Ordinals whose names hold every character pair of q, ascending. The shortest posting list
   * leads and the others are only probed (binary search), so a rare name costs its own few
   * entries even when one of its pairs (中心, 管理) is in a hundred thousand names.
   */
  private ordinals(q: string): number[] {
    const lists: number[][] = [];
    if (q.length === 1) lists.push(this.chars.get(q) ?? []);
    else for (let i = 0; i + 1 < q.length; i++) lists.push(this.pairs.get(q.slice(i, i + 2)) ?? []);
    lists.sort((a, b) => a.length - b.length);
    let acc = lists[0] ?? [];
    for (let k = 1; k < lists.length && acc.length; k++) acc = intersect(acc, lists[k]);
    return acc === lists[0] ? [...acc] : acc;
  }
}

/** Two sorted lists merged, without repeats. */
function union(a: number[], b: number[]): number[] {
  if (!b.length) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
  }
  return out;
}

/** The members of sorted `small` that sorted `big` holds too. */
function intersect(small: number[], big: number[]): number[] {
  if (small.length > big.length) [small, big] = [big, small];
  const out: number[] = [];
  let lo = 0;
  for (const x of small) {
    let hi = big.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (big[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo === big.length) break;
    if (big[lo] === x) out.push(x);
  }
  return out;
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
