// Posting lists: sorted ordinals, built once, walked together.

/** A leading list this short is checked name by name rather than probed against the others . */
const FEW = 64;

/** Sorted ordinals: a posting list, or what intersecting some gave. */
export type Ordinals = Int32Array | number[];

export const NONE = new Int32Array(0);

/**
 * Calls visit on the ordinals every list holds, ascending; visit answers the next ordinal it
 * wants (x + 1 to go on, more to skip ahead, Infinity to stop). The shortest list leads and
 * the others are only probed (galloping), so a rare name costs its own few entries even when
 * one of its pairs (中心, 管理) is in a hundred thousand names; a lead of FEW or fewer is
 * not probed at all, since visit checks each name anyway and that costs less.
 */
export function walk(lists: Int32Array[], visit: (x: number) => number): void {
  if (!lists.length) return;
  const lead = lists[0];
  const probe = lead.length > FEW ? lists.slice(1) : [];
  const at = probe.map(() => 0);
  let i = 0;
  outer: while (i < lead.length) {
    const x = lead[i];
    for (let j = 0; j < probe.length; j++) {
      at[j] = gallop(probe[j], at[j], x);
      if (at[j] === probe[j].length) return;
      if (probe[j][at[j]] !== x) {
        i = gallop(lead, i + 1, probe[j][at[j]]);
        continue outer;
      }
    }
    const next = visit(x);
    if (next === Infinity) return;
    i = next > x + 1 ? gallop(lead, i + 1, next) : i + 1;
  }
}


/** The members of sorted `small` that sorted `big` holds too. */
export function intersect(small: Ordinals, big: Ordinals): number[] {
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
function gallop(list: ArrayLike<number>, from: number, x: number): number {
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

/** The first index where ascending `sorted` holds x or more (its length if none): a binary search. */
export function firstAtLeast(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The UTF-16 units at i and i + 1 as one 32-bit integer: a small-integer map key, no string made. */
export function pair(s: string, i: number): number {
  return (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
}

/**
 * Posting lists by code, as three flat arrays: the codes ascending, where each code's list ends,
 * and every list one after another. A list is found by binary search and handed out as a view,
 * so the table is the same few arrays built or read from a file (no object per list: at a
 * million nodes a map of lists cost seconds to fill at every start).
 */
export class PostingTable {
  constructor(
    readonly codes: Int32Array,
    readonly ends: Uint32Array,
    readonly data: Int32Array,
  ) {
    if (ends.length !== codes.length || (codes.length ? ends[codes.length - 1] : 0) !== data.length) throw new RangeError('a posting table that does not add up');
  }

  /** The list of a code (empty when none holds it). */
  get(code: number): Int32Array {
    const codes = this.codes;
    code |= 0;
    const lo = firstAtLeast(codes, code);
    if (lo === codes.length || codes[lo] !== code) return NONE;
    return this.data.subarray(lo ? this.ends[lo - 1] : 0, this.ends[lo]);
  }

  /** Entries over all lists. */
  get size(): number {
    return this.data.length;
  }
}

/** Posting lists being built: counted, allocated at their size, filled (ordinals ascending, a node's repeats together). */
export class Lists {
  private readonly lists = new Map<number, Int32Array>();
  private readonly n = new Map<number, number>();
  private readonly last = new Map<number, number>();

  count(code: number, o: number): void {
    if (this.last.get(code) === o) return;
    this.last.set(code, o);
    this.n.set(code, (this.n.get(code) ?? 0) + 1);
  }

  allocate(): void {
    for (const [code, n] of this.n) this.lists.set(code, new Int32Array(n));
    this.n.clear();
    this.last.clear();
  }

  put(code: number, o: number): void {
    if (this.last.get(code) === o) return;
    this.last.set(code, o);
    const at = this.n.get(code) ?? 0;
    this.lists.get(code)![at] = o;
    this.n.set(code, at + 1);
  }

  /** The filled lists as one table. */
  table(): PostingTable {
    const codes = Int32Array.from(this.lists.keys()).sort();
    const ends = new Uint32Array(codes.length);
    let total = 0;
    for (let i = 0; i < codes.length; i++) ends[i] = total += this.lists.get(codes[i])!.length;
    const data = new Int32Array(total);
    for (let i = 0; i < codes.length; i++) data.set(this.lists.get(codes[i])!, i ? ends[i - 1] : 0);
    this.lists.clear();
    return new PostingTable(codes, ends, data);
  }
}

/** Bits of a whole key's hash in a WholeKeys entry; the ordinal has the rest of a double's 53. */
const HASH_BITS = 26;
const ORDINAL_SPAN = 2 ** (53 - HASH_BITS);

/**
 * The ordinals of nodes by whole key (a name or alias the query is exactly): entries hash ×
 * 2²⁷ + ordinal in one sorted Float64Array, so it is one array built, saved and read, not a map
 * of a million strings. A hash names a few nodes at most; the caller checks each node's keys,
 * which also drops the rare node whose key only shares the hash.
 */
export class WholeKeys {
  constructor(readonly entries: Float64Array) {}

  /** From each node's keys (ordinals below 2²⁷). */
  static build(keysAt: (o: number) => string | readonly string[] | undefined, n: number): WholeKeys {
    if (n > ORDINAL_SPAN) throw new RangeError(`${n} nodes are more than a search index numbers`);
    const out: number[] = [];
    for (let o = 0; o < n; o++) {
      const keys = keysAt(o);
      if (keys === undefined) continue;
      if (typeof keys === 'string') {
        if (keys) out.push(keyHash(keys) * ORDINAL_SPAN + o);
        continue;
      }
      const seen: number[] = [];
      for (const k of keys) {
        const h = k ? keyHash(k) : -1;
        if (h < 0 || seen.includes(h)) continue;
        seen.push(h);
        out.push(h * ORDINAL_SPAN + o);
      }
    }
    return new WholeKeys(Float64Array.from(out).sort());
  }

  /** The ordinals whose keys may include q (each to be checked). */
  candidates(q: string): number[] {
    const e = this.entries;
    const from = keyHash(q) * ORDINAL_SPAN;
    const lo = firstAtLeast(e, from);
    const out: number[] = [];
    for (let i = lo; i < e.length && e[i] < from + ORDINAL_SPAN; i++) out.push(e[i] - from);
    return out;
  }
}

/** FNV-1a over the UTF-16 units, cut to HASH_BITS. */
export function keyHash(k: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
  return (h >>> 0) >>> (32 - HASH_BITS);
}
