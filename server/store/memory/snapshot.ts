import fs from 'node:fs';
import type { EdgeType, GraphEdge, GraphNode, MentionRef, NodeType, PropValue } from '../../model/types';
import { BlockFileReader, BlockFileWriter, BlockReader, BlockWriter } from './binary';
import { atomicWrite } from './diskWrites';
import { edgeId, mentionAt, type MemoryGraph, sharedMentions, type Support } from './graph';
import { CorruptSnapshotError } from './journal';
import { EDGE_COLUMNS, EdgeColumnsWriter, readEdgeColumns } from './snapshotEdges';
import { edgeMentions, type LastProps, mentions, NO_PROPS, nodeMentions, nodeProps, NOT_A_NODE, props, propsAgain, propsKey, putMentions, putProps, ReportIds, sharedProps, strings } from './snapshotItems';

/**
 * `graph.snap`: the graph in blocks (binary.ts) read in one pass: a header block (version,
 * journal sequence, counts), then blocks of nodes, edges and report texts, each a few thousand
 * items over its own string table, and the checksummed end. Nothing is parsed as text, so a
 * start reads it at the speed of making the objects (the line-per-item JSON before it spent
 * most of a start splitting and parsing lines). Since version 5 an edge names its ends by their
 * places among the nodes: no string to make and look up per end; since version 6 edges are in
 * blocks of columns (snapshotEdges.ts), most of them three words. Versions 4 (ends named by id)
 * and 5 still open, and are written anew in the current version.
 */
export const MAGIC = Buffer.from('KGSNAP\u0000\u0004');
export const VERSION = 6;
/** The versions readSnapshot opens. */
const READS = [4, 5, 6];
const HEADER = 0;
const NODES = 1;
const EDGES = 2;
const TEXTS = 3;
/** A block is cut after this many bytes of strings and words. */
const BLOCK_BYTES = 4 << 20;

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
    // Room for every edge at once (an edge takes 12 bytes of the file at least: a damaged count asks no more than the file could hold).
    const bytes = fs.fstatSync(fd).size;
    g.expectEdges(Math.min(want.edges, Math.floor(bytes / 12)));
    // A node takes 24 bytes at least (id, type, name, and counts of aliases, properties, mentions).
    g.expectNodes(Math.min(want.nodes, Math.floor(bytes / 24)));
    const order: string[] = [];
    /** The nodes as read, by place: an edge's ends, whose mentions its own share. */
    const read: GraphNode[] = [];
    const ids = new ReportIds(g, damaged);
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
    /** Per node place (version 6), the report of its one mention (frozen), if it has one only: what edges of columns share. */
    const only: Array<Support | undefined> = [];
    /** The distinct reports of the node being read (see nodeMentions). */
    const reports: Support[] = [];
    for (let b = r.next(); b; b = r.next()) {
      if (b.kind === EDGE_COLUMNS && version >= 6) {
        edges += readEdgeColumns(b, g, { read, only, ids, shared, damaged });
        continue;
      }
      for (let i = 0; i < b.items; i++) {
        if (b.kind === NODES) {
          const id = b.s();
          const type = b.s() as NodeType;
          const n: GraphNode = { id, type, name: b.s(), aliases: strings(b), props: nodeProps(b, type, lastProps), mentions: nodeMentions(b, ids, reports) };
          const size = g.nodes.size;
          g.putNode(n, true, reports);
          if (version >= 6) {
            // Written from a map of nodes: an id twice is damage (edges name nodes by their places).
            if (g.nodes.size === size) throw damaged(`has node ${id} twice`);
            if (n.mentions.length === 1) {
              n.mentions = Object.freeze(n.mentions) as MentionRef[];
              only.push(reports[0]);
            } else only.push(undefined);
          }
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
    if (version >= 6) {
      if (b.items) w.block(b.finish());
      b = new BlockWriter(TEXTS);
      const columns = new EdgeColumnsWriter(g.nodes, place, (x) => w.block(x));
      for (const e of g.edges.values()) columns.add(e);
      columns.flush();
    } else for (const e of g.edges.values()) {
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
