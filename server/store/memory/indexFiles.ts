import fs from 'node:fs';
import type { GraphNode } from '../../model/types';
import { emptyIndex, newKey, putContext, type ReformIndex, slotOf } from '../related';
import { BlockFileReader, BlockFileWriter, BlockReader, BlockWriter } from './binary';
import { atomicWrite } from './diskWrites';

/**
 * `search.idx` and `related.idx`: the two query indexes of one snapshot, so that the first query
 * after a start reads an index instead of building one (seconds at a million nodes). Each file
 * starts by naming its graph: the snapshot's journal sequence and checksum. An index whose graph
 * is not the snapshot being loaded (older, newer, another folder's), or that is damaged in any
 * way, is not used: the store builds that index again when it is first asked for, and saves it
 * with the next snapshot. Nodes are named by their position in the snapshot (SnapshotRead.order).
 */
export const SEARCH_INDEX = 'search.idx';
export const RELATED_INDEX = 'related.idx';
export const NO_FILE = 'there is none';
const MAGIC = Buffer.from('KGINDEX\u0001');
export type IndexKind = 'search' | 'related';
const KIND: Record<IndexKind, number> = { search: 1, related: 2 };
/** Each kind's format; a file of another is built again (search 2: posting tables read as they lie). */
const VERSION: Record<IndexKind, number> = { search: 2, related: 2 };

/** The graph an index was made from. */
export interface GraphVersion {
  seq: number;
  crc: number;
}

/** Writes an index file for the graph `version` (atomicWrite); `blocks` null writes nothing. */
export function writeIndexFile(file: string, kind: IndexKind, version: GraphVersion, blocks: BlockWriter[]): number {
  return atomicWrite(file, `the ${kind} index`, (put) => {
    const w = new BlockFileWriter(put, MAGIC);
    const head = new BlockWriter(0);
    for (const x of [VERSION[kind], KIND[kind], Math.floor(version.seq / 2 ** 32), version.seq % 2 ** 32, version.crc]) head.u(x);
    w.block(head.finish());
    for (const b of blocks) w.block(b.finish());
    w.end();
    return { bytes: w.bytes };
  }).bytes;
}

/**
 * The blocks of an index file made from `version`, or why it cannot be used (missing, made
 * from another graph, damaged). The whole file is read and checked before any of it is used.
 */
export function readIndexFile(file: string, kind: IndexKind, version: GraphVersion): { blocks: BlockReader[] } | { why: string } {
  if (!fs.existsSync(file)) return { why: NO_FILE };
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const r = new BlockFileReader(fd, MAGIC, (why) => new Error(why));
    const head = r.next();
    if (!head) return { why: 'it is empty' };
    const [v, k, hi, lo, crc] = [head.u(), head.u(), head.u(), head.u(), head.u()];
    if (v !== VERSION[kind] || k !== KIND[kind]) return { why: `it has another format (version ${v}, kind ${k})` };
    if (hi * 2 ** 32 + lo !== version.seq || crc !== version.crc) return { why: `it was made from another graph (write ${hi * 2 ** 32 + lo}, not ${version.seq}, or another snapshot)` };
    // A block's words are a view into the reader's buffer, which the next block reuses: each
    // block is kept as its own copy.
    const blocks: BlockReader[] = [];
    for (let b = r.nextCopy(); b; b = r.nextCopy()) blocks.push(b);
    return { blocks };
  } catch (e) {
    return { why: `it is damaged (${(e as Error).message})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The related-reform index as blocks: each reform and its context, by position; null when a node
 * has none. Format 2: contexts of the contract's types only (format 1 also held organisations,
 * documents and reforms, so its files are built again).
 */
export function encodeRelated(ix: ReformIndex, positionOf: (id: string) => number | undefined): BlockWriter[] | null {
  const b = new BlockWriter(1);
  for (const [id, s] of ix.slot) {
    const keys = ix.ctx[s];
    if (!keys) continue;
    const p = positionOf(id);
    if (p === undefined) return null;
    b.items++;
    b.u(p);
    b.u(keys.length);
    for (const k of keys) {
      const q = positionOf(ix.keyAt[k]);
      if (q === undefined) return null;
      b.u(q);
    }
  }
  return [b];
}

/**
 * The index encodeRelated wrote, its nodes found by position (`positions` of them); null when
 * one is missing or not a reform. Nodes are numbered by position as they are met, so no id is
 * hashed: the ids are only listed (keyAt), and looked up when a write first asks.
 */
export function decodeRelated(blocks: BlockReader[], nodeAt: (position: number) => GraphNode | undefined, positions: number): ReformIndex | null {
  const [b] = blocks;
  if (!b || blocks.length !== 1) return null;
  const ix = emptyIndex();
  // Key + 1 of each position (0: none yet).
  const keyAtPosition = new Int32Array(positions);
  for (let i = 0; i < b.items; i++) {
    const p = b.u();
    const reform = p < positions ? nodeAt(p) : undefined;
    if (reform?.type !== 'REFORM') return null;
    const n = b.u();
    // Written in the order the context keeps (id order), so it is kept as read.
    const keys = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const q = b.u();
      let k = q < positions ? keyAtPosition[q] - 1 : -1;
      if (k < 0) {
        const node = q < positions ? nodeAt(q) : undefined;
        if (!node) return null;
        k = newKey(ix, node.id);
        keyAtPosition[q] = k + 1;
      }
      keys[j] = k;
    }
    putContext(ix, slotOf(ix, reform.id), reform, keys);
  }
  return ix;
}
