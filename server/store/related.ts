import type { EdgeType, GraphEdge, GraphNode, NodeType } from '../model/types';
import { keepBest } from './search';
import { compareNames } from './rules/order';

/**
 * What a reform stands for, in nodes another reform can share: the platforms, units, principles
 * and problems its measures (or itself) use, involve, follow or address, and the indicators its
 * results are measured by, as the GraphQL contract says (DESIGN.md section 6). The bodies a
 * measure works with (检察院, 市委市政府), the documents it issues and the other reforms it
 * implements are not: two reforms are not alike because both worked with the procuratorate.
 */
export const CONTEXT_TYPES: ReadonlySet<NodeType> = new Set(['PLATFORM', 'UNIT', 'PRINCIPLE', 'PROBLEM', 'INDICATOR']);

export interface ReformContext {
  reformId: string;
  /**
   * Context node ids in id order: the order weights are summed in and equal-weight `via` nodes
   * are listed in, so a store that computes the context elsewhere (Neo4j) gives the same answers.
   */
  nodes: ReadonlySet<string>;
}

export type EdgesOf = (id: string, dir: 'in' | 'out') => readonly GraphEdge[];
export type NodeOf = (id: string) => GraphNode | undefined;
/**
 * The edges at a node that way as their far ends' ids and types, in the order EdgesOf lists
 * them; `visit` returning true stops the walk. For walks that need nothing else: a store can
 * answer it without making edge objects (MemoryGraph.forEachEnd).
 */
export type EndsOf = (id: string, dir: 'in' | 'out', visit: (other: string, type: EdgeType) => boolean | void) => void;

/** EndsOf read from whole edge lists (for a store with nothing cheaper). */
export function endsFrom(edgesOf: EdgesOf): EndsOf {
  return (id, dir, visit) => {
    for (const e of edgesOf(id, dir)) if (visit(dir === 'out' ? e.target : e.source, e.type)) return;
  };
}

/**
 * The context of one reform, walked over the store's edges (cypher/related_context.cypher says
 * the same in Cypher): only their ends and types are read (`endsOf`: endsFrom(edgesOf), or a
 * store's way that makes no edge objects).
 */
export function reformContext(reformId: string, endsOf: EndsOf, nodeOf: NodeOf): ReformContext {
  const ctx = new Set<string>();
  const add = (id: string) => {
    const n = nodeOf(id);
    if (!n || !CONTEXT_TYPES.has(n.type)) return;
    ctx.add(id);
    if (n.type === 'INDICATOR') {
      endsOf(id, 'out', (target, type) => {
        if (type === 'PART_OF') ctx.add(target);
      });
    }
  };
  const fromActor = (id: string) => {
    endsOf(id, 'out', (target, type) => {
      if (type !== 'IMPLEMENTS' && type !== 'PART_OF') add(target);
    });
    endsOf(id, 'in', (source, type) => {
      if (type !== 'EVIDENCES') return;
      endsOf(source, 'out', (target, t) => {
        if (t === 'OF') add(target);
      });
    });
  };
  fromActor(reformId);
  endsOf(reformId, 'in', (source, type) => {
    if (type === 'IMPLEMENTS') fromActor(source);
  });
  return contextOf(reformId, ctx);
}

/** A reform's context from its node ids, in the order ReformContext promises. */
export function contextOf(reformId: string, ids: Iterable<string>): ReformContext {
  return { reformId, nodes: new Set([...ids].sort()) };
}

export function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const t = s.replace(/[“”"\s]/g, '');
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** The character pairs of a reform's names (what wording similarity compares). */
export function nameBigrams(n: GraphNode): Set<string> {
  return new Set([n.name, ...n.aliases].flatMap((x) => [...bigrams(x)]));
}

/** Dice overlap of the names' character pairs: 繁简分流 and 快慢分道 share wording 分… */
export function wordingSimilarity(a: GraphNode, b: GraphNode, pairsOf: (n: GraphNode) => Set<string> = nameBigrams): number {
  const A = pairsOf(a);
  const B = pairsOf(b);
  if (!A.size || !B.size) return 0;
  let shared = 0;
  for (const x of A) if (B.has(x)) shared++;
  return (2 * shared) / (A.size + B.size);
}

/**
 * Every reform's context with what makes a query cheap: which reforms hold each context node
 * and each pair of name characters (the only reforms that can score against a target), and each
 * reform's name pairs. Built once per graph version by either store, and kept up to date on
 * writes by the embedded one (relatedUpkeep.ts).
 *
 * Reforms and context nodes are numbered (`slot` and key, for as long as the index lives, also
 * across removal and return), and contexts, counts and holder lists hold those numbers: a
 * ranking adds weights into an array by number with no lookup by id, and the index read from
 * related.idx at a start is typed arrays filled from the file's positions (hashing the million
 * context ids of a 1M graph cost seconds there). An id is looked up only by a write's upkeep.
 */
export interface ReformIndex {
  /** The reforms the index holds (a slot whose reform went keeps its number, with no context). */
  reforms: Map<string, GraphNode>;
  slot: Map<string, number>;
  /** The reform id of each slot. */
  reformAt: string[];
  /** Each slot's context: key numbers in id order (ReformContext's order). */
  ctx: Array<Int32Array | undefined>;
  /** The node id of each key. */
  keyAt: string[];
  /** Key of each node id: built when a write first asks (keyOf()). */
  keys?: Map<string, number>;
  /** How many reforms hold each key. */
  df: number[];
  /** The slots holding each key. */
  holders: number[][];
  byPair: Map<string, number[]>;
  pairs: Map<string, Set<string>>;
  /** A ranking's work space, one place per key (all zero between rankings). */
  scratch?: Int32Array;
}

export function emptyIndex(): ReformIndex {
  return { reforms: new Map(), slot: new Map(), reformAt: [], ctx: [], keyAt: [], df: [], holders: [], byPair: new Map(), pairs: new Map() };
}

export function indexReforms(reforms: Iterable<GraphNode>, contextOf: (id: string) => ReformContext): ReformIndex {
  const ix = emptyIndex();
  for (const n of reforms) addReform(ix, n, contextOf(n.id));
  return ix;
}

/** The key of a node id (undefined when no context ever held it, unless `create`). */
export function keyOf(ix: ReformIndex, id: string, create = false): number | undefined {
  if (!ix.keys) {
    ix.keys = new Map();
    for (let k = 0; k < ix.keyAt.length; k++) ix.keys.set(ix.keyAt[k], k);
  }
  let k = ix.keys.get(id);
  if (k === undefined && create) {
    k = newKey(ix, id);
    ix.keys.set(id, k);
  }
  return k;
}

/** A number for a node id (the caller files it in `keys` if that map is built). */
export function newKey(ix: ReformIndex, id: string): number {
  ix.df.push(0);
  ix.holders.push([]);
  return ix.keyAt.push(id) - 1;
}

/** A reform's context node ids in id order (undefined for a reform the index lacks). */
export function contextIds(ix: ReformIndex, id: string): string[] | undefined {
  const s = ix.slot.get(id);
  const keys = s === undefined ? undefined : ix.ctx[s];
  return keys && Array.from(keys, (k) => ix.keyAt[k]);
}

/** Whether a reform's context holds a node. */
export function holds(ix: ReformIndex, reformId: string, id: string): boolean {
  const s = ix.slot.get(reformId);
  const keys = s === undefined ? undefined : ix.ctx[s];
  const k = keys ? keyOf(ix, id) : undefined;
  return k !== undefined && keys!.indexOf(k) >= 0;
}

/** One reform into the index: its context (counted and listed by node) and its name pairs. */
export function addReform(ix: ReformIndex, n: GraphNode, ctx: ReformContext): void {
  const slot = slotOf(ix, n.id);
  const keys = Int32Array.from(ctx.nodes, (id) => keyOf(ix, id, true)!);
  putContext(ix, slot, n, keys);
}

/** A reform's context as keys (in id order) into its slot, counted and listed, and its name pairs. */
export function putContext(ix: ReformIndex, slot: number, n: GraphNode, keys: Int32Array): void {
  ix.reforms.set(n.id, n);
  ix.ctx[slot] = keys;
  for (let i = 0; i < keys.length; i++) {
    ix.df[keys[i]]++;
    ix.holders[keys[i]].push(slot);
  }
  const ps = nameBigrams(n);
  ix.pairs.set(n.id, ps);
  for (const p of ps) post(ix.byPair, p, slot);
}

/** The slot of a reform, numbered when new. */
export function slotOf(ix: ReformIndex, id: string): number {
  let s = ix.slot.get(id);
  if (s === undefined) {
    s = ix.reformAt.push(id) - 1;
    ix.slot.set(id, s);
  }
  return s;
}

/** Adds a number to a holder list (ReformIndex.byPair). */
export function post(m: Map<string, number[]>, k: string, v: number): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * The reforms most related to one: other reforms scored by the context they share, each shared
 * node weighted by how rare it is among reforms (a platform two reforms share says more than
 * 派出所, which half of them share), plus twice the wording similarity of the names. Scores are
 * rounded to thousandths; ties go by name, then id, so every store gives one order. `via` is
 * what the two share, rarest first.
 *
 * Only reforms that hold one of the target's context nodes or share a pair of name characters
 * can score: their sums are gathered from the holder lists into an array by
 * slot, in a loop that does nothing else (at a million nodes a popular reform's query adds
 * millions of weights). Weights are added in the target's context order (id order), the order the Cypher
 * statement and the plain definition add them in, so the sums are the same to the last bit.
 * What two reforms share is worked out only for the ones returned.
 */
export function rankFromIndex(ix: ReformIndex, id: string, first: number): Array<{ reform: GraphNode; score: number; via: string[] }> | null {
  const ranked = rankKeys(ix, id, first);
  return ranked && ranked.map((r) => ({ reform: r.reform, score: r.score, via: Array.from(r.via, (k) => ix.keyAt[k]) }));
}

/** rankFromIndex with `via` as the index's keys (a store maps them to nodes as it likes). */
export function rankKeys(ix: ReformIndex, id: string, first: number): Array<{ reform: GraphNode; score: number; via: Int32Array }> | null {
  const target = ix.reforms.get(id);
  if (!target) return null;
  const { ctx, holders, byPair, pairs, df, slot, reformAt } = ix;
  const total = ix.reforms.size;
  const self = slot.get(id)!;
  const n = reformAt.length;
  const shared = new Float64Array(n);
  const pairCount = new Int32Array(n);
  const targetKeys = ctx[self]!;
  // A weight depends on the node's count only: worked out once per count (a popular reform's
  // context holds tens of thousands of nodes, with a few hundred counts among them).
  const weightOf = new Float64Array(total + 1).fill(-1);
  for (let i = 0; i < targetKeys.length; i++) {
    const k = targetKeys[i];
    const d = df[k];
    let w = weightOf[d];
    if (w < 0) w = weightOf[d] = Math.log(1 + total / (d || 1));
    const hs = holders[k];
    for (let j = 0; j < hs.length; j++) shared[hs[j]] += w;
  }
  const targetPairs = pairs.get(id) ?? nameBigrams(target);
  for (const p of targetPairs) {
    for (const h of byPair.get(p) ?? []) pairCount[h]++;
  }
  const top: Array<{ reform: GraphNode; score: number; slot: number }> = [];
  const better = (a: { reform: GraphNode; score: number }, b: { reform: GraphNode; score: number }) =>
    b.score - a.score || compareNames(a.reform, b.reform);
  // Every reform is looked at (a few thousand at a million nodes): one that holds nothing of the
  // target's scores nothing and is passed over, and one that scores below the last kept is not
  // even named.
  for (let h = 0; h < n; h++) {
    if (h === self || !ctx[h]) continue;
    let score = shared[h];
    if (score <= 0.05 && !pairCount[h]) continue;
    const rid = reformAt[h];
    const theirs = pairs.get(rid)!;
    // wordingSimilarity, from the pairs counted above.
    if (targetPairs.size && theirs.size) score += 2 * ((2 * pairCount[h]) / (targetPairs.size + theirs.size));
    if (score <= 0.05) continue;
    score = Math.round(score * 1000) / 1000;
    if (top.length === first && score < top[first - 1].score) continue;
    keepBest(top, { reform: ix.reforms.get(rid)!, score, slot: h }, first, better);
  }
  if (!top.length) return [];
  const rarest = rarestFirst(targetKeys, df);
  // Place + 1 of each key of the target's (0: not the target's), in a scratch array the index
  // keeps (zeroed again below): what two reforms share is read from the other's context and
  // put in that order by place.
  if (!ix.scratch || ix.scratch.length < ix.keyAt.length) ix.scratch = new Int32Array(ix.keyAt.length + 1024);
  const place = ix.scratch;
  for (let i = 0; i < rarest.length; i++) place[rarest[i]] = i + 1;
  const out = top.map(({ reform, score, slot: h }) => {
    const theirs = ctx[h]!;
    const at = new Int32Array(Math.min(theirs.length, rarest.length));
    let m = 0;
    for (let i = 0; i < theirs.length; i++) {
      const p = place[theirs[i]];
      if (p) at[m++] = p - 1;
    }
    const via = at.subarray(0, m).sort();
    for (let i = 0; i < m; i++) via[i] = rarest[via[i]];
    return { reform, score, via };
  });
  for (let i = 0; i < rarest.length; i++) place[rarest[i]] = 0;
  return out;
}

/**
 * A context's keys rarest first (a higher weight: a smaller count), equal counts in the
 * context's own (id) order: a counting sort by count.
 */
function rarestFirst(keys: Int32Array, df: number[]): Int32Array {
  let most = 0;
  for (let i = 0; i < keys.length; i++) if (df[keys[i]] > most) most = df[keys[i]];
  const at = new Int32Array(most + 2);
  for (let i = 0; i < keys.length; i++) at[df[keys[i]] + 1]++;
  for (let d = 1; d < at.length; d++) at[d] += at[d - 1];
  const out = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[at[df[keys[i]]]++] = keys[i];
  return out;
}

/**
 * The wording two reforms share, as the runs of characters their names (or aliases) have in
 * common, each at least two characters long: what the wording score counts, said in words a
 * reader recognises (刑侦体制改革 and 派出所警务机制改革 share 制改革). Longest first; a run inside
 * a longer one is left out.
 */
export function sharedWording(a: GraphNode, b: GraphNode): string[] {
  const clean = (s: string) => s.replace(/[“”"\s]/g, '');
  const runs = new Set<string>();
  for (const x of [a.name, ...a.aliases].map(clean)) {
    for (const y of [b.name, ...b.aliases].map(clean)) {
      // Longest common run ending at each pair of positions; a run is kept where it cannot grow.
      let prev = new Array<number>(y.length + 1).fill(0);
      for (let i = 1; i <= x.length; i++) {
        const cur = new Array<number>(y.length + 1).fill(0);
        for (let j = 1; j <= y.length; j++) if (x[i - 1] === y[j - 1]) cur[j] = prev[j - 1] + 1;
        for (let j = 1; j <= y.length; j++) {
          const grows = i < x.length && j < y.length && x[i] === y[j];
          if (cur[j] >= 2 && !grows) runs.add(x.slice(i - cur[j], i));
        }
        prev = cur;
      }
    }
  }
  const all = [...runs].sort((p, q) => q.length - p.length || (p < q ? -1 : 1));
  return all.filter((r, i) => !all.slice(0, i).some((longer) => longer.includes(r)));
}
