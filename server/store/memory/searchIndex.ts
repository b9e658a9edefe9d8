import type { GraphNode, NodeType } from '../../model/types';
import { englishRank, keysRank, nodeKey, prefixRank, TYPE_RANK } from '../search';

/** The type rank of an ordinal whose node is gone. */
const GONE = 255;
/** Candidates few enough to check their names rather than intersect further (see best). */
const FEW = 64;

export interface BestOptions {
  /** Only nodes of these types (all when absent or empty). */
  types?: readonly NodeType[];
  /** Asked of a node only when it would enter the page (so not of every match): filters that need the live node (topics). */
  accept?: (id: string) => boolean;
}

/**
 * An inverted index of the characters and character pairs of every node's names (name,
 * aliases, English name), so a search looks at the nodes that can match, not at every node.
 * Postings are sorted ordinals without repeats, so indexing a node again (every write re-adds
 * the shared nodes it touched) adds nothing unless it gained a name; a long-running server that
 * ingests and deletes reports keeps a flat index. Postings are never removed: a deleted node's
 * ordinal is marked gone and a dropped alias only costs a look.
 *
 * The index also keeps, per ordinal, what compareMatches orders by (type, number of mentions,
 * name, id), so `best` ranks a common word's hundred thousand matches without touching a node:
 * the store must re-index every node whose mentions change (writes and deletes both).
 */
export class SearchIndex {
  private readonly pairs = new Map<string, number[]>();
  private readonly chars = new Map<string, number[]>();
  private readonly ids: string[] = [];
  private readonly ordinal = new Map<string, number>();
  /** Each node's name keys (name, aliases, English name), so ranking a match needs no folding. */
  private readonly keys: Array<string | string[]> = [];
  private readonly names: string[] = [];
  /** English names as written (the word match splits them), only where a node has one. */
  private readonly english: Array<string | undefined> = [];
  /** Per ordinal: type rank (GONE once deleted), number of mentions, length of the name. */
  private typeRank = new Uint8Array(1024);
  private mentions = new Int32Array(1024);
  private nameLength = new Int32Array(1024);

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
      if (o === this.typeRank.length) this.grow();
    }
    const en = typeof node.props.nameEn === 'string' ? node.props.nameEn : undefined;
    const forms = [node.name, ...node.aliases];
    if (en !== undefined) forms.push(en);
    // Most keys are the name itself: keep that one string rather than a copy.
    const keys = forms.map((f) => {
      const k = nodeKey(f);
      return k === f ? f : k;
    });
    this.keys[o] = keys.length === 1 ? keys[0] : keys;
    this.names[o] = node.name;
    if (en !== undefined || this.english[o] !== undefined) this.english[o] = en;
    this.typeRank[o] = TYPE_RANK[node.type];
    this.mentions[o] = node.mentions.length;
    this.nameLength[o] = node.name.length;
    for (const k of keys) {
      for (let i = 0; i < k.length; i++) {
        post(this.chars, k[i], o);
        if (i + 1 < k.length) post(this.pairs, k.slice(i, i + 2), o);
      }
    }
  }

  /** The node is gone from the graph (its postings stay, never to be answered). */
  remove(id: string): void {
    const o = this.ordinal.get(id);
    if (o !== undefined) this.typeRank[o] = GONE;
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
   * The ids of the `k` best matches of a query key, in compareMatches order (server/store/search.ts):
   * one pass over the candidates keeping the page sorted, each compared on the index's own
   * arrays, so most are dismissed on their rank and type alone.
   */
  best(q: string, words: string[] | null, k: number, o: BestOptions = {}): string[] {
    if (k <= 0) return [];
    const allowed = o.types?.length ? new Set(o.types.map((t) => TYPE_RANK[t])) : null;
    const topO: number[] = [];
    const topR: number[] = [];
    // Each further list probed costs every remaining candidate a few cache misses in a big
    // graph; checking a few names costs one or two.
    let os = this.ordinals(q, FEW);
    if (words) os = union(os, this.ordinalsAll(words));
    for (const x of os) {
      const t = this.typeRank[x];
      if (t === GONE || (allowed && !allowed.has(t))) continue;
      let r: number | null;
      if (topO.length === k && this.order(3, x, topR[k - 1], topO[k - 1]) >= 0) {
        // Not good enough as a mere "contains" (nor as an English match, ranked after those):
        // only the cheap start-of-key ranks can still put it on the page.
        r = prefixRank(this.keys[x], q);
        if (r === null || this.order(r, x, topR[k - 1], topO[k - 1]) >= 0) continue;
      } else {
        r = keysRank(this.keys[x], q);
        if (r === null && words && this.english[x] !== undefined) r = englishRank(this.english[x]!, words);
        if (r === null) continue;
        if (topO.length === k && this.order(r, x, topR[k - 1], topO[k - 1]) >= 0) continue;
      }
      if (o.accept && !o.accept(this.ids[x])) continue;
      let lo = 0;
      let hi = topO.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.order(topR[mid], topO[mid], r, x) <= 0) lo = mid + 1;
        else hi = mid;
      }
      topO.splice(lo, 0, x);
      topR.splice(lo, 0, r);
      if (topO.length > k) {
        topO.pop();
        topR.pop();
      }
    }
    return topO.map((x) => this.ids[x]);
  }

  /** compareMatches on the index's arrays: rank, type, more mentions first, shorter name, name, id. */
  private order(ra: number, a: number, rb: number, b: number): number {
    return ra - rb
      || this.typeRank[a] - this.typeRank[b]
      || this.mentions[b] - this.mentions[a]
      || this.nameLength[a] - this.nameLength[b]
      || compareStrings(this.names[a], this.names[b])
      || compareStrings(this.ids[a], this.ids[b]);
  }

  private grow(): void {
    const t = new Uint8Array(this.typeRank.length * 2);
    t.set(this.typeRank);
    this.typeRank = t;
    const m = new Int32Array(this.mentions.length * 2);
    m.set(this.mentions);
    this.mentions = m;
    const l = new Int32Array(this.nameLength.length * 2);
    l.set(this.nameLength);
    this.nameLength = l;
  }

  private ordinalsAll(words: string[]): readonly number[] {
    let acc: readonly number[] | undefined;
    for (const w of words) {
      const c = this.ordinals(w);
      acc = acc ? intersect(acc, c) : c;
      if (!acc.length) break;
    }
    return acc ?? [];
  }

  /**
   * Ordinals whose names hold every character pair of q, ascending (the index's own list when q
   * is one pair: read, never changed); with `few`, possibly more once no more than that many are
   * left, for a caller that checks each name anyway. The shortest posting list leads and the others are only
   * probed (galloping), so a rare name costs its own few entries even when one of its pairs
   * (中心, 管理) is in a hundred thousand names.
   */
  private ordinals(q: string, few = 0): readonly number[] {
    const lists = this.listsOf(q);
    let acc: readonly number[] = lists[0] ?? [];
    for (let k = 1; k < lists.length && acc.length > few; k++) acc = intersect(acc, lists[k]);
    return acc;
  }

  /** The posting lists of q's character pairs (its character, for one), shortest first. */
  private listsOf(q: string): number[][] {
    const lists: number[][] = [];
    if (q.length === 1) lists.push(this.chars.get(q) ?? []);
    else for (let i = 0; i + 1 < q.length; i++) lists.push(this.pairs.get(q.slice(i, i + 2)) ?? []);
    return lists.sort((a, b) => a.length - b.length);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two sorted lists merged, without repeats. */
function union(a: readonly number[], b: readonly number[]): readonly number[] {
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
function intersect(small: readonly number[], big: readonly number[]): number[] {
  if (small.length > big.length) [small, big] = [big, small];
  const out: number[] = [];
  let at = 0;
  for (const x of small) {
    at = gallop(big, at, x);
    if (at === big.length) break;
    if (big[at] === x) out.push(x);
  }
  return out;
}

/**
 * The first index from `from` on where sorted `list` holds x or more (its length if none). It
 * gallops (1, 2, 4 … ahead, then halves), so walking two lists of similar length together costs
 * about their length, not length × log.
 */
function gallop(list: readonly number[], from: number, x: number): number {
  const n = list.length;
  if (from >= n || list[from] >= x) return from;
  let step = 1;
  while (from + step < n && list[from + step] < x) step <<= 1;
  // list[from + step/2] < x, and list[from + step] >= x unless past the end.
  let lo = from + (step >> 1) + 1;
  let hi = Math.min(from + step, n);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
