import type { GraphEdge } from '../model/types';
import { addReform, CONTEXT_TYPES, type EndsOf, holds, keyOf, nameBigrams, type NodeOf, post, reformContext, type ReformIndex } from './related';

/**
 * Keeping a related-reform index (related.ts) as indexReforms over the whole graph would have
 * it, by what a write or delete changed: the pairs (reform, context node) whose every way in
 * went are taken out, the pairs a new edge makes are put in, and only reforms that come or go
 * are walked whole. The popular reforms a report reaches have the longest contexts there are:
 * walking theirs again took seconds at a million nodes (a report that gave a common indicator
 * its family reached three reforms in four).
 *
 * The walk being kept (reformContext): a reform's actors are itself and the nodes implementing
 * it; each actor brings the targets of its edges (not IMPLEMENTS, not PART_OF) and what the
 * observations evidencing it measure (OF). Each node brought is context when it is of a context
 * type (never a reform), and an indicator brings its families (PART_OF) too.
 */

/** Reform id → context node ids. */
export type ContextPairs = Map<string, Set<string>>;

/** What a change takes away, read from the graph before it (contextLeaving). */
export interface Leaving {
  /** Pairs that went through an edge that goes: each is checked against the graph after the change. */
  maybeLost: ContextPairs;
  /** Reforms stated only by what goes (they go, or come back changed). */
  reforms: string[];
}

/** What a change brings, as MemoryGraph.arriving says: edges the graph lacked, reforms it lacked, reforms with a new name. */
export interface Arriving {
  edges: GraphEdge[];
  reforms: string[];
  renamed: string[];
}

/**
 * What the upkeep reads of the graph: edges as their far ends and types, and degrees. The walks
 * back from a hub a change reaches need no more, and a store answers both without making edge
 * objects (MemoryGraph.forEachEnd and degree): making a hub's list to read it once cost a
 * replayed write at a million nodes a second and 150 MB kept.
 */
export interface Reading {
  endsOf: EndsOf;
  degree: (id: string, dir: 'in' | 'out') => number;
}

/** Read before the change: the edges that go (every edge of a node that goes among them) and the reforms that may go. */
export function contextLeaving(ix: ReformIndex, edges: Iterable<GraphEdge>, reforms: string[], endsOf: EndsOf, nodeOf: NodeOf): Leaving {
  // Every reform that holds an indicator may have its families through it: the index says who.
  return { maybeLost: contextThrough(edges, endsOf, nodeOf, (i) => holdersOf(ix, i)), reforms };
}

/**
 * Brings the index up to date after the change, reading the graph as it now is: the same
 * contexts, counts and name pairs as indexReforms over the whole graph, so rankFromIndex
 * answers the same to the last digit. Costs what the change touched, never the whole graph.
 */
export function updateForChange(ix: ReformIndex, leaving: Leaving | undefined, arriving: Arriving | undefined, read: Reading, nodeOf: NodeOf): void {
  const { endsOf, degree: degreeOf } = read;
  // Reforms that come or go (or come back changed): only the change's own measures implement
  // them, so their walks are short.
  const whole = new Set([...(leaving?.reforms ?? []), ...(arriving?.reforms ?? [])]);
  // So are small reforms that may have lost a node held far more often than they have edges: a
  // hub one of them loses would otherwise be read to its end to be sure. (Walking a reform costs
  // about sixteen times its edges, the walk back from a node about its edges in.)
  const degree = (id: string) => degreeOf(id, 'in') + degreeOf(id, 'out');
  for (const [r, ids] of leaving?.maybeLost ?? []) {
    let held = 0;
    for (const id of ids) held += degreeOf(id, 'in');
    if (16 * degree(r) <= held) whole.add(r);
  }
  updateIndex(ix, whole, nodeOf, (id) => reformContext(id, endsOf, nodeOf));
  if (leaving) dropFromContexts(ix, stillOut(ix, leaving.maybeLost, whole, endsOf, nodeOf));
  if (!arriving) return;
  // An indicator's new family joins the contexts the indicator is brought into, not those that
  // hold it only as another indicator's family (the walk brings families one level deep). When
  // no indicator has it as a family, every reform holding it brings it itself (the index holds
  // what the graph now says, but for what arrives): the hub is not walked back to them all.
  const bringing = (i: string) => {
    const holders = new Set(holdersOf(ix, i));
    return familyOfAnother(i, endsOf, nodeOf) ? reachingAmong(i, holders, endsOf) : holders;
  };
  addToContexts(ix, contextThrough(arriving.edges, endsOf, nodeOf, bringing));
  updateNames(ix, arriving.renamed.filter((id) => !whole.has(id)), nodeOf);
}

/** Whether an indicator has this node as its family (PART_OF): only its in-edges' types are read, and the sources of those. */
function familyOfAnother(id: string, endsOf: EndsOf, nodeOf: NodeOf): boolean {
  let found = false;
  endsOf(id, 'in', (source, type) => (found = type === 'PART_OF' && nodeOf(source)?.type === 'INDICATOR'));
  return found;
}

function holdersOf(ix: ReformIndex, id: string): string[] {
  const k = keyOf(ix, id);
  return k === undefined ? [] : ix.holders[k].map((s) => ix.reformAt[s]);
}

/**
 * The pairs (reform, context node) reformContext's walk makes through these edges, read from
 * the graph as it is: the walk followed backwards from each edge. `holders(indicator)`: the
 * reforms the indicator is brought into (whose contexts an edge from it to a family reaches).
 */
export function contextThrough(edges: Iterable<GraphEdge>, endsOf: EndsOf, nodeOf: NodeOf, holders: (indicator: string) => Iterable<string>): ContextPairs {
  const out: ContextPairs = new Map();
  const gain = (r: string, id: string) => {
    let s = out.get(r);
    if (!s) out.set(r, (s = new Set()));
    s.add(id);
  };
  // reformContext's add().
  const addTo = (r: string, id: string) => {
    const n = nodeOf(id);
    if (!n || !CONTEXT_TYPES.has(n.type)) return;
    gain(r, id);
    if (n.type === 'INDICATOR') {
      endsOf(id, 'out', (target, type) => {
        if (type === 'PART_OF') gain(r, target);
      });
    }
  };
  // An agency carrying out a report's measures is read once, not once per measure.
  const actedFor = new Map<string, string[]>();
  const reformsOf = (actor: string) => {
    let rs = actedFor.get(actor);
    if (!rs) actedFor.set(actor, (rs = reformsActedFor(actor, endsOf, nodeOf)));
    return rs;
  };
  // What an actor brings to a reform it acts for: reformContext's fromActor().
  const fromActor = (r: string, actor: string) => {
    endsOf(actor, 'out', (target, type) => {
      if (type !== 'IMPLEMENTS' && type !== 'PART_OF') addTo(r, target);
    });
    endsOf(actor, 'in', (source, type) => {
      if (type === 'EVIDENCES') measured(r, source);
    });
  };
  // What an observation measures, into a reform's context.
  const measured = (r: string, observation: string) => {
    endsOf(observation, 'out', (target, type) => {
      if (type === 'OF') addTo(r, target);
    });
  };
  for (const e of edges) {
    // The source acts for the target: all it brings.
    if (e.type === 'IMPLEMENTS') fromActor(e.target, e.source);
    else if (e.type !== 'PART_OF') for (const r of reformsOf(e.source)) addTo(r, e.target);
    if (e.type === 'EVIDENCES') for (const r of reformsOf(e.target)) measured(r, e.source);
    if (e.type === 'OF') {
      endsOf(e.source, 'out', (target, type) => {
        if (type === 'EVIDENCES') for (const r of reformsOf(target)) addTo(r, e.target);
      });
    }
    if (e.type === 'PART_OF' && nodeOf(e.source)?.type === 'INDICATOR') for (const r of holders(e.source)) gain(r, e.target);
  }
  return out;
}

/** The reforms an actor acts for: itself if a reform, and what it implements. */
function reformsActedFor(actor: string, endsOf: EndsOf, nodeOf: NodeOf): string[] {
  const rs: string[] = nodeOf(actor)?.type === 'REFORM' ? [actor] : [];
  endsOf(actor, 'out', (target, type) => {
    if (type === 'IMPLEMENTS') rs.push(target);
  });
  return rs;
}

/**
 * Which of `want` bring node `x` into their context by an edge into it (add(x) in reformContext's
 * walk, before the checks on x itself: the caller makes those): each edge into x is followed back to the reforms whose
 * walk takes it. Stops once all are found, so a hub held by a popular reform is read only until
 * one of that reform's measures turns up.
 */
export function reachingAmong(x: string, want: ReadonlySet<string>, endsOf: EndsOf): Set<string> {
  const found = new Set<string>();
  if (!want.size) return found;
  const mark = (r: string) => {
    if (want.has(r)) found.add(r);
  };
  const actor = (a: string) => {
    mark(a);
    endsOf(a, 'out', (target, type) => {
      if (type === 'IMPLEMENTS') mark(target);
    });
  };
  endsOf(x, 'in', (source, type) => {
    if (type === 'IMPLEMENTS' || type === 'PART_OF') return false;
    actor(source);
    // What an observation measures goes to the actors it evidences.
    if (type === 'OF') {
      endsOf(source, 'out', (target, t) => {
        if (t === 'EVIDENCES') actor(target);
      });
    }
    return found.size === want.size;
  });
  return found;
}

/**
 * The pairs among `maybe` whose node is no longer in the reform's context, by the graph as it
 * now is: a node stays when the reform still brings it (reachingAmong), or brings an indicator
 * it is a family of. Reforms in `skip` (walked whole) are left out.
 */
function stillOut(ix: ReformIndex, maybe: ContextPairs, skip: ReadonlySet<string>, endsOf: EndsOf, nodeOf: NodeOf): ContextPairs {
  const byNode = new Map<string, Set<string>>();
  for (const [r, ids] of maybe) {
    if (!ix.reforms.has(r) || skip.has(r)) continue;
    for (const id of ids) {
      if (!holds(ix, r, id)) continue;
      let rs = byNode.get(id);
      if (!rs) byNode.set(id, (rs = new Set()));
      rs.add(r);
    }
  }
  const out: ContextPairs = new Map();
  for (const [id, rs] of byNode) {
    const n = nodeOf(id);
    // A family is taken whatever it is.
    const direct = n && CONTEXT_TYPES.has(n.type) ? reachingAmong(id, rs, endsOf) : new Set<string>();
    const left = new Set([...rs].filter((r) => !direct.has(r)));
    endsOf(id, 'in', (source, type) => {
      if (!left.size) return true;
      if (type !== 'PART_OF' || nodeOf(source)?.type !== 'INDICATOR') return false;
      for (const r of reachingAmong(source, left, endsOf)) left.delete(r);
      return false;
    });
    for (const r of left) {
      let s = out.get(r);
      if (!s) out.set(r, (s = new Set()));
      s.add(id);
    }
  }
  return out;
}

/** Adds pairs to the index's contexts, keeping counts, holders and id order (pairs already there, or of reforms it lacks, are passed over). */
export function addToContexts(ix: ReformIndex, gained: ContextPairs): void {
  for (const [id, ids] of gained) {
    const slot = ix.slot.get(id);
    const keys = slot === undefined ? undefined : ix.ctx[slot];
    if (!keys) continue;
    const fresh = [...ids].map((k) => keyOf(ix, k, true)!).filter((k) => keys.indexOf(k) < 0);
    if (!fresh.length) continue;
    for (const k of fresh) {
      ix.df[k]++;
      ix.holders[k].push(slot!);
    }
    ix.ctx[slot!] = withKeys(ix, keys, fresh);
  }
}

/**
 * A context (keys in id order) with keys it lacks put in their places, each found by halving:
 * a popular reform's context holds thousands of keys, and a write that gives a common
 * indicator its family adds one to the contexts of thousands of reforms.
 */
function withKeys(ix: ReformIndex, keys: Int32Array, fresh: number[]): Int32Array {
  fresh.sort((a, b) => (ix.keyAt[a] < ix.keyAt[b] ? -1 : ix.keyAt[a] > ix.keyAt[b] ? 1 : 0));
  const out = new Int32Array(keys.length + fresh.length);
  let from = 0;
  let o = 0;
  for (const k of fresh) {
    const id = ix.keyAt[k];
    let lo = from;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ix.keyAt[keys[mid]] < id) lo = mid + 1;
      else hi = mid;
    }
    out.set(keys.subarray(from, lo), o);
    o += lo - from;
    from = lo;
    out[o++] = k;
  }
  out.set(keys.subarray(from), o);
  return out;
}

/** Takes pairs out of the index's contexts, keeping counts, holders and id order. */
function dropFromContexts(ix: ReformIndex, lost: ContextPairs): void {
  for (const [id, ids] of lost) {
    const slot = ix.slot.get(id);
    const keys = slot === undefined ? undefined : ix.ctx[slot];
    if (!keys) continue;
    const gone = new Set<number>();
    for (const k of ids) {
      const key = keyOf(ix, k);
      if (key === undefined || keys.indexOf(key) < 0 || gone.has(key)) continue;
      gone.add(key);
      uncount(ix, key, slot!);
    }
    ix.ctx[slot!] = keys.filter((k) => !gone.has(k));
  }
}

function uncount(ix: ReformIndex, k: number, slot: number): void {
  ix.df[k]--;
  const l = ix.holders[k];
  const i = l.indexOf(slot);
  if (i >= 0) l.splice(i, 1);
}

/**
 * Walks these reforms' contexts whole (or takes out the ones that went), as indexReforms over
 * the whole graph would have them.
 */
export function updateIndex(ix: ReformIndex, reformIds: Iterable<string>, nodeOf: NodeOf, contextOf: (id: string) => ReturnType<typeof reformContext>): void {
  for (const id of reformIds) {
    const slot = ix.slot.get(id);
    const old = slot === undefined ? undefined : ix.ctx[slot];
    if (old) {
      for (const k of old) uncount(ix, k, slot!);
      for (const p of ix.pairs.get(id) ?? []) dropPosted(ix.byPair, p, slot!);
      ix.ctx[slot!] = undefined;
      ix.pairs.delete(id);
      ix.reforms.delete(id);
    }
    const node = nodeOf(id);
    if (node?.type === 'REFORM') addReform(ix, node, contextOf(id));
  }
}

/** Brings the name pairs of these reforms up to date (they gained names; their context is kept). */
export function updateNames(ix: ReformIndex, reformIds: Iterable<string>, nodeOf: NodeOf): void {
  for (const id of reformIds) {
    const node = nodeOf(id);
    const slot = ix.slot.get(id);
    if (node?.type !== 'REFORM' || slot === undefined || !ix.ctx[slot]) continue;
    for (const p of ix.pairs.get(id) ?? []) dropPosted(ix.byPair, p, slot);
    const ps = nameBigrams(node);
    ix.pairs.set(id, ps);
    for (const p of ps) post(ix.byPair, p, slot);
    ix.reforms.set(id, node);
  }
}

function dropPosted(m: Map<string, number[]>, k: string, v: number): void {
  const l = m.get(k);
  const i = l ? l.indexOf(v) : -1;
  if (i < 0) return;
  l!.splice(i, 1);
  if (!l!.length) m.delete(k);
}
