import type { GraphNode, NodeType } from '../../model/types';
import { englishRank, keysRank, nodeKey, prefixRank, TYPE_RANK } from '../search';
import { BlockReader, BlockWriter } from './binary';
import { PackedKeys } from './packedKeys';
import { intersect, Lists, NONE, type Ordinals, pair, PostingTable, walk, WholeKeys } from './postings';

const EMPTY = new PostingTable(new Int32Array(0), new Uint32Array(0), new Int32Array(0));
/** The type rank of an ordinal whose node is gone. */
const GONE = 255;
/** In an index file: the position of a node that is gone. */
const NO_POSITION = 0xffffffff;

export interface BestOptions {
  /** Only nodes of these types (all when absent or empty). */
  types?: readonly NodeType[];
  /** Asked of a node only when it would enter the page (so not of every match): filters that need the live node (topics). */
  accept?: (id: string) => boolean;
}

/**
 * An inverted index of the characters and character pairs of every node's names (name,
 * aliases, English name), so a search looks at the nodes that can match, not at every node.
 *
 * A common word (执法) is in a tenth of a million-node graph, yet a page is twenty. So `build`
 * numbers the nodes in the order search ranks equally good matches by (type, more mentions,
 * shorter name, name, id: compareMatches without its rank), and every posting list, being
 * sorted by number, is then sorted best first. Each kind of match (whole key, start of a key,
 * anywhere in a key) is read in that order and its reading stops at the first node that could
 * not enter the page: a common word costs about a page of nodes, not all that contain it.
 *
 * Writes change that order (a shared node gains mentions; a new node has the next number): the
 * nodes indexed again since the build are "changed" and judged one by one from their own keys
 * on every search, and the store builds afresh once they are many (see `changed`). So the
 * posting lists are written once, by the build, as typed arrays (half the memory of number
 * arrays, and a server that writes all day does not grow them); a deleted node's ordinal is
 * marked gone.
 */
export class SearchIndex {
  /** Posting lists by character pair (see postings.ts `pair`) and by character code. */
  private pairs = EMPTY;
  private chars = EMPTY;
  /** Keys by their first pair (first character for one-character keys): the lists a prefix is read from. */
  private startPairs = EMPTY;
  private startChars = EMPTY;
  /** Ordinals by whole key: the name or alias a query is exactly, wherever the node is in the order (built ordinals only). */
  private whole = new WholeKeys(new Float64Array(0));
  /**
   * Per ordinal: id, name keys, name and English name. An index read from a file fills these
   * from the snapshot's nodes an ordinal at a time, when a search or write first looks at it
   * (`at`): an ordinal not filled yet has no id.
   */
  private ids: string[] = [];
  /** Ordinals given (ids.length but for an index read from a file, whose ids are filled out of order). */
  private count = 0;
  /**
   * Ordinals by id, which only writes ask for: of an index read from a file, only those added
   * since; the file's are found through `byId` (a million ids in a map cost a second or more at
   * the first write after a start, which replaying the journal is).
   */
  private readonly ordinals = new Map<string, number>();
  /** The ordinals of the nodes the file names, by a hash of their ids (each candidate's id checked). */
  private byId = new WholeKeys(new Float64Array(0));
  /** Of an index read from a file: the keys that are not a node's name, made into strings when `at` fills it. */
  private explicit?: PackedKeys;
  /** Each node's name keys (name, aliases, English name), so ranking a match needs no folding. */
  private keys: Array<string | string[]> = [];
  private names: string[] = [];
  /** English names as written (the word match splits them), only where a node has one. */
  private english: Array<string | undefined> = [];
  /** Where the ordinals not filled yet find their nodes: positions in the snapshot read. */
  private source?: { pos: Uint32Array; nodeAt: (position: number) => GraphNode | undefined };
  /** Per ordinal: type rank (GONE once deleted), number of mentions, length of the name. */
  private typeRank = new Uint8Array(1024);
  private mentions = new Int32Array(1024);
  private nameLength = new Int32Array(1024);
  /** Per ordinal: 1 when indexed again since the build (its number no longer says its place). */
  private changedFlag = new Uint8Array(1024);
  private readonly changedList: number[] = [];
  /** Ordinals below this were numbered by `build`; typeStart[t] is where its type t begins. */
  private ordered = 0;
  private readonly typeStart: number[] = [];

  /** An index whose ordinals follow the ranking order: what the store searches with. */
  static build(nodes: Iterable<GraphNode>): SearchIndex {
    const ix = new SearchIndex();
    const all = [...nodes].sort(rankingOrder);
    // Two passes, counting then filling, so each list is allocated once at its size: at a
    // million nodes, growing arrays (and slicing pair strings) kept the collector busy for seconds.
    const lists = [new Lists(), new Lists(), new Lists(), new Lists()] as const;
    const [pairs, chars, startPairs, startChars] = lists;
    const each = (add: (l: Lists, code: number, o: number) => void) => {
      for (let o = 0; o < all.length; o++) {
        const keys = ix.keys[o];
        for (const k of typeof keys === 'string' ? [keys] : keys) {
          if (!k) continue;
          add(startChars, k.charCodeAt(0), o);
          if (k.length > 1) add(startPairs, pair(k, 0), o);
          for (let i = 0; i < k.length; i++) {
            add(chars, k.charCodeAt(i), o);
            if (i + 1 < k.length) add(pairs, pair(k, i), o);
          }
        }
      }
    };
    for (const n of all) ix.record(n, keysOf(n));
    ix.whole = WholeKeys.build((o) => ix.keys[o], all.length);
    each((l, code, o) => l.count(code, o));
    for (const l of lists) l.allocate();
    each((l, code, o) => l.put(code, o));
    [ix.pairs, ix.chars, ix.startPairs, ix.startChars] = lists.map((l) => l.table());
    ix.ordered = all.length;
    let at = 0;
    for (let t = 0; t <= 16; t++) {
      while (at < all.length && ix.typeRank[at] < t) at++;
      ix.typeStart.push(at);
    }
    return ix;
  }

  /**
   * The index as blocks of an index file (indexFiles.ts), each node named by its position in
   * the snapshot (`positionOf`). What a node's own fields say again (id, name, English name, and
   * its keys when they are its name) is not written. Null when a live node has no position: the
   * index does not belong to that graph and is not saved.
   */
  encode(positionOf: (id: string) => number | undefined): BlockWriter[] | null {
    const n = this.count;
    const pos = new Uint32Array(n);
    for (let o = 0; o < n; o++) {
      if (this.typeRank[o] === GONE) {
        pos[o] = NO_POSITION;
        continue;
      }
      const p = positionOf(this.ids[this.at(o)]);
      if (p === undefined) return null;
      pos[o] = p;
    }
    const head = new BlockWriter(1);
    head.u(n);
    head.u(this.ordered);
    head.u(this.typeStart.length);
    for (const t of this.typeStart) head.u(t);
    head.u(this.changedList.length);
    for (const x of this.changedList) head.u(x);
    head.array(pos);
    // The byte columns four to a word (the last word padded).
    for (const col of [this.typeRank, this.changedFlag]) {
      const bytes = new Uint8Array(4 * Math.ceil(n / 4));
      bytes.set(col.subarray(0, n));
      head.array(new Uint32Array(bytes.buffer));
    }
    for (const col of [this.mentions, this.nameLength]) head.array(col.subarray(0, n));
    const live = (o: number) => pos[o] !== NO_POSITION;
    const byKey = (keys: WholeKeys) => {
      const b = new BlockWriter(3);
      b.u(keys.entries.length);
      b.array(new Uint32Array(keys.entries.buffer, keys.entries.byteOffset, 2 * keys.entries.length));
      return b;
    };
    // Each table as it lies in memory: read back, its arrays are views into the file.
    const lists = [this.pairs, this.chars, this.startPairs, this.startChars].map((t) => {
      const b = new BlockWriter(2);
      b.u(t.codes.length);
      b.u(t.data.length);
      b.array(t.codes);
      b.array(t.ends);
      b.array(t.data);
      return b;
    });
    const ids = byKey(WholeKeys.build((o) => (live(o) ? this.ids[o] : undefined), n));
    // What a node's own fields say again (id, name, English name, its keys when they are its name) is not written.
    const explicit = PackedKeys.encode(n, (o) => (live(o) && this.keys[o] !== this.names[o] ? this.keys[o] : undefined));
    return [head, byKey(this.whole), ...lists, ids, explicit];
  }

  /**
   * The index encode wrote, its nodes found by position (`nodeAt`) when first looked at; null
   * when the blocks do not add up. Nothing is made per node, per key or per list here: the
   * tables are views into the blocks (which must outlive the index: readIndexFile reads the
   * file into memory of its own), so a start at a million nodes spends milliseconds on it.
   */
  static decode(blocks: BlockReader[], nodeAt: (position: number) => GraphNode | undefined): SearchIndex | null {
    if (blocks.length !== 8) return null;
    const [head, whole, pairs, chars, startPairs, startChars, byId, explicit] = blocks;
    const ix = new SearchIndex();
    const n = head.u();
    ix.ordered = head.u();
    for (let i = head.u(); i > 0; i--) ix.typeStart.push(head.u());
    for (let i = head.u(); i > 0; i--) ix.changedList.push(head.u());
    const pos = head.take(n);
    // The columns are views too (written to in place; a new ordinal past them grows them into copies).
    const column = <T>(of: new (b: ArrayBufferLike, at: number, n: number) => T, words: number): T | null => {
      const w = head.take(words);
      return w.length === words ? new of(w.buffer, w.byteOffset, n) : null;
    };
    const [typeRank, changedFlag] = [column(Uint8Array, Math.ceil(n / 4)), column(Uint8Array, Math.ceil(n / 4))];
    const [mentions, nameLength] = [column(Int32Array, n), column(Int32Array, n)];
    if (!head.done || pos.length !== n || !typeRank || !changedFlag || !mentions || !nameLength) return null;
    [ix.typeRank, ix.changedFlag, ix.mentions, ix.nameLength] = [typeRank, changedFlag, mentions, nameLength];
    // Filled when first looked at (`at`); the index's version already says these nodes are the
    // snapshot's. Left empty, not made at their length: filled out of order, V8 keeps them as
    // dictionaries until they are dense (four arrays of a million holes cost a start 0.1-0.5 s).
    ix.count = n;
    ix.source = { pos, nodeAt };
    const keys = PackedKeys.decode(explicit);
    const [wholeKeys, ids] = [whole, byId].map((b) => {
      const count = b.u();
      const words = b.take(2 * count);
      if (!b.done || words.length !== 2 * count) return null;
      // A view when the words lie at a multiple of 8 bytes, else a copy (a few MB).
      const entries = words.byteOffset % 8 ? new Float64Array(count) : new Float64Array(words.buffer, words.byteOffset, count);
      if (words.byteOffset % 8) new Uint32Array(entries.buffer).set(words);
      return new WholeKeys(entries);
    });
    const tables = [pairs, chars, startPairs, startChars].map((b) => {
      const [count, total] = [b.u(), b.u()];
      const int32 = (w: Uint32Array) => new Int32Array(w.buffer, w.byteOffset, w.length);
      const [codes, ends, data] = [int32(b.take(count)), b.take(count), int32(b.take(total))];
      return b.done && codes.length === count && ends.length === count && data.length === total && (!count || ends[count - 1] === total) ? new PostingTable(codes, ends, data) : null;
    });
    if (!keys || !wholeKeys || !ids || tables.some((t) => !t)) return null;
    [ix.pairs, ix.chars, ix.startPairs, ix.startChars] = tables as PostingTable[];
    [ix.whole, ix.byId, ix.explicit] = [wholeKeys, ids, keys];
    return ix;
  }

  /** Entries over all posting lists (what the index costs in memory). */
  get postings(): number {
    return this.chars.size + this.pairs.size + this.startChars.size + this.startPairs.size;
  }

  /** Ids ever indexed (live or deleted since). */
  get size(): number {
    return this.count;
  }

  /** Nodes indexed again or added since the build: each costs every search a look. */
  get changed(): number {
    return this.changedList.length;
  }

  /** Indexes a node again (it changed) or for the first time: unless it ranks and reads as it did at the build, it is "changed". */
  add(node: GraphNode): void {
    const o = this.ordinalOf(node.id);
    const keys = keysOf(node);
    const keeps = o !== undefined && this.at(o) < this.ordered && !this.changedFlag[o] && this.typeRank[o] === TYPE_RANK[node.type]
      && this.mentions[o] === node.mentions.length && this.names[o] === node.name && sameKeys(this.keys[o], keys);
    const x = this.record(node, keys);
    if (keeps || this.changedFlag[x]) return;
    this.changedFlag[x] = 1;
    this.changedList.push(x);
  }

  /** The node is gone from the graph (its postings stay, never to be answered). */
  remove(id: string): void {
    const o = this.ordinalOf(id);
    if (o !== undefined) this.typeRank[o] = GONE;
  }

  /**
   * The ids of the `k` best matches of a query key, in compareMatches order (server/store/search.ts).
   * Changed nodes are judged one by one; then whole keys, starts of keys and keys that contain
   * the query are each read best first until a node could not enter the page; English words
   * last, and only while the page has room for them.
   */
  best(q: string, words: string[] | null, k: number, o: BestOptions = {}): string[] {
    if (k <= 0 || !q) return [];
    const page = new Page(k, (ra, a, rb, b) => this.order(ra, a, rb, b));
    const allowed = o.types?.length ? new Set(o.types.map((t) => TYPE_RANK[t])) : null;
    const admits = (x: number) => !o.accept || o.accept(this.ids[this.at(x)]);

    for (const x of this.changedList) {
      const t = this.typeRank[x];
      if (t === GONE || (allowed && !allowed.has(t))) continue;
      let r = keysRank(this.keys[this.at(x)], q);
      if (r === null && words && this.english[x] !== undefined) r = englishRank(this.english[x]!, words);
      if (r !== null && !page.blocks(r, x) && admits(x)) page.put(r, x);
    }

    for (const x of this.whole.candidates(q)) {
      if (this.changedFlag[x] || !this.live(x, allowed)) continue;
      const r = prefixRank(this.keys[this.at(x)], q);
      if (r !== null && r <= 1 && !page.blocks(r, x) && admits(x)) page.put(r, x);
    }

    // Ranks 2 and 3, each read best first. A node that is not of the rank being read is left to
    // its own reading; the first that is, and cannot enter the page, ends the reading.
    const read = (rank: 2 | 3, lists: Int32Array[]) =>
      walk(lists, (x) => {
        if (this.changedFlag[x]) return x + 1;
        const t = this.typeRank[x];
        if (t === GONE) return x + 1;
        if (allowed && !allowed.has(t)) return this.nextAllowed(t, allowed);
        const keys = this.keys[this.at(x)];
        const r = rank === 2 ? prefixRank(keys, q) : keysRank(keys, q);
        if (r !== rank) return x + 1;
        if (page.blocks(r, x)) return Infinity;
        if (admits(x)) page.put(r, x);
        return x + 1;
      });
    read(2, this.startListsOf(q));
    read(3, this.listsOf(q));

    if (words && page.room(4)) {
      for (const x of this.ordinalsAll(words)) {
        if (this.changedFlag[x] || !this.live(x, allowed) || this.english[this.at(x)] === undefined) continue;
        if (keysRank(this.keys[x], q) !== null) continue; // ranked above already
        const r = englishRank(this.english[x]!, words);
        if (r !== null && !page.blocks(r, x) && admits(x)) page.put(r, x);
      }
    }
    return page.ordinals.map((x) => this.ids[this.at(x)]);
  }

  /** Keeps what ranking the node needs under its ordinal (a new one after the last). */
  private record(node: GraphNode, keys: string | string[]): number {
    let o = this.ordinalOf(node.id);
    if (o === undefined) {
      o = this.count++;
      this.ids[o] = node.id;
      this.ordinals.set(node.id, o);
      if (o === this.typeRank.length) this.grow();
    }
    const en = typeof node.props.nameEn === 'string' ? node.props.nameEn : undefined;
    this.keys[o] = keys;
    this.names[o] = node.name;
    if (en !== undefined || this.english[o] !== undefined) this.english[o] = en;
    this.typeRank[o] = TYPE_RANK[node.type];
    this.mentions[o] = node.mentions.length;
    this.nameLength[o] = node.name.length;
    return o;
  }

  /** The ordinal of a node indexed before (filled: `at`), or undefined. A node gone when the file was saved has none, as it had none before. */
  private ordinalOf(id: string): number | undefined {
    const o = this.ordinals.get(id);
    if (o !== undefined || !this.source) return o;
    for (const x of this.byId.candidates(id)) if (this.ids[this.at(x)] === id) return x;
    return undefined;
  }

  /** Fills ordinal o from the snapshot's node when not filled yet; returns o. */
  private at(o: number): number {
    if (this.ids[o] !== undefined) return o;
    const p = this.source!.pos[o];
    const node = p === NO_POSITION ? undefined : this.source!.nodeAt(p);
    if (!node) {
      // Gone before the index was saved (or, were the file not of this snapshot, never there).
      this.typeRank[o] = GONE;
      this.ids[o] = this.names[o] = '';
      this.keys[o] ??= '';
      return o;
    }
    this.ids[o] = node.id;
    this.names[o] = node.name;
    // Keys other than the name were read with the file.
    this.keys[o] ??= this.explicit?.keysOf(o) ?? node.name;
    if (typeof node.props.nameEn === 'string') this.english[o] = node.props.nameEn;
    return o;
  }

  private live(x: number, allowed: Set<number> | null): boolean {
    const t = this.typeRank[x];
    return t !== GONE && (!allowed || allowed.has(t));
  }

  /** The first ordinal of the next allowed type after t, among the built ones (Infinity: none). */
  private nextAllowed(t: number, allowed: Set<number>): number {
    for (let u = t + 1; u < this.typeStart.length - 1; u++) if (allowed.has(u)) return this.typeStart[u];
    return Infinity;
  }

  /** compareMatches on the index's arrays: rank, type, more mentions first, shorter name, name, id. */
  private order(ra: number, a: number, rb: number, b: number): number {
    return ra - rb
      || this.typeRank[a] - this.typeRank[b]
      || this.mentions[b] - this.mentions[a]
      || this.nameLength[a] - this.nameLength[b]
      || compareStrings(this.names[this.at(a)], this.names[this.at(b)])
      || compareStrings(this.ids[a], this.ids[b]);
  }

  private grow(): void {
    this.typeRank = grown(this.typeRank);
    this.mentions = grown(this.mentions);
    this.nameLength = grown(this.nameLength);
    this.changedFlag = grown(this.changedFlag);
  }

  private ordinalsAll(words: string[]): Ordinals {
    let acc: Ordinals | undefined;
    for (const w of words) {
      const lists = this.listsOf(w);
      let c: Ordinals = lists[0] ?? NONE;
      for (let j = 1; j < lists.length && c.length; j++) c = intersect(c, lists[j]);
      acc = acc ? intersect(acc, c) : c;
      if (!acc.length) break;
    }
    return acc ?? [];
  }

  /** The posting lists of q's character pairs (its character, for one), shortest first. */
  private listsOf(q: string): Int32Array[] {
    const lists: Int32Array[] = [];
    if (q.length === 1) lists.push(this.chars.get(q.charCodeAt(0)));
    else for (let i = 0; i + 1 < q.length; i++) lists.push(this.pairs.get(pair(q, i)));
    return lists.sort((a, b) => a.length - b.length);
  }

  /** The lists a key that starts with q is in: its first pair's start list and q's other pairs, shortest first. */
  private startListsOf(q: string): Int32Array[] {
    if (q.length === 1) return [this.startChars.get(q.charCodeAt(0))];
    const lists = [this.startPairs.get(pair(q, 0))];
    for (let i = 1; i + 1 < q.length; i++) lists.push(this.pairs.get(pair(q, i)));
    return lists.sort((a, b) => a.length - b.length);
  }
}

/** The page being filled: ordinals and their ranks, best first, at most k. */
class Page {
  readonly ordinals: number[] = [];
  private readonly ranks: number[] = [];
  constructor(
    private readonly k: number,
    private readonly order: (ra: number, a: number, rb: number, b: number) => number,
  ) {}

  /** Whether a match of rank r at x is no better than the last of a full page. */
  blocks(r: number, x: number): boolean {
    const n = this.ordinals.length;
    return n === this.k && this.order(r, x, this.ranks[n - 1], this.ordinals[n - 1]) >= 0;
  }

  /** Whether a match of rank r could still enter (the page is not full, or its last is ranked worse). */
  room(r: number): boolean {
    const n = this.ordinals.length;
    return n < this.k || this.ranks[n - 1] >= r;
  }

  put(r: number, x: number): void {
    let lo = 0;
    let hi = this.ordinals.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order(this.ranks[mid], this.ordinals[mid], r, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.ordinals.splice(lo, 0, x);
    this.ranks.splice(lo, 0, r);
    if (this.ordinals.length > this.k) {
      this.ordinals.pop();
      this.ranks.pop();
    }
  }
}

/** A node's name keys (name, aliases, English name); most nodes have the name only, kept as that one string. */
function keysOf(node: GraphNode): string | string[] {
  const forms = [node.name, ...node.aliases];
  if (typeof node.props.nameEn === 'string') forms.push(node.props.nameEn);
  const keys = forms.map((f) => {
    const k = nodeKey(f);
    return k === f ? f : k;
  });
  return keys.length === 1 ? keys[0] : keys;
}

function sameKeys(a: string | string[], b: string | string[]): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** compareMatches between nodes of the same rank: the order `build` numbers them in. */
function rankingOrder(a: GraphNode, b: GraphNode): number {
  return TYPE_RANK[a.type] - TYPE_RANK[b.type]
    || b.mentions.length - a.mentions.length
    || a.name.length - b.name.length
    || compareStrings(a.name, b.name)
    || compareStrings(a.id, b.id);
}

/**
 * A typed array a quarter longer (1024 at least), holding the same values first. Not twice: a
 * read index's columns are exactly as long as its nodes, and the first node a start's journal
 * replay adds grows all four (a million entries each).
 */
function grown<T extends Uint8Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(1024, a.length + (a.length >> 2)));
  b.set(a);
  return b;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
