import type { GraphEdge, GraphNode, NodeType } from '../model/types';
import { keepBest } from './search';
import { compareNames } from './rules/order';

/**
 * What a reform stands for, in nodes another reform can share: the platforms, units,
 * organisations, documents, principles and problems its measures (or itself) use, involve,
 * issue, follow or address, and the indicators its results are measured by.
 */
export const CONTEXT_TYPES: ReadonlySet<NodeType> = new Set(['PLATFORM', 'UNIT', 'ORGANIZATION', 'POLICY_DOCUMENT', 'PRINCIPLE', 'PROBLEM', 'INDICATOR', 'REFORM']);

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

/** The context of one reform, walked over the store's edges (cypher/related_context.cypher says the same in Cypher). */
export function reformContext(reformId: string, edgesOf: EdgesOf, nodeOf: NodeOf): ReformContext {
  const ctx = new Set<string>();
  const add = (id: string) => {
    const n = nodeOf(id);
    if (!n || id === reformId || !CONTEXT_TYPES.has(n.type)) return;
    ctx.add(id);
    if (n.type === 'INDICATOR') for (const e of edgesOf(id, 'out')) if (e.type === 'PART_OF') ctx.add(e.target);
  };
  const fromActor = (id: string) => {
    for (const e of edgesOf(id, 'out')) if (e.type !== 'IMPLEMENTS' && e.type !== 'PART_OF') add(e.target);
    for (const e of edgesOf(id, 'in')) {
      if (e.type !== 'EVIDENCES') continue;
      for (const o of edgesOf(e.source, 'out')) if (o.type === 'OF') add(o.target);
    }
  };
  fromActor(reformId);
  for (const e of edgesOf(reformId, 'in')) {
    if (e.type !== 'IMPLEMENTS') continue;
    fromActor(e.source);
    // Reforms one measure implements together are related through it.
    for (const o of edgesOf(e.source, 'out')) if (o.type === 'IMPLEMENTS' && o.target !== reformId) add(o.target);
  }
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
 * Reforms are numbered (`slot`, for as long as the index lives, also across removal and return)
 * and the holder lists hold those numbers: a ranking adds weights into an array by number, and
 * a hub reform's query, whose context nodes are held by most reforms, costs additions rather
 * than a map entry and a list per holder.
 */
export interface ReformIndex {
  reforms: Map<string, GraphNode>;
  contexts: Map<string, ReformContext>;
  df: Map<string, number>;
  byContext: Map<string, number[]>;
  byPair: Map<string, number[]>;
  pairs: Map<string, Set<string>>;
  slot: Map<string, number>;
  /** The reform id of each slot. */
  reformAt: string[];
}

export function indexReforms(reforms: Iterable<GraphNode>, contextOf: (id: string) => ReformContext): ReformIndex {
  const ix: ReformIndex = { reforms: new Map(), contexts: new Map(), df: new Map(), byContext: new Map(), byPair: new Map(), pairs: new Map(), slot: new Map(), reformAt: [] };
  for (const n of reforms) addReform(ix, n, contextOf(n.id));
  return ix;
}

/** One reform into the index: its context (counted and listed by node) and its name pairs. */
export function addReform(ix: ReformIndex, n: GraphNode, ctx: ReformContext): void {
  ix.reforms.set(n.id, n);
  ix.contexts.set(n.id, ctx);
  const slot = slotOf(ix, n.id);
  for (const k of ctx.nodes) {
    ix.df.set(k, (ix.df.get(k) ?? 0) + 1);
    post(ix.byContext, k, slot);
  }
  const ps = nameBigrams(n);
  ix.pairs.set(n.id, ps);
  for (const p of ps) post(ix.byPair, p, slot);
}

function slotOf(ix: ReformIndex, id: string): number {
  let s = ix.slot.get(id);
  if (s === undefined) {
    s = ix.reformAt.push(id) - 1;
    ix.slot.set(id, s);
  }
  return s;
}

/** Adds a number to a holder list (ReformIndex.byContext, byPair). */
export function post(m: Map<string, number[]>, k: string, v: number): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * The reforms most related to one: other reforms scored by the context they share, each shared
 * node weighted by how rare it is among reforms (a platform two reforms share says more than
 * 派出所, which half of them share), plus log(1 + reforms) when the other's context holds this
 * one, plus twice the wording similarity of the names. Scores are rounded to thousandths; ties
 * go by name, then id, so every store gives one order. `via` is what the two share, rarest first.
 *
 * Only reforms that hold one of the target's context nodes, hold the target or share a pair of
 * name characters can score: their sums are gathered from the holder lists into an array by
 * slot, in a loop that does nothing else (at a million nodes a popular reform's query adds
 * millions of weights). Weights are added in the target's context order (id order), the order the Cypher
 * statement and the plain definition add them in, so the sums are the same to the last bit.
 * What two reforms share is worked out only for the ones returned.
 */
export function rankFromIndex(ix: ReformIndex, id: string, first: number): Array<{ reform: GraphNode; score: number; via: string[] }> | null {
  const target = ix.reforms.get(id);
  if (!target) return null;
  const { contexts, byContext, byPair, pairs, df, slot, reformAt } = ix;
  const total = contexts.size;
  const self = slot.get(id)!;
  const n = reformAt.length;
  const shared = new Float64Array(n);
  const pairCount = new Int32Array(n);
  const targetCtx = contexts.get(id)!;
  // Each context node's weight, in context (id) order: `via` is listed from them.
  const keys: string[] = [];
  const weights: number[] = [];
  for (const k of targetCtx.nodes) {
    const w = Math.log(1 + total / (df.get(k) ?? 1));
    keys.push(k);
    weights.push(w);
    const hs = byContext.get(k);
    if (hs) {
      for (let i = 0; i < hs.length; i++) shared[hs[i]] += w;
    }
    // A context node that is itself a reform counts for that reform.
    const own = contexts.has(k) ? slot.get(k) : undefined;
    if (own !== undefined) shared[own] += w;
  }
  const holdsTarget = new Uint8Array(n);
  for (const h of byContext.get(id) ?? []) holdsTarget[h] = 1;
  const targetPairs = pairs.get(id) ?? nameBigrams(target);
  for (const p of targetPairs) {
    for (const h of byPair.get(p) ?? []) pairCount[h]++;
  }
  const targetHolds = Math.log(1 + total);
  const top: Array<{ reform: GraphNode; score: number }> = [];
  const better = (a: { reform: GraphNode; score: number }, b: { reform: GraphNode; score: number }) =>
    b.score - a.score || compareNames(a.reform, b.reform);
  // Every reform is looked at (a few thousand at a million nodes): one that holds nothing of the
  // target's scores nothing and is passed over.
  for (let h = 0; h < n; h++) {
    if (h === self) continue;
    const rid = reformAt[h];
    const node = ix.reforms.get(rid);
    if (!node) continue;
    let score = shared[h];
    if (holdsTarget[h]) score += targetHolds;
    const theirs = pairs.get(rid)!;
    // wordingSimilarity, from the pairs counted above.
    if (targetPairs.size && theirs.size) score += 2 * ((2 * pairCount[h]) / (targetPairs.size + theirs.size));
    if (score <= 0.05) continue;
    keepBest(top, { reform: node, score: Math.round(score * 1000) / 1000 }, first, better);
  }
  if (!top.length) return [];
  // The target's context rarest first, equal weights in id order; what two reforms share is
  // read from the smaller of their contexts and put in that order by place.
  const rarest = keys.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b).map((i) => keys[i]);
  const place = new Map<string, number>();
  for (let i = 0; i < rarest.length; i++) place.set(rarest[i], i);
  return top.map((r) => {
    const theirs = contexts.get(r.reform.id)!.nodes;
    let via: string[];
    if (theirs.size < rarest.length) {
      const at: number[] = [];
      for (const k of theirs) {
        const i = place.get(k);
        if (i !== undefined && k !== r.reform.id) at.push(i);
      }
      via = Array.from(Int32Array.from(at).sort(), (i) => rarest[i]);
    } else via = rarest.filter((k) => k !== r.reform.id && theirs.has(k));
    return { ...r, via };
  });
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
