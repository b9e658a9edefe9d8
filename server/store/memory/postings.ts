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

/** The UTF-16 units at i and i + 1 as one 32-bit integer: a small-integer map key, no string made. */
export function pair(s: string, i: number): number {
  return (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
}

/** Posting lists being built: counted, allocated at their size, filled (ordinals ascending, a node's repeats together). */
export class Lists {
  readonly lists = new Map<number, Int32Array>();
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
}
