import type { EdgeType, GraphEdge, GraphNode, MentionRef, PropValue } from '../../model/types';
import { type BlockReader, BlockWriter } from './binary';
import { edgeId, mentionAt, type MemoryGraph, sharedMentions, type Support } from './graph';
import { edgeMentions, NO_PROPS, NOT_A_NODE, propsAgain, propsKey, putMentions, putProps, type ReportIds, sharedProps } from './snapshotItems';

/**
 * Edges in snapshot version 6: blocks of edges as columns. Most edges of a graph (a measure's
 * edges to its section, platform, unit …) have the id their type and ends make, nodes at both
 * ends, properties many others share, and one mention: the only mention of one of their ends.
 * Such an edge is three words here (kind, source's place, target's place) and nothing else: its
 * mention is its end's, its type and properties are places in the block's tables. Version 5
 * wrote each in nine words or more, strings among them, and reading them was a third of a
 * restart at a million nodes.
 *
 * The words of a block: the types (count, then each), the properties (count, then each as
 * putProps writes them), the kinds, the sources and the targets (a column each, a word per edge),
 * then what the other edges hold besides, in their order: whether their id is another than the
 * one their type and ends make (then the id), an end that is no node (by its id), their mentions.
 */
export const EDGE_COLUMNS = 4;

// A kind word: the type's place (8 bits), the properties' place + 1 (16 bits, 0: none), then
// where the edge's one mention is: in the rest of the block (LISTED), or its source's or its
// target's only mention.
const LISTED = 0;
const SOURCE_ONLY = 1;
const TARGET_ONLY = 2;
/** A block is cut at this many edges (or when its tables are full). */
const BLOCK_EDGES = 1 << 16;
const MAX_TYPES = 0x100;
const MAX_PROPS = 0xfff0;

/** Writes edges (in the order given) as blocks of columns, handing each block to `emit`. */
export class EdgeColumnsWriter {
  private readonly types = new Map<string, number>();
  /** The block's properties by object (most edges with properties share one), then by what they hold. */
  private readonly propsOf = new Map<Record<string, PropValue>, number>();
  private readonly propsByKey = new Map<string, number>();
  private readonly propsList: Array<Record<string, PropValue>> = [];
  private kinds: number[] = [];
  private sources: number[] = [];
  private targets: number[] = [];
  /** The LISTED edges, in order. */
  private listed: GraphEdge[] = [];

  /** `place`: each node's place among the snapshot's nodes. */
  constructor(private readonly nodes: ReadonlyMap<string, GraphNode>, private readonly place: ReadonlyMap<string, number>, private readonly emit: (block: Buffer) => void) {}

  add(e: GraphEdge): void {
    if (this.kinds.length >= BLOCK_EDGES || (this.types.size >= MAX_TYPES && !this.types.has(e.type)) || this.propsList.length >= MAX_PROPS) this.flush();
    let type = this.types.get(e.type);
    if (type === undefined) this.types.set(e.type, (type = this.types.size));
    const sp = this.place.get(e.source) ?? NOT_A_NODE;
    const tp = this.place.get(e.target) ?? NOT_A_NODE;
    let how = LISTED;
    if (sp !== NOT_A_NODE && tp !== NOT_A_NODE && e.mentions.length === 1 && e.id === edgeId(e.type, e.source, e.target)) {
      const m = e.mentions[0];
      if (onlyMention(this.nodes.get(e.source)!, m)) how = SOURCE_ONLY;
      else if (onlyMention(this.nodes.get(e.target)!, m)) how = TARGET_ONLY;
    }
    this.kinds.push((type | (this.propsPlace(e.props) << 8) | (how << 24)) >>> 0);
    this.sources.push(sp);
    this.targets.push(tp);
    if (how === LISTED) this.listed.push(e);
  }

  /** Writes the edges added since the last block as a block. */
  flush(): void {
    const n = this.kinds.length;
    if (!n) return;
    const b = new BlockWriter(EDGE_COLUMNS);
    b.items = n;
    b.u(this.types.size);
    for (const t of this.types.keys()) b.str(t);
    b.u(this.propsList.length);
    for (const p of this.propsList) putProps(b, p);
    b.array(Uint32Array.from(this.kinds));
    b.array(Uint32Array.from(this.sources));
    b.array(Uint32Array.from(this.targets));
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (this.kinds[i] >>> 24 !== LISTED) continue;
      const e = this.listed[j++];
      if (e.id === edgeId(e.type, e.source, e.target)) b.u(0);
      else {
        b.u(1);
        b.str(e.id);
      }
      if (this.sources[i] === NOT_A_NODE) b.str(e.source);
      if (this.targets[i] === NOT_A_NODE) b.str(e.target);
      putMentions(b, e.mentions);
    }
    this.emit(b.finish());
    this.types.clear();
    this.propsOf.clear();
    this.propsByKey.clear();
    this.propsList.length = 0;
    this.kinds = [];
    this.sources = [];
    this.targets = [];
    this.listed = [];
  }

  /** The properties' place in the block's table + 1 (0: none). */
  private propsPlace(p: Record<string, PropValue>): number {
    let at = this.propsOf.get(p);
    if (at !== undefined) return at;
    const keys = Object.keys(p).filter((k) => p[k] !== undefined);
    if (!keys.length) return 0;
    const key = JSON.stringify(keys.map((k) => [k, p[k]]));
    at = this.propsByKey.get(key);
    if (at === undefined) {
      this.propsList.push(p);
      this.propsByKey.set(key, (at = this.propsList.length));
    }
    this.propsOf.set(p, at);
    return at;
  }
}

function onlyMention(n: GraphNode, m: MentionRef): boolean {
  if (n.mentions.length !== 1) return false;
  const x = n.mentions[0];
  return x.start === m.start && x.end === m.end && x.reportId === m.reportId;
}

export interface EdgeColumnsReading {
  /** The nodes read so far, by place (the graph's loaded nodes: ids are unique in version 6). */
  read: GraphNode[];
  /** Per node place, the report of its one mention if it has one only (its list frozen then). */
  only: Array<Support | undefined>;
  ids: ReportIds;
  /** Properties shared by the edges held as numbers, by what they hold (see sharedProps). */
  shared: Map<string, Record<string, PropValue>>;
  damaged: (why: string) => Error;
}

/** Loads a block of EDGE_COLUMNS into `g` (inside g.load); returns how many edges it held. */
export function readEdgeColumns(b: BlockReader, g: MemoryGraph, r: EdgeColumnsReading): number {
  const types = new Array<EdgeType>(b.u());
  for (let i = 0; i < types.length; i++) types[i] = b.s() as EdgeType;
  const table = new Array<Record<string, PropValue>>(b.u());
  for (let i = 0; i < table.length; i++) table[i] = tableProps(b, r.shared);
  const n = b.items;
  const kinds = b.take(n);
  const sources = b.take(n);
  const targets = b.take(n);
  if (targets.length !== n) throw r.damaged('has a block of edges shorter than its items');
  // The graph's codes for the block's types and properties (undefined: it cannot hold more kinds as numbers).
  const typeCodes = types.map((t) => g.sharedTypeCode(t));
  const propsCodes = table.map((p) => g.sharedPropsCode(p));
  const read = r.read;
  const node = (p: number) => {
    const x = read[p];
    if (!x) throw r.damaged(`has an edge to node ${p} of ${read.length}`);
    return x;
  };
  for (let i = 0; i < n; i++) {
    const k = kinds[i];
    const type = types[k & 0xff];
    const pc = (k >>> 8) & 0xffff;
    const how = k >>> 24;
    if (type === undefined || pc > table.length || how > TARGET_ONLY) throw r.damaged(`has an edge of an unknown kind (${k})`);
    const sp = sources[i];
    const tp = targets[i];
    if (how !== LISTED) {
      if (sp >= read.length || tp >= read.length) throw r.damaged(`has an edge to node ${Math.max(sp, tp)} of ${read.length}`);
      const support = r.only[how === SOURCE_ONLY ? sp : tp];
      if (!support) throw r.damaged('has an edge that shares the only mention of a node with more or none');
      const tc = typeCodes[k & 0xff];
      const ptc = pc ? propsCodes[pc - 1] : 0;
      if (tc !== undefined && ptc !== undefined) {
        g.loadSharedEdgeCoded(sp, tp, how === SOURCE_ONLY ? 0 : 1, tc, ptc, support);
        continue;
      }
      const sn = read[sp];
      const tn = read[tp];
      const e = { id: edgeId(type, sn.id, tn.id), type, source: sn.id, target: tn.id, props: pc ? { ...table[pc - 1] } : NO_PROPS, mentions: sharedMentions((how === SOURCE_ONLY ? sn : tn).mentions[0], sn, tn) };
      g.loadEdgeAt(e, sp, tp, true);
      continue;
    }
    const written = b.u() ? b.s() : undefined;
    const sn = sp === NOT_A_NODE ? undefined : node(sp);
    const tn = tp === NOT_A_NODE ? undefined : node(tp);
    const source = sn ? sn.id : b.s();
    const target = tn ? tn.id : b.s();
    const mentions = listedMentions(b, sn, tn, r.ids);
    const e = { id: written ?? edgeId(type, source, target), type, source, target, props: pc ? { ...table[pc - 1] } : NO_PROPS, mentions };
    g.loadEdgeAt(e, sn ? sp : -1, tn ? tp : -1, written === undefined);
  }
  if (!b.done) throw r.damaged('has a block longer than its items');
  return n;
}

/** A table's properties: the one frozen object of each distinct set (sharedProps), or one of their own once too many are kept. */
function tableProps(b: BlockReader, shared: Map<string, Record<string, PropValue>>): Record<string, PropValue> {
  const at = b.position;
  const key = propsKey(b) ?? '';
  return sharedProps(b, at, key, shared) ?? Object.freeze(propsAgain(b, at));
}

/** A listed edge's mentions, each the very mention object of an end mentioned at that span, one an end's whole list where it is that (as version 5 reads them). */
function listedMentions(b: BlockReader, sn: GraphNode | undefined, tn: GraphNode | undefined, ids: ReportIds): MentionRef[] {
  const count = b.u();
  if (count !== 1) return edgeMentions(b, count, sn, tn, ids);
  const reportId = ids.edge(b.s());
  const start = b.u();
  const end = b.u();
  const m = mentionAt(sn, reportId, start, end) ?? mentionAt(tn, reportId, start, end);
  return m ? sharedMentions(m, sn, tn) : [{ reportId, start, end }];
}
