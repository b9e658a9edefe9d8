import fs from 'node:fs';
import type { EdgeType, GraphEdge, GraphNode, MentionRef, NodeType, PropValue } from '../../model/types';
import { BlockFileReader, BlockFileWriter, BlockReader, BlockWriter } from './binary';
import { atomicWrite } from './diskWrites';
import { edgeId, mentionAt, type MemoryGraph, sharedMentions } from './graph';
import { CorruptSnapshotError } from './journal';

/**
 * `graph.snap`: the graph in blocks (binary.ts) read in one pass: a header block (version,
 * journal sequence, counts), then blocks of nodes, edges and report texts, each a few thousand
 * items over its own string table, and the checksummed end. Nothing is parsed as text, so a
 * start reads it at the speed of making the objects (the line-per-item JSON before it spent
 * most of a start splitting and parsing lines). Since version 5 an edge names its ends by their
 * places among the nodes: no string to make and look up per end (version 4, which named them,
 * still opens, and is written anew in the current version).
 */
export const MAGIC = Buffer.from('KGSNAP\u0000\u0004');
export const VERSION = 5;
/** The versions readSnapshot opens. */
const READS = [4, 5];
/** An edge end that is no node (version 5): its id follows as a string. */
const NOT_A_NODE = 0xffffffff;
const HEADER = 0;
const NODES = 1;
const EDGES = 2;
const TEXTS = 3;
/** A block is cut after this many bytes of strings and words. */
const BLOCK_BYTES = 4 << 20;

// Property values carry a tag: null, false, true, a string, a number (written as its shortest text).
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const STRING = 3;
const NUMBER = 4;

export interface SnapshotRead {
  seq: number;
  /** The file's format: one older than VERSION is to be written anew. */
  version: number;
  /** The snapshot's checksum: the identity an index file names to say which graph it was made from. */
  crc: number;
  /** Node ids in the order the file holds them (index files refer to nodes by this position). */
  order: string[];
}

/** Loads the snapshot into `g` (inside g.load). */
export function readSnapshot(file: string, g: MemoryGraph): SnapshotRead {
  const damaged = (why: string) => new CorruptSnapshotError(`the graph snapshot ${file} ${why}; move it away to start from the seeds, or restore a backup`);
  const fd = fs.openSync(file, 'r');
  try {
    const r = new BlockFileReader(fd, MAGIC, damaged);
    const head = r.next();
    if (!head || head.kind !== HEADER) throw damaged('has no header');
    const version = head.u();
    if (!READS.includes(version)) throw damaged(`has an unknown format (version ${version})`);
    const seq = head.u() * 2 ** 32 + head.u();
    const want = { nodes: head.u(), edges: head.u(), texts: head.u() };
    const order: string[] = [];
    /** The nodes as read, by place: an edge's ends, whose mentions its own share. */
    const read: GraphNode[] = [];
    const ids = new ReportIds(g);
    const nodeReport = (raw: string) => ids.node(raw);
    const edgeReport = (raw: string) => ids.edge(raw);
    const placed = (p: number) => {
      if (p >= order.length) throw damaged(`has an edge to node ${p} of ${order.length}`);
      return order[p];
    };
    let edges = 0;
    let texts = 0;
    /** Per node type, the properties of the last node of that type read (see nodeProps). */
    const lastProps = new Map<string, LastProps>();
    /** Edges' properties shared among the edges kept as numbers (see sharedProps). */
    const shared = new Map<string, Record<string, PropValue>>();
    for (let b = r.next(); b; b = r.next()) {
      for (let i = 0; i < b.items; i++) {
        if (b.kind === NODES) {
          const id = b.s();
          const type = b.s() as NodeType;
          const n: GraphNode = { id, type, name: b.s(), aliases: strings(b), props: nodeProps(b, type, lastProps), mentions: mentions(b, nodeReport) };
          g.putNode(n, true);
          // The id the graph keeps (putNode may share another copy): edges' ends compare to it at once.
          order.push(n.id);
          read.push(n);
        } else if (b.kind === EDGES) {
          const written = b.u() ? b.s() : undefined;
          const type = b.s() as EdgeType;
          if (version === 4) {
            const source = b.s();
            const target = b.s();
            g.putEdge({ id: written ?? edgeId(type, source, target), type, source, target, props: props(b), mentions: mentions(b, edgeReport) });
          } else {
            const sp = b.u();
            const source = sp === NOT_A_NODE ? b.s() : placed(sp);
            const tp = b.u();
            const target = tp === NOT_A_NODE ? b.s() : placed(tp);
            const sn = sp === NOT_A_NODE ? undefined : read[sp];
            const tn = tp === NOT_A_NODE ? undefined : read[tp];
            // The properties are made once it is known whether the edge is kept as numbers (sharing them).
            const propsAt = b.position;
            const key = propsKey(b);
            let ps = key === undefined ? NO_PROPS : undefined;
            const count = b.u();
            let ms: MentionRef[];
            if (count === 1) {
              const reportId = ids.edge(b.s());
              const start = b.u();
              const end = b.u();
              const m = mentionAt(sn, reportId, start, end) ?? mentionAt(tn, reportId, start, end);
              // Most edges: the one mention of one of their ends, nothing else to them; kept as numbers.
              if (m && written === undefined && sn && tn) {
                const side = sn.mentions.length === 1 && sn.mentions[0] === m ? 0 : tn.mentions.length === 1 && tn.mentions[0] === m ? 1 : -1;
                if (side >= 0) {
                  const same = ps ?? sharedProps(b, propsAt, key!, shared);
                  if (same && g.loadSharedEdgeAt(type, sp, tp, sn, tn, side as 0 | 1, same)) {
                    edges++;
                    continue;
                  }
                }
              }
              ps ??= propsAgain(b, propsAt);
              ms = m ? sharedMentions(m, sn, tn) : [{ reportId, start, end }];
            } else {
              ms = edgeMentions(b, count, sn, tn, ids);
              ps ??= propsAgain(b, propsAt);
            }
            const e = { id: written ?? edgeId(type, source, target), type, source, target, props: ps, mentions: ms };
            // Ids in a snapshot are unique (it was written from a map of them).
            g.loadEdgeAt(e, sp === NOT_A_NODE ? -1 : sp, tp === NOT_A_NODE ? -1 : tp, written === undefined);
          }
          edges++;
        } else if (b.kind === TEXTS) {
          g.texts.set(b.s(), b.s());
          texts++;
        } else throw damaged(`has a block of an unknown kind (${b.kind})`);
      }
      if (!b.done) throw damaged('has a block longer than its items');
    }
    // The checksum was good, so a count that differs is a writer's bug, not damage on disk.
    if (order.length !== want.nodes || edges !== want.edges || texts !== want.texts) {
      throw damaged(`is incomplete (${order.length}/${want.nodes} nodes, ${edges}/${want.edges} edges, ${texts}/${want.texts} texts)`);
    }
    return { seq, version, crc: r.checksum, order };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes the whole graph as the snapshot at `seq` (atomicWrite: a temp file in full, flushed,
 * renamed over the old one; on failure the old one stays). Returns its size and checksum.
 */
export function writeSnapshot(file: string, g: MemoryGraph, seq: number, version = VERSION): { bytes: number; crc: number } {
  if (!READS.includes(version)) throw new RangeError(`no snapshot version ${version}`);
  return atomicWrite(file, 'the graph snapshot', (put) => {
    const w = new BlockFileWriter(put, MAGIC);
    const head = new BlockWriter(HEADER);
    const place = new Map<string, number>();
    const end = (id: string) => {
      const p = place.get(id);
      if (p !== undefined) return b.u(p);
      b.u(NOT_A_NODE);
      b.str(id);
    };
    for (const x of [version, Math.floor(seq / 2 ** 32), seq % 2 ** 32, g.nodes.size, g.edgeCount, g.texts.size]) head.u(x);
    w.block(head.finish());
    let b = new BlockWriter(NODES);
    const item = (kind: number) => {
      if (b.kind !== kind || b.size > BLOCK_BYTES) {
        if (b.items) w.block(b.finish());
        b = new BlockWriter(kind);
      }
      b.items++;
    };
    for (const n of g.nodes.values()) {
      if (version > 4) place.set(n.id, place.size);
      item(NODES);
      b.str(n.id);
      b.str(n.type);
      b.str(n.name);
      b.u(n.aliases.length);
      for (const a of n.aliases) b.str(a);
      putProps(b, n.props);
      putMentions(b, n.mentions);
    }
    for (const e of g.edges.values()) {
      item(EDGES);
      // Most ids say again what the edge is (a third of the file): those are left out.
      if (e.id === edgeId(e.type, e.source, e.target)) b.u(0);
      else {
        b.u(1);
        b.str(e.id);
      }
      b.str(e.type);
      if (version === 4) {
        b.str(e.source);
        b.str(e.target);
      } else {
        end(e.source);
        end(e.target);
      }
      putProps(b, e.props);
      putMentions(b, e.mentions);
    }
    for (const [id, text] of g.texts) {
      item(TEXTS);
      b.str(id);
      b.str(text);
    }
    if (b.items) w.block(b.finish());
    return { crc: w.end(), bytes: w.bytes };
  });
}

// What most items hold: shared while reading (the graph swaps in its own shared empty values).
const NONE = Object.freeze([]) as unknown as string[];
const NO_PROPS = Object.freeze({}) as Record<string, PropValue>;

function strings(b: BlockReader): string[] {
  const n = b.u();
  if (!n) return NONE;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = b.s();
  return out;
}

/**
 * Report ids as the graph keeps them (MemoryGraph.support), asked once per run of mentions of one
 * report: mentions are made with the graph's string (putNode and keepEdge would swap it in), and
 * comparing them (support, mentionAt) is then comparing a pointer, not the characters.
 */
class ReportIds {
  private raw?: string;
  private kept = '';

  constructor(private readonly g: MemoryGraph) {}

  /** A node's mention's report: made now if new, as putNode would make it next. */
  node(raw: string): string {
    if (raw !== this.raw) {
      this.kept = this.g.support(raw).id;
      this.raw = raw;
    }
    return this.kept;
  }

  /** An edge's: the graph's string when it has the report, else the one read (keepEdge makes the report). */
  edge(raw: string): string {
    if (raw === this.raw) return this.kept;
    const s = this.g.byReport.get(raw);
    if (!s) return raw;
    this.raw = raw;
    return (this.kept = s.id);
  }
}

function mentions(b: BlockReader, report: (raw: string) => string): MentionRef[] {
  const n = b.u();
  const out = new Array<MentionRef>(n);
  for (let i = 0; i < n; i++) out[i] = { reportId: report(b.s()), start: b.u(), end: b.u() };
  return out;
}

/** An edge's `n` mentions (not one: see readSnapshot), each the very mention object of an end mentioned at that span where there is one (MemoryGraph.keepEdge). */
function edgeMentions(b: BlockReader, n: number, source: GraphNode | undefined, target: GraphNode | undefined, ids: ReportIds): MentionRef[] {
  const out = new Array<MentionRef>(n);
  for (let i = 0; i < n; i++) {
    const reportId = ids.edge(b.s());
    const start = b.u();
    const end = b.u();
    out[i] = mentionAt(source, reportId, start, end) ?? mentionAt(target, reportId, start, end) ?? { reportId, start, end };
  }
  return out;
}

function props(b: BlockReader): Record<string, PropValue> {
  const n = b.u();
  if (!n) return NO_PROPS;
  const out: Record<string, PropValue> = {};
  for (let i = 0; i < n; i++) {
    const k = b.s();
    const tag = b.u();
    out[k] = tag === NULL ? null : tag === FALSE ? false : tag === TRUE ? true : tag === STRING ? b.s() : Number(b.s());
  }
  return out;
}

/**
 * Passes over an item's properties, giving a text that tells them apart (undefined: none), so
 * that edges with the same ones can share one object (sharedProps).
 */
function propsKey(b: BlockReader): string | undefined {
  const n = b.u();
  if (!n) return undefined;
  let key = '';
  for (let i = 0; i < n; i++) {
    const k = b.s();
    const tag = b.u();
    // Each string after its length: no two lists of properties give the same text.
    if (tag >= STRING) {
      const v = b.s();
      key += `${k.length}:${k}${tag}${v.length}:${v}`;
    } else key += `${k.length}:${k}${tag}`;
  }
  return key;
}

interface LastProps {
  block: BlockReader;
  at: number;
  words: number;
  props: Record<string, PropValue>;
}

/**
 * A node's properties: the very object of the last node of its type read when they are the same
 * words of the same block (so the same keys, in the same order, and values), frozen then so that
 * a write copies it first (withProps). Nodes come by report, and a report's measures of one
 * section have the same properties: at a million nodes 720 thousand measures have 40 thousand
 * distinct ones.
 */
function nodeProps(b: BlockReader, type: string, last: Map<string, LastProps>): Record<string, PropValue> {
  const at = b.position;
  const n = b.u();
  if (!n) return NO_PROPS;
  for (let i = 0; i < n; i++) {
    b.u();
    if (b.u() >= STRING) b.u();
  }
  const words = b.position - at;
  const had = last.get(type);
  if (had && had.block === b && had.words === words && b.wordsEqual(had.at, at, words)) {
    if (!Object.isFrozen(had.props)) Object.freeze(had.props);
    return had.props;
  }
  const props = propsAgain(b, at);
  b.seek(at + words);
  last.set(type, { block: b, at, words, props });
  return props;
}

/** The properties at word `at`, read again (the reader stays where it was). */
function propsAgain(b: BlockReader, at: number): Record<string, PropValue> {
  const after = b.position;
  b.seek(at);
  const out = props(b);
  b.seek(after);
  return out;
}

/** The one object of the properties at word `at` (their `key`), shared by every edge with the same (undefined: too many kinds to keep). */
function sharedProps(b: BlockReader, at: number, key: string, shared: Map<string, Record<string, PropValue>>): Record<string, PropValue> | undefined {
  let out = shared.get(key);
  if (!out) {
    if (shared.size >= 0xffff) return undefined;
    shared.set(key, (out = Object.freeze(propsAgain(b, at))));
  }
  return out;
}

function putMentions(b: BlockWriter, ms: readonly MentionRef[]): void {
  b.u(ms.length);
  for (const m of ms) {
    b.str(m.reportId);
    b.u(m.start);
    b.u(m.end);
  }
}

function putProps(b: BlockWriter, p: Record<string, PropValue>): void {
  const keys = Object.keys(p).filter((k) => p[k] !== undefined);
  b.u(keys.length);
  for (const k of keys) {
    const v = p[k];
    b.str(k);
    if (v === null) b.u(NULL);
    else if (typeof v === 'boolean') b.u(v ? TRUE : FALSE);
    else if (typeof v === 'number') {
      b.u(NUMBER);
      b.str(String(v));
    } else {
      b.u(STRING);
      b.str(String(v));
    }
  }
}
