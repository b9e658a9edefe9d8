import type { EdgeType, Extraction, GraphEdge, GraphNode, MentionRef, PropValue } from '../../model/types';
import { EDGE_TYPES, NODE_TYPES } from '../../model/types';
import { mentionKey, sameMention } from '../rules/mentions';
import { fillProps, newAliases } from '../rules/merge';
import { NodeMap } from './nodeMap';

// Every type name as one string, however many items carry it.
const INTERNED_TYPES = new Map<string, string>([...NODE_TYPES, ...EDGE_TYPES].map((t) => [t, t]));

// Most nodes have no aliases and most edges no properties: one shared, frozen empty value each
// (replaced by an own copy before the first write, so a stray write throws instead of reaching
// every item).
const NO_ALIASES = Object.freeze([]) as unknown as string[];
const NO_PROPS = Object.freeze({}) as Record<string, PropValue>;

/**
 * One flat copy of a string. Ids are built by concatenation (`${type}:${source}->${target}`),
 * and V8 keeps such a string as a tree of pieces even after hashing it: for an edge id four
 * pieces of 32 bytes each (a flat copy is 16 bytes and the characters), a third of a GB at a
 * million nodes, and objects the collector walks. Splitting flattens the string first, and
 * joining a single piece gives it back as it is: the flat text, whatever characters it holds.
 * Were V8 to stop flattening here, only the saving would be lost.
 */
const flat = (s: string): string => s.split('\u0000').join('\u0000');

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * Appends to an adjacency list. Short lists are copied at their exact size, because V8 grows an
 * array by at least 16 slots on push and most nodes have a handful of edges; long ones grow.
 */
function append(lists: Map<string, GraphEdge[]>, id: string, e: GraphEdge): void {
  const list = lists.get(id);
  if (!list) lists.set(id, [e]);
  else if (list.length < 16) lists.set(id, [...list, e]);
  else list.push(e);
}

/**
 * The in-process graph: nodes and edges by id, adjacency both ways, and which nodes and edges
 * each report supports (so deleting a report is proportional to the report, not the graph).
 * Memory is what limits it at scale, so adjacency is arrays of edges (not sets of ids), empty
 * aliases and properties are shared, and ids are flat strings.
 */
export class MemoryGraph {
  nodes = new NodeMap();
  /** Edges by id, but for those in `unindexed` (see `edges`). */
  private indexed = new Map<string, GraphEdge>();
  /**
   * The edges `load` put in place, as columns (see Loaded). Those a snapshot read vouched for
   * (`unique`) have no entry in `indexed`: each has the id its type and ends make, so it is found
   * in its source's out-list. A map of 3.6 million ids was a quarter of a 1M start; a server that
   * only answers queries never needs it, and the first export or compaction that does makes it
   * (edgeById answers the lookups of writes and removals without it).
   */
  private col?: Loaded;
  /** Adjacency lists made so far (a loaded node's are made from `col` at the first ask: see `list`). */
  private outs = new Map<string, GraphEdge[]>();
  private ins = new Map<string, GraphEdge[]>();
  texts = new Map<string, string>();
  /**
   * The ids of the nodes and edges each report states, each once (a list, not a set: at a million
   * nodes the sets' hash tables were a tenth of the heap). Read it in order; it is not for lookups.
   */
  byReport = new Map<string, Support>();
  /** The report a write is adding (mergeNode/mergeEdge), with its ids as sets: whether an item already has its mentions. */
  private writing?: { support: Support; nodes: Set<string>; edges: Set<string> };
  /** The report support() last gave. */
  private lastSupport?: Support;
  /**
   * Each node's edges in id order, per direction, kept until one of them changes. Keyed by the
   * node's id in one map per direction: a key built per call (`${id}|out`) is a new string to
   * hash on every read, and a depth-2 walk reads hundreds.
   */
  private sorted = { out: new Map<string, GraphEdge[]>(), in: new Map<string, GraphEdge[]>(), both: new Map<string, GraphEdge[]>() };
  /**
   * Set while `load` runs: the nodes in the order they came (`at` their places), each edge with
   * the places of its ends (-1: not a node), so adjacency is made at the end from counts in
   * typed arrays instead of a map lookup per edge end.
   */
  private loading?: Loading;

  /** Every edge by id (made whole here at the first ask after a snapshot read: see `col`). */
  get edges(): Map<string, GraphEdge> {
    const c = this.col;
    if (c && !c.mapped) {
      // In the order they came: those read first, then those written since.
      const all = new Map<string, GraphEdge>();
      for (let i = 0; i < c.count; i++) {
        if (c.how[i] === INDEXED || c.dead[i]) continue;
        const e = this.edgeAt(c, i);
        all.set(e.id, e);
      }
      for (const [id, e] of this.indexed) all.set(id, e);
      this.indexed = all;
      c.mapped = true;
    }
    return this.indexed;
  }

  /**
   * The nodes the last `load` put in place, in the order they came (a snapshot's order), as they
   * were loaded (a node removed or put anew since is still the loaded one here); undefined once
   * the loaded columns are dropped (a graph filled by writes). Not a copy: do not change it.
   */
  get loadedNodes(): readonly GraphNode[] | undefined {
    return this.col?.nodes;
  }

  /** How many edges there are, without making the map of ids. */
  get edgeCount(): number {
    const c = this.col;
    return this.indexed.size + (c && !c.mapped ? c.unmapped : 0);
  }

  /** How many live loaded edges have no object yet (kept as numbers: see `col`); counted on each ask, for tests. */
  get edgesAsNumbers(): number {
    const c = this.col;
    let n = 0;
    if (c) for (let i = 0; i < c.count; i++) if (!c.cache[i] && !c.dead[i]) n++;
    return n;
  }

  /** Whether the map of every edge id has been made (false after a snapshot read, until something needs it: see `col`). */
  get edgeIdsMapped(): boolean {
    return !this.col || this.col.mapped;
  }

  /**
   * Loaded edge `i` as an object, made at the first ask and kept, so an edge has one object
   * whichever side reads it. One that shares an end's mention list takes that end's list: the
   * one it had when loaded, since a write that replaces a node's list makes its edges first (`pin`).
   */
  private edgeAt(c: Loaded, i: number): GraphEdge {
    const had = c.cache[i];
    if (had) return had;
    const source = c.nodes[c.ends[2 * i]];
    const target = c.nodes[c.ends[2 * i + 1]];
    const type = c.types[c.type[i]] as EdgeType;
    const props = c.propCode ? c.props[c.propCode[i]] : NO_PROPS;
    const e: GraphEdge = { id: edgeId(type, source.id, target.id), type, source: source.id, target: target.id, props, mentions: c.how[i] === SOURCE_LIST ? source.mentions : target.mentions };
    c.cache[i] = e;
    return e;
  }

  /** The id of loaded edge `i`, without making its object. */
  private idAt(c: Loaded, i: number): string {
    return c.cache[i]?.id ?? edgeId(c.types[c.type[i]], c.nodes[c.ends[2 * i]].id, c.nodes[c.ends[2 * i + 1]].id);
  }

  /**
   * The node's adjacency list that way (undefined: none), made from the loaded columns at the
   * first ask: a loaded node's edges in the order they were loaded, then those written since
   * (until then the list in `outs`/`ins` holds only those). Whatever reads a whole list goes
   * through here.
   */
  private list(dir: 'in' | 'out', id: string): GraphEdge[] | undefined {
    const lists = dir === 'out' ? this.outs : this.ins;
    const c = this.col;
    if (!c) return lists.get(id);
    const p = this.placed(id);
    if (p === undefined) return lists.get(id);
    const done = dir === 'out' ? c.outDone : c.inDone;
    if (done[p]) return lists.get(id);
    done[p] = 1;
    const start = dir === 'out' ? c.outStart : c.inStart;
    const at = dir === 'out' ? c.outIdx : c.inIdx;
    const since = lists.get(id);
    const from = start[p];
    const to = start[p + 1];
    if (from === to) return since;
    // At its size (see append): grown by push, a list of a few edges would hold room for 17.
    let live = since?.length ?? 0;
    for (let k = from; k < to; k++) if (!c.dead[at[k]]) live++;
    if (!live) return undefined;
    const made = new Array<GraphEdge>(live);
    let j = 0;
    for (let k = from; k < to; k++) if (!c.dead[at[k]]) made[j++] = this.edgeAt(c, at[k]);
    if (since) for (const e of since) made[j++] = e;
    lists.set(id, made);
    return made;
  }

  /**
   * Makes the loaded edges of a node whose mention list is about to be replaced: those that
   * share the list then keep the one they had (as a graph filled write by write does).
   */
  private pin(id: string, n: GraphNode): void {
    const c = this.col;
    const p = c && this.placed(id);
    if (p === undefined || !Object.isFrozen(n.mentions) || c!.nodes[p] !== n) return;
    for (let k = c!.outStart[p]; k < c!.outStart[p + 1]; k++) {
      const i = c!.outIdx[k];
      if (c!.how[i] === SOURCE_LIST && !c!.dead[i]) this.edgeAt(c!, i);
    }
    for (let k = c!.inStart[p]; k < c!.inStart[p + 1]; k++) {
      const i = c!.inIdx[k];
      if (c!.how[i] === TARGET_LIST && !c!.dead[i]) this.edgeAt(c!, i);
    }
  }

  /**
   * The loaded edge with this id, its type and ends' ids given (its source a loaded node), found
   * among the source's loaded edges by numbers: no object is made but the one found.
   */
  private loadedEdge(c: Loaded, p: number, type: string, target: string, id: string): GraphEdge | undefined {
    const tp = this.placed(target) ?? -1;
    for (let k = c.outStart[p]; k < c.outStart[p + 1]; k++) {
      const i = c.outIdx[k];
      if (c.dead[i]) continue;
      const had = c.cache[i];
      if (had ? had.id === id : c.ends[2 * i + 1] === tp && c.types[c.type[i]] === type) return this.edgeAt(c, i);
    }
    return undefined;
  }

  /** A live loaded edge's number: found among its source's loaded edges, or one with an end not placed (-1: not a loaded edge, or one removed). */
  private loadedIndex(c: Loaded, e: GraphEdge): number {
    const off = c.offGrid.get(e);
    if (off !== undefined) return c.dead[off] ? -1 : off;
    const sp = this.placed(e.source);
    if (sp === undefined) return -1;
    for (let k = c.outStart[sp]; k < c.outStart[sp + 1]; k++) {
      const i = c.outIdx[k];
      if (c.cache[i] === e) return c.dead[i] ? -1 : i;
    }
    return -1;
  }

  /** The graph's edge with `e`'s id (see edgeById). */
  edgeFor(e: Pick<GraphEdge, 'id'>): GraphEdge | undefined {
    return this.edgeById(e.id);
  }

  /**
   * The edge with this id, found without making the map of ids: an edge a snapshot read left out
   * of the map has the id its type and ends make (`type:source->target`), and it is in its
   * source's out-list. Ids may hold ':' and '->' themselves, so every split is tried; only an
   * edge whose id is this very id answers.
   */
  edgeById(id: string): GraphEdge | undefined {
    const hit = this.indexed.get(id);
    const col = this.col;
    if (hit || !col || col.mapped) return hit;
    for (let c = id.indexOf(':'); c >= 0; c = id.indexOf(':', c + 1)) {
      for (let k = id.indexOf('->', c + 1); k >= 0; k = id.indexOf('->', k + 1)) {
        const source = id.slice(c + 1, k);
        const p = this.placed(source);
        // A loaded node's list not made yet: its loaded edges by numbers, then those put by id before it.
        if (p !== undefined && !col.outDone[p]) {
          const x = this.loadedEdge(col, p, id.slice(0, c), id.slice(k + 2), id);
          if (x) return x;
        }
        const list = this.outs.get(source);
        if (list) for (const x of list) if (x.id === id) return x;
      }
    }
    return undefined;
  }

  /**
   * Fills the graph in one go (a rebuild, a snapshot read), making adjacency once at the end,
   * each list at its size. Grown one edge at a time, every list is copied each time it grows,
   * and at a million nodes the copies discarded after the collector had moved them to the old
   * generation left it fragmented: hundreds of MB more resident memory, varying run to run.
   */
  async load(fill: () => void | Promise<void>): Promise<void> {
    // Loaded nodes are numbered by place from the first (NodeMap): a graph is loaded once, empty.
    if (this.nodes.size || this.col || this.loading) throw new Error('MemoryGraph.load is for an empty graph, once');
    const loading: Loading = (this.loading = { nodes: [], cache: [], count: 0, ends: new Int32Array(1 << 16), type: new Uint8Array(1 << 15), how: new Uint8Array(1 << 15), types: [], typeCode: new Map(), props: [NO_PROPS], propsCode: new Map(), replaced: false });
    try {
      await fill();
    } finally {
      this.loading = undefined;
    }
    this.makeAdjacency(loading);
  }

  /**
   * Adjacency of the loaded edges as columns: per node place, where its out- and in-edges start
   * in one array of edge numbers each (counted, then filled in load order). The lists of objects
   * are made per node at the first ask (`list`). Edges with an end that is no node are listed by
   * that end's id at once.
   */
  private makeAdjacency(l: Loading): void {
    const n = l.nodes.length;
    const count = l.count;
    const dead = new Uint8Array(count);
    // An edge put twice while loading (only old formats can hold one) is kept once, as the last put.
    if (l.replaced) for (let i = 0; i < count; i++) if (l.how[i] === INDEXED && this.indexed.get(l.cache[i]!.id) !== l.cache[i]) dead[i] = 1;
    this.outs.clear();
    this.ins.clear();
    let unmapped = 0;
    for (let i = 0; i < count; i++) if (l.how[i] !== INDEXED) unmapped++;
    const c: Loaded = {
      nodes: l.nodes, cache: l.cache, count, ends: l.ends.subarray(0, 2 * count), type: l.type.subarray(0, count), how: l.how.subarray(0, count), types: l.types, propCode: l.propCode?.subarray(0, count), props: l.props, dead, unmapped, mapped: unmapped === 0,
      outStart: new Int32Array(n + 1), outIdx: new Int32Array(0), inStart: new Int32Array(n + 1), inIdx: new Int32Array(0), outDone: new Uint8Array(n), inDone: new Uint8Array(n), outDead: new Int32Array(n), inDead: new Int32Array(n), offGrid: new Map(),
    };
    for (let i = 0; i < count; i++) if (l.ends[2 * i] < 0 || l.ends[2 * i + 1] < 0) c.offGrid.set(l.cache[i]!, i);
    for (const side of [0, 1]) {
      const lists = side ? this.ins : this.outs;
      const start = side ? c.inStart : c.outStart;
      for (let i = 0; i < count; i++) {
        const p = l.ends[2 * i + side];
        if (dead[i]) continue;
        if (p >= 0) start[p + 1]++;
        else {
          const e = l.cache[i]!;
          append(lists, side ? e.target : e.source, e);
        }
      }
      for (let p = 0; p < n; p++) start[p + 1] += start[p];
      const at = new Int32Array(start[n]);
      const fill = start.slice(0, n);
      for (let i = 0; i < count; i++) {
        const p = l.ends[2 * i + side];
        if (p >= 0 && !dead[i]) at[fill[p]++] = i;
      }
      if (side) c.inIdx = at;
      else c.outIdx = at;
    }
    this.col = c;
    // Edges put by id before their end was a node (an extraction that names a node another
    // brings; old formats only) come first in its list: those lists are made now.
    for (const [lists, dir] of [[this.outs, 'out'], [this.ins, 'in']] as const) {
      for (const [id, before] of [...lists]) {
        const p = this.placed(id);
        if (p === undefined) continue;
        lists.delete(id);
        const made = [...before, ...(this.list(dir, id) ?? [])];
        lists.set(id, made);
      }
    }
    // A graph filled by writes (a rebuild, an old format) has every edge as an object in the map
    // of ids already: its lists are made now and the columns dropped, so it holds what it held
    // before snapshot edges were kept as numbers (the columns, the map of places and a slot per
    // edge were about a quarter of a GB more at a million nodes, after a rebuild).
    if (c.mapped) {
      for (let p = 0; p < n; p++) {
        this.list('out', l.nodes[p].id);
        this.list('in', l.nodes[p].id);
      }
      this.col = undefined;
    }
  }

  /**
   * Takes the node as it is (callers hand over objects nobody else holds; `flatStrings`: its
   * strings are flat already, as a snapshot's reader makes them; `reports`: the distinct
   * reports of its mentions, whose ids they hold already, as a reader may know them). Strings that repeat
   * across items become one shared string: at a million nodes the copies of type names, report
   * ids in mentions and node ids in edge ends would otherwise be a third of the heap.
   */
  putNode(n: GraphNode, flatStrings = false, reports?: readonly Support[]): void {
    n.type = (INTERNED_TYPES.get(n.type) ?? n.type) as GraphNode['type'];
    if (!flatStrings) {
      n.id = flat(n.id);
      n.name = flat(n.name);
    }
    n.aliases = !n.aliases.length ? NO_ALIASES : flatStrings ? n.aliases : n.aliases.map(flat);
    if (isEmpty(n.props)) n.props = NO_PROPS;
    const l = this.loading;
    if (l) {
      // A node put again (only old formats can hold one) takes its first place.
      const p = this.nodes.load(n);
      if (p < l.nodes.length) l.nodes[p] = n;
      else l.nodes.push(n);
    } else this.nodes.set(n.id, n);
    for (const s of reports ?? this.reportsOf(n.mentions)) this.supports(s, 'nodes', n.id);
  }

  /** The distinct reports of an item's mentions, each mention taking the report id the graph keeps. */
  private reportsOf(mentions: MentionRef[]): Support[] {
    const out: Support[] = [];
    for (const m of mentions) {
      const s = this.support(m.reportId);
      m.reportId = s.id;
      // A report's mentions usually come together: most repeats are the one just seen.
      if (out[out.length - 1] !== s) out.push(s);
    }
    return out.length > 1 ? [...new Set(out)] : out;
  }

  putEdge(e: GraphEdge): void {
    const l = this.loading;
    if (l) return this.loadEdge(e, l);
    const had = this.edgeFor(e);
    if (had) this.dropEdges([had]);
    const source = this.nodes.get(e.source);
    const target = this.nodes.get(e.target);
    this.keepEdge(e, source, target);
    append(this.outs, e.source, e);
    append(this.ins, e.target, e);
    this.touch(e);
  }

  /** putEdge while loading: nothing is sorted or adjacent yet, and the ends are found by their places. */
  private loadEdge(e: GraphEdge, l: Loading): void {
    this.loadEdgeAt(e, this.nodes.placeOf(e.source), this.nodes.placeOf(e.target));
  }

  /**
   * putEdge inside `load` for a reader that knows the places of the edge's ends: the order in
   * which their nodes were put (-1: not a node). A snapshot names ends so, and nothing is looked up.
   * `unique`: the reader vouches that no other edge has this id, that the id is the one its
   * type and ends make, and that its mentions share its ends' (mentionAt); it is then not entered
   * in the map of ids (see `unindexed`).
   */
  loadEdgeAt(e: GraphEdge, sp: number, tp: number, unique = false): void {
    const l = this.loading;
    if (!l) throw new Error('loadEdgeAt is for use inside MemoryGraph.load');
    // A place that does not hold the end (a file that put a node twice) is looked up by id.
    if (sp >= 0 && l.nodes[sp]?.id !== e.source) sp = this.nodes.placeOf(e.source);
    if (tp >= 0 && l.nodes[tp]?.id !== e.target) tp = this.nodes.placeOf(e.target);
    const size = this.indexed.size;
    this.keepEdge(e, sp < 0 ? undefined : l.nodes[sp], tp < 0 ? undefined : l.nodes[tp], unique);
    if (!unique && this.indexed.size === size) l.replaced = true;
    loadedAt(l, sp, tp, unique ? UNIQUE : INDEXED, 0, e);
  }

  /**
   * loadEdgeAt for the most common edge of a snapshot, kept as numbers until it is read: its id
   * is the one its type and ends make, both ends are nodes (`source`, `target`: the reader's,
   * checked to be at those places), and its one mention is the whole mention list of its source
   * (`side` 0) or its target (1), which it shares (frozen, as sharedMentions does). Its properties
   * are none or `props`: an object the reader shares among the edges with the same properties,
   * frozen (a write copies it first: withProps); a column of codes says which (CARRIES_OUT edges,
   * a fifth of them at a million nodes, have two each). Returns false when the graph cannot take
   * it so (the reader then makes the edge and gives it to loadEdgeAt).
   */
  loadSharedEdgeAt(type: string, sp: number, tp: number, source: GraphNode, target: GraphNode, side: 0 | 1, props?: Record<string, PropValue>): boolean {
    const l = this.loading;
    if (!l) throw new Error('loadSharedEdgeAt is for use inside MemoryGraph.load');
    const code = this.sharedTypeCode(type);
    const pc = props ? this.sharedPropsCode(props) : 0;
    if (code === undefined || pc === undefined || l.nodes[sp] !== source || l.nodes[tp] !== target) return false;
    const end = side ? target : source;
    if (!Object.isFrozen(end.mentions)) end.mentions = Object.freeze(end.mentions) as MentionRef[];
    this.loadSharedEdgeCoded(sp, tp, side, code, pc, this.support(end.mentions[0].reportId));
    return true;
  }

  /** An edge type's code for loadSharedEdgeCoded (undefined: too many types to hold edges of as numbers). */
  sharedTypeCode(type: string): number | undefined {
    const l = this.loading;
    if (!l) throw new Error('sharedTypeCode is for use inside MemoryGraph.load');
    let code = l.typeCode.get(type);
    if (code === undefined) {
      if (l.types.length >= 255) return undefined;
      const t = INTERNED_TYPES.get(type) ?? flat(type);
      l.typeCode.set(type, (code = l.types.length));
      l.types.push(t);
    }
    return code;
  }

  /** A properties object's code for loadSharedEdgeCoded (0: none; undefined: too many to hold so); the object is frozen and kept as it is. */
  sharedPropsCode(props: Record<string, PropValue>): number | undefined {
    const l = this.loading;
    if (!l) throw new Error('sharedPropsCode is for use inside MemoryGraph.load');
    if (isEmpty(props)) return 0;
    let had = l.propsCode.get(props);
    if (had === undefined) {
      if (l.props.length > 0xffff) return undefined;
      l.propsCode.set(props, (had = l.props.length));
      l.props.push(Object.freeze(props));
    }
    if (!l.propCode) l.propCode = new Uint16Array(l.type.length);
    return had;
  }

  /**
   * loadSharedEdgeAt for a reader that has checked it all: the type and properties as codes
   * (sharedTypeCode, sharedPropsCode), the nodes at places `sp` and `tp` the reader's, the end's
   * mention list (`side`) frozen and of one mention, of report `support`. Nothing of the nodes
   * is read here: at a million nodes reading each edge's end object cost more than the rest.
   */
  loadSharedEdgeCoded(sp: number, tp: number, side: 0 | 1, type: number, props: number, support: Support): void {
    const l = this.loading;
    if (!l) throw new Error('loadSharedEdgeCoded is for use inside MemoryGraph.load');
    support.edges.push(l.count);
    loadedAt(l, sp, tp, side ? TARGET_LIST : SOURCE_LIST, type, undefined);
    if (props) l.propCode![l.count - 1] = props;
  }

  /** Where a node with this id was loaded (undefined: it was not), whether or not it is still there. */
  private placed(id: string): number | undefined {
    const p = this.nodes.placeOf(id);
    return p < 0 ? undefined : p;
  }

  /** Makes room for `n` more nodes inside `load` (see expectEdges). */
  expectNodes(n: number): void {
    if (this.loading) this.nodes.expect(n);
  }

  /** Makes room for `n` more edges inside `load` (a reader that knows how many it will put), so the columns are not grown by copies. */
  expectEdges(n: number): void {
    const l = this.loading;
    if (l && 2 * (l.count + n) > l.ends.length) growColumns(l, l.count + n);
  }

  /** The edge, with its strings shared and its mentions counted, in `edges` (its ends given when they are nodes). */
  private keepEdge(e: GraphEdge, source: GraphNode | undefined, target: GraphNode | undefined, unindexed = false): void {
    e.type = (INTERNED_TYPES.get(e.type) ?? e.type) as EdgeType;
    e.source = source?.id ?? flat(e.source);
    e.target = target?.id ?? flat(e.target);
    // A snapshot's reader made the id with edgeId; others are made flat here when they are the usual id.
    if (!unindexed) {
      const made = edgeId(e.type, e.source, e.target);
      e.id = made === e.id ? made : flat(e.id);
    }
    if (isEmpty(e.props)) e.props = NO_PROPS;
    if (!unindexed) this.indexed.set(e.id, e);
    for (const s of this.reportsOf(e.mentions)) this.supports(s, 'edges', e.id);
    // A snapshot's reader shared them already (mentionAt), a whole list of an end's too (frozen).
    if (!unindexed && !Object.isFrozen(e.mentions)) for (let i = 0; i < e.mentions.length; i++) e.mentions[i] = sharedMention(source, target, e.mentions[i]);
  }

  support(reportId: string): Support {
    // A report's items come together (a snapshot block, a write): most asks repeat the last one.
    const last = this.lastSupport;
    if (last && last.id === reportId) return last;
    let s = this.byReport.get(reportId);
    if (!s) this.byReport.set(reportId, (s = { id: flat(reportId), nodes: [], edges: [] }));
    return (this.lastSupport = s);
  }

  /** Records that report `s` states the item (the caller knows it did not before). */
  private supports(s: Support, kind: 'nodes' | 'edges', id: string): void {
    (s[kind] as string[]).push(id);
    if (this.writing?.support === s) this.writing[kind].add(id);
  }

  /** Whether report `reportId` already states the item; sets of the report's ids are made once per report written. */
  private states(reportId: string, kind: 'nodes' | 'edges', id: string): boolean {
    const s = this.byReport.get(reportId);
    if (!s) return false;
    if (this.writing?.support !== s) this.writing = { support: s, nodes: new Set(s.nodes), edges: new Set(s.edges.map((x) => (typeof x === 'number' ? this.idAt(this.col!, x) : x))) };
    return this.writing[kind].has(id);
  }

  /** Adds a node's or edge's mentions and aliases to what is already known of it. */
  mergeNode(n: GraphNode): void {
    const old = this.nodes.get(n.id);
    if (!old) return this.putNode({ ...n, aliases: [...n.aliases], mentions: n.mentions.map((m) => ({ ...m })), props: { ...n.props } });
    this.pin(old.id, old);
    const aliases = newAliases(old, n);
    if (aliases.length) old.aliases = [...old.aliases, ...aliases.map(flat)];
    for (const s of this.addMentions(old, n.mentions, (r) => this.states(r, 'nodes', old.id))) this.supports(s, 'nodes', old.id);
    old.props = withProps(old.props, n.props);
  }

  mergeEdge(e: GraphEdge): void {
    const old = this.edgeFor(e);
    if (!old) return this.putEdge({ ...e, mentions: e.mentions.map((m) => ({ ...m })), props: { ...e.props } });
    for (const s of this.addMentions(old, e.mentions, (r) => this.states(r, 'edges', old.id), old)) this.supports(s, 'edges', old.id);
    old.props = withProps(old.props, e.props);
  }

  /**
   * Adds mentions, skipping ones already there. A mention can only repeat one from the same
   * report, so the scan is needed only when the item already has mentions of that report: a hub
   * with thousands of mentions takes a new report's in constant time each. Returns the reports
   * the item had no mention of before. A list shared between an edge and its end (frozen: see
   * sharedMentions) is copied before it grows.
   */
  private addMentions(item: { mentions: MentionRef[] }, add: MentionRef[], hasReport: (reportId: string) => boolean, edge?: GraphEdge): Support[] {
    const into = Object.isFrozen(item.mentions) ? (item.mentions = [...item.mentions]) : item.mentions;
    const known = new Map<string, boolean>();
    const batch = new Set<string>();
    const fresh: Support[] = [];
    for (const m of add) {
      const key = mentionKey(m);
      if (batch.has(key)) continue;
      batch.add(key);
      let seen = known.get(m.reportId);
      if (seen === undefined) {
        known.set(m.reportId, (seen = hasReport(m.reportId)));
        if (!seen) fresh.push(this.support(m.reportId));
      }
      if (seen && into.some((x) => sameMention(x, m))) continue;
      const own = { reportId: this.support(m.reportId).id, start: m.start, end: m.end };
      into.push(edge ? sharedMention(this.nodes.get(edge.source), this.nodes.get(edge.target), own) : own);
    }
    return fresh;
  }

  /** Removes a report's mentions; nodes and edges no other report states go with them. */
  removeReport(reportId: string): void {
    const s = this.byReport.get(reportId);
    if (!s) return;
    const dropped: GraphEdge[] = [];
    for (const x of s.edges) {
      const e = this.stated(x);
      if (!e) continue;
      e.mentions = e.mentions.filter((m) => m.reportId !== reportId);
      if (!e.mentions.length) dropped.push(e);
    }
    for (const id of s.nodes) {
      const n = this.nodes.get(id);
      if (!n) continue;
      this.pin(id, n);
      n.mentions = n.mentions.filter((m) => m.reportId !== reportId);
      if (n.mentions.length) continue;
      for (const e of this.edgesAt(id, 'out')) dropped.push(e);
      for (const e of this.edgesAt(id, 'in')) dropped.push(e);
      this.nodes.delete(id);
    }
    // Their lists go with their last edge; an edgeless node's cached (empty) lists go here.
    this.dropEdges(dropped);
    for (const id of s.nodes) if (!this.nodes.has(id)) this.unsort(id);
    this.texts.delete(reportId);
    this.byReport.delete(reportId);
    if (this.lastSupport === s) this.lastSupport = undefined;
    if (this.writing?.support === s) this.writing = undefined;
  }

  /** Removes edges, filtering each end's list once: a hub losing many edges costs its degree once, not once per edge. */
  private dropEdges(edges: GraphEdge[]): void {
    const gone = new Set<GraphEdge>();
    const ends = new Set<string>();
    for (const e of edges) {
      if (gone.has(e) || !this.holds(e)) continue;
      if (this.indexed.get(e.id) === e) this.indexed.delete(e.id);
      this.unload(e);
      gone.add(e);
      ends.add(e.source);
      ends.add(e.target);
      this.touch(e);
    }
    for (const lists of [this.outs, this.ins]) {
      for (const id of ends) {
        // A loaded node's list not made yet is made without them (unload).
        const list = lists.get(id);
        if (!list) continue;
        const kept = list.filter((e) => !gone.has(e));
        if (kept.length) lists.set(id, kept);
        else lists.delete(id);
      }
    }
  }

  /**
   * Whether the edge is the graph's (not removed or replaced since): in the map of ids, or a
   * loaded edge not removed (found by numbers: no list is made).
   */
  private holds(e: GraphEdge): boolean {
    if (this.indexed.get(e.id) === e) return true;
    const c = this.col;
    if (!c || c.mapped) return false;
    return this.loadedIndex(c, e) >= 0;
  }

  /** An edge a report states (Support.edges): by id, or by its number among the loaded edges. */
  private stated(x: string | number): GraphEdge | undefined {
    if (typeof x === 'string') return this.edgeById(x);
    const c = this.col!;
    // One removed since may be back under the same id (a report written again); once the map of
    // ids is made, removals are kept there only.
    return c.dead[x] || c.mapped ? this.edgeById(this.idAt(c, x)) : this.edgeAt(c, x);
  }

  /**
   * Marks a loaded edge removed (any edge may be given: one that is not loaded is left), and
   * counts it off the loaded lists of its ends not made yet (their lists, once made, are filtered).
   */
  private unload(e: GraphEdge): void {
    const c = this.col;
    if (!c) return;
    const i = this.loadedIndex(c, e);
    if (i < 0) return;
    c.dead[i] = 1;
    if (c.how[i] !== INDEXED && !c.mapped) c.unmapped--;
    const sp = c.ends[2 * i];
    const tp = c.ends[2 * i + 1];
    if (sp >= 0 && !c.outDone[sp]) c.outDead[sp]++;
    if (tp >= 0 && !c.inDone[tp]) c.inDead[tp]++;
  }

  private touch(e: GraphEdge): void {
    this.unsort(e.source);
    this.unsort(e.target);
  }

  private unsort(id: string): void {
    this.sorted.out.delete(id);
    this.sorted.in.delete(id);
    this.sorted.both.delete(id);
  }

  /** What a report's removal takes away: edges only it states, every edge of a node only it states, and those nodes' reforms. */
  leaving(reportId: string): [GraphEdge[], string[]] {
    const s = this.byReport.get(reportId);
    const edges: GraphEdge[] = [];
    const reforms: string[] = [];
    if (!s) return [edges, reforms];
    const only = (x: { mentions: MentionRef[] }) => x.mentions.every((m) => m.reportId === reportId);
    for (const x of s.edges) {
      const e = this.stated(x);
      if (e && only(e)) edges.push(e);
    }
    for (const id of s.nodes) {
      const n = this.nodes.get(id);
      if (!n || !only(n)) continue;
      for (const e of this.edgesAt(id, 'out')) edges.push(e);
      for (const e of this.edgesAt(id, 'in')) edges.push(e);
      if (n.type === 'REFORM') reforms.push(id);
    }
    return [edges, reforms];
  }

  /** What a write will add, asked before it is applied: edges the graph lacks, and reforms it lacks or will know by a new name. */
  arriving(x: Extraction): { edges: GraphEdge[]; reforms: string[]; renamed: string[] } {
    const edges = x.edges.filter((e) => !this.edgeFor(e));
    const reforms: string[] = [];
    const renamed: string[] = [];
    for (const n of x.nodes) {
      if (n.type !== 'REFORM') continue;
      const old = this.nodes.get(n.id);
      if (!old) reforms.push(n.id);
      else if ([n.name, ...n.aliases].some((a) => a !== old.name && !old.aliases.includes(a))) renamed.push(n.id);
    }
    return { edges, reforms, renamed };
  }

  /** How many edges leave (out) or reach (in) a node. */
  degree(id: string, dir: 'in' | 'out'): number {
    const c = this.col;
    const p = c && this.placed(id);
    const lists = dir === 'out' ? this.outs : this.ins;
    // A loaded node's count is read off the columns, without making its list.
    if (p !== undefined && !(dir === 'out' ? c!.outDone : c!.inDone)[p]) {
      const start = dir === 'out' ? c!.outStart : c!.inStart;
      return (lists.get(id)?.length ?? 0) + start[p + 1] - start[p] - (dir === 'out' ? c!.outDead : c!.inDead)[p];
    }
    return lists.get(id)?.length ?? 0;
  }

  /**
   * Each edge at a node that way as its far end's id and its type, in edgesAt's order, without
   * making the loaded edges' objects or the node's list (see `list`): for walks that read only
   * ends and types (the related-reform index's upkeep), where the lists of the hubs a replayed
   * write reaches, made to be read once, cost a 1M start a second and 150 MB kept. `visit`
   * returning true stops the walk.
   */
  forEachEnd(id: string, dir: 'in' | 'out', visit: (other: string, type: EdgeType) => boolean | void): void {
    const c = this.col;
    const p = c && this.placed(id);
    const out = dir === 'out';
    // Taken first: a list a visit makes meanwhile (edgesAt) is the whole list, read below already.
    const since = (out ? this.outs : this.ins).get(id);
    if (p !== undefined && !(out ? c!.outDone : c!.inDone)[p]) {
      const start = out ? c!.outStart : c!.inStart;
      const at = out ? c!.outIdx : c!.inIdx;
      const far = out ? 1 : 0;
      for (let k = start[p]; k < start[p + 1]; k++) {
        const i = at[k];
        if (c!.dead[i]) continue;
        const e = c!.cache[i];
        if (e ? visit(out ? e.target : e.source, e.type) : visit(c!.nodes[c!.ends[2 * i + far]].id, c!.types[c!.type[i]] as EdgeType)) return;
      }
    }
    // Those written since (or the whole list, once made).
    if (since) for (const e of since) if (visit(out ? e.target : e.source, e.type)) return;
  }

  /**
   * The edges at a node in no particular order, and without keeping the id-ordered copy
   * edgesOf does: for walks over most of the graph whose answer does not depend on edge order
   * (related-reform contexts), where those copies cost seconds and hundreds of MB at 1M nodes.
   * This is the graph's own list: read it now, do not keep it across a write.
   */
  edgesAt(id: string, dir: 'in' | 'out'): readonly GraphEdge[] {
    return this.list(dir, id) ?? [];
  }

  /**
   * The other ends of a node's edges (both ways, an edge to itself once), in edge-id order: what
   * a neighbourhood walk reads. A node with few edges is ordered afresh on each call, so walks
   * over thousands of nodes leave no copies behind; a hub's order is kept (edgesOf).
   */
  *neighbours(id: string): Generator<string> {
    const outs = this.edgesAt(id, 'out');
    const ins = this.edgesAt(id, 'in');
    const edges = outs.length + ins.length > 64 ? this.edgesOf(id, 'both') : byId([...outs, ...ins.filter((e) => e.source !== id)]);
    for (const e of edges) yield e.source === id ? e.target : e.source;
  }

  edgesOf(id: string, dir: 'in' | 'out' | 'both', types?: readonly EdgeType[]): GraphEdge[] {
    const cache = this.sorted[dir];
    let all = cache.get(id);
    if (!all) {
      // An edge from a node to itself is in both of its lists: 'both' has it once.
      all = dir === 'both' ? [...this.edgesAt(id, 'out'), ...this.edgesAt(id, 'in').filter((e) => e.source !== id)] : [...this.edgesAt(id, dir)];
      cache.set(id, byId(all));
    }
    return types ? all.filter((e) => types.includes(e.type)) : all;
  }
}

/**
 * The ids a report states (see MemoryGraph.byReport); an edge a snapshot read kept as numbers
 * (loadSharedEdgeAt) is named by its number among the loaded edges until the id is asked for.
 */
export interface Support {
  id: string;
  nodes: string[];
  edges: Array<string | number>;
}

/** How a loaded edge is held: its object made when read, sharing its source's or its target's mention list. */
const SOURCE_LIST = 0;
const TARGET_LIST = 1;
/** ... or an object made at once: one the reader vouched for (not in the map of ids), or any other. */
const UNIQUE = 2;
const INDEXED = 3;

/** The loaded edges' columns, while loading and after: per edge number its ends' places (-1: not a node), type, how it is held and object, if made. */
interface EdgeColumns {
  nodes: GraphNode[];
  /** Each edge's object (undefined: made when read, from the columns). */
  cache: Array<GraphEdge | undefined>;
  count: number;
  ends: Int32Array;
  /** The edge's type as its place in `types` (an edge held as numbers only). */
  type: Uint8Array;
  /** SOURCE_LIST, TARGET_LIST, UNIQUE or INDEXED. */
  how: Uint8Array;
  types: string[];
  /** The edge's properties (an edge held as numbers only) as its place in `props` (0: none); absent while every edge has none. */
  propCode?: Uint16Array;
  /** The distinct properties of edges held as numbers, frozen (NO_PROPS first). */
  props: Array<Record<string, PropValue>>;
}

/** What `load` gathers: the nodes by place and the edges' columns as they grow. */
interface Loading extends EdgeColumns {
  typeCode: Map<string, number>;
  propsCode: Map<Record<string, PropValue>, number>;
  replaced: boolean;
}

/**
 * The loaded edges after `load`, as columns: the nodes by place (their places by id are the NodeMap's), each
 * edge's ends, type, how it is held and whether it was removed since, its object once made, and
 * per node place where its edges start in `outIdx`/`inIdx` (edge numbers), and whether its list
 * of objects has been made (`outDone`/`inDone`: from then on the list in `outs`/`ins` is the node's).
 */
interface Loaded extends EdgeColumns {
  dead: Uint8Array;
  /** Loaded edges that are live and not in `indexed`, until the map of ids is made (`mapped`). */
  unmapped: number;
  mapped: boolean;
  outStart: Int32Array;
  outIdx: Int32Array;
  inStart: Int32Array;
  inIdx: Int32Array;
  outDone: Uint8Array;
  inDone: Uint8Array;
  /** Per node place, its loaded edges removed while its list was not made (so its degree is read without making it). */
  outDead: Int32Array;
  inDead: Int32Array;
  /** The loaded edges with an end that was no node when loaded (not in that end's loaded list), by object. */
  offGrid: Map<GraphEdge, number>;
}

/** Records a loaded edge (its columns grow by doubling). */
function loadedAt(l: Loading, sp: number, tp: number, how: number, type: number, e: GraphEdge | undefined): void {
  const i = l.count++;
  if (2 * i + 2 > l.ends.length) growColumns(l, Math.max(2 * i, 1024));
  l.ends[2 * i] = sp;
  l.ends[2 * i + 1] = tp;
  l.type[i] = type;
  l.how[i] = how;
  l.cache[i] = e;
}

/** Gives the loading columns room for `edges` edges. */
function growColumns(l: Loading, edges: number): void {
  const ends = new Int32Array(2 * edges);
  ends.set(l.ends.subarray(0, 2 * l.count));
  l.ends = ends;
  const t = new Uint8Array(edges);
  t.set(l.type.subarray(0, l.count));
  l.type = t;
  const h = new Uint8Array(edges);
  h.set(l.how.subarray(0, l.count));
  l.how = h;
  if (l.propCode) {
    const pc = new Uint16Array(edges);
    pc.set(l.propCode.subarray(0, l.count));
    l.propCode = pc;
  }
  // Holes until set (read as undefined): an array made at its size, not grown by a push per edge.
  if (l.cache.length < edges) {
    const cache = new Array<GraphEdge | undefined>(edges);
    for (let i = 0; i < l.count; i++) cache[i] = l.cache[i];
    l.cache = cache;
  }
}

/**
 * Most of an edge's mentions are the very span one of its ends is mentioned at (a measure's
 * sentence, a platform's name in it): the edge takes that mention object instead of a copy
 * (mentions are never changed in place). Only ends with few mentions are searched, newest
 * first, which finds nearly all of them: half of all mention objects at a million nodes.
 */
function sharedMention(source: GraphNode | undefined, target: GraphNode | undefined, m: MentionRef): MentionRef {
  return mentionAt(source, m.reportId, m.start, m.end) ?? mentionAt(target, m.reportId, m.start, m.end) ?? m;
}

/**
 * An edge's one mention, when it is the only mention of one of its ends: that end's list itself,
 * frozen, so the two share it (a measure and its edges, most of a big graph's edges, hold one
 * list between them). Whoever adds to either list copies it first (addMentions); a removal
 * makes a new list anyway.
 */
export function sharedMentions(m: MentionRef, source: GraphNode | undefined, target: GraphNode | undefined): MentionRef[] {
  for (const end of [source, target]) {
    if (end?.mentions.length === 1 && end.mentions[0] === m) return Object.isFrozen(end.mentions) ? end.mentions : (end.mentions = Object.freeze(end.mentions) as MentionRef[]);
  }
  return [m];
}

/**
 * The end's own mention of that span, if it has few (see sharedMention): a snapshot's reader
 * asks before it makes a mention object, so the edges' mentions it shares are never made at all.
 */
export function mentionAt(end: GraphNode | undefined, reportId: string, start: number, stop: number): MentionRef | undefined {
  const list = end?.mentions;
  if (!list || list.length > 64) return undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const x = list[i];
    if (x.start === start && x.end === stop && x.reportId === reportId) return x;
  }
  return undefined;
}

const ID_PARTS = ['', ':', '', '->', ''];

/**
 * The id the pipeline gives an edge (graphBuilder.ts), as one flat string: joined, not
 * concatenated, since V8 keeps a concatenation of one-byte strings as a tree of four pieces
 * (128 bytes, and four objects for the collector) that `flat` cannot undo.
 */
export function edgeId(type: string, source: string, target: string): string {
  ID_PARTS[0] = type;
  ID_PARTS[2] = source;
  ID_PARTS[4] = target;
  return ID_PARTS.join('');
}

function byId(edges: GraphEdge[]): GraphEdge[] {
  return edges.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** fillProps on an item's properties, copying a shared value (frozen: the empty one, or loaded edges' shared properties) first. */
function withProps(old: Record<string, PropValue>, add: Record<string, PropValue>): Record<string, PropValue> {
  if (old === NO_PROPS && isEmpty(add)) return old;
  const out = old === NO_PROPS ? {} : Object.isFrozen(old) ? { ...old } : old;
  fillProps(out, add);
  return isEmpty(out) ? NO_PROPS : out;
}
